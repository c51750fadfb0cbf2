"""Benchmark: one deadline sweep over many complaints whose terms have passed.

    .venv/bin/python bench/deadline_sweep.py [--n 100000] [--baseline-n 2000]

Runs against the project's PostgreSQL (scripts/postgres.sh) in its own database,
`klachtenkompas_bench`, which it migrates and refills on every run. It prints:
- the time of one set-based sweep (`complaints.clock.sweep`) over N due complaints, and
  its number of queries, next to the number for N/10 (it should not grow);
- the baseline measured in the same run: moving complaints one by one with
  `complaints.services.transition`, per complaint, and the ratio between the two.
Target (issue 5): 100k complaints in under 30 s, queries independent of N.
"""

import argparse
import os
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import BENCH_DB, fresh_database  # noqa: E402
from bench.sqlcopy import clone_complaints  # noqa: E402


def setup(n: int, baseline_n: int):
    from django.core.management import call_command

    print(f"Database {BENCH_DB} migreren...", flush=True)
    call_command("migrate", verbosity=0)

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from companies.factories import CompanyIndexPageFactory, CompanyPageFactory
    from complaints import services
    from complaints.factories import make_complaint

    consumer, _ = get_user_model().objects.get_or_create(
        username="bench", defaults={"email": "bench@example.invalid"}
    )
    index = CompanyIndexPageFactory()
    past = timezone.now() - timedelta(days=30)
    companies = []
    for name in ("Sweep B.V.", "Baseline B.V."):
        company = CompanyPageFactory(
            parent=index, title=name, contact_emails=[f"klachten@{name[:5].lower()}.example"]
        )
        companies.append(company)
    with services.notifications_enabled(True):
        templates = [
            make_complaint(company=c, consumer=consumer, status="awaiting_company", now=past)
            for c in companies
        ]
    print(f"{n:,} klachten met verstreken termijn aanmaken...", flush=True)
    started = time.perf_counter()
    clone_complaints(templates[0], n - 1, past + timedelta(days=14), "awaiting_company")
    clone_complaints(templates[1], baseline_n - 1, past + timedelta(days=14), "awaiting_company")
    print(f"  klaar in {time.perf_counter() - started:.1f} s", flush=True)
    return companies


def measure_sweep(now):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from complaints.clock import sweep

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = sweep(now=now)
        elapsed = time.perf_counter() - started
    if os.environ.get("BENCH_VERBOSE"):
        for query in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:5]:
            print(f"  {float(query['time']):7.3f} s  {' '.join(query['sql'].split())[:150]}")
    return elapsed, len(queries.captured_queries), result


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=100_000, help="klachten in de grote sweep")
    parser.add_argument(
        "--baseline-n", type=int, default=2_000, help="klachten in de basislijn (een voor een)"
    )
    args = parser.parse_args()
    fresh_database()
    import django

    django.setup()
    from django.utils import timezone

    from complaints import services
    from complaints.models import ComplaintPage, OutboxMessage

    sweep_company, baseline_company = setup(args.n, args.baseline_n)
    now = timezone.now()

    # Baseline: the same work, one complaint at a time through transition().
    from complaints.states import Action

    baseline = list(ComplaintPage.objects.filter(company=baseline_company))
    print(f"Basislijn: {len(baseline):,} klachten een voor een...", flush=True)
    started = time.perf_counter()
    for complaint in baseline:
        services.transition(complaint, Action.COMPANY_TERM_MISSED, now=now)
    baseline_per = (time.perf_counter() - started) / len(baseline)

    # A small sweep first (N/10 of the work is simulated by a second company is not
    # needed): count the queries of a sweep over the small set, then the big one.
    print(f"Sweep over {args.n:,} klachten...", flush=True)
    elapsed, queries, result = measure_sweep(now)
    moved = result["company_term_missed"]
    assert moved == args.n, result
    assert OutboxMessage.objects.filter(template="company_term_missed_consumer").count() >= moved

    # Queries for a tenth of the work: rerun on freshly due complaints.
    clone_complaints(
        ComplaintPage.objects.filter(company=sweep_company).first(),
        args.n // 10,
        now - timedelta(days=1),
        "awaiting_company",
    )
    small_elapsed, small_queries, small = measure_sweep(now)

    per = elapsed / moved
    print()
    print(
        f"sweep: {moved:,} klachten in {elapsed:.2f} s ({per * 1e6:.1f} µs per klacht), {queries} queries"
    )
    print(
        f"sweep: {small['company_term_missed']:,} klachten in {small_elapsed:.2f} s, {small_queries} queries"
    )
    print(
        f"basislijn (een voor een): {baseline_per * 1e6:.1f} µs per klacht, "
        f"geschat {baseline_per * moved:.1f} s voor {moved:,}"
    )
    print(f"verhouding sweep/basislijn per klacht: {per / baseline_per:.3f}")
    print(
        f"queries groeien niet met N: {'ja' if queries == small_queries else 'NEE'} ({small_queries} → {queries})"
    )
    print(
        f"doel < 30 s voor 100k: {'gehaald' if elapsed < 30 or args.n < 100_000 else 'NIET gehaald'}"
    )


if __name__ == "__main__":
    main()
