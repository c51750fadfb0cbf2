"""What the search box offers while someone types: companies and recent complaint titles.

Suggestions help, they are never needed: when Elasticsearch cannot answer, companies
come from the database (search.companies) and complaint titles are simply left out.
"""

import logging

from elasticsearch import ApiError, NotFoundError, TransportError

from search.client import get_client
from search.companies import suggest as suggest_companies
from search.indexing import alias
from search.queries import build_title_suggest

logger = logging.getLogger(__name__)

COMPANY_SUGGESTIONS = 5
# One typed letter matches half the index; it tells nothing yet.
MIN_TITLE_CHARS = 2
MAX_CHARS = 100


def suggest_titles(q: str) -> list[dict]:
    """[{title, url, company: {slug, name}}] of public complaints matching the typed text."""
    q = " ".join(q.split())[:MAX_CHARS]
    if len(q) < MIN_TITLE_CHARS:
        return []
    try:
        response = (
            get_client()
            .options(request_timeout=3)
            .search(index=alias(), body=build_title_suggest(q))
        )
    except NotFoundError:  # no complaint index yet (a fresh install): nothing to offer
        return []
    except TransportError as exc:
        logger.warning("title suggestions: Elasticsearch unavailable (%s)", exc)
        return []
    except ApiError as exc:
        # A 4xx is a query we built wrong: logged loudly, but the search box still answers.
        log = logger.exception if exc.meta.status < 500 else logger.warning
        log("title suggestions: Elasticsearch refused (%s)", exc)
        return []
    suggestions = []
    for hit in response["hits"]["hits"]:
        source = hit["_source"]
        company = source.get("company") or {}
        suggestions.append(
            {
                "title": source["title"],
                "url": source["url"],
                "company": {"slug": company.get("slug", ""), "name": company.get("name", "")},
            }
        )
    return suggestions


def suggest(q: str) -> dict:
    return {
        "companies": suggest_companies(q)[:COMPANY_SUGGESTIONS],
        "complaints": suggest_titles(q),
    }
