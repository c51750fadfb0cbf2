"""The production settings refuse to start without what they need."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = {
    "SECRET_KEY": "test-secret-key-that-is-long-enough-for-production-use-0123456789",
    "ALLOWED_HOSTS": "klachtenkompas.example",
    "DATABASE_URL": "sqlite:////tmp/klachtenkompas-production-settings-test.sqlite3",
    "ELASTICSEARCH_URL": "http://127.0.0.1:9",
    "EMAIL_URL": "smtp://mail.klachtenkompas.example:587",
}


def run_with_production_settings(
    code: str, env: dict, settings_module: str | None = "config.settings.production", args=()
) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in REQUIRED}
    clean.pop("DJANGO_SETTINGS_MODULE", None)
    clean.update(env)
    if settings_module:
        clean["DJANGO_SETTINGS_MODULE"] = settings_module
    return subprocess.run(
        [sys.executable, *(["-c", code] if code else args)],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("missing", sorted(REQUIRED))
def test_production_refuses_to_start_without_a_required_variable(missing):
    env = {k: v for k, v in REQUIRED.items() if k != missing}

    result = run_with_production_settings("import django; django.setup()", env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_starts_with_its_variables_and_allows_no_debug_or_demo_data():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DEBUG, settings.ALLOW_DEMO_DATA, settings.ALLOWED_HOSTS)"
    )

    result = run_with_production_settings(code, REQUIRED)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False False ['klachtenkompas.example']"


@pytest.mark.parametrize("entry_point", ["config.wsgi", "config.asgi"])
def test_the_server_entry_points_never_fall_back_to_the_developer_settings(entry_point):
    """gunicorn started without DJANGO_SETTINGS_MODULE gets the production settings,
    which refuse to start without their variables; never DEBUG and a known key."""
    result = run_with_production_settings(f"import {entry_point}", {}, settings_module=None)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY" in result.stderr

    code = f"import {entry_point}; from django.conf import settings; print(settings.DEBUG)"
    started = run_with_production_settings(code, REQUIRED, settings_module=None)
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == "False"


@pytest.mark.parametrize(
    "email_url", ["consolemail://", "memorymail://", "dummymail://", "filemail:///tmp/mail"]
)
def test_production_refuses_mail_that_does_not_leave_the_process(email_url):
    result = run_with_production_settings(
        "import django; django.setup()", {**REQUIRED, "EMAIL_URL": email_url}
    )

    assert result.returncode != 0
    assert "EMAIL_URL must name a real mail server" in result.stderr


@pytest.mark.parametrize(
    "key", ["dev-only-insecure-key-do-not-use-in-production", "kort-geheim", "a" * 60]
)
def test_production_refuses_a_weak_secret_key(key):
    result = run_with_production_settings(
        "import django; django.setup()", {**REQUIRED, "SECRET_KEY": key}
    )

    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr


def test_check_deploy_passes_without_a_warning_on_the_production_settings():
    result = run_with_production_settings(
        None, REQUIRED, args=["manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_sends_a_year_of_hsts_with_subdomains():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE)"
    )
    result = run_with_production_settings(code, REQUIRED)

    assert result.stdout.strip() == "31536000 True True True", result.stderr


def test_seed_demo_is_refused_by_the_production_settings():
    code = "import django; django.setup(); from django.core.management import call_command; call_command('seed_demo')"

    result = run_with_production_settings(code, {**REQUIRED, "ALLOW_DEMO_DATA": "true"})

    assert result.returncode != 0
    assert "seed_demo is uitgeschakeld" in result.stderr


def test_the_suite_runs_on_postgresql(db):
    assert connection.vendor == "postgresql"


def _postgres_url():
    from django.conf import settings

    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def test_production_keeps_connections_persistent_and_checked_by_default():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "db = settings.DATABASES['default']; "
        "print(db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'], 'pool' in db.get('OPTIONS', {}))"
    )

    result = run_with_production_settings(code, {**REQUIRED, "DATABASE_URL": _postgres_url()})

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["60", "True", "False"]


def test_a_pool_bounds_the_connections_of_a_threaded_web_process(db):
    """Eight threads query at once through a pool of at most two connections: all are
    answered (they wait their turn) and the pool never holds more than two."""
    code = """
import threading, django
django.setup()
from django.db import connection, connections
results, errors = [], []
def work():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(0.2), 1")
            results.append(cursor.fetchone()[1])
    except Exception as exc:
        errors.append(repr(exc))
    finally:
        connections.close_all()
threads = [threading.Thread(target=work) for _ in range(8)]
[t.start() for t in threads]
[t.join() for t in threads]
stats = connection.pool.get_stats()
print(len(results), len(errors), stats["pool_max"], stats.get("connections_num", 0))
"""
    env = {**REQUIRED, "DATABASE_URL": _postgres_url(), "DATABASE_POOL_MAX_SIZE": "2"}

    result = run_with_production_settings(code, env)

    assert result.returncode == 0, result.stderr
    answered, failed, pool_max, opened = map(int, result.stdout.split())
    assert (answered, failed, pool_max) == (8, 0, 2)
    assert 1 <= opened <= 2


# The project's own Redis (scripts/redis.sh, started by `make test` through
# scripts/services.sh); database 15 keeps these probes away from a running site's queue.
REDIS_URL = f"redis://127.0.0.1:{os.environ.get('REDIS_PORT', '6390')}/15"
SHARED_BACKENDS = """
import django; django.setup()
from django.core.cache import caches
from django_q.brokers import get_broker
cache = caches["default"]
cache.set("probe", "gedeeld", 30)
broker = get_broker()
print(type(cache).__name__, type(broker).__name__, type(caches["ratelimit"]).__name__)
print(cache.get("probe"))
"""


def test_with_redis_url_the_task_broker_and_the_default_cache_are_that_redis():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_timeout=2)
    client.flushdb()
    code = SHARED_BACKENDS + "broker.enqueue('taak'); print(broker.queue_size())"

    result = run_with_production_settings(
        code, {**REQUIRED, "REDIS_URL": REDIS_URL, "MEMCACHED_LOCATION": ""}
    )

    assert result.returncode == 0, result.stderr
    classes, cached, queued = result.stdout.split("\n")[:3]
    # Without MEMCACHED_LOCATION the rate-limit counters share the Redis server, through
    # the plain backend: its errors must reach core.ratelimit (writes fail closed).
    assert classes == "DegradingRedisCache Redis RedisCache"
    assert cached == "gedeeld" and queued == "1"
    # Written where another process (another machine) reads them: the server itself.
    assert client.exists("kk:1:probe")
    assert client.lpop("django_q:klachtenkompas:q") is not None
    client.flushdb()


def test_with_redis_and_memcached_the_rate_limit_counters_stay_in_memcached():
    location = f"127.0.0.1:{os.environ.get('MEMCACHED_PORT', '11311')}"

    result = run_with_production_settings(
        SHARED_BACKENDS,
        {**REQUIRED, "REDIS_URL": REDIS_URL, "MEMCACHED_LOCATION": location},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0] == "DegradingRedisCache Redis PersistentPyMemcacheCache"


def test_without_redis_url_the_database_is_broker_and_cache(db):
    from django.conf import settings
    from django.core.cache import caches
    from django_q.brokers import get_broker

    assert not settings.REDIS_URL
    assert type(caches["default"]).__name__ == "DatabaseCache"
    assert type(get_broker()).__name__ == "ORM"
