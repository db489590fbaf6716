#!/usr/bin/env bash
# `make e2e`: the browser journeys in e2e/journeys/, in Chromium, against the real app: the
# production build of the backend serving the built frontend, on SQLite in a fresh temporary
# directory, with the example catalog and guest sign-in. Starts the backend, waits until the
# catalog has processed the examples, runs the journeys one after another (they share the
# backend's data), stops the backend, and ends with `N passed, N failed`. The journeys write
# their screenshots into docs/images/, where the README shows them.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
set +e
cd "$repo_root"

results=.test-results/e2e
rm -rf "$results" && mkdir -p "$results"

# Any failure before the journeys run is one failed test, so that CI's count shows it.
give_up() {
  echo "e2e: $1" >&2
  echo "0 passed, 1 failed"
  exit 1
}

export E2E_CHROMIUM=${E2E_CHROMIUM:-/usr/bin/chromium}
source "$repo_root/scripts/chromium.sh"
ensure_chromium "$E2E_CHROMIUM" ||
  give_up "no Chromium at $E2E_CHROMIUM (Debian: apt-get install chromium)"
export E2E_PORT=${E2E_PORT:-7207}
export E2E_BASE_URL="http://localhost:$E2E_PORT"
export E2E_REPO_ROOT="$repo_root"
if curl -s -o /dev/null "$E2E_BASE_URL"; then
  give_up "port $E2E_PORT is taken; set E2E_PORT to a free one"
fi

# The production build: the backend's bundle, which serves the built app (up to date builds are
# reused; see the script for how the built backend starts).
workspace=$(bash scripts/build-production.sh 2>"$results/build.log" | tail -n 1)
[ -d "$workspace" ] || give_up "the production build failed (log: $results/build.log)"

E2E_DATA_DIR=$(mktemp -d)
export E2E_DATA_DIR
# The catalog location the notifications journey writes to (see e2e/app-config.e2e.yaml).
echo '# no entities until a journey writes some' >"$E2E_DATA_DIR/journey-entities.yaml"
(cd "$workspace" && NODE_ENV=production exec node packages/backend \
  --config "$repo_root/app-config.yaml" --config "$repo_root/e2e/app-config.e2e.yaml") \
  >"$results/backend.log" 2>&1 &
export E2E_BACKEND_PID=$!
trap 'kill "$E2E_BACKEND_PID" 2>/dev/null; wait "$E2E_BACKEND_PID"; rm -rf "$E2E_DATA_DIR"' EXIT

if ! node e2e/wait-for-app.mjs; then
  tail -n 40 "$results/backend.log" >&2
  give_up "the app did not start (log: $results/backend.log)"
fi

node --test --test-concurrency=1 --test-timeout=180000 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$results/journeys.tap" \
  'e2e/journeys/*.test.mjs'

passed=$(sed -n 's/^# pass //p' "$results/journeys.tap")
failed=$(sed -n 's/^# fail //p' "$results/journeys.tap")
cancelled=$(sed -n 's/^# cancelled //p' "$results/journeys.tap")
[ -n "$passed" ] && [ -n "$failed" ] && [ -n "$cancelled" ] ||
  give_up "the test runner reported no results"
# A journey cut short (its file crashed, or a hook failed) did not pass either.
failed=$((failed + cancelled))
# A run that found no journey tested nothing.
if [ "$passed" -eq 0 ]; then
  echo "e2e: no journey ran" >&2
  failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
