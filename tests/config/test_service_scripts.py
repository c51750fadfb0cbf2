"""The service scripts fail fast with one clear line instead of hanging."""

import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def busy_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(script: Path, *args, env: dict, timeout: int = 60) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k != "ELASTICSEARCH_URL"}
    full_env.update(env)
    return subprocess.run(
        [str(script), *args], env=full_env, capture_output=True, text=True, timeout=timeout
    )


def test_elasticsearch_on_a_busy_port_names_the_port_and_the_variables(busy_port):
    result = run(
        ROOT / "scripts/elasticsearch.sh", "start", env={"ELASTICSEARCH_PORT": str(busy_port)}
    )

    assert result.returncode != 0
    assert f"poort {busy_port} is al in gebruik" in result.stderr
    assert "ELASTICSEARCH_PORT" in result.stderr and "ELASTICSEARCH_URL" in result.stderr


def test_run_on_a_busy_web_port_names_the_port_and_the_variable(busy_port):
    result = run(ROOT / "scripts/run.sh", env={"PORT": str(busy_port)})

    assert result.returncode != 0
    assert f"poort {busy_port} is al in gebruik" in result.stderr
    assert "PORT=" in result.stderr


def test_elasticsearch_that_cannot_be_fetched_says_why_in_one_line(tmp_path):
    # A copy of the scripts without a built launcher, and a stand-in `mvn` that fails as
    # Maven does when the registry cannot be reached: an outage we cannot cause for real.
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts", ignore=shutil.ignore_patterns("target"))
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    (fake_bin / "mvn").write_text(
        "#!/bin/sh\necho '[ERROR] Failed to collect dependencies: Could not transfer artifact'\nexit 1\n"
    )
    (fake_bin / "mvn").chmod(0o755)

    result = run(
        tmp_path / "scripts/elasticsearch.sh",
        "start",
        env={"PATH": f"{fake_bin}:{os.environ['PATH']}", "ELASTICSEARCH_PORT": str(free_port())},
    )

    assert result.returncode != 0
    error_lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(error_lines) == 1
    assert "kon niet worden opgehaald" in error_lines[0]
    assert "Could not transfer artifact" in error_lines[0]
    assert "ELASTICSEARCH_URL" in error_lines[0]


def test_with_elasticsearch_url_set_nothing_is_started():
    result = run(
        ROOT / "scripts/elasticsearch.sh",
        "start",
        env={"ELASTICSEARCH_URL": "http://elastic.example.invalid:9200"},
    )

    assert result.returncode == 0
    assert "geen eigen Elasticsearch gestart" in result.stdout


def test_redis_on_a_busy_port_names_the_port_and_the_variables(busy_port):
    result = run(ROOT / "scripts/redis.sh", "start", env={"REDIS_PORT": str(busy_port)})

    assert result.returncode != 0
    assert f"poort {busy_port} is al in gebruik" in result.stderr
    assert "REDIS_PORT" in result.stderr and "REDIS_URL" in result.stderr


def test_redis_starts_answers_and_stops_on_its_own_port():
    # Fails rather than skips when redis-server is missing and cannot be installed.
    import redis

    port = free_port()
    env = {"REDIS_PORT": str(port)}
    started = run(ROOT / "scripts/redis.sh", "start", env=env, timeout=300)
    try:
        assert started.returncode == 0, started.stderr
        assert f"127.0.0.1:{port}" in started.stdout
        client = redis.Redis(host="127.0.0.1", port=port, socket_timeout=2)
        assert client.ping()
        assert run(ROOT / "scripts/redis.sh", "status", env=env).returncode == 0
        pid = int((ROOT / f"var/redis-{port}.pid").read_text())
    finally:
        stopped = run(ROOT / "scripts/redis.sh", "stop", env=env)

    assert stopped.returncode == 0
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert run(ROOT / "scripts/redis.sh", "status", env=env).returncode != 0


def test_services_with_every_address_given_start_nothing():
    result = run(
        ROOT / "scripts/services.sh",
        "start",
        env={
            "DATABASE_URL": "postgres://kk@db.example.invalid/kk",
            "ELASTICSEARCH_URL": "http://elastic.example.invalid:9200",
            "MEMCACHED_LOCATION": "cache.example.invalid:11211",
            "REDIS_URL": "redis://redis.example.invalid:6379/0",
        },
    )

    assert result.returncode == 0, result.stderr
    assert "geen eigen Redis gestart" in result.stdout
    assert "geen eigen memcached gestart" in result.stdout
