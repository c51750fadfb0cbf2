#!/usr/bin/env bash
# The project's own Elasticsearch 8: the real server, fetched with Maven into the Maven
# cache and run as one node bound to 127.0.0.1 (see scripts/elasticsearch/README.md).
#   scripts/elasticsearch.sh start|stop|status
# With ELASTICSEARCH_URL set, the project uses that cluster and this script starts nothing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

PORT="${ELASTICSEARCH_PORT:-9250}"
HEAP="${ELASTICSEARCH_HEAP:-1g}"
ES_HOME="$VAR_DIR/elasticsearch"
PIDFILE="$ES_HOME/elasticsearch.pid"
LOG="$LOG_DIR/elasticsearch.log"
BUILD_LOG="$LOG_DIR/elasticsearch-build.log"
PROJECT="$ROOT_DIR/scripts/elasticsearch"
JAR="$PROJECT/target/es-launcher.jar"
HINT="of wijs met ELASTICSEARCH_URL=http://host:poort naar een draaiend Elasticsearch 8-cluster"

answers() { curl -fsS -m 2 "http://127.0.0.1:$PORT/" 2>/dev/null | grep -q '"number"'; }
pid_alive() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

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

start() {
    if [ -n "${ELASTICSEARCH_URL:-}" ]; then
        say "ELASTICSEARCH_URL is gezet ($ELASTICSEARCH_URL): geen eigen Elasticsearch gestart."
        return 0
    fi
    if pid_alive && answers; then say "Elasticsearch draait al op http://127.0.0.1:$PORT."; return 0; fi
    if port_in_use "$PORT"; then
        fail "poort $PORT is al in gebruik; kies een andere met ELASTICSEARCH_PORT=... $HINT."
    fi
    command -v java >/dev/null || fail "Java ontbreekt, dus Elasticsearch kan niet starten; installeer Java 17 $HINT."
    build
    mkdir -p "$ES_HOME"
    say "Elasticsearch starten op http://127.0.0.1:$PORT (heap $HEAP, log: $LOG)..."
    # setsid + closed descriptors: the node outlives this script without holding its
    # terminal or a CI job's output open.
    setsid java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -Djava.awt.headless=true \
        -cp "$JAR:$PROJECT/target/lib/*" nl.klachtenkompas.es.Launcher \
        --home "$ES_HOME" --http-port "$PORT" </dev/null >"$LOG" 2>&1 &
    echo $! >"$PIDFILE"
    local tries=240
    while ((tries-- > 0)); do
        if answers; then say "Elasticsearch draait op http://127.0.0.1:$PORT."; return 0; fi
        if ! pid_alive; then
            rm -f "$PIDFILE"
            fail "Elasticsearch stopte tijdens het starten ($(tail -n 1 "$LOG" | cut -c1-160)); zie $LOG, $HINT."
        fi
        sleep 0.5
    done
    stop >/dev/null
    fail "Elasticsearch antwoordde niet binnen 120 s op poort $PORT; zie $LOG, $HINT."
}

stop() {
    if ! pid_alive; then rm -f "$PIDFILE"; return 0; fi
    local pid; pid=$(cat "$PIDFILE")
    kill -TERM "$pid" 2>/dev/null || true
    local tries=60
    while ((tries-- > 0)) && kill -0 "$pid" 2>/dev/null; do sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    rm -f "$PIDFILE"
    say "Elasticsearch gestopt."
}

status() {
    if [ -n "${ELASTICSEARCH_URL:-}" ]; then say "Elasticsearch: extern ($ELASTICSEARCH_URL)"; return 0; fi
    if pid_alive && answers; then say "Elasticsearch: draait op http://127.0.0.1:$PORT"; else say "Elasticsearch: gestopt"; return 1; fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *) echo "gebruik: $0 start|stop|status" >&2; exit 2 ;;
esac
