import '@testing-library/jest-dom';

// Tests that click through a page with user-event take a few seconds on a two-core machine that
// is also running the other suites; jest's 5 s default turns that into flaky failures.
jest.setTimeout(30_000);
