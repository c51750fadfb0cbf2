"""Benchmark: load, soak and faults under load, over HTTP against `make prod` itself.

    .venv/bin/python bench/load.py --n 20000 --load                 # the mix, 1 minute
    .venv/bin/python bench/load.py --n 1000000 --find-max --load --soak --minutes 10 --faults

One run:
1. prepares its own database `klachtenkompas_load` (on POSTGRES_PORT) and index prefix
   `kk-load`: the complaints of var/bench/klachten-<N>.jsonl (bench/generate.py, made if
   missing) are imported with `manage.py import_complaints` once; a marker table in that
   database remembers the file, so a later run with the same N skips the import. The
   Elasticsearch cluster is started as `make prod` does (three nodes from --es-port,
   one replica). Accounts for signed-in users (consumers of chosen complaints and
   representatives of their companies) and the URLs to read are picked in the database;
2. starts `scripts/prod.sh` (what `make prod` runs) as a child with that database,
   cluster and prefix, and rate limits high enough for one load client; waits for
   /healthz/ready; stops it at the end with SIGINT to its process group, as Ctrl-C does;
3. runs the phases asked for with locust (headless, bench/locustfile.py, which
   documents the mix and its weights):
   --find-max  steps the users up until throughput stops rising or errors appear;
   --load      the mix with --users users: per kind requests, req/s, p50/p95/p99 and
               errors; then, under the same gunicorn and at the same concurrency, the
               cached public pages alone, the bare view (/healthz/live), the search API
               alone and its query bodies straight to Elasticsearch: the two ratios;
   --soak      the mix at 70 % of the maximum for --minutes, sampling the memory (RSS)
               of every gunicorn and qcluster process and PostgreSQL's connections;
   --faults    the mix while an Elasticsearch node, a task worker, PostgreSQL,
               memcached and Redis fail in turn: errors by status during and after,
               and the time until the errors stop.
Each phase prints a table and appends it to a markdown report (var/bench/load-*.md)
that can be pasted into BENCHMARKS.md. The load generator's own CPU share is noted: a
generator that saturates the machine measures itself.
"""

import argparse
import csv
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DB_NAME = "klachtenkompas_load"
PREFIX = "kk-load"
MARKER_TABLE = "bench_load_import"
LOCUSTFILE = ROOT / "bench" / "locustfile.py"
MIX = ["Visitor", "ApiClient", "Consumer", "Representative", "Exporter"]
# The search queries of the mix and of both sides of the search ratio.
SEARCHES = [
    {"q": "pakket"},
    {"q": "pakket bezorgd niet ontvangen"},
    {"q": "factuur", "sort": "newest"},
    {"q": "monteur afspraak", "page": "2"},
    {"q": "opzeggen abonnement"},
    {"q": "storing internet"},
    {"q": "terugbetaling", "date_from": "2026-01-01"},
    {"q": "meterstand jaarafrekening"},
    {"q": "klantenservice", "status": "unanswered"},
    {"topic": "levering", "status": "awaiting_company"},
    {"sector": "energie", "q": "voorschot"},
    {"sector": "telecom"},
]
AUTOCOMPLETE = ["noord", "pol", "delta", "oranje", "tulp", "hanze", "molen", "duin", "zuid", "kan"]
# One load client fires from one address: the limits must not be what is measured.
HIGH_RATES = {
    "SEARCH_API_RATE": "100000000/m",
    "EXPORT_RATE": "100000000/m",
    "EXPORT_GLOBAL_RATE": "100000000/m",
    "REACTION_RATE": "100000000/m",
    "COMPLAINT_SUBMIT_RATE": "100000000/m",
    "DRAFT_CREATE_RATE": "100000000/m",
}


def say(text: str = "") -> None:
    print(text, flush=True)


# -- configuration --------------------------------------------------------------------


class Config:
    def __init__(self, args):
        self.args = args
        self.pg_port = os.environ.get("POSTGRES_PORT", "5433")
        self.memcached_port = os.environ.get("MEMCACHED_PORT", "11311")
        self.redis_port = os.environ.get("REDIS_PORT", "6390")
        self.database_url = f"postgres://klachtenkompas@127.0.0.1:{self.pg_port}/{DB_NAME}"
        self.es_hosts = [f"http://127.0.0.1:{args.es_port + n}" for n in range(args.es_nodes)]
        self.es_url = ",".join(self.es_hosts)
        self.site = f"http://127.0.0.1:{args.port}"
        self.out_dir = ROOT / "var" / "bench"
        self.targets = self.out_dir / f"load-targets-{args.n}.json"
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        self.report = args.report or self.out_dir / f"load-{args.n}-{stamp}.md"

    def service_env(self) -> dict:
        """The environment of the project's service scripts and management commands."""
        return {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "ELASTICSEARCH_URL": self.es_url,
            "ELASTICSEARCH_INDEX_PREFIX": PREFIX,
            "MEMCACHED_LOCATION": f"127.0.0.1:{self.memcached_port}",
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "LOG_LEVEL": "WARNING",
        }

    def es_env(self) -> dict:
        return {
            **os.environ,
            "ELASTICSEARCH_NODES": str(self.args.es_nodes),
            "ELASTICSEARCH_PORT": str(self.args.es_port),
            "ELASTICSEARCH_REPLICAS": "1",
        }


def script(cfg: Config, name: str, action: str) -> None:
    env = cfg.es_env() if name == "elasticsearch" else dict(os.environ)
    subprocess.run([str(ROOT / "scripts" / f"{name}.sh"), action], env=env, check=True)


# -- 1. prepare -----------------------------------------------------------------------


def complaints_file(n: int) -> Path:
    from bench.generate import generate

    path = ROOT / "var" / "bench" / f"klachten-{n}.jsonl"
    if not path.exists():
        say(f"{n:,} klachten genereren in {path.relative_to(ROOT)}...")
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        generate(partial, n)
        partial.rename(path)
    return path


def pg(cfg: Config, dbname: str):
    import psycopg

    dsn = f"host=127.0.0.1 port={cfg.pg_port} user=klachtenkompas dbname={dbname}"
    return psycopg.connect(dsn, autocommit=True)


def imported(cfg: Config, path: Path) -> bool:
    with pg(cfg, "postgres") as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    with pg(cfg, DB_NAME) as conn:
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} "
            "(file text PRIMARY KEY, bytes bigint NOT NULL, imported_at timestamptz NOT NULL)"
        )
        row = conn.execute(
            f"SELECT bytes FROM {MARKER_TABLE} WHERE file = %s", [path.name]
        ).fetchone()
    return bool(row) and row[0] == path.stat().st_size


def prepare(cfg: Config) -> None:
    for name in ("postgres", "memcached", "redis"):
        script(cfg, name, "start")
    script(cfg, "elasticsearch", "start")
    path = complaints_file(cfg.args.n)
    manage = [sys.executable, str(ROOT / "manage.py")]
    env = {**cfg.service_env(), "DJANGO_SETTINGS_MODULE": "config.settings.dev", "DEBUG": "false"}
    if imported(cfg, path):
        say(f"{path.name} staat al in {DB_NAME}: import overgeslagen.")
        subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)
    else:
        say(f"{DB_NAME}: migreren en {path.name} importeren...")
        subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)
        started = time.perf_counter()
        code = subprocess.run(
            [*manage, "import_complaints", str(path)], env=env, cwd=ROOT
        ).returncode
        if code not in (0, 1):  # 1: some lines refused, the rest loaded
            raise SystemExit(f"import_complaints stopte met status {code}")
        say(f"geimporteerd in {time.perf_counter() - started:.0f} s")
        with pg(cfg, DB_NAME) as conn:
            conn.execute(
                f"INSERT INTO {MARKER_TABLE} VALUES (%s, %s, now()) "
                "ON CONFLICT (file) DO UPDATE SET bytes = excluded.bytes, imported_at = now()",
                [path.name, path.stat().st_size],
            )
    # The accounts and the URLs, in a child with the load database's settings.
    subprocess.run(
        [sys.executable, __file__, "--write-targets", str(cfg.targets), "--n", str(cfg.args.n)],
        env={**env, "LOAD_PASSWORD": cfg.args.password},
        check=True,
        cwd=ROOT,
    )


def write_targets(out: Path, password: str) -> None:
    """Pick the pages to read and make the signed-in users (run with the load database)."""
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from wagtail.models import Site

    from companies.models import CompanyPage, CompanyRepresentative
    from complaints.forms import ComplaintTextForm
    from complaints.selectors import public_complaints
    from complaints.states import Status
    from search.forms import SearchForm
    from search.indexing import alias
    from search.queries import build_search

    root = Site.objects.get(is_default_site=True).root_page.url_path

    def url(page_or_path) -> str:
        path = getattr(page_or_path, "url_path", page_or_path)
        return "/" + path[len(root) :]

    companies = list(CompanyPage.objects.live().public().only("url_path", "slug")[:500])
    complaints = list(public_complaints().order_by("?").values_list("url_path", flat=True)[:2000])
    turns = (
        public_complaints()
        .filter(status__in=[Status.AWAITING_COMPANY, Status.AWAITING_CONSUMER])
        .select_related("consumer", "company")
        .order_by("?")[:30]
    )
    consumers: dict = defaultdict(list)
    representatives: dict = defaultdict(list)
    User = get_user_model()

    def account(user):
        user.set_password(password)
        user.is_active = True
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        return user.get_username()

    with transaction.atomic():
        for complaint in turns:
            if complaint.consumer is None:
                continue
            consumers[complaint.consumer].append(url(complaint))
            company = complaint.company
            representatives[company].append(url(complaint))
        reps = []
        for company, urls in representatives.items():
            user, _ = User.objects.get_or_create(
                username=f"load-rep-{company.slug}"[:150],
                defaults={"email": f"load-rep-{company.slug}@example.nl"},
            )
            CompanyRepresentative.objects.get_or_create(user=user, company=company)
            reps.append({"username": account(user), "complaints": urls})
        people = [{"username": account(u), "complaints": urls} for u, urls in consumers.items()]
    wizard = []
    for company in companies[:20]:
        topic = ComplaintTextForm(company=company).fields["topic"].queryset.first()
        if topic is not None:
            wizard.append({"id": company.pk, "topic": topic.pk})
    bodies = []
    for params in SEARCHES:
        form = SearchForm(params)
        assert form.is_valid(), form.errors
        bodies.append(build_search(form.params()))
    targets = {
        "companies": [c.slug for c in companies],
        "company_urls": [url(c) for c in companies],
        "complaint_urls": [url(c) for c in complaints],
        # The PublicPages baseline's pages: few enough to stay cached, visited once
        # before that run (see warm), so it measures the cache's hits.
        "warm_urls": ["/", "/pluimen/", "/tips/"]
        + [url(c) for c in companies[:30]]
        + [url(c) for c in complaints[:100]],
        "search": SEARCHES,
        "autocomplete": AUTOCOMPLETE,
        "consumers": people,
        "representatives": reps,
        "wizard": wizard,
        "es_url": os.environ["ELASTICSEARCH_URL"],
        "es_alias": alias(),
        "es_bodies": bodies,
        "password": password,
    }
    out.write_text(json.dumps(targets, indent=1))
    print(
        f"doelen: {len(companies)} bedrijven, {len(complaints)} klachten, "
        f"{len(people)} consumenten, {len(reps)} vertegenwoordigers -> {out}",
        flush=True,
    )


# -- 2. the production rehearsal ------------------------------------------------------


class Prod:
    """scripts/prod.sh as a child in a process group of its own."""

    def __init__(self, cfg: Config):
        self.cfg = cfg
        self.proc = None

    def start(self) -> None:
        env = {
            **self.cfg.service_env(),
            **HIGH_RATES,
            "PORT": str(self.cfg.args.port),
            "MAIL_PORT": str(self.cfg.args.mail_port),
        }
        for name in ("WEB_CONCURRENCY", "WEB_THREADS"):
            value = getattr(self.cfg.args, name.lower())
            if value:
                env[name] = str(value)
        log = open(self.cfg.out_dir / "load-prod.log", "w")  # noqa: SIM115
        say(f"make prod starten op {self.cfg.site} (log: var/bench/load-prod.log)...")
        self.proc = subprocess.Popen(
            [str(ROOT / "scripts" / "prod.sh")],
            env=env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + self.cfg.args.ready_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(
                    "make prod stopte tijdens het starten; zie var/bench/load-prod.log"
                )
            if http_status(f"{self.cfg.site}/healthz/ready") == 200:
                say("make prod is klaar.")
                return
            time.sleep(1)
        raise SystemExit("make prod werd niet klaar; zie var/bench/load-prod.log")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        say("make prod stoppen...")
        os.killpg(self.proc.pid, signal.SIGINT)
        try:
            self.proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def processes(self) -> dict[int, str]:
        """gunicorn and qcluster processes of this rehearsal: pid -> role."""
        found = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                if os.getpgid(int(entry.name)) != self.proc.pid:
                    continue
                cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except (OSError, ProcessLookupError):
                continue
            if "gunicorn" in cmd:
                found[int(entry.name)] = "gunicorn"
            elif "qcluster" in cmd:
                found[int(entry.name)] = "qcluster"
        return found


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310  (our own URL)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def parent_pid(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat.rsplit(")", 1)[1].split()[1])


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


# -- 3. locust ------------------------------------------------------------------------


class Run:
    """One headless locust run and what it measured."""

    def __init__(self, label, stats, failures, seconds, cpu_seconds):
        self.label = label
        self.stats = stats  # name -> row of locust's _stats.csv
        self.failures = failures  # [(name, error, count)]
        self.seconds = seconds
        self.cpu_seconds = cpu_seconds

    @property
    def total(self) -> dict:
        return self.stats.get("Aggregated", {})

    def rps(self, name="Aggregated") -> float:
        return float(self.stats.get(name, {}).get("Requests/s", 0) or 0)

    def errors(self, name="Aggregated") -> int:
        return int(self.stats.get(name, {}).get("Failure Count", 0) or 0)

    def requests(self, name="Aggregated") -> int:
        return int(self.stats.get(name, {}).get("Request Count", 0) or 0)

    def pct(self, name: str, which: str) -> float:
        value = self.stats.get(name, {}).get(which, "")
        return float(value) if value not in ("", "N/A") else 0.0

    def cpu_share(self) -> str:
        cores = os.cpu_count() or 1
        share = self.cpu_seconds / max(self.seconds, 0.001)
        return f"{share:.2f} van {cores} kernen ({100 * share / cores:.0f} % van de machine)"


class Running:
    """poll() of a child that leaves it unreaped, so that wait4 can still read its CPU time."""

    def __init__(self, pid: int):
        self.pid = pid

    def poll(self):
        done = os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        return None if done is None else 0


def locust(cfg, label, classes, users, seconds, *, wait=0.0, rate=0.0, event_log=None, during=None):
    """Run locust headless; `during(proc)` runs in this process while it loads."""
    prefix = cfg.out_dir / f"locust-{label}"
    env = {
        **os.environ,
        "LOAD_TARGETS": str(cfg.targets),
        "LOAD_USERS": str(users),
        "LOAD_WAIT": str(wait),
        "LOAD_TASK_RATE": str(rate),
        "LOAD_EVENT_LOG": str(event_log or ""),
    }
    command = [
        str(ROOT / ".venv" / "bin" / "locust"),
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--only-summary",
        "--loglevel",
        "ERROR",
        "--host",
        cfg.site,
        "-u",
        str(users),
        "-r",
        str(max(users, 1)),
        "-t",
        f"{int(seconds)}s",
        "--stop-timeout",
        "10",
        "--csv",
        str(prefix),
        *classes,
    ]
    started = time.perf_counter()
    proc = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    if during is not None:
        during(Running(proc.pid))
    _pid, _status, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    elapsed = time.perf_counter() - started
    stats = {}
    with open(f"{prefix}_stats.csv") as handle:
        for row in csv.DictReader(handle):
            stats[row["Name"]] = row
    failures = []
    with open(f"{prefix}_failures.csv") as handle:
        for row in csv.DictReader(handle):
            failures.append((row["Name"], row["Error"], int(row["Occurrences"])))
    return Run(label, stats, failures, elapsed, usage.ru_utime + usage.ru_stime)


def error_code(error: str) -> str:
    match = re.search(r"\b([1-5]\d\d)\b", error)
    return match.group(1) if match else re.sub(r"[(:].*", "", error).strip()[:40]


def errors_by_code(failures) -> str:
    codes = Counter()
    for _name, error, count in failures:
        codes[error_code(error)] += count
    return ", ".join(f"{code}: {n}" for code, n in codes.most_common()) or "0"


# -- reporting ------------------------------------------------------------------------


def table(headers: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


class Report:
    def __init__(self, cfg: Config):
        self.cfg = cfg
        cfg.out_dir.mkdir(parents=True, exist_ok=True)
        self.path = Path(cfg.report)
        with open(self.path, "w") as out:
            out.write(
                f"Klachtenkompas, bench/load.py: {cfg.args.n:,} klachten, "
                f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} kernen\n"
            )

    def section(self, title: str, text: str) -> None:
        block = f"\n### {title}\n\n{text}\n"
        say(block)
        with open(self.path, "a") as out:
            out.write(block)


def kinds_table(run: Run) -> str:
    rows = []
    for name, row in run.stats.items():
        if name == "Aggregated":
            continue
        codes = errors_by_code([f for f in run.failures if f[0] == name])
        rows.append(
            [
                name,
                row["Request Count"],
                f"{run.rps(name):.1f}",
                f"{run.pct(name, '50%'):.0f}",
                f"{run.pct(name, '95%'):.0f}",
                f"{run.pct(name, '99%'):.0f}",
                codes,
            ]
        )
    rows.append(
        [
            "**alles**",
            run.requests(),
            f"{run.rps():.1f}",
            f"{run.pct('Aggregated', '50%'):.0f}",
            f"{run.pct('Aggregated', '95%'):.0f}",
            f"{run.pct('Aggregated', '99%'):.0f}",
            errors_by_code(run.failures),
        ]
    )
    headers = ["soort", "verzoeken", "req/s", "p50 ms", "p95 ms", "p99 ms", "fouten"]
    return table(headers, rows)


# -- 4. the phases --------------------------------------------------------------------


def find_max(cfg: Config, report: Report) -> tuple[float, int]:
    rows, best, best_users, users = [], 0.0, 0, cfg.args.start_users
    while users <= cfg.args.max_users:
        run = locust(cfg, f"max-{users}", MIX, users, cfg.args.step_seconds)
        rps, errors = run.rps(), run.errors()
        error_share = errors / max(run.requests(), 1)
        rows.append(
            [
                users,
                f"{rps:.1f}",
                f"{run.pct('Aggregated', '95%'):.0f}",
                errors,
                run.cpu_share(),
            ]
        )
        say(f"  {users} gebruikers: {rps:.1f} req/s, {errors} fouten")
        if error_share > 0.01:
            break
        if rps <= best * 1.05:
            if rps > best:
                best, best_users = rps, users
            break
        best, best_users = rps, users
        users *= 2
    headers = ["gebruikers", "req/s", "p95 ms", "fouten", "CPU van locust"]
    report.section(
        "Maximum (--find-max)",
        table(headers, rows) + f"\n\nMaximum: **{best:.1f} req/s** bij {best_users} gebruikers.",
    )
    return best, best_users


def warm(cfg: Config) -> int:
    """Visit the PublicPages baseline's pages once, so that run measures the cache's hits;
    the mix before it met them cold or warm as visitors do."""
    pages = json.loads(cfg.targets.read_text())["warm_urls"]
    for path in pages:
        with urllib.request.urlopen(cfg.site + path, timeout=60) as response:  # noqa: S310
            response.read()
    return len(pages)


def load(cfg: Config, report: Report) -> None:
    users, seconds = cfg.args.users, cfg.args.seconds
    say(f"Belasting: de mix met {users} gebruikers, {seconds} s...")
    mix = locust(cfg, "mix", MIX, users, seconds)
    report.section(
        f"Belasting (--load): de mix, {users} gebruikers, {seconds} s",
        kinds_table(mix) + f"\n\nCPU van locust: {mix.cpu_share()}.",
    )
    base = cfg.args.baseline_seconds
    warmed = warm(cfg)
    say(f"{warmed} openbare pagina's eenmaal opgevraagd (in de paginacache).")
    runs = {}
    for label, cls in [
        ("pages", "PublicPages"),
        ("bare", "BareView"),
        ("api", "SearchApi"),
        ("raw", "RawSearch"),
    ]:
        say(f"Basislijn {cls}: {users} gebruikers, {base} s...")
        runs[label] = locust(cfg, label, [cls], users, base)
    rows = [
        [
            name,
            f"{run.rps():.1f}",
            f"{run.pct('Aggregated', '50%'):.0f}",
            f"{run.pct('Aggregated', '95%'):.0f}",
            f"{run.pct('Aggregated', '99%'):.0f}",
            errors_by_code(run.failures),
            run.cpu_share(),
        ]
        for name, run in [
            ("openbare pagina's (cache)", runs["pages"]),
            ("kale view /healthz/live", runs["bare"]),
            ("zoek-API over HTTP", runs["api"]),
            ("zelfde zoekvragen rauw naar Elasticsearch", runs["raw"]),
        ]
    ]
    page_ratio = runs["pages"].rps() / max(runs["bare"].rps(), 0.001)
    raw95 = max(runs["raw"].pct("Aggregated", "95%"), 0.001)
    search_ratio = runs["api"].pct("Aggregated", "95%") / raw95
    headers = ["basislijn", "req/s", "p50 ms", "p95 ms", "p99 ms", "fouten", "CPU van locust"]
    report.section(
        f"Basislijnen, elk {users} gebruikers, {base} s, onder dezelfde gunicorn",
        table(headers, rows)
        + "\n\n"
        + table(
            ["verhouding", "gemeten", "doel"],
            [
                ["openbare pagina's / kale view (doorvoer)", f"{page_ratio:.2f}", "≥ 0.5"],
                ["zoek-API p95 / Elasticsearch rauw p95", f"{search_ratio:.2f}", "≤ 1.25"],
            ],
        ),
    )


def pg_connections(cfg: Config) -> int:
    try:
        with pg(cfg, "postgres") as conn:
            return conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [DB_NAME]
            ).fetchone()[0]
    except Exception:  # PostgreSQL down (the fault phase): no figure for this sample
        return -1


def soak(cfg: Config, report: Report, prod: Prod, max_rps: float, max_users: int) -> None:
    """The mix at 70 % of the maximum, with as many users as reached the maximum (fewer
    could not keep up the rate), each held to its share of the rate."""
    seconds = int(cfg.args.minutes * 60)
    users = max_users or cfg.args.users
    rate = 0.7 * max_rps / users
    warmup = min(60.0, seconds / 4)
    say(f"Duurtest: {seconds} s op 70 % van {max_rps:.1f} req/s ({users} gebruikers)...")
    samples: list[tuple[float, dict, int]] = []  # (t, {pid: (role, kib)}, connections)

    def sample(proc):
        started = time.monotonic()
        while proc.poll() is None:
            memory = {}
            for pid, role in prod.processes().items():
                try:
                    memory[pid] = (role, rss_kib(pid))
                except OSError:
                    continue
            samples.append((time.monotonic() - started, memory, pg_connections(cfg)))
            end = time.monotonic() + cfg.args.sample_seconds
            while proc.poll() is None and time.monotonic() < end:
                time.sleep(0.5)

    run = locust(cfg, "soak", MIX, users, seconds, rate=rate, during=sample)
    after = [s for s in samples if s[0] >= warmup] or samples[-1:]
    first, last = after[0], after[-1]
    rows = []
    for role in ("gunicorn", "qcluster"):
        start_total = sum(k for r, k in first[1].values() if r == role)
        end_total = sum(k for r, k in last[1].values() if r == role)
        growth = [
            (last[1][pid][1] - kib) / kib
            for pid, (r, kib) in first[1].items()
            if r == role and pid in last[1] and kib
        ]
        rows.append(
            [
                role,
                len([1 for r, _k in last[1].values() if r == role]),
                f"{start_total / 1024:.0f} → {end_total / 1024:.0f} MiB",
                f"{100 * (end_total - start_total) / max(start_total, 1):+.1f} %",
                f"{100 * max(growth):+.1f} %" if growth else "—",
            ]
        )
    connections = [s[2] for s in samples if s[2] >= 0]
    text = table(
        [
            "processen",
            "aantal",
            "RSS samen na opwarmen",
            "groei samen",
            "grootste groei één proces",
        ],
        rows,
    )
    text += (
        f"\n\nOpwarmen: de eerste {warmup:.0f} s; {len(samples)} metingen, elke "
        f"{cfg.args.sample_seconds} s. Processen die gunicorn in die tijd verving "
        "(--max-requests) tellen bij 'samen' mee, niet bij 'één proces' (doel < 10 %).\n"
        f"PostgreSQL-verbindingen: max {max(connections, default=0)}, "
        f"laatste {connections[-1] if connections else 0}.\n\n"
        f"Doorvoer {run.rps():.1f} req/s (doel {0.7 * max_rps:.1f}), "
        f"p95 {run.pct('Aggregated', '95%'):.0f} ms, fouten: {errors_by_code(run.failures)}. "
        f"CPU van locust: {run.cpu_share()}."
    )
    report.section(f"Duurtest (--soak): {seconds / 60:g} minuten op 70 % van het maximum", text)


def fault_actions(cfg: Config, prod: Prod):
    """(name, break, repair): repair is None when the system repairs itself."""
    pidfile = (
        ROOT / "var" / f"elasticsearch-cluster-{cfg.args.es_port}" / f"node{cfg.args.es_nodes}"
    ) / "elasticsearch.pid"

    def stop_es_node():
        os.kill(int(pidfile.read_text().strip()), signal.SIGTERM)

    def kill_task_worker():
        tasks = [pid for pid, role in prod.processes().items() if role == "qcluster"]
        # The deepest qcluster process is a worker (main process > sentinel > workers).
        depth = dict.fromkeys(tasks, 0)
        for pid in tasks:
            up = pid
            while up in depth and up > 1:
                depth[pid] += 1
                up = parent_pid(up)
        worker = max(tasks, key=lambda pid: depth[pid])
        os.kill(worker, signal.SIGKILL)

    return [
        ("Elasticsearch-node gestopt", stop_es_node, lambda: script(cfg, "elasticsearch", "start")),
        ("takenwerker kill -9", kill_task_worker, None),
        (
            "PostgreSQL herstart",
            lambda: script(cfg, "postgres", "stop"),
            lambda: script(cfg, "postgres", "start"),
        ),
        (
            "memcached gestopt",
            lambda: script(cfg, "memcached", "stop"),
            lambda: script(cfg, "memcached", "start"),
        ),
        (
            "Redis gestopt",
            lambda: script(cfg, "redis", "stop"),
            lambda: script(cfg, "redis", "start"),
        ),
    ]


def faults(cfg: Config, report: Report, prod: Prod) -> None:
    actions = fault_actions(cfg, prod)
    down, after = cfg.args.fault_down, cfg.args.fault_after
    warm = 15
    seconds = warm + len(actions) * (down + after) + 30
    event_log = cfg.out_dir / "load-faults-events.tsv"
    event_log.write_text("")
    marks = []  # (name, t_break, t_back, t_end)

    def break_things(proc):
        time.sleep(warm)
        for name, breaks, repair in actions:
            say(f"  storing: {name}")
            t_break = time.time()
            breaks()
            if repair is not None:
                time.sleep(down if "PostgreSQL" not in name else 1)
                repair()
            t_back = time.time()
            time.sleep(after)
            marks.append((name, t_break, t_back, time.time()))
            if proc.poll() is not None:
                break

    say(f"Storingen onder belasting: {cfg.args.users} gebruikers, {seconds} s...")
    run = locust(
        cfg,
        "faults",
        MIX,
        cfg.args.users,
        seconds,
        wait=cfg.args.fault_wait,
        event_log=event_log,
        during=break_things,
    )
    events = []
    for line in event_log.read_text().splitlines():
        stamp, name, code = line.split("\t")
        events.append((float(stamp), name, code))
    rows = []
    for name, t_break, t_back, t_end in marks:
        during = Counter(code for t, _n, code in events if t_break <= t < t_back)
        later = Counter(code for t, _n, code in events if t_back <= t < t_end)
        last = max((t for t, _n, _c in events if t_break <= t < t_end), default=None)
        recovered = "geen fouten" if last is None else f"{max(0.0, last - t_back):.1f} s"
        kinds = Counter(n for t, n, _c in events if t_break <= t < t_end)
        rows.append(
            [
                name,
                f"{t_back - t_break:.1f} s",
                ", ".join(f"{c}: {n}" for c, n in during.most_common()) or "0",
                ", ".join(f"{c}: {n}" for c, n in later.most_common()) or "0",
                recovered,
                ", ".join(f"{n}: {c}" for n, c in kinds.most_common(4)) or "—",
            ]
        )
    health = http_status(f"{cfg.site}/healthz")
    text = table(
        [
            "storing",
            "weg",
            "fouten tijdens (per code)",
            "fouten erna",
            "hersteld na terugkomst",
            "getroffen soorten",
        ],
        rows,
    )
    text += (
        f"\n\nIn totaal {run.requests()} verzoeken, {run.rps():.1f} req/s, fouten: "
        f"{errors_by_code(run.failures)}. /healthz na afloop: {health}. "
        f"CPU van locust: {run.cpu_share()}. 'Hersteld na terugkomst': tijd van het terugkomen "
        "van de dienst (of de kill) tot de laatste fout."
    )
    report.section(
        f"Storingen onder belasting (--faults): {cfg.args.users} gebruikers, "
        f"elk {down} s weg en {after} s erna bekeken",
        text,
    )


# -- main -----------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=20_000, help="aantal klachten (standaard 20000)")
    parser.add_argument("--find-max", action="store_true")
    parser.add_argument("--load", action="store_true")
    parser.add_argument("--soak", action="store_true")
    parser.add_argument("--faults", action="store_true")
    parser.add_argument(
        "--users", type=int, default=16, help="gebruikers voor --load/--soak/--faults"
    )
    parser.add_argument("--seconds", type=int, default=60, help="duur van de mix bij --load")
    parser.add_argument("--baseline-seconds", type=int, default=20)
    parser.add_argument("--minutes", type=float, default=10, help="duur van --soak")
    parser.add_argument("--sample-seconds", type=int, default=15)
    parser.add_argument("--max-rps", type=float, default=0, help="voor --soak zonder --find-max")
    parser.add_argument(
        "--max-users-at-max",
        type=int,
        default=0,
        help="voor --soak zonder --find-max: het aantal gebruikers bij dat maximum",
    )
    parser.add_argument("--start-users", type=int, default=8)
    parser.add_argument("--max-users", type=int, default=128)
    parser.add_argument("--step-seconds", type=int, default=20)
    parser.add_argument("--fault-down", type=int, default=15)
    parser.add_argument("--fault-after", type=int, default=30)
    parser.add_argument("--fault-wait", type=float, default=0.5, help="denktijd bij --faults (s)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8010)))
    parser.add_argument("--mail-port", type=int, default=int(os.environ.get("MAIL_PORT", 8035)))
    parser.add_argument(
        "--es-port", type=int, default=int(os.environ.get("PROD_ELASTICSEARCH_PORT", 9270))
    )
    parser.add_argument("--es-nodes", type=int, default=3)
    parser.add_argument("--web-concurrency", type=int, default=0)
    parser.add_argument("--web-threads", type=int, default=0)
    parser.add_argument("--ready-timeout", type=int, default=1800)
    parser.add_argument("--password", default="belasting-2026-kompas")
    parser.add_argument("--report", type=Path, default=None)
    parser.add_argument("--write-targets", type=Path, default=None, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    if args.write_targets:
        write_targets(args.write_targets, os.environ["LOAD_PASSWORD"])
        return
    if not (args.find_max or args.load or args.soak or args.faults):
        raise SystemExit("Kies minstens één fase: --find-max, --load, --soak of --faults.")
    cfg = Config(args)
    prepare(cfg)
    report = Report(cfg)
    prod = Prod(cfg)
    try:
        prod.start()
        max_rps, max_users = args.max_rps, args.max_users_at_max
        if args.find_max or (args.soak and not max_rps):
            max_rps, max_users = find_max(cfg, report)
        if args.load:
            load(cfg, report)
        if args.soak:
            soak(cfg, report, prod, max_rps, max_users)
        if args.faults:
            faults(cfg, report, prod)
    finally:
        prod.stop()
    say(f"\nVerslag (markdown): {report.path}")


if __name__ == "__main__":
    main()
