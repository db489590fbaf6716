#!/usr/bin/env bash
# Every check of `make test`: tsc, lint, prettier and the jest suites of all packages. Runs them
# all even when one fails, then ends with the line `N passed, N failed`: the jest tests, plus one
# for each static check.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
set +e
cd "$repo_root"

results=.test-results
rm -rf "$results" && mkdir -p "$results"
checks_passed=0
checks_failed=0

check() {
  local name=$1
  shift
  echo "=== $name"
  if "$@"; then
    checks_passed=$((checks_passed + 1))
  else
    echo "=== $name FAILED"
    checks_failed=$((checks_failed + 1))
  fi
}

check "tsc" yarn tsc
check "lint" yarn backstage-cli repo lint
check "prettier" yarn prettier --check .
echo "=== jest"
yarn backstage-cli repo test --ci --json --outputFile="$results/jest.json"
jest_status=$?

node - "$results/jest.json" "$checks_passed" "$checks_failed" "$jest_status" <<'JS'
const fs = require('fs');
const [file, checksPassed, checksFailed, jestStatus] = process.argv.slice(2);
let passed = Number(checksPassed);
let failed = Number(checksFailed);
if (fs.existsSync(file)) {
  const jest = JSON.parse(fs.readFileSync(file, 'utf8'));
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
