# Sourced by e2e/run.sh and scripts/try-install.sh: installs Debian's Chromium on a fresh machine
# that has none, when it may (root, apt-get, and the default path asked for).
# Usage: ensure_chromium PATH
ensure_chromium() {
  local path=$1
  if [ ! -x "$path" ] && [ "$path" = /usr/bin/chromium ] && [ "$(id -u)" = 0 ] &&
    command -v apt-get >/dev/null; then
    echo "installing Debian's chromium"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null ||
      (apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null)
  fi
  [ -x "$path" ]
}
