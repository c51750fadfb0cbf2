"""Benchmark: Dutch search relevance per kind of query, and what each analysis costs.

    .venv/bin/python bench/relevance.py [--variants all|name,...] [--docs 4000] [--rounds 3]

No database: the corpus and its judgments come from bench/relevance/ (a seeded
generator of concept-tagged Dutch complaints and 170+ judged consumer queries). For each
variant, an index `kk-relevance-<variant>` is made from the project's own complaint
mapping (search.documents.ComplaintDocument) with its analysis edited as the variant
says, the corpus is bulk-indexed in the shape of search.indexing.to_document, and every
judged query is sent as the project's own query builder makes it at run time
(search.queries.build_search), so later changes to mapping or queries are measured as
they are. Reported: recall@10 and nDCG@10 per kind of query and variant, latency (p50,
p95 wall clock and Elasticsearch's `took`) and each variant's p95 against `current`'s,
and the worst queries of the best variant, printed and written to
var/bench/relevance-<timestamp>.md (each query's scores per variant in the .json beside
it, to compare two runs query by query). The indices are deleted afterwards.

Variants (bench/relevance/measure.py VARIANTS) are the analysis choices: each edits the
index settings (another stemmer, no decompounder) and/or the query builder (no compound
parts in the query, no typo tolerance, no synonyms); `current` is the project as it is.
The query bodies are built with the synonym groups a new installation is seeded with.
"""

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import ROOT  # noqa: E402  (sets the bench environment)
from bench.relevance.measure import (  # noqa: E402
    TOP,
    VARIANTS,
    VariantNotApplicable,
    all_matches,
    ask,
    coverage,
    index_body,
    index_of,
    load,
    ndcg,
    percentile,
    recall,
)


def run(args) -> str:
    import django

    django.setup()
    from bench.relevance import corpus
    from bench.relevance.judgments import KINDS, QUERIES, judge
    from search.client import get_client

    client = get_client()
    variants = dict(VARIANTS)
    if args.variants != "all":
        wanted = [v.strip() for v in args.variants.split(",") if v.strip()]
        unknown = [v for v in wanted if v not in variants]
        if unknown:
            raise SystemExit(f"Onbekende of overgeslagen variant(en): {', '.join(unknown)}")
        variants = {v: variants[v] for v in wanted}

    print(f"{args.docs:,} klachten genereren (seed {args.seed})...", flush=True)
    docs = corpus.generate(args.docs, args.seed)
    judged = judge(docs)
    empty = [q.text for q in QUERIES if 2 not in judged[q.text].values()]
    if empty:
        print(f"Let op: zonder relevante documenten bij deze omvang: {', '.join(empty)}")

    skipped: dict[str, str] = {}
    indexing: dict[str, float] = {}  # seconds to create, bulk-load and refresh
    loaded = []
    try:
        for name, variant in variants.items():
            try:
                body = index_body(variant)
            except VariantNotApplicable as why:
                skipped[name] = str(why)
                print(f"{name}: overgeslagen ({why})", flush=True)
                continue
            print(f"{name}: index {index_of(name)} maken en vullen...", flush=True)
            started = time.perf_counter()
            try:
                load(client, name, body, docs)
            except Exception as error:  # a component this cluster lacks
                skipped[name] = f"index niet te maken: {str(error)[:300]}"
                print(f"{name}: overgeslagen ({skipped[name]})", flush=True)
                client.indices.delete(index=index_of(name), ignore_unavailable=True)
                continue
            loaded.append(name)
            indexing[name] = time.perf_counter() - started
            print(f"  {indexing[name]:.1f} s", flush=True)

        results: dict[str, dict[str, list[int]]] = {name: {} for name in loaded}
        walls: dict[str, list[float]] = defaultdict(list)
        tooks: dict[str, list[float]] = defaultdict(list)
        matched: dict[str, dict[str, set[int]]] = {name: {} for name in loaded}
        # A first pass warms each index and gives the rankings, and which relevant
        # complaints a query matches at all (coverage). The timed rounds then send each
        # query to every variant in turn, in a rotating order, so that the machine's
        # drift and caches fall on all variants alike.
        for round_no in range(args.rounds + 1):
            label = "opwarmen en rangschikken" if round_no == 0 else f"ronde {round_no}"
            print(f"Zoeken, {label}: {len(QUERIES)} vragen × {len(loaded)} varianten", flush=True)
            for number, query in enumerate(QUERIES):
                turn = (number + round_no) % len(loaded)
                for name in loaded[turn:] + loaded[:turn]:
                    index = index_of(name)
                    started = time.perf_counter()
                    response, body = ask(client, index, query.text, variants[name])
                    elapsed = time.perf_counter() - started
                    if round_no == 0:
                        results[name][query.text] = [
                            int(hit["_id"]) for hit in response["hits"]["hits"]
                        ]
                        matched[name][query.text] = all_matches(client, index, body)
                    else:
                        walls[name].append(elapsed * 1000)
                        tooks[name].append(float(response["took"]))
    finally:
        for name in variants:
            client.indices.delete(index=index_of(name), ignore_unavailable=True)

    scores = {
        name: {
            q.text: (
                q.kind,
                recall(results[name][q.text], judged[q.text]),
                ndcg(results[name][q.text], judged[q.text]),
                coverage(matched[name][q.text], judged[q.text]),
            )
            for q in QUERIES
        }
        for name in loaded
    }
    text = report(
        args, client, docs, QUERIES, KINDS, loaded, skipped, scores, walls, tooks, indexing
    )
    data = {
        name: {
            text: dict(zip(("kind", "recall", "ndcg", "coverage"), values, strict=True))
            for text, values in scores[name].items()
        }
        for name in loaded
    }
    return text, data


def _mean(values) -> float:
    values = list(values)
    return statistics.fmean(values) if values else 0.0


def report(
    args, client, docs, queries, kinds, loaded, skipped, scores, walls, tooks, indexing
) -> str:
    version = client.info()["version"]["number"]
    lines = [
        f"# Relevantie van het zoeken — {datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"{len(docs):,} gegenereerde klachten (seed {args.seed}), {len(queries)} beoordeelde "
        f"zoekvragen, top {TOP}; Elasticsearch {version}; latentie over {args.rounds} "
        "ronde(n) na een opwarmronde. Cellen: recall@10 / nDCG@10.",
        "",
    ]
    if not loaded:
        return "\n".join([*lines, "Geen enkele variant kon worden gemeten."])

    def mean(name, kind, column):  # column 1 recall, 2 nDCG, 3 coverage
        return _mean(v[column] for v in scores[name].values() if kind in (None, v[0]))

    def table(cell):
        rows = ["| soort | n | " + " | ".join(loaded) + " |", "|" + "---|" * (len(loaded) + 2)]
        for kind in [*kinds, None]:
            n = sum(1 for q in queries if kind in (None, q.kind))
            cells = [cell(name, kind) for name in loaded]
            if kind is None:
                cells = [f"**{c}**" for c in cells]
            rows.append(f"| {kind or '**alle**'} | {n} | " + " | ".join(cells) + " |")
        return rows

    lines += table(lambda name, kind: f"{mean(name, kind, 1):.2f} / {mean(name, kind, 2):.2f}")
    overall = {name: (mean(name, None, 1), mean(name, None, 2)) for name in loaded}
    lines += [
        "",
        "## Dekking: deel van alle relevante klachten dat de vraag überhaupt vindt",
        "",
        "Recall@10 is vol zodra tien van de vele relevante klachten bovenaan staan; de "
        "dekking laat zien of ook de andere schrijfwijzen (samenstellingen, synoniemen, "
        "meervouden) gevonden worden.",
        "",
    ]
    lines += table(lambda name, kind: f"{mean(name, kind, 3):.2f}")
    lines += ["", "## Latentie per variant (ms)", ""]
    lines += [
        "| variant | p50 | p95 | took p50 | took p95 | p95 / current | indexeren (s) |",
        "|---|---|---|---|---|---|---|",
    ]
    base = percentile(walls["current"], 0.95) if "current" in loaded and walls["current"] else None
    for name in loaded:
        if not walls[name]:
            lines.append(f"| {name} | – | – | – | – | – | {indexing[name]:.1f} |")
            continue
        p95 = percentile(walls[name], 0.95)
        ratio = f"{p95 / base:.2f}" if base else "–"
        lines.append(
            f"| {name} | {statistics.median(walls[name]):.1f} | {p95:.1f} | "
            f"{statistics.median(tooks[name]):.0f} | {percentile(tooks[name], 0.95):.0f} | {ratio} | "
            f"{indexing[name]:.1f} |"
        )
    best = max(loaded, key=lambda n: (overall[n][1], overall[n][0]))
    worst = sorted(scores[best].items(), key=lambda item: (item[1][2], item[1][1]))[:10]
    lines += [
        "",
        f"## De 10 slechtste vragen van de beste variant ({best})",
        "",
        "| vraag | soort | recall@10 | nDCG@10 | dekking |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {text} | {kind} | {r:.2f} | {n:.2f} | {c:.2f} |" for text, (kind, r, n, c) in worst
    ]
    if skipped:
        lines += ["", "## Overgeslagen", ""]
        lines += [f"- {name}: {why}" for name, why in skipped.items()]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--variants",
        default="all",
        help="all, of namen met komma's: " + ", ".join(VARIANTS),
    )
    parser.add_argument("--docs", type=int, default=4000, help="aantal gegenereerde klachten")
    parser.add_argument("--rounds", type=int, default=3, help="getimede rondes over alle vragen")
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    text, data = run(args)
    out = ROOT / "var" / "bench" / f"relevance-{datetime.now():%Y%m%d-%H%M%S}.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    # Every query's scores per variant, for comparing two runs query by query.
    out.with_suffix(".json").write_text(json.dumps(data, ensure_ascii=False, indent=1))
    print()
    print(text)
    print(f"Rapport: {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
