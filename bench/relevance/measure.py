"""The pieces of bench/relevance.py that need no cluster: the analysis variants (each a
function that edits an index body's settings in place), the index body and query body
built from the project's own search code, and the measures (recall@10, nDCG@10,
coverage). Kept here, apart from the script, so tests import them without side effects.
"""

import copy
import math
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

INDEX_PREFIX = "kk-relevance"
WORDLIST = ROOT / "search" / "wordlists" / "compound_parts.txt"
TOP = 10
DECOMPOUNDER = "relevance_decompounder"
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


def decompound(words: list[str]):
    """A dictionary decompounder just before the stemmer in every analyzer that stems."""

    def edit(settings: dict) -> None:
        filters = settings["analysis"].get("filter", {})
        names = [n for n, spec in filters.items() if spec.get("type") in STEMMING]
        if not names:
            raise VariantNotApplicable("de mapping heeft geen stemmer om voor te zetten")
        filters[DECOMPOUNDER] = {"type": "dictionary_decompounder", "word_list": words}
        for spec in settings["analysis"].get("analyzer", {}).values():
            chain = spec.get("filter", [])
            positions = [chain.index(n) for n in names if n in chain]
            if positions:
                chain.insert(min(positions), DECOMPOUNDER)

    return edit


VARIANTS = {
    "current": current,
    "kp": kp,
    "hunspell": hunspell,
}
DECOMPOUNDED = ("current", "kp", "hunspell")  # each also measured as "<name>+decompound"


def read_wordlist(path: Path) -> list[str] | None:
    if not path.exists():
        return None
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def all_variants(wordlist: Path) -> dict:
    variants = dict(VARIANTS)
    words = read_wordlist(wordlist)
    if words is None:
        print(
            f"Geen woordenlijst in {wordlist}: de +decompound-varianten worden overgeslagen.",
            flush=True,
        )
        return variants
    add_parts = decompound(words)
    for name in DECOMPOUNDED:

        def both(settings, base=VARIANTS[name]):
            base(settings)
            add_parts(settings)

        variants[f"{name}+decompound"] = both
    return variants


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


def search_body(text: str) -> dict:
    from search.queries import SearchParams, build_search

    body = build_search(SearchParams(q=text))
    body["from"], body["size"] = 0, TOP
    return body


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


def all_matches(client, index: str, text: str) -> set[int]:
    """Every complaint the query matches, ranked or not (the same query, ids only)."""
    body = search_body(text)
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
