#!/usr/bin/env bash
# `make test`: services up, then lint, Django's checks, the migration check and pytest.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT_DIR"

export DJANGO_SETTINGS_MODULE=config.settings.test
PY=.venv/bin/python

"$ROOT_DIR/scripts/services.sh" start

say "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
say "== manage.py check"
$PY manage.py check --fail-level WARNING
say "== makemigrations --check"
$PY manage.py makemigrations --check --dry-run
say "== pytest"
$PY -m pytest "$@"
