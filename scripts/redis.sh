#!/usr/bin/env bash
# The project's own Redis, django-q2's broker and the shared cache under `make prod`
# (REDIS_URL): Debian's package (installed when missing), 127.0.0.1 only, port
# REDIS_PORT (default 6390), its files under var/redis.
#   scripts/redis.sh start|stop|status
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PORT="${REDIS_PORT:-6390}"
DATA_DIR="$VAR_DIR/redis-$PORT"
PID_FILE="$VAR_DIR/redis-$PORT.pid"
LOG="$LOG_DIR/redis-$PORT.log"

ensure_installed() {
    command -v redis-server >/dev/null && return 0
    if [ "$(id -u)" != 0 ]; then
        fail "redis-server ontbreekt. Installeer het Debian-pakket 'redis-server' of zet REDIS_URL naar een bestaande Redis."
    fi
    say "Redis installeren (Debian-pakket redis-server)..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
    # The package starts a system-wide Redis on 6379; this project runs its own.
    if command -v systemctl >/dev/null && systemctl is-active --quiet redis-server 2>/dev/null; then
        systemctl stop redis-server || true
    fi
    command -v redis-server >/dev/null || fail "redis-server kon niet worden geinstalleerd."
}

running() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

start() {
    ensure_installed
    if running; then say "Redis draait al op 127.0.0.1:$PORT."; return 0; fi
    if port_in_use "$PORT"; then
        fail "poort $PORT is al in gebruik; kies een andere met REDIS_PORT=... (of zet REDIS_URL)."
    fi
    mkdir -p "$DATA_DIR"
    # Persistence: Redis's built-in default (RDB snapshots into DATA_DIR, no append-only
    # file) is enough: the cache may be lost at any time, and django-q2 keeps results and
    # failures in PostgreSQL; only tasks queued in the last minutes before a crash could
    # be lost. No system service, no daemonizing: this script owns the process.
    local user=()
    if [ "$(id -u)" = 0 ]; then
        # Redis needs no root; setpriv execs in place, so the pid below is Redis's own.
        chown -R nobody:nogroup "$DATA_DIR"
        user=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
    fi
    nohup "${user[@]}" redis-server --bind 127.0.0.1 --port "$PORT" --dir "$DATA_DIR" \
        --daemonize no >"$LOG" 2>&1 &
    echo $! >"$PID_FILE"
    wait_for 10 redis port_in_use "$PORT" || fail "Redis start niet; zie $LOG."
    say "Redis draait op 127.0.0.1:$PORT."
}

stop() {
    if running; then
        kill "$(cat "$PID_FILE")"
        # SIGTERM makes Redis save once and exit; wait so a restart finds the port free.
        wait_for 10 redis-stop bash -c "! kill -0 $(cat "$PID_FILE") 2>/dev/null" || true
        rm -f "$PID_FILE"
        say "Redis gestopt."
    fi
}

status() {
    if running; then say "Redis: draait op 127.0.0.1:$PORT"; else say "Redis: gestopt"; return 1; fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "gebruik: $0 start|stop|status" >&2; exit 2 ;;
esac
