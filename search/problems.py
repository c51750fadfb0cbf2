"""Recurring problems: the words a company's (or a sector's) public complaints keep
using, far more often than all public complaints do (the I/O layer of
search.queries.build_recurring_problems)."""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from elasticsearch import ApiError, NotFoundError, TransportError

from companies.selectors import name_tokens
from search.client import get_client
from search.indexing import alias
from search.queries import build_recurring_problems
from search.searching import SearchUnavailable

logger = logging.getLogger(__name__)

# A company page waits for this at most: without an answer it shows no problems.
TIMEOUT = 3


def for_company(company) -> list[dict]:
    """[{term, label, count, url}] for a company page; raises SearchUnavailable."""
    words = {*name_tokens(company.title), *name_tokens(company.legal_name)}
    body = build_recurring_problems(
        company_slug=company.slug,
        min_count=settings.RECURRING_PROBLEMS_MIN,
        exclude_words=tuple(sorted(words)),
    )
    return _problems(body, {"company": company.slug})


def for_sector(sector) -> list[dict]:
    """[{term, label, count, url}] for a sector page; raises SearchUnavailable."""
    body = build_recurring_problems(
        sector_slug=sector.slug,
        min_count=settings.RECURRING_PROBLEMS_MIN,
        exclude_words=name_tokens(sector.name),
    )
    return _problems(body, {"sector": sector.slug})


def _problems(body: dict, search_filter: dict) -> list[dict]:
    try:
        response = get_client().options(request_timeout=TIMEOUT).search(index=alias(), body=body)
    except NotFoundError:
        # No index yet (a fresh install): no public complaints, so no problems either.
        return []
    except TransportError as exc:
        raise SearchUnavailable(str(exc)) from exc
    except ApiError as exc:
        if exc.meta.status < 500:  # a query Elasticsearch refused: a bug on our side
            logger.exception("recurring problems query refused by Elasticsearch")
        raise SearchUnavailable(str(exc)) from exc
    buckets = response["aggregations"]["sample"]["problems"]["buckets"]
    search_url = reverse("search")
    return [
        {
            "term": bucket["key"],
            # The counted words are folded but not stemmed: readable as they are.
            "label": bucket["key"],
            "count": bucket["doc_count"],
            "url": f"{search_url}?{urlencode({'q': bucket['key'], **search_filter})}",
        }
        for bucket in buckets
    ]
