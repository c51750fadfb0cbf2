"""The pieces of bench/relevance.py that need no cluster: the analysis variants (each a
function that edits an index body's settings in place), the index body and query body
built from the project's own search code, and the measures (recall@10, nDCG@10,
coverage). Kept here, apart from the script, so tests import them without side effects.
"""

import copy
import math
from contextlib import contextmanager
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

INDEX_PREFIX = "kk-relevance"
TOP = 10
DECOMPOUNDER = "dictionary_decompounder"
STEMMING = ("stemmer", "snowball", "hunspell")


# --- variants: functions that edit an index body's settings in place -----------------


def _dutch_stemmers(settings: dict) -> list[str]:
    """Names of the token filters that stem Dutch with Snowball (what the variants swap)."""
    filters = settings["analysis"].get("filter", {})
    return [
        name
        for name, spec in filters.items()
        if spec.get("type") in ("stemmer", "snowball")
        and str(spec.get("language", "")).lower() == "dutch"
    ]


def _require_stemmer(settings: dict) -> list[str]:
    names = _dutch_stemmers(settings)
    if not names:
        raise VariantNotApplicable("de mapping heeft geen Snowball-stemmer voor het Nederlands")
    return names


class VariantNotApplicable(Exception):
    pass


def current(settings: dict) -> None:
    """The analysis as the project has it."""


def kp(settings: dict) -> None:
    """Kraaij-Pohlmann instead of Snowball Dutch (deprecated in Elasticsearch 8.16+)."""
    for name in _require_stemmer(settings):
        settings["analysis"]["filter"][name] = {"type": "stemmer", "language": "dutch_kp"}


def hunspell(settings: dict) -> None:
    """Hunspell nl_NL instead of the stemmer. Folding moves after it: the dictionary's
    words carry their accents ("beëindigen"), so it must see them unfolded."""
    names = _require_stemmer(settings)
    for name in names:
        settings["analysis"]["filter"][name] = {
            "type": "hunspell",
            "locale": "nl_NL",
            "dedup": True,
        }
    for spec in settings["analysis"].get("analyzer", {}).values():
        chain = spec.get("filter", [])
        if "asciifolding" in chain and any(n in chain for n in names):
            chain.remove("asciifolding")
            last = max(chain.index(n) for n in names if n in chain)
            chain.insert(last + 1, "asciifolding")


def no_decompound(settings: dict) -> None:
    """Without the dictionary decompounder (compound parts not indexed)."""
    analysis = settings["analysis"]
    names = [n for n, f in analysis.get("filter", {}).items() if f.get("type") == DECOMPOUNDER]
    if not names:
        raise VariantNotApplicable("de mapping heeft geen decompounder")
    for spec in analysis.get("analyzer", {}).values():
        spec["filter"] = [f for f in spec.get("filter", []) if f not in names]
    for name in names:
        del analysis["filter"][name]


class Variant:
    """An analysis choice: an edit of the index settings and/or of the query builder
    (attributes of search.queries replaced while the variant's query bodies are built)."""

    def __init__(self, settings=current, synonyms=True, **query_patches):
        self.settings = settings
        self.synonyms = synonyms
        self.query_patches = query_patches

    def __call__(self, settings: dict) -> None:
        self.settings(settings)

    @contextmanager
    def queries(self):
        """The patches in place, in the query builder and in the search layer that
        imported from it."""
        import search.queries
        import search.searching

        modules = [search.queries, search.searching]
        saved = [
            (module, name, getattr(module, name))
            for module in modules
            for name in self.query_patches
            if hasattr(module, name)
        ]
        for module, name, _value in saved:
            setattr(module, name, self.query_patches[name])
        try:
            yield
        finally:
            for module, name, value in saved:
                setattr(module, name, value)


VARIANTS = {
    "current": Variant(),
    "zonder_decompounder": Variant(no_decompound),
    "zonder_samenstelling_in_vraag": Variant(split_compound=lambda word: None),
    "zonder_typfouten": Variant(typo_query=lambda q: None),
    "zonder_synoniemen": Variant(synonyms=False),
    "kp": Variant(kp),
    "hunspell": Variant(hunspell),
}


# --- measuring ------------------------------------------------------------------------


def index_body(variant) -> dict:
    from search.client import index_settings
    from search.documents import ComplaintDocument

    body = copy.deepcopy(ComplaintDocument._index.to_dict())
    body.setdefault("settings", {}).update(index_settings())
    variant(body["settings"])
    return body


def index_of(name: str) -> str:
    return f"{INDEX_PREFIX}-{name.replace('+', '-')}"


def load(client, name: str, body: dict, docs) -> None:
    from elasticsearch.helpers import bulk

    index = index_of(name)
    client.indices.delete(index=index, ignore_unavailable=True)
    client.indices.create(index=index, **body)
    bulk(
        client,
        ({"_index": index, "_id": d.pk, "_source": d.source()} for d in docs),
        chunk_size=1000,
    )
    client.indices.refresh(index=index)


@cache
def seeded_synonyms():
    """The synonym groups a new installation starts with (search's data migration): what
    the site applies until editors change the list."""
    import importlib

    from search.synonyms import SynonymTable

    seed = importlib.import_module("search.migrations.0003_synonym_groups").SEED
    return SynonymTable.from_groups([terms.split("\n") for terms, _note in seed])


def ask(client, index: str, text: str, variant: "Variant") -> tuple[dict, dict]:
    """The project's own search (search.searching.run_search: the plain query, and the
    same forgiving typos when it finds little) under the variant's patches; the answer
    and the body of the query that gave it."""
    from search.queries import SearchParams, build_search
    from search.searching import run_search

    params = SearchParams(q=text)
    with variant.queries():
        synonyms = seeded_synonyms() if variant.synonyms else None
        response, typos = run_search(client, index, params, synonyms)
        body = build_search(params, synonyms, typos=typos)
    return response, body


def recall(found: list[int], graded: dict[int, int]) -> float:
    relevant = sum(1 for g in graded.values() if g == 2)
    if not relevant:
        return 0.0
    hits = sum(1 for pk in found[:TOP] if graded.get(pk) == 2)
    return hits / min(TOP, relevant)


def ndcg(found: list[int], graded: dict[int, int]) -> float:
    def dcg(gains):
        return sum(g / math.log2(i + 2) for i, g in enumerate(gains[:TOP]))

    ideal = dcg(sorted(graded.values(), reverse=True))
    return dcg([graded.get(pk, 0) for pk in found]) / ideal if ideal else 0.0


def all_matches(client, index: str, body: dict) -> set[int]:
    """Every complaint the query matches, ranked or not (the same query, ids only)."""
    body = {**body, "from": 0}
    query = {"query": body["query"], "size": 10_000, "_source": False}
    if "post_filter" in body:
        query["post_filter"] = body["post_filter"]
    return {int(hit["_id"]) for hit in client.search(index=index, body=query)["hits"]["hits"]}


def coverage(matched: set[int], graded: dict[int, int]) -> float:
    """The share of all fully relevant complaints the query matches anywhere in its
    results: recall@10 saturates when a concept has hundreds of documents, coverage
    shows whether the other surface forms (compounds, synonyms) are found at all."""
    relevant = [pk for pk, g in graded.items() if g == 2]
    return sum(1 for pk in relevant if pk in matched) / len(relevant) if relevant else 0.0


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(len(ordered) * share) - 1)]
