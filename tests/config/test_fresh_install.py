"""A new operator's first hour, for real: the production deploy steps of the README on
an empty PostgreSQL database (`migrate`, `collectstatic`, gunicorn and the task cluster
under the production settings, behind a proxy that speaks HTTPS), then every public URL,
an archive import, the clock and a second import.

Nothing from the test database is used: a brand-new database is made on the project's
PostgreSQL server and dropped afterwards, so a step that only `seed_demo`, pytest's
own database set-up or a developer's habit provided fails here.
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.utils import timezone

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

PUBLIC_URLS = {
    "/": 200,
    "/bedrijven/": 200,
    "/bedrijven/aanmelden/": 200,
    "/tips/": 200,
    "/klacht-over-de-overheid/": 200,
    "/buitenlands-bedrijf/": 200,
    "/zoeken/": 200,
    "/zoeken/?q=pakket": 200,
    "/pluimen/": 200,
    "/pluimen/methode/": 200,
    "/klacht-indienen/": 302,  # to the sign-in page
    "/account/login/": 200,
    "/account/signup/": 200,
    "/account/password/reset/": 200,
    "/api/v2/pages/": 200,
    "/api/v2/images/": 200,
    "/api/v2/documents/": 200,
    "/api/v2/complaints/search/": 200,
    "/api/v2/complaints/search/?q=modem&status=awaiting_company": 200,
    "/api/v2/complaints/export.csv": 200,
    "/api/v2/complaints/export.jsonl": 200,
    "/api/v2/companies/autocomplete/?q=tele": 200,
    "/api/v2/openapi.json": 200,
    "/healthz": 200,
    "/static/css/site.css": 200,
    "/static/img/logo.svg": 200,
    "/favicon.ico": 200,
    "/over-ons/": 200,
    "/privacyverklaring/": 200,
    "/voorwaarden/": 200,
    "/contact/": 200,
    "/toegankelijkheid/": 200,
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_params() -> dict:
    db = settings.DATABASES["default"]
    return {
        "host": db["HOST"] or "127.0.0.1",
        "port": int(db["PORT"] or 5432),
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
    }


@pytest.fixture
def empty_database():
    """A new, empty database on the project's PostgreSQL server."""
    params = server_params()
    name = f"kk_fresh_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    password = f":{params['password']}" if params["password"] else ""
    yield name, f"postgres://{params['user']}{password}@{params['host']}:{params['port']}/{name}"
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def production_env(empty_database, tmp_path):
    _name, url = empty_database
    prefix = f"kk-fresh-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "fresh-install-test-" + uuid.uuid4().hex * 2,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": url,
        "ELASTICSEARCH_URL": ",".join(settings.ELASTICSEARCH_URL),
        "ELASTICSEARCH_INDEX_PREFIX": prefix,
        "MEMCACHED_LOCATION": settings.MEMCACHED_LOCATION,
        "EMAIL_URL": "smtp://127.0.0.1:9",  # no mail server: the outbox retries
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "Q_WORKERS": "1",
    }
    yield env
    from search.client import get_client

    get_client().options(ignore_status=404).indices.delete(index=f"{prefix}-*")


def manage(env, *args, timeout=600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def get(port: int, path: str) -> tuple[int, bytes]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        # As the proxy in front of it says: the visitor came over HTTPS.
        headers={"X-Forwarded-Proto": "https", "Host": "localhost"},
    )

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_for(port: int, path: str, status: int, seconds: float) -> int:
    deadline = time.monotonic() + seconds
    got = None
    while time.monotonic() < deadline:
        try:
            got, _body = get(port, path)
        except OSError:
            got = None
        if got == status:
            return got
        time.sleep(0.5)
    return got


def archive(now) -> list[str]:
    def line(n, status, published_days_ago, **extra):
        published = now - timedelta(days=published_days_ago)
        return json.dumps(
            {
                "external_id": f"fresh-{n}",
                "company": {
                    "name": "Voorbeeld Telecom B.V.",
                    "kvk": "12345678",
                    "sector": "Telecom",
                },
                "topic": "Levering",
                "title": f"Modem nummer {n} nooit geleverd",
                "description": "Ik bestelde een modem en kreeg het nooit, ondanks drie beloftes.",
                "desired_outcome": "Het modem alsnog, of mijn geld terug.",
                "private_details": f"Ordernummer GEHEIM-{n}",
                "status": status,
                "submitted_at": (published - timedelta(hours=3)).isoformat(),
                "published_at": published.isoformat(),
                "consumer": {"email": f"klant{n}@example.nl", "name": "Klant"},
                **extra,
            }
        )

    return [
        line(1, "awaiting_company", 2),
        # The archive's snapshot, overtaken by the clock since: stored as unanswered.
        line(2, "awaiting_company", 30),
        line(3, "awaiting_company", 2).replace(
            (now - timedelta(days=2)).isoformat()[:10], "2026-02-30", 1
        ),
        line(
            4,
            "awaiting_consumer",
            5,
            reactions=[
                {
                    "by": "company",
                    "at": (now - timedelta(days=1)).isoformat(),
                    "body": "Wij zoeken het uit.",
                }
            ],
        ),
    ]


def checksum(database: str) -> str:
    with psycopg.connect(dbname=database, **server_params()) as conn:
        return conn.execute(
            """
            SELECT md5(string_agg(x, '|' ORDER BY x)) FROM (
                SELECT concat_ws(',', c.page_ptr_id, c.status, c.due_at, c.changed_at,
                                 p.title, p.live, p.path) AS x
                FROM complaints_complaintpage c JOIN wagtailcore_page p ON p.id = c.page_ptr_id
                UNION ALL
                SELECT concat_ws(',', 'e', complaint_id, action, created_at)
                FROM complaints_complaintevent
                UNION ALL
                SELECT concat_ws(',', 'r', complaint_id, party, body) FROM complaints_reaction
                UNION ALL
                SELECT concat_ws(',', 'u', id, email) FROM auth_user
            ) rows
            """
        ).fetchone()[0]


def test_the_readme_deploy_steps_make_a_working_site_on_an_empty_database(
    production_env, empty_database, tmp_path
):
    database, _url = empty_database
    env = production_env

    migrated = manage(env, "migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    collected = manage(env, "collectstatic", "--noinput")
    assert collected.returncode == 0, collected.stderr[-3000:]

    port = free_port()
    processes = [
        subprocess.Popen(
            [str(BIN / "gunicorn"), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(tmp_path / "gunicorn.log", "w"),  # noqa: SIM115
        ),
        subprocess.Popen(
            [sys.executable, "manage.py", "qcluster"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(tmp_path / "qcluster.log", "w"),  # noqa: SIM115
        ),
    ]
    try:
        assert wait_for(port, "/healthz", 200, 90) == 200, (tmp_path / "gunicorn.log").read_text()[
            -3000:
        ]
        answers = {path: get(port, path)[0] for path in PUBLIC_URLS}
        assert answers == PUBLIC_URLS, (tmp_path / "gunicorn.log").read_text()[-3000:]
        # Nothing indexed yet is an empty answer in the contract's shape.
        empty = json.loads(get(port, "/api/v2/complaints/search/")[1])
        assert empty == {
            "count": 0,
            "results": [],
            "facets": {"company": [], "topic": [], "sector": [], "status": []},
        }

        # An archive from another system, straight after migrate.
        path = tmp_path / "archief.jsonl"
        path.write_text("\n".join(archive(timezone.now())) + "\n", encoding="utf-8")
        imported = manage(env, "import_complaints", str(path))
        assert imported.returncode == 1, imported.stdout + imported.stderr  # line 3 refused
        assert re.search(r"regel 3\b", imported.stderr), imported.stderr
        assert "3 klachten aangemaakt" in imported.stdout, imported.stdout
        assert "1 regels door de klok bijgewerkt" in imported.stdout, imported.stdout

        status, body = get(port, "/api/v2/pages/?type=complaints.ComplaintPage&fields=status")
        pages = json.loads(body)["items"]
        assert status == 200 and len(pages) == 3
        assert sorted(p["status"] for p in pages) == [
            "awaiting_company",
            "awaiting_consumer",
            "unanswered",
        ]
        for page in pages:
            status, html = get(port, page["meta"]["html_url"].split("localhost", 1)[-1])
            assert status == 200
            assert b"GEHEIM" not in html and b"@example.nl" not in html

        # The import left nothing for the clock to do.
        swept = manage(env, "run_deadlines")
        assert swept.returncode == 0, swept.stderr
        assert re.findall(r": (\d+)", swept.stdout) and set(
            re.findall(r": (\d+)", swept.stdout)
        ) == {"0"}

        # A second import of the same archive changes nothing.
        before = checksum(database)
        again = manage(env, "import_complaints", str(path))
        assert "0 klachten aangemaakt" in again.stdout, again.stdout
        assert checksum(database) == before
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
