"""Pure builders of Elasticsearch query bodies: no I/O, golden-tested with JSON.

Facets count with every other filter applied but not their own (filtered aggregations
plus a post_filter), so choosing "Telecom" still shows how many complaints other
sectors have for the same text.
"""

from dataclasses import dataclass
from datetime import date

PAGE_SIZE = 20
FACETS = {
    "company": "company.slug",
    "topic": "topic.slug",
    "sector": "sector.slug",
    "status": "status",
}
FACET_LABELS = {
    "company": "company.name.raw",
    "topic": "topic.name.raw",
    "sector": "sector.name.raw",
}
TEXT_FIELDS = ["title^3", "company.name^2", "description", "desired_outcome"]


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    company: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()
    sector: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevance"
    page: int = 1
    facet_size: int = 50


def text_query(q: str) -> dict:
    if not q:
        return {"match_all": {}}
    # simple_query_string never fails on unbalanced quotes or brackets.
    return {
        "simple_query_string": {
            "query": q,
            "fields": TEXT_FIELDS,
            "default_operator": "and",
            "flags": "AND|OR|NOT|PHRASE|PREFIX|WHITESPACE|ESCAPE",
            "lenient": True,
        }
    }


def date_filter(params: SearchParams) -> list[dict]:
    bounds = {}
    if params.date_from:
        bounds["gte"] = params.date_from.isoformat()
    if params.date_to:
        bounds["lte"] = params.date_to.isoformat()
    return [{"range": {"published_at": bounds}}] if bounds else []


def facet_filters(params: SearchParams) -> dict[str, dict]:
    return {
        name: {"terms": {path: list(getattr(params, name))}}
        for name, path in FACETS.items()
        if getattr(params, name)
    }


def aggregations(params: SearchParams) -> dict:
    chosen = facet_filters(params)
    aggs = {}
    for name, path in FACETS.items():
        others = [f for other, f in chosen.items() if other != name]
        terms = {"terms": {"field": path, "size": params.facet_size, "order": {"_count": "desc"}}}
        if name in FACET_LABELS:
            terms["aggs"] = {"label": {"terms": {"field": FACET_LABELS[name], "size": 1}}}
        aggs[name] = {
            "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
            "aggs": {"values": terms},
        }
    return aggs


def sort_clause(params: SearchParams) -> list:
    newest = {"published_at": {"order": "desc"}}
    if params.sort == "newest" or not params.q:
        return [newest, {"pk": "desc"}]
    return ["_score", newest, {"pk": "desc"}]


def build_search(params: SearchParams) -> dict:
    chosen = list(facet_filters(params).values())
    body = {
        "query": {"bool": {"must": [text_query(params.q)], "filter": date_filter(params)}},
        "aggs": aggregations(params),
        "sort": sort_clause(params),
        "from": (params.page - 1) * PAGE_SIZE,
        "size": PAGE_SIZE,
        "track_total_hits": True,
        "_source": ["title", "url", "company", "topic", "status", "published_at"],
    }
    if chosen:
        body["post_filter"] = {"bool": {"filter": chosen}}
    if params.q:
        body["highlight"] = {
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "encoder": "html",
            "fields": {
                "title": {"number_of_fragments": 0},
                "description": {"fragment_size": 160, "number_of_fragments": 2},
            },
        }
    return body


def build_export(params: SearchParams) -> dict:
    """The same filters as a search, as one query for a full, ordered scan."""
    filters = [*date_filter(params), *facet_filters(params).values()]
    return {
        "query": {"bool": {"must": [text_query(params.q)], "filter": filters}},
        "sort": [{"pk": "asc"}],
        "_source": EXPORT_FIELDS,
    }


EXPORT_FIELDS = [
    "pk",
    "title",
    "url",
    "company",
    "topic",
    "sector",
    "status",
    "published_at",
    "description",
    "desired_outcome",
]


COMPANY_CANDIDATES = 5


def build_company_lookup(q: str) -> dict:
    """Companies whose name is like the typed text (folded, typos allowed): the candidates
    for "Bedoel je het bedrijf …?", which search.companies then holds to a closer rule."""
    return {
        "query": {
            "match": {
                "name": {
                    "query": q,
                    "fuzziness": "AUTO",
                    "prefix_length": 1,
                    "operator": "or",
                }
            }
        },
        "size": COMPANY_CANDIDATES,
        "_source": ["slug", "name", "url"],
    }


TITLE_SUGGESTIONS = 5
# How fast a complaint's weight fades with age in the search box's title suggestions:
# half after three months beyond the first week (published complaints live two years).
TITLE_RECENCY = {"origin": "now", "offset": "7d", "scale": "90d", "decay": 0.5}


def build_title_suggest(q: str) -> dict:
    """Public complaint titles for what is being typed: every word must match, the last
    one as a prefix (it is still being typed). The text score is multiplied by a decay on
    published_at rather than sorted by date, so among titles that match about as well the
    recent ones come first, while a clearly better match is not buried under a fresh but
    weak one."""
    return {
        "query": {
            "function_score": {
                "query": {
                    "bool": {
                        "must": [{"match_bool_prefix": {"title": {"query": q, "operator": "and"}}}],
                        # The words in the typed order rank above the same words scattered.
                        "should": [{"match_phrase_prefix": {"title": {"query": q}}}],
                    }
                },
                "functions": [{"gauss": {"published_at": TITLE_RECENCY}}],
                "boost_mode": "multiply",
            }
        },
        "size": TITLE_SUGGESTIONS,
        # Public fields only, and only those the box shows.
        "_source": ["title", "url", "company.slug", "company.name"],
    }
