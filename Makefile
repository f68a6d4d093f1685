# yizhan — make run (serve the demo), make test (everything CI runs).
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
export DJANGO_SETTINGS_MODULE ?= config.settings.dev
PG_URL ?= postgres://yizhan:yizhan@127.0.0.1:5432/yizhan
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run test quicktest test-sqlite test-postgres lint typecheck migrations-check \
        contracts browser vendor bench clean

$(BIN)/activate: requirements.txt requirements-dev.txt
	@command -v $(PY) >/dev/null || { echo "需要 Python 3.11 ($(PY))"; exit 1; }
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $(BIN)/activate

## setup: create .venv, install pinned dependencies, migrate SQLite, load the demo (idempotent)
setup: $(BIN)/activate
	mkdir -p var
	$(PYTHON) manage.py migrate --noinput -v0
	$(PYTHON) manage.py load_demo
	$(PYTHON) manage.py generate_demo --cases 5000 --if-empty --no-progress

## run: setup, then serve http://127.0.0.1:8000 with the task worker and the scheduler beside it
run: setup
	trap 'kill 0' EXIT; \
	$(PYTHON) manage.py db_worker --no-reload -v0 & \
	$(PYTHON) manage.py run_schedule & \
	$(PYTHON) manage.py runserver $(HOST):$(PORT)

## test: lint, types, migrations check, contracts, the suite on SQLite and on PostgreSQL
test: $(BIN)/activate lint typecheck migrations-check contracts test-sqlite test-postgres

## quicktest: the suite on SQLite without slow and browser tests
quicktest: $(BIN)/activate
	$(BIN)/pytest -m "not slow and not browser" -n 2

test-sqlite: $(BIN)/activate
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest -n 2

test-postgres: $(BIN)/activate
	@if [ -z "$$SKIP_POSTGRES" ]; then \
	  DJANGO_SETTINGS_MODULE=config.settings.test DATABASE_URL=$(PG_URL) \
	    $(BIN)/pytest -n 2 -m "not browser"; \
	else echo "SKIP_POSTGRES set: PostgreSQL run skipped"; fi

PY_SOURCES := yizhan config bench tests manage.py conftest.py

lint: $(BIN)/activate
	$(BIN)/ruff check $(PY_SOURCES)
	$(BIN)/ruff format --check $(PY_SOURCES)

typecheck: $(BIN)/activate
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/mypy yizhan config bench

migrations-check: $(BIN)/activate
	DJANGO_SETTINGS_MODULE=config.settings.test $(PYTHON) manage.py makemigrations --check --dry-run

contracts: $(BIN)/activate
	$(BIN)/lint-imports

## vendor: refresh front-end assets from the npm registry (committed; make run needs no npm)
vendor:
	bash frontend/vendor.sh

## bench: the filing benchmark against a local server (see bench/filing.py)
bench: setup
	$(PYTHON) bench/filing.py

clean:
	rm -rf var/db.sqlite3* .mypy_cache .ruff_cache
