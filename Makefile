# The two commands: `make start` runs the app, `make test` runs every check.
# Both install what they need first (a Node >= 22 toolchain when the machine's is older, the
# vendored yarn, dependencies and native builds); see scripts/env.sh.
SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help install start test test-databases eval e2e try-install bench fix clean

help:
	@echo "make start           run the app: frontend on :3000, backend on :7007 (SQLite in .data/)"
	@echo "make test            tsc, lint, prettier and every test suite (SQLite)"
	@echo "make test-databases  the same, the store tests also on local PostgreSQL and MariaDB, server-only suites too"
	@echo "make eval            precision and recall of the suggestion rules on the evaluation catalogs"
	@echo "make e2e             the browser journeys in Chromium against the built app; screenshots"
	@echo "make try-install     pack the four packages, install them into a fresh create-app app as the README says, check it"
	@echo "make bench           the benchmark: production build on PostgreSQL and SQLite, 10,000 entities"
	@echo "make fix             format with prettier and fix lint where it can"
	@echo "make clean           remove build output, dependencies, the toolchain and local data"

install:
	@bash scripts/install.sh

start: install
	@mkdir -p .data/sqlite
	@source scripts/env.sh && yarn start

test: install
	@bash scripts/test.sh

test-databases: install
	@source scripts/test-databases.sh && bash scripts/test.sh

eval: install
	@bash scripts/eval.sh

e2e: install
	@bash e2e/run.sh

try-install: install
	@bash scripts/try-install.sh

bench: install
	@bash scripts/bench.sh

fix: install
	@source scripts/env.sh && yarn prettier --write . && yarn backstage-cli repo lint --fix

clean:
	rm -rf node_modules packages/*/node_modules plugins/*/node_modules dist-types \
	  packages/*/dist plugins/*/dist .toolchain .data .test-results bench/.work
