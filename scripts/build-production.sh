#!/usr/bin/env bash
# Builds the backend for production (and the app it serves) and lays it out as a runnable
# workspace in packages/backend/dist/production/. Does nothing when the sources have not changed
# since the last build. Prints the workspace's path as its last line.
#
# It is the local equivalent of Backstage's Dockerfile: `yarn build:backend` packs the backend
# and the workspace packages it uses (built to dist/, with their publishConfig) into
# bundle.tar.gz, and builds packages/app/dist, which app-backend serves. The Dockerfile would run
# `yarn workspaces focus --all --production` for third-party modules; here the unpacked
# workspace sits inside the repository, so Node finds them in the repository's node_modules, and
# a node_modules/ of its own points the workspace package names at the packed builds.
#
# Start the built backend with a config of your own (paths in --config are relative to the
# workspace, so give absolute ones; app-config.yaml is not read unless you pass it):
#
#   repo=$PWD dir=$(bash scripts/build-production.sh | tail -n 1)
#   (cd "$dir" && NODE_ENV=production node packages/backend \
#      --config "$repo/app-config.yaml" --config "$repo/my-config.yaml")
#
# where my-config.yaml sets at least backend.listen.port, backend.baseUrl and app.baseUrl (the
# same URL: the backend serves the app) and backend.database.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$repo_root/scripts/install.sh" >&2
cd "$repo_root"

# One build at a time: a second caller waits, then finds the build up to date.
exec 9<"$repo_root/scripts/build-production.sh"
flock 9

workspace=packages/backend/dist/production
stamp=$workspace/.build-stamp

# The build depends on the sources of every workspace package (tests aside), the lockfile and
# Node's version; config files are read at start, not built in.
want="$(node --version) $(
  git ls-files --cached --others --exclude-standard -- packages plugins yarn.lock package.json \
    tsconfig.json ':!:*.test.ts' ':!:*.test.tsx' ':!:**/__testUtils__/**' ':!:**/setupTests.ts' |
    sort | while read -r file; do if [ -f "$file" ]; then sha1sum "$file"; fi; done | sha1sum | cut -c1-40
)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "production build is up to date" >&2
  echo "$repo_root/$workspace"
  exit 0
fi

echo "building the backend and the app for production" >&2
# The app build lists every file it wrote; that list is left out.
yarn build:backend 2>&1 | grep -v 'dist/static/' >&2

# The build replaced packages/backend/dist, so the workspace is unpacked afresh.
mkdir -p "$workspace/node_modules"
tar -xzf packages/backend/dist/bundle.tar.gz -C "$workspace"
for manifest in "$workspace"/packages/*/package.json "$workspace"/plugins/*/package.json; do
  name=$(node -p 'require(require("path").resolve(process.argv[1])).name' "$manifest")
  mkdir -p "$(dirname "$workspace/node_modules/$name")"
  ln -sfn "$(dirname "$(realpath "$manifest")")" "$workspace/node_modules/$name"
done

echo "$want" >"$stamp"
echo "$repo_root/$workspace"
