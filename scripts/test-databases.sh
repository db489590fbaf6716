#!/usr/bin/env bash
# Sourced before the tests to run the store tests on this machine's PostgreSQL and MariaDB as well
# as SQLite. Starts a server that has stopped, and fails when one cannot be reached: a test run
# that was meant to cover a database must not quietly skip it.
set -euo pipefail

pg_url=${WA_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432}
mysql_url=${WA_MYSQL_URL:-mysql://backstage:backstage@127.0.0.1:3306/mysql}

wait_for() {
  local what=$1 check=$2
  for _ in $(seq 1 30); do
    if eval "$check" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "$what is unreachable; the database tests cannot run" >&2
  return 1
}

if ! pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1 && command -v pg_ctlcluster >/dev/null; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
fi
wait_for "PostgreSQL on 127.0.0.1:5432" "pg_isready -h 127.0.0.1 -p 5432"

if ! mysqladmin -h 127.0.0.1 -uroot ping >/dev/null 2>&1 && [ -x /usr/sbin/mariadbd ]; then
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || true
fi
wait_for "MariaDB on 127.0.0.1:3306" "mysqladmin -h 127.0.0.1 -uroot ping"

# TestDatabases needs a MySQL user with a password; root has none here. Create one that may
# create the per-test databases.
if [ -z "${WA_MYSQL_URL:-}" ]; then
  mysql -uroot <<'SQL'
CREATE USER IF NOT EXISTS 'backstage'@'127.0.0.1' IDENTIFIED BY 'backstage';
CREATE USER IF NOT EXISTS 'backstage'@'localhost' IDENTIFIED BY 'backstage';
GRANT ALL PRIVILEGES ON *.* TO 'backstage'@'127.0.0.1';
GRANT ALL PRIVILEGES ON *.* TO 'backstage'@'localhost';
SQL
fi

export BACKSTAGE_TEST_DISABLE_DOCKER=1
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$pg_url"
export BACKSTAGE_TEST_DATABASE_MYSQL8_CONNECTION_STRING="$mysql_url"
# The store tests fail, rather than skip, when one of these is not available.
export WELL_ARCHITECTED_REQUIRED_TEST_DATABASES=POSTGRES_15,MYSQL_8
