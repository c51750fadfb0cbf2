"""Benchmark: import, indexing rate and search latency, each next to its baseline.

    .venv/bin/python bench/search_bench.py [--n 100000] [--rounds 30]
    .venv/bin/python bench/search_bench.py --n 1000000          # the full run

In its own database (`klachtenkompas_bench`, recreated every run) and index prefix
(`kk-bench`), one run:
1. generates N realistic Dutch complaints in the import format (bench/generate.py;
   the file is kept in var/bench/ and reused by a later run with the same N);
2. imports them with `manage.py import_complaints` in a child process, watching its
   memory (RSS) as it goes; the time until all are searchable is the import's target
   (1M in under 15 minutes, memory flat);
3. indexing: `search_index --rebuild` (our path: rows from the database, documents,
   bulk) against `elasticsearch.helpers.bulk` of the same documents already in
   memory (raw); target: ours ≥ 0.8× raw;
4. searching: a mix of free text, facets, filters and pages through the JSON API
   (Django's test client, in process) against the same query bodies sent straight to
   Elasticsearch; p50 and p95 of each; target: API p95 ≤ 1.25× raw.
"""

import argparse
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import ROOT, fresh_database  # noqa: E402

QUERIES = [
    {"q": "pakket"},
    {"q": "pakketten bezorgd"},
    {"q": "factuur", "sort": "newest"},
    {"q": "monteur afspraak", "page": "2"},
    {"company": "noordnet-telecom"},
    {"topic": "levering", "status": "awaiting_company"},
    {"sector": "energie", "q": "meterstand"},
    {"q": "terugbetaling", "date_from": "2026-01-01"},
    {"q": "factuurr te hoog"},  # a typo: found by the second, typo-forgiving request
]


def setup():
    import django
    from django.core.management import call_command

    django.setup()
    print("Database migreren en demobedrijven laden...", flush=True)
    call_command("migrate", verbosity=0)
    from companies import demo as companies_demo
    from complaints import demo as complaints_demo
    from search.client import get_client, index_name

    companies_demo.load()
    complaints_demo.load_topics()
    get_client().indices.delete(index=index_name("*"), ignore_unavailable=True)


def complaints_file(n: int) -> Path:
    from bench.generate import generate

    path = ROOT / "var" / "bench" / f"klachten-{n}.jsonl"
    if path.exists():
        print(f"{path.relative_to(ROOT)} bestaat al; die wordt gebruikt.", flush=True)
        return path
    print(f"{n:,} klachten genereren in {path.relative_to(ROOT)}...", flush=True)
    partial = path.with_suffix(".part")
    generate(partial, n)
    partial.rename(path)
    return path


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def run_import(path: Path) -> tuple[float, list[tuple[float, int]]]:
    """import_complaints in a child process; (seconds, [(seconds, RSS KiB), ...])."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "import_complaints", str(path)],
        cwd=ROOT,
    )
    samples: list[tuple[float, int]] = []

    def watch():
        while child.poll() is None:
            try:
                samples.append((time.perf_counter() - started, rss_kib(child.pid)))
            except (FileNotFoundError, ProcessLookupError):
                break
            time.sleep(0.5)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    code = child.wait()
    watcher.join()
    if code not in (0, 1):
        raise SystemExit(f"import_complaints stopte met status {code}")
    return time.perf_counter() - started, samples


def memory_profile(samples: list[tuple[float, int]]) -> str:
    """RSS at a quarter, half, three quarters and the end of the import, and the peak."""
    if not samples:
        return "geen metingen"
    total = samples[-1][0]
    marks = []
    for share in (0.25, 0.5, 0.75, 1.0):
        rss = next((kib for t, kib in samples if t >= share * total), samples[-1][1])
        marks.append(f"{int(share * 100)}%: {rss / 1024:.0f} MiB")
    peak = max(kib for _t, kib in samples) / 1024
    return ", ".join(marks) + f"; piek {peak:.0f} MiB"


def percentiles(samples):
    samples = sorted(samples)
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=30, help="herhalingen per zoekvraag")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="de klachten van de vorige run in de benchmarkdatabase houden: alleen indexeren "
        "en zoeken meten (na een wijziging aan de index, zonder opnieuw te importeren)",
    )
    args = parser.parse_args()
    if args.reuse:
        import django

        django.setup()
    else:
        fresh_database()
        setup()
        path = complaints_file(args.n)

    from django.test import Client
    from elasticsearch.helpers import bulk

    from search import maintenance
    from search.client import get_client
    from search.forms import SearchForm
    from search.indexing import alias, complaint_rows, create_index, site_root_path, to_document
    from search.queries import build_search
    from search.searching import run_search
    from search.synonyms import current_table

    client = get_client()
    if not args.reuse:
        print(f"Importeren: manage.py import_complaints {path.relative_to(ROOT)}", flush=True)
        started = time.perf_counter()
        import_seconds, samples = run_import(path)
        client.indices.refresh(index=alias())
        searchable_seconds = time.perf_counter() - started
        public = maintenance.public_complaints().count()
        in_index = client.count(index=alias())["count"]

    print("Indexeren via search_index --rebuild...", flush=True)
    started = time.perf_counter()
    result = maintenance.rebuild()
    ours = time.perf_counter() - started
    print("Zelfde documenten rauw met helpers.bulk...", flush=True)
    root = site_root_path()
    rows = complaint_rows(maintenance.public_complaints()).iterator(chunk_size=2000)
    docs = [to_document(row, root) for row in rows]

    def raw_bulk(docs, **settings) -> float:
        raw_index = f"{alias()}-raw"
        create_index(raw_index, **settings)
        started = time.perf_counter()
        bulk(
            client,
            ({"_index": raw_index, "_id": d["pk"], "_source": d} for d in docs),
            chunk_size=500,
        )
        client.indices.refresh(index=raw_index)
        seconds = time.perf_counter() - started
        client.indices.delete(index=raw_index)
        return seconds

    raw = raw_bulk(docs)
    # The rebuild fills its new index without refreshes; the same for raw bulk, so that
    # the ratio also shows what our side costs with that advantage taken away.
    raw_norefresh = raw_bulk(docs, refresh_interval=maintenance.REBUILD_REFRESH_INTERVAL)
    del docs

    print(f"Zoeken: {len(QUERIES)} vragen × {args.rounds}...", flush=True)
    http = Client(HTTP_HOST="127.0.0.1")
    api_times, es_times = [], []
    for params in QUERIES:
        form = SearchForm(params)
        assert form.is_valid(), form.errors
        # The bodies the API sends (the synonym groups the database holds included; a
        # search that finds little is asked again forgiving typos), sent as they are.
        search_params, synonyms = form.params(), current_table()
        _response, typos = run_search(client, alias(), search_params, synonyms)
        bodies = [build_search(search_params, synonyms)]
        if typos:
            bodies.append(build_search(search_params, synonyms, typos=True))
        for _ in range(args.rounds):
            started = time.perf_counter()
            for body in bodies:
                client.search(index=alias(), body=body)
            es_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            response = http.get("/api/v2/complaints/search/", params)
            api_times.append(time.perf_counter() - started)
            assert response.status_code == 200, response.content[:200]

    api50, api95 = percentiles(api_times)
    es50, es95 = percentiles(es_times)
    print()
    if args.reuse:
        public = maintenance.public_complaints().count()
        print(f"import: overgeslagen (--reuse); {public:,} openbare klachten in de database")
    else:
        print(
            f"import: {args.n:,} regels in {import_seconds:.0f} s = "
            f"{args.n / import_seconds:,.0f} regels/s; doorzoekbaar na {searchable_seconds:.0f} s "
            f"({in_index:,} in de index, {public:,} openbaar in de database; doel 1M < 900 s)"
        )
        print(f"geheugen import (RSS): {memory_profile(samples)}")
    print(
        f"indexeren (ons): {result['indexed']:,} klachten in {ours:.1f} s = {result['indexed'] / ours:,.0f}/s"
    )
    print(f"indexeren (rauw bulk): {public:,} in {raw:.1f} s = {public / raw:,.0f}/s")
    print(
        f"indexeren (rauw bulk, zonder refresh zoals de rebuild): {public:,} in "
        f"{raw_norefresh:.1f} s = {public / raw_norefresh:,.0f}/s"
    )
    print(
        f"verhouding ons/rauw (doorvoer): {(result['indexed'] / ours) / (public / raw):.2f} (doel ≥ 0.8); "
        f"tegen rauw zonder refresh: {(result['indexed'] / ours) / (public / raw_norefresh):.2f}"
    )
    print(f"zoeken API: p50 {api50 * 1000:.1f} ms, p95 {api95 * 1000:.1f} ms")
    print(f"zoeken rauw: p50 {es50 * 1000:.1f} ms, p95 {es95 * 1000:.1f} ms")
    print(f"verhouding p95 API/rauw: {api95 / es95:.2f} (doel ≤ 1.25); p50: {api50 / es50:.2f}")


if __name__ == "__main__":
    main()
