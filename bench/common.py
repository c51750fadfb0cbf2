"""Shared set-up for the benchmarks: a fresh PostgreSQL database of their own (importing
this module points DATABASE_URL at it; tests import bench.sqlcopy instead)."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PORT = os.environ.get("POSTGRES_PORT", "5433")
BENCH_DB = "klachtenkompas_bench"
os.environ["DATABASE_URL"] = f"postgres://klachtenkompas@127.0.0.1:{PORT}/{BENCH_DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ["DEBUG"] = "false"
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ["ELASTICSEARCH_INDEX_PREFIX"] = "kk-bench"
# The rate-limit counters where the site keeps them (`make services` starts memcached).
os.environ.setdefault("MEMCACHED_LOCATION", "127.0.0.1:11311")
os.environ["SEARCH_API_RATE"] = "1000000/m"  # the benchmark is one client firing fast


def fresh_database():
    import psycopg

    dsn = f"host=127.0.0.1 port={PORT} user=klachtenkompas dbname=postgres"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{BENCH_DB}"')
