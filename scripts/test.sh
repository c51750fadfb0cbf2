#!/usr/bin/env bash
# `make test`: services up, then lint (ruff, the import layers), Django's checks, the
# migration check and pytest.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT_DIR"

export DJANGO_SETTINGS_MODULE=config.settings.test
PY=.venv/bin/python

"$ROOT_DIR/scripts/services.sh" start

# The browser tests drive Debian's chromium (Playwright's own browser downloads are not
# used: the machine reaches only package registries).
if ! command -v chromium >/dev/null; then
    [ "$(id -u)" = 0 ] || fail "chromium ontbreekt: installeer het Debian-pakket chromium (nodig voor de browsertests)."
    say "chromium installeren (Debian-pakket)..."
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# axe-core, which the accessibility tests inject into every page (package-lock.json pins it).
if [ ! -f node_modules/axe-core/axe.min.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    command -v npm >/dev/null || fail "npm ontbreekt: installeer Node.js (nodig voor axe-core in de toegankelijkheidstests)."
    say "axe-core installeren (npm ci)..."
    npm ci --no-audit --no-fund --loglevel=error
fi

# msgfmt checks that the committed translation catalogue matches its source.
if ! command -v msgfmt >/dev/null; then
    [ "$(id -u)" = 0 ] || fail "msgfmt ontbreekt: installeer het Debian-pakket gettext."
    say "gettext installeren (Debian-pakket)..."
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null
fi

say "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
say "== lint-imports (the layers of CONVENTIONS.md, contract in pyproject.toml)"
.venv/bin/lint-imports --no-logo
say "== manage.py check"
$PY manage.py check --fail-level WARNING
say "== makemigrations --check"
$PY manage.py makemigrations --check --dry-run
say "== pytest"
$PY -m pytest "$@"
