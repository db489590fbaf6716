#!/usr/bin/env bash
# Every check of `make test`: tsc, lint, prettier, the API reports and the jest suites of all
# packages. Runs them all even when one fails, then ends with the line `N passed, N failed`: the
# jest tests, plus one for each static check. Runs once and ends whatever the caller's
# environment: jest never watches (backstage-cli would when `CI` is unset), and test databases
# never come from Docker.
#
# The store tests run on SQLite, and also on PostgreSQL and MySQL/MariaDB when their connection
# strings are set (`make test-databases` sets them). Suites that only make sense on a server
# database, shared by several processes, are named `*.servers.test.ts`; without a server they are
# left out, and the output says so.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
set +e
cd "$repo_root"

results=.test-results
rm -rf "$results" && mkdir -p "$results"
checks_passed=0
checks_failed=0
failed_checks=()

check() {
  local name=$1
  shift
  echo "=== $name"
  if "$@"; then
    checks_passed=$((checks_passed + 1))
  else
    echo "=== $name FAILED"
    checks_failed=$((checks_failed + 1))
    failed_checks+=("$name")
  fi
}

check "tsc" yarn tsc
check "lint" yarn backstage-cli repo lint
check "prettier" yarn prettier --check .
# The code generated from the OpenAPI document (the backend's typed spec, -common's wire types)
# must be what the committed document gives; after editing it, run `yarn generate:openapi`.
check "openapi generated" node scripts/openapi.mjs --check
# The committed report.api.md files must match the exported API that tsc just wrote to
# dist-types/; after changing an export, regenerate them with `yarn build:api-reports`.
check "api reports" yarn build:api-reports --ci
export BACKSTAGE_TEST_DISABLE_DOCKER=1
jest_args=(--ci --watchAll=false --json --outputFile="$results/jest.json")
if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ] &&
  [ -z "${BACKSTAGE_TEST_DATABASE_MYSQL8_CONNECTION_STRING:-}" ]; then
  jest_args+=(--testPathIgnorePatterns '/node_modules/' '\.servers\.test\.')
  left_out=$(git ls-files '*.servers.test.ts' | sed 's/^/  /')
fi
echo "=== jest"
yarn backstage-cli repo test "${jest_args[@]}"
jest_status=$?
if [ -n "${left_out:-}" ]; then
  echo "=== left out: these suites need a server database (PostgreSQL or MySQL/MariaDB) and did"
  echo "    not run; 'make test-databases' runs them on the local servers:"
  echo "$left_out"
fi

# The summary names what failed, so that the end of a long log says where to look.
node - "$results/jest.json" "$checks_passed" "$checks_failed" "$jest_status" "${failed_checks[@]}" <<'JS'
const fs = require('fs');
const path = require('path');
const [file, checksPassed, checksFailed, jestStatus, ...failedChecks] =
  process.argv.slice(2);
let passed = Number(checksPassed);
let failed = Number(checksFailed);
for (const name of failedChecks) console.log(`failed check: ${name}`);
if (fs.existsSync(file)) {
  const jest = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const suite of jest.testResults) {
    const where = path.relative(process.cwd(), suite.name);
    const tests = suite.assertionResults.filter(t => t.status === 'failed');
    for (const test of tests) console.log(`failed test: ${where} › ${test.fullName}`);
    if (suite.status === 'failed' && tests.length === 0) {
      console.log(`failed suite: ${where}: ${suite.message.split('\n').find(Boolean)}`);
    }
  }
  passed += jest.numPassedTests;
  failed += jest.numFailedTests;
  // A suite that fails to run has no failed test, but is a failure all the same.
  failed += jest.numRuntimeErrorTestSuites;
  if (jest.numTotalTests === 0) {
    console.log('jest ran no test');
    failed += 1;
  }
} else if (Number(jestStatus) !== 0) {
  console.log('jest did not report results');
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
JS
