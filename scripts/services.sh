#!/usr/bin/env bash
# `make services` / `make stop`: the project's PostgreSQL, Elasticsearch, memcached and
# Redis together. A service whose address is given (DATABASE_URL, ELASTICSEARCH_URL,
# MEMCACHED_LOCATION, REDIS_URL) is used as it is.
set -euo pipefail
cd "$(dirname "$0")"

case "${1:-}" in
    start)
        if [ -n "${DATABASE_URL:-}" ]; then
            echo "DATABASE_URL is gezet: geen eigen PostgreSQL gestart."
        else
            ./postgres.sh start
        fi
        ./elasticsearch.sh start
        if [ -n "${MEMCACHED_LOCATION:-}" ]; then
            echo "MEMCACHED_LOCATION is gezet: geen eigen memcached gestart."
        else
            ./memcached.sh start
        fi
        if [ -n "${REDIS_URL:-}" ]; then
            echo "REDIS_URL is gezet: geen eigen Redis gestart."
        else
            ./redis.sh start
        fi
        ;;
    stop)
        ./redis.sh stop
        ./memcached.sh stop
        ./elasticsearch.sh stop
        ./postgres.sh stop
        ;;
    status)
        rc=0
        ./postgres.sh status || rc=1
        ./elasticsearch.sh status || rc=1
        ./memcached.sh status || rc=1
        ./redis.sh status || rc=1
        exit $rc
        ;;
    *) echo "gebruik: $0 start|stop|status" >&2; exit 2 ;;
esac
