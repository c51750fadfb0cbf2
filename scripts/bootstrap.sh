#!/usr/bin/env bash
# Creates .venv/ and installs the pinned requirements. Called by make when they changed.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT_DIR"

PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null || PYTHON=python3
"$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
    || fail "Python 3.11 is nodig (gevonden: $("$PYTHON" --version 2>&1)); zet PYTHON=... naar een Python 3.11."
if [ ! -x .venv/bin/python ]; then
    say "Virtuele omgeving aanmaken in .venv/..."
    "$PYTHON" -m venv .venv
fi
say "Afhankelijkheden installeren (requirements.txt, requirements-dev.txt)..."
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
