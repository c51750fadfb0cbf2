# Shared helpers for the service scripts. Sourced, not run.
ROOT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VAR_DIR="$ROOT_DIR/var"
LOG_DIR="$VAR_DIR/log"
mkdir -p "$LOG_DIR"

say() { printf '%s\n' "$*"; }
fail() { printf 'FOUT: %s\n' "$*" >&2; exit 1; }

# port_in_use PORT -> 0 when something listens on 127.0.0.1:PORT
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# wait_for SECONDS DESCRIPTION COMMAND... : retry COMMAND every half second
wait_for() {
    local seconds=$1 what=$2; shift 2
    local tries=$((seconds * 2))
    while ((tries-- > 0)); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.5
    done
    return 1
}

# Run a command as the unprivileged user that owns a service's files. PostgreSQL
# refuses to run as root, so as root we run it as the "postgres" system user.
as_service_user() {
    if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}
