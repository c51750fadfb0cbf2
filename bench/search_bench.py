"""Benchmark: indexing rate and search latency, each next to raw Elasticsearch.

    .venv/bin/python bench/search_bench.py [--n 100000] [--rounds 30]

In its own database (`klachtenkompas_bench`, recreated every run) it makes 12 varied
Dutch complaints through the real services, copies them with SQL to N in total, then:
- indexing: `search_index --rebuild` (our path: ORM reads, documents, bulk) against
  `elasticsearch.helpers.bulk` of the same documents already in memory (raw);
- searching: a mix of free text, facets, filters and pages, through the JSON API
  (Django's test client, in process) against the same query bodies sent straight to
  Elasticsearch; p50 and p95 of each and their ratio.
Targets (issue 6): API p95 ≤ 1.25× raw; indexing ≥ 0.8× raw bulk.
"""

import argparse
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import clone_complaints, fresh_database  # noqa: E402

QUERIES = [
    {"q": "pakket"},
    {"q": "pakketten bezorgd"},
    {"q": "factuur", "sort": "newest"},
    {"q": "monteur afspraak", "page": "2"},
    {"company": "noordnet-telecom"},
    {"topic": "levering", "status": "awaiting_company"},
    {"sector": "energie", "q": "meterstand"},
    {"q": "terugbetaling", "date_from": "2026-01-01"},
]


def setup(n: int):
    import django
    from django.core.management import call_command

    django.setup()
    print("Database migreren en demobedrijven laden...", flush=True)
    call_command("migrate", verbosity=0)
    call_command("createcachetable")
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from companies import demo as companies_demo
    from companies.models import CompanyPage
    from complaints import services
    from complaints.demo import COMPLAINTS
    from complaints.factories import make_complaint
    from complaints.models import Topic

    companies_demo.load()
    consumer, _ = get_user_model().objects.get_or_create(
        username="bench", defaults={"email": "b@example.invalid"}
    )
    templates = []
    with services.notifications_enabled(False), services.search_sync_enabled(False):
        for slug, _status, company, topic, days, title, text, outcome, _private in COMPLAINTS:
            if not outcome:
                continue
            templates.append(
                make_complaint(
                    company=CompanyPage.objects.get(slug=company),
                    consumer=consumer,
                    status="awaiting_company",
                    title=title,
                    description=text,
                    desired_outcome=outcome,
                    topic=Topic.objects.get(slug=topic),
                    now=timezone.now() - timedelta(days=min(days, 300)),
                    slug=slug,
                    notify=False,
                )
            )
    per = max(1, n // len(templates))
    print(f"{per * len(templates):,} klachten maken ({len(templates)} soorten)...", flush=True)
    for template in templates:
        clone_complaints(template, per - 1, template.due_at, "awaiting_company")
    return per * len(templates)


def percentiles(samples):
    samples = sorted(samples)
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=30, help="herhalingen per zoekvraag")
    args = parser.parse_args()
    fresh_database()
    total = setup(args.n)

    from django.test import Client
    from elasticsearch.helpers import bulk

    from search import maintenance
    from search.client import get_client
    from search.forms import SearchForm
    from search.indexing import alias, create_index, site_root_path, to_document
    from search.queries import build_search

    client = get_client()
    print("Indexeren via search_index --rebuild...", flush=True)
    started = time.perf_counter()
    result = maintenance.rebuild()
    ours = time.perf_counter() - started
    print("Zelfde documenten rauw met helpers.bulk...", flush=True)
    root = site_root_path()
    docs = [to_document(c, root) for c in maintenance.public_complaints().iterator(chunk_size=2000)]
    raw_index = f"{alias()}-raw"
    create_index(raw_index)
    started = time.perf_counter()
    bulk(
        client, ({"_index": raw_index, "_id": d["pk"], "_source": d} for d in docs), chunk_size=500
    )
    client.indices.refresh(index=raw_index)
    raw = time.perf_counter() - started
    client.indices.delete(index=raw_index)

    print(f"Zoeken: {len(QUERIES)} vragen × {args.rounds}...", flush=True)
    http = Client(HTTP_HOST="127.0.0.1")
    api_times, es_times = [], []
    for params in QUERIES:
        form = SearchForm(params)
        assert form.is_valid(), form.errors
        body = build_search(form.params())
        for _ in range(args.rounds):
            started = time.perf_counter()
            client.search(index=alias(), body=body)
            es_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            response = http.get("/api/v2/complaints/search/", params)
            api_times.append(time.perf_counter() - started)
            assert response.status_code == 200, response.content[:200]

    api50, api95 = percentiles(api_times)
    es50, es95 = percentiles(es_times)
    print()
    print(
        f"indexeren (ons): {result['indexed']:,} klachten in {ours:.1f} s = {result['indexed'] / ours:,.0f}/s"
    )
    print(f"indexeren (rauw bulk): {len(docs):,} in {raw:.1f} s = {len(docs) / raw:,.0f}/s")
    print(
        f"verhouding ons/rauw (doorvoer): {(result['indexed'] / ours) / (len(docs) / raw):.2f} (doel ≥ 0.8)"
    )
    print(f"zoeken API: p50 {api50 * 1000:.1f} ms, p95 {api95 * 1000:.1f} ms")
    print(f"zoeken rauw: p50 {es50 * 1000:.1f} ms, p95 {es95 * 1000:.1f} ms")
    print(f"verhouding p95 API/rauw: {api95 / es95:.2f} (doel ≤ 1.25); p50: {api50 / es50:.2f}")
    print(f"({total:,} klachten in de index)")


if __name__ == "__main__":
    main()
