#!/usr/bin/env bash
# Installs dependencies when yarn.lock, a package.json or the Node version changed since the last
# install; otherwise returns at once.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$repo_root"

stamp=node_modules/.install-stamp
manifests=$(find . -maxdepth 3 -name package.json -not -path "./node_modules/*" -not -path "./.toolchain/*" | sort)
# shellcheck disable=SC2086
want="$(node --version) $(cat yarn.lock $manifests | sha1sum | cut -c1-40)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
# The lockfile is the truth on every machine, a newcomer's and CI's alike; after changing a
# dependency, run `yarn install` yourself and commit yarn.lock.
yarn install --immutable
echo "$want" > "$stamp"
