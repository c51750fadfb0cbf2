"""The Elasticsearch connection, built from settings when first needed (never at import)."""

from collections.abc import Sequence
from functools import cache

from django.conf import settings
from elasticsearch import Elasticsearch


def hosts(url: str | Sequence[str]) -> tuple[str, ...]:
    """ELASTICSEARCH_URL as a tuple of hosts: a list, or one string with commas."""
    parts = url.split(",") if isinstance(url, str) else url
    return tuple(part.strip() for part in parts if part.strip())


@cache
def _client(urls: tuple[str, ...], timeout: float) -> Elasticsearch:
    # With several hosts a refused connection or a timeout is retried on the next host
    # (a failed host is set aside for a while), so one node down costs no request. With
    # one host a retry would only double the wait before the page's fallback.
    several = len(urls) > 1
    return Elasticsearch(
        list(urls),
        request_timeout=timeout,
        retry_on_timeout=several,
        max_retries=len(urls) if several else 1,
    )


def get_client() -> Elasticsearch:
    return _client(hosts(settings.ELASTICSEARCH_URL), settings.ELASTICSEARCH_TIMEOUT)


def index_settings() -> dict:
    """Settings for a new index: one shard (the data set is small) and the replicas asked for."""
    return {"number_of_shards": 1, "number_of_replicas": settings.ELASTICSEARCH_REPLICAS}


def index_name(name: str) -> str:
    """An index or alias name with the environment's prefix (kk-dev-complaints, ...)."""
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{name}"


def ping() -> dict:
    """Cluster health as a small dict; raises when Elasticsearch cannot be reached."""
    health = get_client().options(request_timeout=2).cluster.health()
    return {"status": health["status"], "nodes": health["number_of_nodes"]}
