# Klachtenkompas. `make run` serves the site; `make test` runs the whole suite.
SHELL := /bin/bash
VENV_STAMP := .venv/.installed

.PHONY: run prod test audit services stop status lint format lock clean

$(VENV_STAMP): requirements.txt requirements-dev.txt
	scripts/bootstrap.sh
	touch $@

run: $(VENV_STAMP)
	scripts/run.sh

# The production rehearsal: gunicorn, Redis, two task clusters (scripts/prod.sh).
prod: $(VENV_STAMP)
	scripts/prod.sh

test: $(VENV_STAMP)
	scripts/test.sh

# Known vulnerabilities in the pinned requirements (pip-audit). Packages that could not be
# checked are reported with their count; STRICT=1 makes them fail the audit too.
audit: $(VENV_STAMP)
	STRICT=$(STRICT) .venv/bin/python scripts/audit.py

services:
	scripts/services.sh start

stop:
	scripts/services.sh stop

status:
	scripts/services.sh status

lint: $(VENV_STAMP)
	.venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/lint-imports --no-logo

format: $(VENV_STAMP)
	.venv/bin/ruff check --fix . && .venv/bin/ruff format .

# Recompile the pinned requirements from requirements*.in.
lock: $(VENV_STAMP)
	.venv/bin/pip install --quiet pip-tools==7.6.2
	.venv/bin/pip-compile -q --strip-extras --no-header --allow-unsafe --no-emit-find-links -o requirements.txt requirements.in
	.venv/bin/pip-compile -q --strip-extras --no-header --no-emit-find-links -o requirements-dev.txt requirements-dev.in

clean: stop
	rm -rf var/ .venv/
