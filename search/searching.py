"""Running a search against Elasticsearch and shaping the answer (the I/O layer)."""

import itertools
import logging
from dataclasses import dataclass
from functools import cache

from django.utils.translation import get_language
from elasticsearch import ApiError, NotFoundError, TransportError

from complaints.states import Status
from search.client import get_client
from search.indexing import alias
from search.queries import (
    FACETS,
    PAGE_SIZE,
    SearchParams,
    build_among,
    build_search,
    build_spelling_suggestion,
    is_plain,
    text_query,
    typo_query,
)
from search.synonyms import current_table

logger = logging.getLogger(__name__)


class SearchUnavailable(Exception):
    """Elasticsearch could not answer; callers fall back to the database."""


@dataclass
class SearchResult:
    count: int
    results: list[dict]
    facets: dict[str, list[dict]]
    page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // PAGE_SIZE))


@cache
def _status_labels(language: str | None) -> dict[str, str]:
    """The statuses' labels, translated once per language (not once per hit)."""
    return {status.value: str(status.label) for status in Status}


def _facet(name: str, bucket: dict, status_labels: dict[str, str]) -> dict:
    if name == "status":
        label = status_labels.get(bucket["key"], bucket["key"])
    else:
        labels = bucket.get("label", {}).get("buckets", [])
        label = labels[0]["key"] if labels else bucket["key"]
    return {"key": bucket["key"], "label": str(label), "count": bucket["doc_count"]}


# A search that finds fewer complaints than this is asked again forgiving typos.
TYPOS_BELOW = 3


def run_search(client, index: str, params: SearchParams, synonyms=None) -> tuple[dict, bool]:
    """Elasticsearch's answer to a search, and whether it forgave typos: the plain query
    first; when that finds little and a word is long enough to be misspelled, the same
    search forgiving typos (a second request for the few searches that need it, instead
    of fuzzy matching on every search at ten times the cost; bench/relevance.py)."""
    response = client.search(index=index, body=build_search(params, synonyms))
    if response["hits"]["total"]["value"] < TYPOS_BELOW and typo_query(params.q):
        body = build_search(params, synonyms, typos=True)
        return client.search(index=index, body=body), True
    return response, False


def search(params: SearchParams) -> SearchResult:
    try:
        response, _typos = run_search(get_client(), alias(), params, current_table())
    except NotFoundError:
        # No index yet (a fresh install before anything was published or imported):
        # nothing is searchable, which is an answer, not a failure.
        return SearchResult(0, [], {name: [] for name in FACETS}, params.page)
    except TransportError as exc:
        raise SearchUnavailable(str(exc)) from exc
    except ApiError as exc:  # a query Elasticsearch refused: a bug on our side
        logger.exception("search query refused by Elasticsearch")
        raise SearchUnavailable(str(exc)) from exc
    status_labels = _status_labels(get_language())
    results = []
    for hit in response["hits"]["hits"]:
        source = hit["_source"]
        highlight = hit.get("highlight", {})
        results.append(
            {
                "id": int(hit["_id"]),
                "title": source["title"],
                "url": source["url"],
                "company": source["company"],
                "topic": source.get("topic"),
                "status": source["status"],
                "status_label": status_labels.get(source["status"], source["status"]),
                "published_at": source.get("published_at"),
                "highlight": " … ".join(
                    highlight.get("description", []) or highlight.get("title", [])
                ),
            }
        )
    facets = {
        name: [_facet(name, b, status_labels) for b in agg["values"]["buckets"]]
        for name, agg in response.get("aggregations", {}).items()
    }
    return SearchResult(response["hits"]["total"]["value"], results, facets, params.page)


def matching_among(params: SearchParams, ids) -> set[int]:
    """The ids among `ids` that the search matches (its own filters and words)."""
    if not ids:
        return set()
    try:
        response = get_client().search(
            index=alias(), body=build_among(params, ids, current_table())
        )
    except NotFoundError:
        return set()
    except (TransportError, ApiError) as exc:
        raise SearchUnavailable(str(exc)) from exc
    return {int(hit["_id"]) for hit in response["hits"]["hits"]}


# "Bedoelde je ...?" is asked for when a search finds fewer complaints than this.
SUGGEST_BELOW = 3


def spelling_suggestion(q: str, found: int) -> str | None:
    """A differently spelled query that finds more complaints than `q` did, or None.

    Only for plain queries that found little (a second request, so the common search
    pays nothing). The phrase suggester proposes corrections from the index's own word
    pairs; the first that finds more than `found` complaints is offered. Never fails a
    search: without an answer there is simply no suggestion."""
    if not q or found >= SUGGEST_BELOW or not is_plain(q):
        return None
    client = get_client().options(request_timeout=3)
    try:
        response = client.search(index=alias(), body=build_spelling_suggestion(q))
        entries = response.get("suggest", {}).get("spelling", [])
        options = [o["text"] for entry in entries[:1] for o in entry["options"]]
        for option in options:
            if option.split() == q.lower().split():
                continue
            query = text_query(option, current_table(), typos=True)
            count = client.count(index=alias(), query=query)["count"]
            if count > found:
                return option
    except (TransportError, ApiError) as exc:
        logger.warning("no spelling suggestion: %s", exc)
    return None


EXPORT_COLUMNS = [
    "id",
    "title",
    "url",
    "company_slug",
    "company_name",
    "topic_slug",
    "topic_name",
    "sector_slug",
    "sector_name",
    "status",
    "published_at",
    "description",
    "desired_outcome",
]


def export_rows(params: SearchParams):
    """Every matching public complaint, flat, in id order; streamed, never held whole."""
    from elasticsearch.helpers import scan

    from search.queries import build_export

    synonyms, client = current_table(), get_client()
    body = build_export(params, synonyms)
    if typo_query(params.q):  # the same rule as the search page (run_search)
        try:
            found = client.count(index=alias(), query=body["query"])["count"]
        except NotFoundError:  # no index yet: nothing to export
            return
        if found < TYPOS_BELOW:
            body = build_export(params, synonyms, typos=True)
    hits = scan(client, index=alias(), query=body, preserve_order=True, size=500)
    try:
        first = next(hits, None)
    except NotFoundError:  # no index yet: nothing to export
        return
    for hit in itertools.chain([first] if first else [], hits):
        yield export_row(hit["_source"])


def export_row(source: dict) -> dict:
    """A complaint document's public fields, flat, as EXPORT_COLUMNS (the API export
    and the nightly open data dump: opendata.dump)."""
    company, topic, sector = (source.get(k) or {} for k in ("company", "topic", "sector"))
    return {
        "id": source["pk"],
        "title": source["title"],
        "url": source["url"],
        "company_slug": company.get("slug", ""),
        "company_name": company.get("name", ""),
        "topic_slug": topic.get("slug", ""),
        "topic_name": topic.get("name", ""),
        "sector_slug": sector.get("slug", ""),
        "sector_name": sector.get("name", ""),
        "status": source["status"],
        "published_at": source.get("published_at") or "",
        "description": source.get("description", ""),
        "desired_outcome": source.get("desired_outcome", ""),
    }
