// A test that starts a backend (the plugin, its migrations and the dataset load) takes a second
// alone and several on a two-core machine that is also running the other suites; jest's 5 s
// default turns that into flaky failures.
jest.setTimeout(30_000);
