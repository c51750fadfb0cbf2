#!/usr/bin/env bash
# The project's own Elasticsearch 8: the real server, fetched with Maven into the Maven
# cache and run bound to 127.0.0.1 (see scripts/elasticsearch/README.md).
#   scripts/elasticsearch.sh start|stop|status
# With ELASTICSEARCH_URL set, the project uses that cluster and this script starts nothing.
#
# ELASTICSEARCH_NODES=N (default 1) starts N nodes that form one cluster: node n listens
# on HTTP port ELASTICSEARCH_PORT+n-1 and transport port ELASTICSEARCH_PORT+100+n-1, with
# its home (data, logs, pid) in var/elasticsearch-cluster-<port>/node<n> (or under
# ELASTICSEARCH_HOME), each with ELASTICSEARCH_HEAP. `start` starts the nodes that are not
# running (so it also brings a stopped node back) and waits until the cluster has all N
# nodes and is at least yellow.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PORT="${ELASTICSEARCH_PORT:-9250}"
HEAP="${ELASTICSEARCH_HEAP:-1g}"
NODES="${ELASTICSEARCH_NODES:-1}"
TRANSPORT_OFFSET=100
BUILD_LOG="$LOG_DIR/elasticsearch-build.log"
PROJECT="$ROOT_DIR/scripts/elasticsearch"
JAR="$PROJECT/target/es-launcher.jar"
HINT="of wijs met ELASTICSEARCH_URL=http://host:poort naar een draaiend Elasticsearch 8-cluster"

[[ "$NODES" =~ ^[1-9][0-9]*$ ]] || fail "ELASTICSEARCH_NODES moet een positief geheel getal zijn, niet '$NODES'."

if ((NODES == 1)); then
    # One node: the layout it always had, so existing data stays usable.
    CLUSTER_HOME="${ELASTICSEARCH_HOME:-$VAR_DIR/elasticsearch}"
else
    # Per base port: a cluster's data cannot be reused by a single node or another cluster.
    CLUSTER_HOME="${ELASTICSEARCH_HOME:-$VAR_DIR/elasticsearch-cluster-$PORT}"
    CLUSTER_NAME="klachtenkompas-$PORT"
fi

http_port() { echo $((PORT + $1 - 1)); }
transport_port() { echo $((PORT + TRANSPORT_OFFSET + $1 - 1)); }
node_home() { if ((NODES == 1)); then echo "$CLUSTER_HOME"; else echo "$CLUSTER_HOME/node$1"; fi; }
node_name() { echo "${CLUSTER_NAME}-node$1"; }
pidfile() { echo "$(node_home "$1")/elasticsearch.pid"; }
logfile() { if ((NODES == 1)); then echo "$LOG_DIR/elasticsearch.log"; else echo "$(node_home "$1")/launcher.log"; fi; }

answers() { curl -fsS -m 2 "http://127.0.0.1:$(http_port "$1")/" 2>/dev/null | grep -q '"number"'; }
pid_alive() { local f; f=$(pidfile "$1"); [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; }

build() {
    # Rebuilt only when the Maven project changed; the jars are fetched into Maven's own
    # cache (~/.m2) and copied next to the launcher (scripts/elasticsearch/target/lib).
    if [ -f "$JAR" ] && [ "$JAR" -nt "$PROJECT/pom.xml" ] \
        && [ -z "$(find "$PROJECT/src" -newer "$JAR" -print -quit)" ]; then
        return 0
    fi
    command -v mvn >/dev/null || fail "Maven (mvn) ontbreekt, dus Elasticsearch kan niet worden opgehaald; installeer het Debian-pakket maven $HINT."
    say "Elasticsearch ophalen en bouwen met Maven (eenmalig, log: $BUILD_LOG)..."
    if ! timeout 900 mvn -B -q -f "$PROJECT/pom.xml" package >"$BUILD_LOG" 2>&1; then
        rm -f "$JAR"
        fail "Elasticsearch kon niet worden opgehaald of gebouwd ($(grep -m1 'ERROR' "$BUILD_LOG" | cut -c1-160)); zie $BUILD_LOG, $HINT."
    fi
}

HUNSPELL_DIR=/usr/share/hunspell

ensure_hunspell() {
    # The Dutch Hunspell dictionary (Debian's hunspell-nl) for the server's `hunspell` filter
    # with `locale: nl_NL`; installed like scripts/redis.sh installs Redis: only as root.
    [ -f "$HUNSPELL_DIR/nl.dic" ] && return 0
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
        say "Let op: het Nederlandse Hunspell-woordenboek ontbreekt (Debian-pakket hunspell-nl); Elasticsearch start zonder, het hunspell-filter met locale nl_NL werkt dan niet."
        return 0
    fi
    say "Nederlands Hunspell-woordenboek installeren (Debian-pakket hunspell-nl)..."
    # Not fatal: Elasticsearch runs without it, only the nl_NL hunspell filter is missing.
    if ! { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends hunspell-nl >/dev/null; }; then
        say "Let op: hunspell-nl kon niet worden geinstalleerd; het hunspell-filter met locale nl_NL werkt dan niet."
    fi
}

link_hunspell() {
    # Elasticsearch reads dictionaries from <config>/hunspell/<locale>/ (one .aff, .dic files).
    local dir="$1/config/hunspell/nl_NL"
    [ -f "$HUNSPELL_DIR/nl.dic" ] || return 0
    mkdir -p "$dir"
    ln -sfn "$HUNSPELL_DIR/nl.aff" "$dir/nl_NL.aff"
    ln -sfn "$HUNSPELL_DIR/nl.dic" "$dir/nl_NL.dic"
}

cluster_args() {
    ((NODES > 1)) || return 0
    local n seeds="" masters=""
    for ((n = 1; n <= NODES; n++)); do
        seeds+="${seeds:+,}127.0.0.1:$(transport_port "$n")"
        masters+="${masters:+,}$(node_name "$n")"
    done
    printf '%s\n' --transport-port "$(transport_port "$1")" --cluster-name "$CLUSTER_NAME" \
        --node-name "$(node_name "$1")" --seed-hosts "$seeds" --initial-masters "$masters"
}

start_node() {
    local n=$1 port home log
    port=$(http_port "$n"); home=$(node_home "$n"); log=$(logfile "$n")
    if pid_alive "$n" && answers "$n"; then return 0; fi
    if port_in_use "$port"; then
        fail "poort $port is al in gebruik; kies een andere met ELASTICSEARCH_PORT=... $HINT."
    fi
    if ((NODES > 1)) && port_in_use "$(transport_port "$n")"; then
        fail "transportpoort $(transport_port "$n") is al in gebruik; kies een andere met ELASTICSEARCH_PORT=... $HINT."
    fi
    mkdir -p "$home"
    link_hunspell "$home"
    local extra=()
    mapfile -t extra < <(cluster_args "$n")
    say "Elasticsearch${CLUSTER_NAME:+ node $n} starten op http://127.0.0.1:$port (heap $HEAP, log: $log)..."
    # setsid + closed descriptors: the node outlives this script without holding its
    # terminal or a CI job's output open.
    setsid java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -Djava.awt.headless=true \
        -cp "$JAR:$PROJECT/target/lib/*" nl.klachtenkompas.es.Launcher \
        --home "$home" --http-port "$port" "${extra[@]}" </dev/null >"$log" 2>&1 &
    echo $! >"$(pidfile "$n")"
}

cluster_ready() {
    # Asked of any node that answers: after a restart node 1 may be the one still missing.
    local n
    for ((n = 1; n <= NODES; n++)); do
        answers "$n" || continue
        curl -fsS -m 3 "http://127.0.0.1:$(http_port "$n")/_cluster/health?wait_for_nodes=$NODES&wait_for_status=yellow&timeout=1s" \
            2>/dev/null | grep -q '"timed_out":false' && return 0
    done
    return 1
}

start() {
    if [ -n "${ELASTICSEARCH_URL:-}" ]; then
        say "ELASTICSEARCH_URL is gezet ($ELASTICSEARCH_URL): geen eigen Elasticsearch gestart."
        return 0
    fi
    local n all_up=1
    for ((n = 1; n <= NODES; n++)); do pid_alive "$n" && answers "$n" || all_up=0; done
    if ((all_up)) && cluster_ready; then
        say "Elasticsearch draait al op $(urls)."
        return 0
    fi
    command -v java >/dev/null || fail "Java ontbreekt, dus Elasticsearch kan niet starten; installeer Java 17 $HINT."
    build
    ensure_hunspell
    for ((n = 1; n <= NODES; n++)); do start_node "$n"; done
    local tries=240
    while ((tries-- > 0)); do
        if cluster_ready; then say "Elasticsearch draait op $(urls)."; return 0; fi
        for ((n = 1; n <= NODES; n++)); do
            if ! pid_alive "$n"; then
                local log; log=$(logfile "$n")
                rm -f "$(pidfile "$n")"
                stop >/dev/null
                fail "Elasticsearch${CLUSTER_NAME:+ node $n} stopte tijdens het starten ($(tail -n 1 "$log" | cut -c1-160)); zie $log, $HINT."
            fi
        done
        sleep 0.5
    done
    stop >/dev/null
    fail "Elasticsearch antwoordde niet binnen 120 s op $(urls); zie $(logfile 1), $HINT."
}

urls() {
    local n out=""
    for ((n = 1; n <= NODES; n++)); do out+="${out:+,}http://127.0.0.1:$(http_port "$n")"; done
    echo "$out"
}

stop_pid() {
    local pidfile=$1 pid
    [ -f "$pidfile" ] || return 0
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        local tries=60
        while ((tries-- > 0)) && kill -0 "$pid" 2>/dev/null; do sleep 0.5; done
        if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    fi
    rm -f "$pidfile"
}

stop() {
    # Every node that has a pid file, also ones started with a larger ELASTICSEARCH_NODES.
    local pidfiles=() f
    if ((NODES == 1)); then
        pidfiles=("$(pidfile 1)")
    else
        shopt -s nullglob
        pidfiles=("$CLUSTER_HOME"/node*/elasticsearch.pid)
        shopt -u nullglob
    fi
    for f in "${pidfiles[@]}"; do stop_pid "$f" & done
    wait
    say "Elasticsearch gestopt."
}

status() {
    if [ -n "${ELASTICSEARCH_URL:-}" ]; then say "Elasticsearch: extern ($ELASTICSEARCH_URL)"; return 0; fi
    if ((NODES == 1)); then
        if pid_alive 1 && answers 1; then say "Elasticsearch: draait op http://127.0.0.1:$PORT"; else say "Elasticsearch: gestopt"; return 1; fi
        return 0
    fi
    local n rc=0
    for ((n = 1; n <= NODES; n++)); do
        if pid_alive "$n" && answers "$n"; then
            say "Elasticsearch node $n: draait op http://127.0.0.1:$(http_port "$n")"
        else
            say "Elasticsearch node $n: gestopt"; rc=1
        fi
    done
    return $rc
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "gebruik: $0 start|stop|status" >&2; exit 2 ;;
esac
