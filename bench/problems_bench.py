"""Benchmark: the recurring problems query for a company with many complaints.

    .venv/bin/python bench/problems_bench.py [--n 40000] [--rounds 20]

Generates N complaints (bench/generate.py: a few big companies, many small), indexes
their public fields straight into an index of their own (`<prefix>-bench-problems-*`,
deleted afterwards; no database is involved: the cost measured is Elasticsearch's),
then times build_recurring_problems for the company with the most complaints: as the
site sends it (the newest PROBLEM_SAMPLE complaints) and over all of them.
"""

import argparse
import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main():
    import django

    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=40_000)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    django.setup()

    from collections import Counter

    from django.utils.text import slugify
    from elasticsearch.helpers import bulk

    from bench.generate import companies, line
    from search import queries
    from search.client import get_client, index_name
    from search.indexing import create_index

    rng, now = random.Random(2026), datetime.now(UTC)
    firms = companies(rng, 300)
    client = get_client().options(request_timeout=120)
    name = index_name(f"bench-problems-{now:%Y%m%d%H%M%S}")
    create_index(name)
    counts = Counter()

    def documents():
        for number in range(args.n):
            data = line(number, rng, firms, now)
            if data["status"] == "in_moderation":
                continue
            company = data["company"]
            counts[slugify(company["name"])] += 1
            yield {
                "_index": name,
                "_id": number,
                "_source": {
                    "pk": number,
                    "title": data["title"],
                    "description": data["description"],
                    "company": {"slug": slugify(company["name"]), "name": company["name"]},
                    "sector": {"slug": slugify(company["sector"]), "name": company["sector"]},
                    "status": data["status"],
                    "published_at": data["published_at"],
                },
            }

    try:
        started = time.perf_counter()
        bulk(client, documents(), chunk_size=2000)
        client.indices.refresh(index=name)
        print(f"{args.n} klachten geïndexeerd in {time.perf_counter() - started:.1f} s")
        slug, size = counts.most_common(1)[0]
        print(f"grootste bedrijf: {slug} met {size} klachten")
        # Each variant twice, alternating, so neither gains from the other's warm caches.
        variants = [("steekproef", queries.PROBLEM_SAMPLE), ("alles", 10_000_000)] * 2
        for label, sample in variants:
            body = queries.build_recurring_problems(company_slug=slug, exclude_words=(slug,))
            body["aggs"]["sample"]["sampler"]["shard_size"] = sample
            times = []
            for _ in range(args.rounds):
                started = time.perf_counter()
                response = client.search(index=name, body=body)
                times.append((time.perf_counter() - started) * 1000)
            buckets = response["aggregations"]["sample"]["problems"]["buckets"]
            times.sort()
            print(
                f"{label:>10}: p50 {statistics.median(times):.0f} ms, "
                f"p95 {times[int(len(times) * 0.95) - 1]:.0f} ms; "
                + ", ".join(f"{b['key']} ({b['doc_count']})" for b in buckets)
            )
    finally:
        client.options(ignore_status=404).indices.delete(index=name)


if __name__ == "__main__":
    main()
