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


@pytest.fixture
def unreachable_memcached(settings):
    # Port 9 again: a real refused connection to "memcached".
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {**settings.CACHES["ratelimit"], "LOCATION": "127.0.0.1:9"},
    }


def test_a_rate_limit_cache_outage_is_degraded_not_unavailable_and_reads_stay_open(
    client, es, task_cluster, settings, unreachable_memcached
):
    settings.SEARCH_API_RATE = "1/m"

    status, body = get_health(client)
    ready = client.get("/healthz/ready")
    answers = [client.get("/api/v2/companies/autocomplete/", {"q": "no"}) for _ in range(3)]

    # One memcached for every web node: failing the health check would take them all out.
    assert status == 200
    assert body["status"] == "degraded"
    assert body["checks"]["ratelimit_cache"] == {
        "ok": False,
        "error": "rate-limit cache unreachable",
    }
    assert body["checks"]["database"]["ok"] is True
    assert ready.status_code == 200
    assert [a.status_code for a in answers] == [200, 200, 200]  # open, not refusing all


def test_live_answers_without_asking_any_service(
    client, unreachable_elasticsearch, unreachable_memcached, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/healthz/live")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}


def test_ready_asks_only_what_a_node_needs_to_serve_pages(
    client, unreachable_elasticsearch, unreachable_memcached
):
    from django.core.cache import cache

    cache.clear()  # no task cluster either
    response = client.get("/healthz/ready")

    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "checks": {"database": {"ok": True, "vendor": "postgresql"}},
    }


@pytest.fixture
def unreachable_database():
    """The web process' database connection pointed at a closed port: real refused
    connections until the fixture puts it back."""
    from django.db import connection

    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["HOST"], connection.settings_dict["PORT"] = "127.0.0.1", "9"
    yield
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


def test_ready_and_healthz_are_unavailable_without_the_database(client, unreachable_database):
    ready = client.get("/healthz/ready")
    full = client.get("/healthz")
    live = client.get("/healthz/live")

    assert ready.status_code == 503
    assert json.loads(ready.content)["checks"]["database"]["ok"] is False
    assert full.status_code == 503
    assert live.status_code == 200


PUBLIC = "198.51.100.7"


def test_the_detail_is_only_for_staff_and_internal_addresses(client, es, django_user_model):
    public = client.get("/healthz", REMOTE_ADDR=PUBLIC)
    body = json.loads(public.content)

    assert set(body["checks"]) == {"database", "elasticsearch", "tasks", "ratelimit_cache"}
    assert all(set(check) == {"ok"} for check in body["checks"].values()), body
    text = public.content.decode()
    assert "postgresql" not in text and "PersistentPyMemcacheCache" not in text
    ready = json.loads(client.get("/healthz/ready", REMOTE_ADDR=PUBLIC).content)
    assert ready["checks"] == {"database": {"ok": True}}

    staff = django_user_model.objects.create_user("beheer", "beheer@example.invalid", "x")
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    as_staff = json.loads(client.get("/healthz", REMOTE_ADDR=PUBLIC).content)
    assert as_staff["checks"]["database"] == {"ok": True, "vendor": "postgresql"}
    assert as_staff["checks"]["ratelimit_cache"]["backend"] == "PersistentPyMemcacheCache"


def test_internal_means_the_client_behind_the_trusted_proxy(client, es, settings):
    settings.TRUSTED_PROXY_COUNT = 1

    def checks(forwarded):
        response = client.get("/healthz", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
        return json.loads(response.content)["checks"]

    # A forged leftmost "127.0.0.1" does not make the internet internal ...
    assert checks(f"127.0.0.1, {PUBLIC}")["database"] == {"ok": True}
    # ... a monitor inside the network sees the detail.
    assert checks("10.1.2.3")["database"] == {"ok": True, "vendor": "postgresql"}
