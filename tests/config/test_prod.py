"""`make prod` (scripts/prod.sh): the production settings under gunicorn answer, serve
their static files with a long cache life, and Ctrl-C leaves nothing running."""

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import redis

from tests.processes import descendants

ROOT = Path(__file__).resolve().parents[2]
# What prod.sh must work out for itself (or use as given, which is not under test here).
NOT_INHERITED = (
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "ELASTICSEARCH_URL",
    "MEMCACHED_LOCATION",
    "REDIS_URL",
    "EMAIL_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SITE_URL",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; only its parent's bookkeeping is left


def get(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (our own http URL)
        return response.status, response.headers, response.read()


def wait_until_ready(url: str, proc: subprocess.Popen, seconds: int) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"prod.sh stopped early:\n{proc.stdout.read()}"
        try:
            if get(url)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(1)
    raise AssertionError(f"{url} did not answer 200 within {seconds} s")


def test_prod_serves_under_gunicorn_and_ctrl_c_stops_everything_it_started():
    port, redis_port, mail_port = free_port(), free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    # The test's own Redis (prod.sh must start and stop it) and a light load on the
    # machine: two web processes, one task worker per cluster.
    env.update(
        PORT=str(port),
        REDIS_PORT=str(redis_port),
        MAIL_PORT=str(mail_port),
        WEB_CONCURRENCY="2",
        Q_WORKERS="1",
    )
    proc = subprocess.Popen(
        [str(ROOT / "scripts/prod.sh")],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    started: set[int] = set()
    try:
        wait_until_ready(f"{base}/healthz/ready", proc, 120)
        started = descendants(proc.pid)

        status, headers, body = get(f"{base}/")
        assert status == 200
        stylesheet = re.search(rb'href="(/static/[^"]+\.css)"', body).group(1).decode()
        # Hashed by the manifest storage, so it may be cached for good.
        assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet)
        status, headers, css = get(base + stylesheet)
        assert status == 200
        assert headers["Content-Type"].startswith("text/css")
        max_age = int(re.search(r"max-age=(\d+)", headers["Cache-Control"]).group(1))
        assert max_age >= 365 * 24 * 3600
        assert css

        # Both task clusters report through the test's own Redis, and /healthz (detailed
        # for 127.0.0.1) counts them.
        redis_client = redis.Redis(port=redis_port, socket_timeout=2)
        deadline = time.monotonic() + 30
        while len(redis_client.keys("django_q:klachtenkompas:cluster:*")) < 2:
            assert time.monotonic() < deadline, "the two task clusters never reported"
            time.sleep(1)
        health = json.loads(get(f"{base}/healthz")[2])
        assert health["checks"]["tasks"] == {"ok": True, "clusters": 2}
        assert len(started) >= 5  # gunicorn and its workers, two qclusters, the mail sink
    finally:
        os.kill(proc.pid, signal.SIGINT)  # Ctrl-C, as the script receives it
        try:
            output = proc.communicate(timeout=60)[0]
        except subprocess.TimeoutExpired:
            # Leave nothing behind for the next test, then fail.
            for pid in descendants(proc.pid) | {proc.pid}:
                os.kill(pid, signal.SIGKILL)
            raise

    assert "Stoppen..." in output
    assert not [pid for pid in started if alive(pid)], output
    assert not port_open(port)
    assert not port_open(redis_port)
    assert not port_open(mail_port)
