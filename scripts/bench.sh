#!/usr/bin/env bash
# `make bench`: builds the backend and the app for production (unless up to date), then runs the
# benchmark in bench/run.js against the local PostgreSQL and SQLite. See docs/benchmarks.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
workspace=$(bash "$repo_root/scripts/build-production.sh" | tail -n 1)
# The evaluation at 10k, 20k and 40k entities runs even when a budget of run.js was missed; the
# command fails if either did.
status=0
node "$repo_root/bench/run.js" "$workspace" || status=$?
node "$repo_root/bench/scale.js" "$workspace"
exit "$status"
