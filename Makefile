# casework: every set-up step lives here, so a fresh machine needs only `make serve` or `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: setup serve preview build check test lint chromium bench export clean

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## Build the site and serve it on http://127.0.0.1:8000 (rebuilds when content changes).
serve: setup
	$(BIN)/mkdocs serve --dev-addr $(HOST):$(PORT)

## A quicker preview for large sites: after a save, only the pages whose text changed are rebuilt. Other pages'
## menus and the search index can lag behind until the next full build (MkDocs' --dirty); strict mode is off.
preview: setup
	$(BIN)/mkdocs serve --dirty --no-strict --dev-addr $(HOST):$(PORT)

## Build the site into site/ (open site/index.html straight from disk: it works offline).
build: setup
	$(BIN)/mkdocs build --strict

## Check all content and list every problem.
check: setup
	$(BIN)/casework check

## Debian's chromium for the browser tests (installed when missing and we are root).
chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "chromium is missing and we are not root: browser tests will be skipped (failed under CI=true)"; fi

lint: setup
	$(BIN)/ruff check src tests $(wildcard scripts/*.py)
	$(BIN)/mypy

## Run every test: lint, types, unit, golden, build and browser tiers.
test: setup chromium lint
	$(BIN)/pytest -q

bench: setup chromium
	$(BIN)/python scripts/benchmark.py

## Zip the offline site (casework-site.zip) and export for an LMS: quiz banks as QTI (qti/) and Moodle XML
## (moodle/), and a SCORM 1.2 package per training module and for the programme (scorm/).
export: setup
	$(BIN)/casework export site --out casework-site.zip
	$(BIN)/casework export qti --out qti
	$(BIN)/casework export moodle --out moodle
	$(BIN)/casework export scorm --out scorm

clean:
	rm -rf site qti moodle scorm casework-site.zip $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
