# Doorbraak Leeromgeving. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT

.PHONY: help system install assets run demo test lint format bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet ".[test]"
	touch $@

install: system $(VENV)/.installed assets var/deduce-cache/.built ## Create the virtual environment and install everything

system: ## Debian libraries the site needs (WeasyPrint); needs root when they are missing
	@bash tools/install-system-deps.sh runtime || echo "Let op: installeer de pakketten hierboven om certificaten (PDF) te kunnen maken."

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/vendor/utrecht/index.css: node_modules/.installed
	mkdir -p static/vendor/utrecht
	cp node_modules/@utrecht/component-library-css/dist/index.css static/vendor/utrecht/index.css
	cp node_modules/@utrecht/component-library-css/dist/html.css static/vendor/utrecht/html.css

var/deduce-cache/.built: $(VENV)/.installed
	$(PY) -m portal.anonymisation.build_cache
	touch $@

assets: static/vendor/utrecht/index.css ## Install the front-end assets (NL Design System CSS)

demo: install ## Migrate and load the demo content (idempotent)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

run: demo ## Install, migrate, load the demo and serve on http://127.0.0.1:$(PORT)
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install ## Install what the tests need and run the whole suite
	bash tools/test.sh

lint: install ## ruff check, format check and the import layers
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

bench: install ## Benchmarks: case import and search latency (prints figures)
	$(PY) manage.py casebook_import_benchmark --count 10000
	$(PY) manage.py search_benchmark --engine database

format: install ## Format the code with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean: ## Remove the virtual environment, assets and local database
	rm -rf $(VENV) node_modules var/deduce-cache static/vendor staticfiles db.sqlite3 build *.egg-info
