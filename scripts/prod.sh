#!/usr/bin/env bash
# `make prod`: the production rehearsal on this machine. The production settings under
# gunicorn (static files by WhiteNoise), two django-q2 clusters on Redis, the project's
# PostgreSQL, Elasticsearch, memcached and Redis, and a local mail sink. A service whose
# address is given (DATABASE_URL, ELASTICSEARCH_URL, MEMCACHED_LOCATION, REDIS_URL,
# EMAIL_URL) is used as it is. Ctrl-C stops everything this script started.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT_DIR"

PORT="${PORT:-8000}"
PY=.venv/bin/python
[ -x .venv/bin/gunicorn ] || fail "gunicorn ontbreekt in .venv; installeer de vereisten met make run of scripts/bootstrap.sh."

if port_in_use "$PORT"; then
    fail "poort $PORT is al in gebruik; start de repetitie op een andere poort met PORT=8001 make prod."
fi

started=()
start_service() {  # start_service NAME: start scripts/NAME.sh unless it already runs
    if ! "$ROOT_DIR/scripts/$1.sh" status >/dev/null 2>&1; then
        "$ROOT_DIR/scripts/$1.sh" start
        started+=("$1")
    fi
}

pids=()
running() {  # running PID: it exists and has not exited (an unreaped child is a zombie)
    local state
    state="$(ps -o stat= -p "$1" 2>/dev/null || true)"
    [ -n "$state" ] && [ "${state:0:1}" != Z ]
}
any_alive() {
    local pid
    for pid in "$@"; do running "$pid" && return 0; done
    return 1
}
kill_tree() {  # kill_tree PID: SIGKILL to PID and every process below it
    local child
    for child in $(pgrep -P "$1"); do kill_tree "$child"; done
    kill -KILL "$1" 2>/dev/null || true
}
cleanup() {
    # A second Ctrl-C (or a signal to the whole group) must not cut the clean-up short
    # and leave clusters and nodes running.
    trap '' INT TERM
    trap - EXIT
    say ""
    say "Stoppen..."
    # gunicorn and qcluster stop their own workers on SIGTERM, after the running
    # requests and tasks (gunicorn's --graceful-timeout, django-q2's timeout).
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    # A process that has not stopped after 40 s (a task cluster stuck on a service
    # that went away) is killed with everything below it, so Ctrl-C always ends.
    local deadline=$((SECONDS + 40)) pid
    while ((SECONDS < deadline)) && any_alive "${pids[@]}"; do sleep 0.5; done
    for pid in "${pids[@]}"; do
        if running "$pid"; then
            say "Proces $pid stopt niet; geforceerd beëindigd."
            kill_tree "$pid"
        fi
    done
    wait 2>/dev/null || true
    local i
    for ((i = ${#started[@]} - 1; i >= 0; i--)); do "$ROOT_DIR/scripts/${started[i]}.sh" stop; done
}
trap cleanup INT TERM EXIT

if [ -z "${DATABASE_URL:-}" ]; then
    start_service postgres
    export DATABASE_URL="postgres://klachtenkompas@127.0.0.1:${POSTGRES_PORT:-5433}/klachtenkompas"
fi
if [ -z "${ELASTICSEARCH_URL:-}" ]; then
    # A cluster of three nodes with a replica of every shard, as in production: one node
    # may stop without search stopping. Its own ports (9270-9272 by default), so it never
    # meets the single node of `make run` and `make test` on 9250.
    export ELASTICSEARCH_NODES="${PROD_ELASTICSEARCH_NODES:-3}"
    export ELASTICSEARCH_PORT="${PROD_ELASTICSEARCH_PORT:-9270}"
    export ELASTICSEARCH_REPLICAS="${ELASTICSEARCH_REPLICAS:-1}"
    start_service elasticsearch
    hosts=()
    for ((n = 0; n < ELASTICSEARCH_NODES; n++)); do hosts+=("http://127.0.0.1:$((ELASTICSEARCH_PORT + n))"); done
    ELASTICSEARCH_URL="$(IFS=,; echo "${hosts[*]}")"
    export ELASTICSEARCH_URL
fi
if [ -z "${MEMCACHED_LOCATION:-}" ]; then
    start_service memcached
    export MEMCACHED_LOCATION="127.0.0.1:${MEMCACHED_PORT:-11311}"
fi
if [ -z "${REDIS_URL:-}" ]; then
    start_service redis
    export REDIS_URL="redis://127.0.0.1:${REDIS_PORT:-6390}/0"
fi

# Production refuses mail that stays in the process, so the rehearsal sends real SMTP to
# a local sink that writes every message to its log (aiosmtpd, a development requirement).
if [ -z "${EMAIL_URL:-}" ]; then
    MAIL_PORT="${MAIL_PORT:-8025}"
    port_in_use "$MAIL_PORT" && fail "poort $MAIL_PORT (mail) is al in gebruik; kies een andere met MAIL_PORT=... of zet EMAIL_URL."
    $PY -m aiosmtpd -n -l "127.0.0.1:$MAIL_PORT" >"$LOG_DIR/mail.log" 2>&1 &
    pids+=($!)
    wait_for 10 mail port_in_use "$MAIL_PORT" || fail "de mail-opvang start niet; zie $LOG_DIR/mail.log."
    export EMAIL_URL="smtp://127.0.0.1:$MAIL_PORT"
fi

# A secret key of this machine, made once and kept out of git (var/ is ignored).
SECRET_FILE="$VAR_DIR/secret_key"
if [ ! -s "$SECRET_FILE" ]; then
    (umask 077 && $PY -c 'import secrets; print(secrets.token_urlsafe(64))' >"$SECRET_FILE")
fi
SECRET_KEY="$(cat "$SECRET_FILE")"
export SECRET_KEY
export DJANGO_SETTINGS_MODULE=config.settings.production
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
export SITE_URL="${SITE_URL:-http://127.0.0.1:$PORT}"
export ELASTICSEARCH_INDEX_PREFIX="${ELASTICSEARCH_INDEX_PREFIX:-kk-prod}"
# No TLS in front of the rehearsal: no redirect to https. Browsers keep the Secure
# cookies on 127.0.0.1 and localhost, so signing in works over plain http there.
export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-false}"

say "Database bijwerken..."
$PY manage.py migrate --noinput
say "Statische bestanden verzamelen..."
$PY manage.py collectstatic --noinput -v 0
# The index once per database, cluster and prefix; afterwards the task clusters keep it in step.
marker="$VAR_DIR/.prod-index-$(printf '%s %s %s' "$DATABASE_URL" "$ELASTICSEARCH_URL" "$ELASTICSEARCH_INDEX_PREFIX" | md5sum | cut -c1-10)"
if [ ! -f "$marker" ]; then
    if $PY manage.py search_index --rebuild; then
        touch "$marker"
    else
        say "Let op: de zoekindex is niet opgebouwd; probeer later: manage.py search_index --rebuild"
    fi
else
    # Rebuilt when this version of the code analyses or maps complaints differently.
    $PY manage.py search_index --upgrade \
        || say "Let op: de zoekindex is niet bijgewerkt; probeer later: manage.py search_index --rebuild"
fi

# Sizing: gunicorn's rule of thumb, 2 x cores + 1 processes, each with a few threads
# (gthread): a request mostly waits on PostgreSQL or Elasticsearch, and threads are
# cheaper than processes. WEB_CONCURRENCY and WEB_THREADS override (bench/ measures).
cores="$(nproc)"
workers="${WEB_CONCURRENCY:-$((2 * cores + 1))}"
threads="${WEB_THREADS:-4}"
# Two task clusters, as on two task machines: each takes from the one Redis queue.
for n in 1 2; do
    $PY manage.py qcluster >"$LOG_DIR/qcluster-$n.log" 2>&1 &
    pids+=($!)
done
# --timeout: a worker silent for 30 s is killed and replaced (the slowest page, the
# export, streams); --max-requests: a worker is recycled now and then, so a slow leak
# cannot grow without bound; the control socket in var/, not one per user in ~/.gunicorn,
# so two rehearsals on one machine do not share it. The access log gives each request's
# time and whether the page cache served it (X-Cache: hit, miss or "-": not cacheable).
# The web processes share a pool of database connections per worker, as large as its
# threads (at most workers x threads in all); the task clusters keep their own
# persistent connections, since their workers are forked (config/settings/production.py).
DATABASE_POOL_MAX_SIZE="${DATABASE_POOL_MAX_SIZE:-$threads}" .venv/bin/gunicorn config.wsgi:application \
    --bind "127.0.0.1:$PORT" \
    --workers "$workers" --worker-class gthread --threads "$threads" \
    --timeout 30 --graceful-timeout 20 \
    --max-requests 2000 --max-requests-jitter 200 \
    --control-socket "$VAR_DIR/gunicorn-$PORT.ctl" \
    --access-logfile "$LOG_DIR/gunicorn-access.log" \
    --access-logformat '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms cache=%({x-cache}o)s' \
    --error-logfile "$LOG_DIR/gunicorn.log" &
pids+=($!)

wait_for 60 web curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz/ready" || true
say ""
say "Klachtenkompas draait in productie-instellingen ($workers gunicorn-processen x $threads threads, 2 takenclusters):"
say "  site       http://127.0.0.1:$PORT/"
say "  status     http://127.0.0.1:$PORT/healthz"
say "  mail       ${EMAIL_URL}"
say "  logboeken  $LOG_DIR/"
say "Stoppen met Ctrl-C."
# Any child that exits ends the whole run (and the trap stops the rest).
wait -n "${pids[@]}"
