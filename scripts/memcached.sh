#!/usr/bin/env bash
# The project's own memcached, for the rate-limit counters (core.ratelimit): Debian's
# package (installed when missing), 127.0.0.1 only, port MEMCACHED_PORT (default 11311).
#   scripts/memcached.sh start|stop|status
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PORT="${MEMCACHED_PORT:-11311}"
PID_FILE="$VAR_DIR/memcached.pid"
LOG="$LOG_DIR/memcached.log"

ensure_installed() {
    command -v memcached >/dev/null && return 0
    if [ "$(id -u)" != 0 ]; then
        fail "memcached ontbreekt. Installeer het Debian-pakket 'memcached' of zet MEMCACHED_LOCATION naar een bestaande."
    fi
    say "memcached installeren (Debian-pakket memcached)..."
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends memcached >/dev/null
    # The package starts a system-wide memcached of its own; this project runs its own.
    if command -v systemctl >/dev/null && systemctl is-active --quiet memcached 2>/dev/null; then
        systemctl stop memcached || true
    fi
    command -v memcached >/dev/null || fail "memcached kon niet worden geinstalleerd."
}

running() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

start() {
    ensure_installed
    if running; then say "memcached draait al op 127.0.0.1:$PORT."; return 0; fi
    if port_in_use "$PORT"; then
        fail "poort $PORT is al in gebruik; kies een andere met MEMCACHED_PORT=... (of zet MEMCACHED_LOCATION)."
    fi
    local user=()
    [ "$(id -u)" = 0 ] && user=(-u nobody)  # memcached will not run as root
    nohup memcached "${user[@]}" -l 127.0.0.1 -p "$PORT" -U 0 -m 64 >"$LOG" 2>&1 &
    echo $! >"$PID_FILE"
    wait_for 10 memcached port_in_use "$PORT" || fail "memcached start niet; zie $LOG."
    say "memcached draait op 127.0.0.1:$PORT."
}

stop() {
    if running; then
        kill "$(cat "$PID_FILE")" && rm -f "$PID_FILE"
        say "memcached gestopt."
    fi
}

status() {
    if running; then say "memcached: draait op 127.0.0.1:$PORT"; else say "memcached: gestopt"; return 1; fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "gebruik: $0 start|stop|status" >&2; exit 2 ;;
esac
