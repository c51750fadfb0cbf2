"""/healthz against the real database, Elasticsearch and a real django-q2 cluster."""

import json
import time

import pytest
from django_q.brokers import get_broker
from django_q.cluster import Cluster

from search import client as search_client

# The cluster's worker processes need committed data: these tests use real transactions
# and restore the migrations' data afterwards.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def task_cluster(db):
    """A real django-q2 cluster (sentinel and workers in child processes)."""
    cluster = Cluster(get_broker())
    cluster.start()
    deadline = time.monotonic() + 30
    from core.health import check_task_cluster

    while not check_task_cluster()["ok"]:
        if time.monotonic() > deadline:
            cluster.stop()
            pytest.fail("the django-q2 cluster did not report itself within 30 s")
        time.sleep(0.2)
    yield cluster
    cluster.stop()


@pytest.fixture
def unreachable_elasticsearch(settings):
    # Port 9 (discard) has no listener here: a real refused connection, no mock.
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    yield
    search_client._client.cache_clear()


def get_health(client):
    response = client.get("/healthz")
    return response.status_code, json.loads(response.content)


def test_healthy_when_database_elasticsearch_and_task_cluster_answer(client, es, task_cluster):
    status, body = get_health(client)

    assert status == 200, body
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True, "vendor": "postgresql"}
    assert body["checks"]["elasticsearch"]["ok"] is True
    assert body["checks"]["tasks"]["ok"] is True
    assert body["checks"]["ratelimit_cache"] == {"ok": True, "backend": "PersistentPyMemcacheCache"}


def test_unavailable_when_the_task_cluster_is_not_running(client, es):
    from django.core.cache import cache

    cache.clear()  # a cluster stopped by an earlier test reports for 3 more seconds
    status, body = get_health(client)

    assert status == 503
    assert body["status"] == "unavailable"
    assert body["checks"]["tasks"]["ok"] is False
    assert body["checks"]["database"]["ok"] is True


def test_unavailable_when_elasticsearch_is_down(client, task_cluster, unreachable_elasticsearch):
    status, body = get_health(client)

    assert status == 503
    assert body["checks"]["elasticsearch"] == {"ok": False, "error": "elasticsearch unreachable"}
    assert body["checks"]["tasks"]["ok"] is True


def test_unavailable_when_the_rate_limit_cache_is_down_while_the_api_stays_open(
    client, es, task_cluster, settings
):
    # Port 9 again: a real refused connection to "memcached".
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {**settings.CACHES["ratelimit"], "LOCATION": "127.0.0.1:9"},
    }
    settings.SEARCH_API_RATE = "1/m"

    status, body = get_health(client)
    answers = [client.get("/api/v2/companies/autocomplete/", {"q": "no"}) for _ in range(3)]

    assert status == 503
    assert body["checks"]["ratelimit_cache"] == {
        "ok": False,
        "error": "rate-limit cache unreachable",
    }
    assert [a.status_code for a in answers] == [200, 200, 200]  # open, not refusing all
