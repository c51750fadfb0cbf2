#!/usr/bin/env bash
# The project's own PostgreSQL: Debian's packages (installed when missing), a data
# directory under var/postgres and a port of its own (POSTGRES_PORT, default 5433).
#   scripts/postgres.sh start|stop|status
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PORT="${POSTGRES_PORT:-5433}"
PG_DIR="$VAR_DIR/postgres"
DATA="$PG_DIR/data"
LOG="$PG_DIR/postgres.log"
DB_USER=klachtenkompas
DB_NAME=klachtenkompas

# find_bin: sets PG_BIN (and PG_DIR/DATA when they must move); fails when not installed.
find_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] || return 1
    PG_BIN="$dir"
    # As root the server runs as the "postgres" user, which may not be allowed into the
    # checkout (a clone under /root, say); then its files live under /var/tmp instead.
    if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$VAR_DIR"; then
        PG_DIR="/var/tmp/klachtenkompas-postgres-$(printf '%s' "$ROOT_DIR" | md5sum | cut -c1-10)"
        DATA="$PG_DIR/data"
        LOG="$PG_DIR/postgres.log"
    fi
}

ensure_installed() {
    find_bin && return 0
    if [ "$(id -u)" != 0 ]; then
        fail "PostgreSQL ontbreekt. Installeer het Debian-pakket 'postgresql' of zet DATABASE_URL naar een bestaande database."
    fi
    say "PostgreSQL installeren (Debian-pakket postgresql)..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    find_bin || fail "PostgreSQL kon niet worden geinstalleerd."
}

running() { [ -f "$DATA/postmaster.pid" ] && as_service_user "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

start() {
    ensure_installed
    if running; then say "PostgreSQL draait al op 127.0.0.1:$PORT."; return 0; fi
    if port_in_use "$PORT"; then
        fail "poort $PORT is al in gebruik; kies een andere met POSTGRES_PORT=... (of zet DATABASE_URL naar een bestaande database)."
    fi
    mkdir -p "$PG_DIR/run"
    if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$PG_DIR"; touch "$LOG"; chown postgres "$LOG"; fi
    if [ ! -f "$DATA/PG_VERSION" ]; then
        say "PostgreSQL-datamap aanmaken in $DATA..."
        as_service_user "$PG_BIN/initdb" -D "$DATA" -U "$DB_USER" --auth=trust \
            --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    # jit=off: the site's queries are short; compiling them costs more than it saves
    # (120 ms added to a 6-row home page query at a million complaints). The same
    # setting is advised for production in deploy/README.md.
    as_service_user "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
        -o "-p $PORT -k $PG_DIR/run -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c jit=off" \
        start >/dev/null || fail "PostgreSQL start niet; zie $LOG."
    wait_for 30 postgres "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PORT" || fail "PostgreSQL antwoordt niet op poort $PORT; zie $LOG."
    if ! "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname='$DB_NAME'" | grep -q 1; then
        "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U "$DB_USER" "$DB_NAME"
    fi
    say "PostgreSQL draait op 127.0.0.1:$PORT (database $DB_NAME)."
}

stop() {
    find_bin || return 0
    if running; then
        as_service_user "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
        say "PostgreSQL gestopt."
    fi
}

status() {
    find_bin || { say "PostgreSQL: niet geinstalleerd"; return 1; }
    if running; then say "PostgreSQL: draait op 127.0.0.1:$PORT"; else say "PostgreSQL: gestopt"; return 1; fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "gebruik: $0 start|stop|status" >&2; exit 2 ;;
esac
