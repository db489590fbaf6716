#!/usr/bin/env bash
# `make try-install`: installs the plugins into a fresh Backstage app the way a platform engineer
# would, following the README's "Installing the plugins in a Backstage app" step for step, and
# checks that they work there.
#
#   1. builds the four packages and packs them as a publisher would (`yarn pack`, which runs
#      `backstage-cli package prepack`), in dependency order;
#   2. creates an app with @backstage/create-app in a temporary directory (--skip-install), with
#      the one version pin the registry's copy of that release needs (@backstage/backend-defaults
#      ^0.19.0: create-app writes a range that mixes 0.18 with plugins that need 0.19);
#   3. installs the tarballs as the README says to before the packages are on a registry:
#      `resolutions` to `file:` tarballs, then `yarn --cwd packages/backend add` and
#      `yarn --cwd packages/app add`;
#   4. adds `backend.add(import(...))` to packages/backend/src/index.ts (the frontend plugin is
#      discovered: the app has `app.packages: all`);
#   5. checks that `backstage-cli config:check --strict` rejects a bad `wellArchitected` value
#      and accepts a good one;
#   6. starts the app (`yarn start`) on free ports, checks the API with curl and the roles page
#      and a System's reviewers card in Chromium, then stops it.
#
# Takes many minutes: the app's install compiles better-sqlite3 and other native modules (19
# minutes in all on a busy 2-core machine, 10 of them the install). The app is left in the
# printed directory when a step fails, and removed after a run that passes unless
# TRY_INSTALL_KEEP=1. Ports: TRY_INSTALL_APP_PORT (3613) and TRY_INSTALL_BACKEND_PORT (7613).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash "$repo_root/scripts/install.sh"
cd "$repo_root"

create_app_version=0.9.2
app_port=${TRY_INSTALL_APP_PORT:-3613}
backend_port=${TRY_INSTALL_BACKEND_PORT:-7613}
chromium=${TRY_INSTALL_CHROMIUM:-/usr/bin/chromium}
work=$(mktemp -d /tmp/well-architected-try-install.XXXXXX)
app=$work/app
log=$work/logs
mkdir -p "$log"
started=$(date +%s)
summary=()

step() { echo "=== try-install: $*"; }
ok() {
  echo "ok: $*"
  summary+=("ok: $*")
}
fail() {
  echo "try-install FAILED: $*" >&2
  echo "the app and the logs are in $work" >&2
  exit 1
}
# Runs a command with its output in a log file; on failure shows the end of it.
logged() {
  local name=$1
  shift
  if ! "$@" >"$log/$name.log" 2>&1; then
    tail -n 40 "$log/$name.log" >&2
    fail "$name (log: $log/$name.log)"
  fi
}

for port in "$app_port" "$backend_port"; do
  if curl -s -o /dev/null "http://localhost:$port"; then
    fail "port $port is taken; set TRY_INSTALL_APP_PORT / TRY_INSTALL_BACKEND_PORT"
  fi
done
source "$repo_root/scripts/chromium.sh"
ensure_chromium "$chromium" || fail "no Chromium at $chromium (Debian: apt-get install chromium)"

# 1. Build and pack, in dependency order. The packages' builds read the type declarations that
# tsc writes to dist-types/.
step "building and packing the packages into $work/tarballs"
packages=(
  backstage-plugin-well-architected-common
  backstage-plugin-well-architected-node
  backstage-plugin-well-architected-backend
  backstage-plugin-well-architected
)
mkdir -p "$work/tarballs"
logged tsc yarn tsc
for pkg in "${packages[@]}"; do
  logged "build-$pkg" yarn workspace "$pkg" build
  logged "pack-$pkg" yarn workspace "$pkg" pack --out "$work/tarballs/$pkg-0.1.0.tgz"
  ok "packed $pkg ($(tar -tzf "$work/tarballs/$pkg-0.1.0.tgz" | wc -l) files)"
done

# 2. A fresh app.
step "creating an app with @backstage/create-app@$create_app_version in $app"
(cd "$work" && export BACKSTAGE_APP_NAME=wa-try-install &&
  logged create-app npx --yes "@backstage/create-app@$create_app_version" --skip-install --path app)
# create-app cannot fetch its yarn.lock seed here, and without it @backstage/backend-defaults
# ^0.18.0 resolves to a version the other backend plugins of the app do not work with.
node -e '
  const fs = require("fs");
  const file = process.argv[1];
  const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
  pkg.dependencies["@backstage/backend-defaults"] = "^0.19.0";
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
' "$app/packages/backend/package.json"
ok "created the app (create-app $create_app_version, backend-defaults pinned to ^0.19.0)"

# 3. The README: tarballs before the packages are on a registry, then `yarn add`.
step "installing the tarballs as the README says (resolutions, yarn add)"
mkdir -p "$app/well-architected"
cp "$work"/tarballs/*.tgz "$app/well-architected/"
node -e '
  const fs = require("fs");
  const [file, ...names] = process.argv.slice(1);
  const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
  pkg.resolutions = pkg.resolutions ?? {};
  for (const name of names) {
    pkg.resolutions[name] = `file:./well-architected/${name}-0.1.0.tgz`;
  }
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
' "$app/package.json" "${packages[@]}"
(cd "$app" && logged add-backend yarn --cwd packages/backend add backstage-plugin-well-architected-backend@^0.1.0)
ok "yarn --cwd packages/backend add backstage-plugin-well-architected-backend@^0.1.0 (the app's whole install)"
(cd "$app" && logged add-app yarn --cwd packages/app add backstage-plugin-well-architected@^0.1.0)
ok "yarn --cwd packages/app add backstage-plugin-well-architected@^0.1.0"

# 4. Wiring: the backend plugin; the frontend plugin is discovered through `app.packages: all`.
grep -q '^  packages: all' "$app/app-config.yaml" ||
  fail "the generated app-config.yaml has no 'app.packages: all'; the README's discovery step does not apply"
sed -i "s|^backend.start();|backend.add(import('backstage-plugin-well-architected-backend'));\n\nbackend.start();|" \
  "$app/packages/backend/src/index.ts"
grep -q "backstage-plugin-well-architected-backend" "$app/packages/backend/src/index.ts" ||
  fail "could not add the backend plugin to packages/backend/src/index.ts"
ok "backend.add(import('backstage-plugin-well-architected-backend')) in packages/backend/src/index.ts"

# 5. The config schema that the backend package ships is what config:check --strict reads.
step "backstage-cli config:check"
cat >"$work/bad-config.yaml" <<'YAML'
wellArchitected:
  suggestions:
    disabledRules: on-call
YAML
if (cd "$app" && yarn backstage-cli config:check --strict --config app-config.yaml \
  --config "$work/bad-config.yaml") >"$log/config-check-bad.log" 2>&1; then
  fail "config:check --strict accepted wellArchitected.suggestions.disabledRules: on-call (log: $log/config-check-bad.log)"
fi
grep -q 'wellArchitected' "$log/config-check-bad.log" ||
  fail "config:check --strict failed without naming wellArchitected (log: $log/config-check-bad.log)"
ok "config:check --strict rejects a bad wellArchitected value: $(grep -m1 'wellArchitected' "$log/config-check-bad.log" | sed 's/^ *//')"
(cd "$app" && logged config-check yarn backstage-cli config:check --strict --config app-config.yaml)
ok "config:check --strict accepts the app's config"

# 6. Start on free ports (app-config.local.yaml is read by `yarn start` after app-config.yaml).
step "starting the app: frontend on :$app_port, backend on :$backend_port"
cat >"$app/app-config.local.yaml" <<YAML
app:
  baseUrl: http://localhost:$app_port
backend:
  baseUrl: http://localhost:$backend_port
  listen:
    port: $backend_port
    host: 127.0.0.1
  cors:
    origin: http://localhost:$app_port
YAML
(cd "$app" && exec setsid yarn start) >"$log/start.log" 2>&1 &
app_pid=$!
stop_app() {
  if kill -0 "$app_pid" 2>/dev/null; then
    kill -- "-$app_pid" 2>/dev/null
    for _ in $(seq 1 20); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 -- "-$app_pid" 2>/dev/null || true
  fi
}
trap stop_app EXIT

backend_url=http://localhost:$backend_port
app_url=http://localhost:$app_port
for _ in $(seq 1 300); do
  if curl -sf -o /dev/null "$backend_url/.backstage/health/v1/readiness" &&
    curl -sf -o /dev/null "$app_url"; then
    break
  fi
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 2
done
curl -sf -o /dev/null "$backend_url/.backstage/health/v1/readiness" && curl -sf -o /dev/null "$app_url" || {
  tail -n 40 "$log/start.log" >&2
  fail "the app did not start (log: $log/start.log)"
}
ok "the app started in $(($(date +%s) - started)) s from the beginning of this run"

# The backend README's curl example, and the suggestions for the example System.
token=$(curl -sf -X POST "$backend_url/api/auth/guest/refresh" | node -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).backstageIdentity.token') ||
  fail "no guest token from $backend_url/api/auth/guest/refresh"
roles=$(curl -sf -H "Authorization: Bearer $token" "$backend_url/api/well-architected/roles?pillar=reliability&q=sre") ||
  fail "GET /api/well-architected/roles failed"
count=$(node -p 'JSON.parse(process.argv[1]).totalCount' "$roles")
[ "$count" -gt 0 ] || fail "GET /roles?pillar=reliability&q=sre returned no roles: $roles"
ok "curl GET /api/well-architected/roles?pillar=reliability&q=sre: $count role(s), $(node -p 'JSON.parse(process.argv[1]).items.map(r => r.title).join(", ")' "$roles")"

# The catalog processes the example entities shortly after start; the System card needs them.
for _ in $(seq 1 60); do
  curl -sf -o /dev/null -H "Authorization: Bearer $token" "$backend_url/api/catalog/entities/by-name/system/default/examples" && break
  sleep 2
done
suggestions=$(curl -sf -H "Authorization: Bearer $token" "$backend_url/api/well-architected/suggestions?entityRef=system:default/examples") ||
  fail "GET /api/well-architected/suggestions?entityRef=system:default/examples failed"
ok "curl GET /api/well-architected/suggestions?entityRef=system:default/examples: $(node -p 'JSON.parse(process.argv[1]).suggestions.map(s => s.roleTitle).join(", ")' "$suggestions")"

TRY_INSTALL_APP_URL=$app_url TRY_INSTALL_CHROMIUM=$chromium TRY_INSTALL_SCREENSHOTS=$work \
  node scripts/try-install-browser.mjs "$suggestions" >"$log/browser.log" 2>&1 || {
  cat "$log/browser.log" >&2
  fail "the browser checks failed (screenshots in $work)"
}
while read -r line; do ok "$line"; done <"$log/browser.log"

stop_app
trap - EXIT
sleep 1
if curl -s -o /dev/null "$backend_url" || curl -s -o /dev/null "$app_url"; then
  fail "the app still answers after it was stopped"
fi
ok "stopped the app"

echo
echo "=== try-install passed in $(($(date +%s) - started)) s"
printf '%s\n' "${summary[@]}"
if [ "${TRY_INSTALL_KEEP:-}" = 1 ]; then
  echo "the app is in $app"
else
  rm -rf "$work"
fi
