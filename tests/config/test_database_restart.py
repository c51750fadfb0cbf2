"""PostgreSQL restarted under a running site: it answers again by itself, at once.

The test starts a PostgreSQL of its own (port 5490, a data directory of its own, the
suite's database copied into it), serves the production settings from it under
gunicorn, keeps requesting pages while the server restarts (pg_ctl restart -m fast),
and checks both connection set-ups of config/settings/production.py: the psycopg pool
(DATABASE_POOL_MAX_SIZE, the web nodes') and persistent connections with health checks.
A request may fail while PostgreSQL is down; none that starts after it is back.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from glob import glob
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
PG_PORT = 5490
WEB_PORTS = {"pool": 8490, "persistent": 8491}
# What each request reads: the database through the whole stack (Wagtail's page API),
# and the load balancer's probe.
PATHS = ["/api/v2/pages/", "/healthz/ready"]
RECOVERY_SECONDS = 10


def pg_bin(name: str) -> str:
    found = sorted(glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        pytest.fail(f"PostgreSQL's {name} is missing (Debian package postgresql)")
    return found[-1]


def as_postgres(args: list[str]) -> list[str]:
    # As root the server must run as the postgres user, as scripts/postgres.sh does.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def run(args: list[str], timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(args, capture_output=True, text=True, timeout=timeout, cwd="/", **kwargs)
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout}{done.stderr}"
    return done


@pytest.fixture(scope="module")
def own_postgres():
    home = Path(tempfile.mkdtemp(prefix="kk-pg-restart-", dir="/var/tmp"))
    data = home / "data"
    if os.geteuid() == 0:
        shutil.chown(home, "postgres", "postgres")
    pg_ctl = [pg_bin("pg_ctl"), "-D", str(data), "-l", str(home / "log")]
    options = f"-p {PG_PORT} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off"
    try:
        run(as_postgres([pg_bin("initdb"), "-D", str(data), "-U", "klachtenkompas",
                         "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]))  # fmt: skip
        run(as_postgres([*pg_ctl, "-w", "-t", "30", "-o", options, "start"]))
    except (AssertionError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(home, ignore_errors=True)
        pytest.fail(f"the test's own PostgreSQL on port {PG_PORT} did not start: {exc}")
    try:
        yield as_postgres([*pg_ctl, "-w", "-t", "30", "-o", options])
    finally:
        subprocess.run(as_postgres([*pg_ctl, "-m", "immediate", "-w", "stop"]), cwd="/")
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    """A manifest that names the project's own static files as they are. The error page
    (a 500 while PostgreSQL is down) needs one; collectstatic, which would hash and
    compress Wagtail's files too, takes longer than this whole test."""
    import json

    root = tmp_path_factory.mktemp("static")
    paths = {
        str(path.relative_to(ROOT / "static")): str(path.relative_to(ROOT / "static"))
        for path in (ROOT / "static").rglob("*")
        if path.is_file()
    }
    (root / "staticfiles.json").write_text(json.dumps({"paths": paths, "version": "1.1"}))
    return root


def copy_suite_database(name: str) -> None:
    """The suite's test database (pages, site, schema) as database `name` on PG_PORT."""
    source = connection.settings_dict
    target = ["-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "klachtenkompas"]
    run([pg_bin("dropdb"), *target, "--if-exists", name])
    run([pg_bin("createdb"), *target, name])
    dump = run(
        [pg_bin("pg_dump"), "-h", source["HOST"], "-p", str(source["PORT"]),
         "-U", source["USER"], "--no-owner", source["NAME"]],
        env={**os.environ, "PGPASSWORD": source["PASSWORD"] or ""},
    )  # fmt: skip
    run([pg_bin("psql"), *target, "-q", "-v", "ON_ERROR_STOP=1", "-d", name], input=dump.stdout)


def get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=15) as response:  # noqa: S310 (our own)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError as error:
        print(f"no answer from {url}: {error!r}")  # noqa: T201 (shown with a failure)
        return 599  # counts as a failure, like a 5xx


class Load(threading.Thread):
    """Requests one after another from a few threads; keeps (started, finished, status)."""

    def __init__(self, base: str, threads: int = 4):
        super().__init__(daemon=True)
        self.base, self.threads, self.results = base, threads, []
        self.stop, self.pause, self._lock = threading.Event(), threading.Event(), threading.Lock()

    def run(self):
        def loop(n):
            i = n
            while not self.stop.is_set():
                if self.pause.is_set():
                    time.sleep(0.02)
                    continue
                started = time.monotonic()
                status = get(self.base + PATHS[i % len(PATHS)])
                with self._lock:
                    self.results.append((started, time.monotonic(), status))
                i += 1
                time.sleep(0.05)

        workers = [threading.Thread(target=loop, args=(n,)) for n in range(self.threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("setup", ["pool", "persistent"])
@pytest.mark.parametrize("busy", [True, False], ids=["busy", "quiet"])
def test_the_site_answers_again_by_itself_after_postgresql_restarts(
    setup, busy, own_postgres, static_root, home_page, tmp_path
):
    name = f"kk_restart_{setup}"
    copy_suite_database(name)
    port = WEB_PORTS[setup]
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "CONN_"))},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "database-restart-" + "Zq8wP" * 10,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://klachtenkompas@127.0.0.1:{PG_PORT}/{name}",
        "ELASTICSEARCH_URL": os.environ.get(
            "ELASTICSEARCH_URL", f"http://127.0.0.1:{os.environ.get('ELASTICSEARCH_PORT', 9200)}"
        ),
        "EMAIL_URL": "smtp://127.0.0.1:1",
        "SECURE_SSL_REDIRECT": "False",
        "STATIC_ROOT": str(static_root),
        "DATABASE_POOL_TIMEOUT": "3",
        **({"DATABASE_POOL_MAX_SIZE": "4"} if setup == "pool" else {"CONN_MAX_AGE": "600"}),
    }
    env.pop("REDIS_URL", None)
    web = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "--worker-class", "gthread", "--threads", "4", "--timeout", "30",
         "--control-socket", str(tmp_path / "gunicorn.ctl")],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    load = Load(base)
    try:
        deadline = time.monotonic() + 30
        while get(base + "/healthz/ready") != 200:
            assert web.poll() is None, "gunicorn stopped"
            assert time.monotonic() < deadline, "gunicorn did not serve within 30 s"
            time.sleep(0.3)
        load.start()
        time.sleep(1.5)  # every thread holds a connection (or the pool does)
        if not busy:
            # A quiet site (a nightly restart): every connection is idle when the
            # server goes, and the first requests after it find them broken.
            load.pause.set()
            time.sleep(0.5)
        down_at = time.monotonic()
        run([*own_postgres, "-m", "fast", "restart"])
        up_at = time.monotonic()
        load.pause.clear()
        time.sleep(3)
    finally:
        load.stop.set()
        if load.is_alive():
            load.join(30)
        web.terminate()
        try:
            output = web.communicate(timeout=20)[0]
        except subprocess.TimeoutExpired:
            web.kill()
            output = web.communicate()[0]
        print(output)  # noqa: T201 (shown with a failure)

    results = load.results
    before = {status for started, finished, status in results if finished < down_at}
    assert before == {200}, f"not serving before the restart: {before}"
    # A request in flight while PostgreSQL was down may fail; none that starts after.
    after = [(started - up_at, status) for started, _f, status in results if started >= up_at]
    failed = [(round(t, 2), status) for t, status in after if status != 200]
    assert not failed, f"failures after PostgreSQL was back (s after, status): {failed}\n{output}"
    assert len(after) >= 10, f"too few answers after the restart: {after}\n{output}"
    assert after[0][0] < RECOVERY_SECONDS
