"""The company autocomplete index: small, rebuilt whole when companies change."""

import logging

from elasticsearch import NotFoundError, TransportError
from elasticsearch.helpers import bulk

from core.queue import after_commit
from search.client import get_client, index_name
from search.documents import COMPANIES, CompanyDocument
from search.indexing import swap_alias

logger = logging.getLogger(__name__)
SUGGESTIONS = 10


def alias() -> str:
    return index_name(COMPANIES)


def _inputs(company) -> list[str]:
    # The trade name, its words (so "Telecom" finds "NoordNet Telecom") and the legal name.
    words = [w for w in company.title.replace("&", " ").split() if len(w) > 2]
    return list(dict.fromkeys([company.title, company.legal_name, *words]))


def rebuild() -> int:
    """Index every live company into a fresh index and swap the alias."""
    from django.utils import timezone

    from companies.models import CompanyPage

    client = get_client()
    name = f"{alias()}-{timezone.now():%Y%m%d%H%M%S%f}"
    CompanyDocument._index.clone(name).create(using=client)
    companies = CompanyPage.objects.live().public()
    count, _errors = bulk(
        client,
        (
            {
                "_index": name,
                "_id": c.pk,
                "_source": {
                    "slug": c.slug,
                    "name": c.title,
                    "url": c.url,
                    "suggest": {"input": _inputs(c)},
                },
            }
            for c in companies
        ),
        refresh=True,
    )
    swap_alias(alias(), name)
    return count


def suggest(prefix: str) -> list[dict]:
    """[{slug, name, url}] for a typed prefix; from the database if Elasticsearch is away."""
    prefix = " ".join(prefix.split())[:60]
    if not prefix:
        return []
    try:
        response = (
            get_client()
            .options(request_timeout=3)
            .search(
                index=alias(),
                suggest={
                    "companies": {
                        "prefix": prefix,
                        "completion": {
                            "field": "suggest",
                            "size": SUGGESTIONS,
                            "skip_duplicates": True,
                            "fuzzy": {"fuzziness": "AUTO"},
                        },
                    }
                },
                source=["slug", "name", "url"],
            )
        )
    except NotFoundError:  # no company index built yet (a fresh install)
        return _from_database(prefix)
    except TransportError:
        logger.warning("autocomplete: Elasticsearch unavailable, answering from the database")
        return _from_database(prefix)
    options = response["suggest"]["companies"][0]["options"]
    return [{k: o["_source"][k] for k in ("slug", "name", "url")} for o in options]


def _from_database(prefix: str) -> list[dict]:
    from companies.models import CompanyPage

    companies = (
        CompanyPage.objects.live().public().filter(title__icontains=prefix).order_by("title")
    )
    return [{"slug": c.slug, "name": c.title, "url": c.url} for c in companies[:SUGGESTIONS]]


def queue_rebuild() -> None:
    after_commit("search.tasks.rebuild_companies", name="search_companies")
