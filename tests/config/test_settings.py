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
}


def run_with_production_settings(code: str, env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in REQUIRED}
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings.production")
    return subprocess.run(
        [sys.executable, "-c", code],
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


def test_seed_demo_is_refused_by_the_production_settings():
    code = "import django; django.setup(); from django.core.management import call_command; call_command('seed_demo')"

    result = run_with_production_settings(code, {**REQUIRED, "ALLOW_DEMO_DATA": "true"})

    assert result.returncode != 0
    assert "seed_demo is uitgeschakeld" in result.stderr


def test_the_suite_runs_on_postgresql(db):
    assert connection.vendor == "postgresql"
