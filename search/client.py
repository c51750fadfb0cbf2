"""The Elasticsearch connection, built from settings when first needed (never at import)."""

from functools import cache

from django.conf import settings
from elasticsearch import Elasticsearch


@cache
def _client(url: str, timeout: float) -> Elasticsearch:
    return Elasticsearch(url, request_timeout=timeout, retry_on_timeout=False, max_retries=1)


def get_client() -> Elasticsearch:
    return _client(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_TIMEOUT)


def index_name(name: str) -> str:
    """An index or alias name with the environment's prefix (kk-dev-complaints, ...)."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{name}"


def ping() -> dict:
    """Cluster health as a small dict; raises when Elasticsearch cannot be reached."""
    health = get_client().options(request_timeout=2).cluster.health()
    return {"status": health["status"], "nodes": health["number_of_nodes"]}
