# BorderZone: `make run` to start the system with demo data, `make test` to run the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n 2
export DJANGO_SETTINGS_MODULE ?= config.settings.dev

.PHONY: help setup run test lint format bench lock vendor messages clean

help:
	@echo "make run    set up (virtual environment, packages, database, demo data) and serve on http://$(HOST):$(PORT)"
	@echo "make test   set up and run the whole test suite"
	@echo "make setup  only set up;  make lint  ruff, ruff format --check, mypy;  make bench  benchmarks"

$(PY):
	@interpreter="$$(PYTHON="$(PYTHON)" scripts/find-python)" || exit 1; \
	echo "Creating $(VENV) with $$interpreter"; \
	"$$interpreter" -m venv $(VENV)

$(STAMP): $(PY) requirements.lock requirements-dev.lock
	$(PY) -m pip install --quiet --disable-pip-version-check uv
	$(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements.lock -r requirements-dev.lock
	touch $(STAMP)

setup: $(STAMP)
	mkdir -p var
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo

run: setup
	@echo
	@echo "  BorderZone is starting on http://$(HOST):$(PORT)/  (English: http://$(HOST):$(PORT)/en/, 中文: http://$(HOST):$(PORT)/zh-hans/)"
	@echo "  $$($(PY) -c 'import django, os; os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev"); django.setup(); from borderzone.accounts.demo import describe; print(describe())')"
	@echo "  The task worker runs beside the web server; Ctrl+C stops both."
	@echo
	@$(PY) manage.py db_worker --queue-name default & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver --noreload $(HOST):$(PORT)

test: $(STAMP)
	mkdir -p var
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_SETTINGS_MODULE=config.settings.test $(VENV)/bin/mypy borderzone config bench

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: $(STAMP)
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m bench $(BENCH_ARGS)

lock: $(PY)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile --quiet --python-version 3.12 requirements.in -o requirements.lock
	$(VENV)/bin/uv pip compile --quiet --python-version 3.12 requirements-dev.in -o requirements-dev.lock

vendor:
	scripts/vendor.sh

messages: $(STAMP)
	PY=$(PY) scripts/messages.sh

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
