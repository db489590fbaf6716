// A backend with the Well-Architected plugin alone, started in the production workspace (the
// working directory) on the benchmark's database. Its "Started in" log line shows what the
// plugin adds to a start, without the catalog and the other plugins starting on the same
// thread at the same time.
const resolve = name => require.resolve(name, { paths: [process.cwd()] });
const { createBackend } = require(resolve('@backstage/backend-defaults'));

const backend = createBackend();
backend.add(
  require(resolve('backstage-plugin-well-architected-backend')).default,
);
backend.start();
