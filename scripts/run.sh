#!/usr/bin/env bash
# `make run`: the project's PostgreSQL, Elasticsearch, memcached (rate-limit counters),
# the django-q2 task cluster and the web server together. A service whose address is
# given (DATABASE_URL, ELASTICSEARCH_URL, MEMCACHED_LOCATION) is used as it is. Ctrl-C
# stops everything this script started.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT_DIR"

export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.dev}"
PORT="${PORT:-8000}"
PY=.venv/bin/python

if port_in_use "$PORT"; then
    fail "poort $PORT is al in gebruik; start de site op een andere poort met PORT=8001 make run."
fi

started_pg=0
if [ -z "${DATABASE_URL:-}" ] && ! "$ROOT_DIR/scripts/postgres.sh" status >/dev/null 2>&1; then
    "$ROOT_DIR/scripts/postgres.sh" start
    started_pg=1
fi

started_es=0
if [ -z "${ELASTICSEARCH_URL:-}" ] && ! "$ROOT_DIR/scripts/elasticsearch.sh" status >/dev/null 2>&1; then
    "$ROOT_DIR/scripts/elasticsearch.sh" start
    started_es=1
fi

started_memcached=0
if [ -z "${MEMCACHED_LOCATION:-}" ]; then
    if ! "$ROOT_DIR/scripts/memcached.sh" status >/dev/null 2>&1; then
        "$ROOT_DIR/scripts/memcached.sh" start
        started_memcached=1
    fi
    export MEMCACHED_LOCATION="127.0.0.1:${MEMCACHED_PORT:-11311}"
fi

pids=()
cleanup() {
    trap - INT TERM EXIT
    say ""
    say "Stoppen..."
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if [ "$started_es" = 1 ]; then "$ROOT_DIR/scripts/elasticsearch.sh" stop; fi
    if [ "$started_memcached" = 1 ]; then "$ROOT_DIR/scripts/memcached.sh" stop; fi
    if [ "$started_pg" = 1 ]; then "$ROOT_DIR/scripts/postgres.sh" stop; fi
}
trap cleanup INT TERM EXIT

say "Database bijwerken..."
$PY manage.py migrate --noinput
# Demo data once per database; afterwards only the account list is shown.
marker="$VAR_DIR/.demo-loaded-$(printf '%s' "${DATABASE_URL:-postgres-${POSTGRES_PORT:-5433}}" | md5sum | cut -c1-10)"
if [ -f "$marker" ]; then
    $PY manage.py seed_demo --list
    # Rebuilt when this version of the code analyses or maps complaints differently.
    $PY manage.py search_index --upgrade || say "Let op: de zoekindex is niet bijgewerkt; probeer later: manage.py search_index --rebuild"
else
    $PY manage.py seed_demo && touch "$marker"
    $PY manage.py search_index --rebuild || say "Let op: de zoekindex is niet opgebouwd; probeer later: manage.py search_index --rebuild"
fi

$PY manage.py qcluster >"$LOG_DIR/qcluster.log" 2>&1 &
pids+=($!)
$PY manage.py runserver "127.0.0.1:$PORT" &
pids+=($!)

wait_for 60 web curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" || true
say ""
say "Klachtenkompas draait:"
say "  site       http://127.0.0.1:$PORT/"
say "  beheer     http://127.0.0.1:$PORT/admin/"
say "  status     http://127.0.0.1:$PORT/healthz"
say "  taken      http://127.0.0.1:$PORT/django-admin/django_q/ (superuser)"
say "  logboeken  $LOG_DIR/"
say "Stoppen met Ctrl-C."
# Any child that exits ends the whole run (and the trap stops the rest).
wait -n "${pids[@]}"
