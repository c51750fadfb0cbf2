"""A three-node Elasticsearch cluster loses a node while the site searches and indexes.

The test starts its own cluster (scripts/elasticsearch.sh with ELASTICSEARCH_NODES=3) on
ports of its own, so it never disturbs the suite's server, and kills one node for real.
"""

import os
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from elasticsearch import Elasticsearch

from search import client as search_client
from search.indexing import alias

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]

ROOT = Path(__file__).resolve().parents[2]
BASE_PORT = 9460  # HTTP 9460-9462, transport 9560-9562
NODES = 3
HOSTS = [f"http://127.0.0.1:{BASE_PORT + n}" for n in range(NODES)]
SEARCH_API = "/api/v2/complaints/search/"
START_TIMEOUT = 100  # seconds for the script, which itself gives up after 120 s of waiting


def script(action: str, home: Path, timeout: int = START_TIMEOUT) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ELASTICSEARCH_")}
    env.update(
        ELASTICSEARCH_PORT=str(BASE_PORT),
        ELASTICSEARCH_NODES=str(NODES),
        ELASTICSEARCH_HEAP="320m",
        ELASTICSEARCH_HOME=str(home),
    )
    return subprocess.run(
        [str(ROOT / "scripts/elasticsearch.sh"), action],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def cluster(tmp_path, settings):
    home = tmp_path / "es-cluster"
    try:
        started = script("start", home)
    except subprocess.TimeoutExpired:
        script("stop", home, timeout=60)
        pytest.fail(f"the 3-node cluster did not start within {START_TIMEOUT} s")
    if started.returncode != 0:
        script("stop", home, timeout=60)
        pytest.fail(f"the 3-node cluster did not start: {started.stderr.strip()}")
    settings.ELASTICSEARCH_URL = HOSTS
    settings.ELASTICSEARCH_REPLICAS = 1
    settings.SEARCH_API_RATE = "10000/m"  # the loop below searches as fast as it can
    settings.ELASTICSEARCH_INDEX_PREFIX = f"kk-failover-{uuid.uuid4().hex[:8]}"
    search_client._client.cache_clear()
    try:
        yield home
    finally:
        search_client._client.cache_clear()
        script("stop", home, timeout=60)


def node_pid(home: Path, node: int) -> int:
    return int((home / f"node{node}" / "elasticsearch.pid").read_text())


def node_holding_the_primary(es: Elasticsearch) -> int:
    shards = es.cat.shards(index=alias(), format="json", h="prirep,node")
    name = next(s["node"] for s in shards if s["prirep"] == "p")
    return int(name.rsplit("node", 1)[1])


def test_searches_answer_and_indexing_catches_up_while_a_node_is_down(
    cluster, client, make_complaint, django_capture_on_commit_callbacks
):
    es = search_client.get_client()
    call_command("search_index", "--rebuild")
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            make_complaint(status="awaiting_company", title=f"Pakket {n} nooit bezorgd")
    es.indices.refresh(index=alias())
    health = es.cluster.health(index=alias(), wait_for_status="green", timeout="30s")
    assert health["status"] == "green", "the replica was not assigned on the second node"

    # Kill the node with the primary: the hardest case, its replica must take over.
    victim = node_holding_the_primary(es)
    os.kill(node_pid(cluster, victim), signal.SIGKILL)

    deadline = time.monotonic() + 15
    searches = 0
    while time.monotonic() < deadline:
        response = client.get(SEARCH_API, {"q": "pakket"})
        assert response.status_code == 200, response.content
        assert response.json()["count"] == 3
        searches += 1
    assert searches >= 5
    assert client.get("/zoeken/", {"q": "pakket"}).status_code == 200

    # Indexing with the node down: the replica is now the primary.
    survivors = [h for n, h in enumerate(HOSTS, start=1) if n != victim]
    Elasticsearch(survivors).cluster.health(wait_for_nodes=NODES - 1, timeout="30s")
    with django_capture_on_commit_callbacks(execute=True):
        late = make_complaint(status="awaiting_company", title="Modem kapot geleverd")
    es.indices.refresh(index=alias())
    found = client.get(SEARCH_API, {"q": "modem"}).json()
    assert [r["id"] for r in found["results"]] == [late.pk]

    # The node comes back (the script starts only what is missing) and gets its copy back.
    restarted = script("start", cluster)
    assert restarted.returncode == 0, restarted.stderr
    health = es.cluster.health(
        index=alias(), wait_for_nodes=NODES, wait_for_status="green", timeout="60s"
    )
    assert health["number_of_nodes"] == NODES and health["status"] == "green"
    on_the_restarted_node = Elasticsearch(HOSTS[victim - 1]).count(
        index=alias(), preference="_local", query={"match": {"title": "modem"}}
    )
    assert on_the_restarted_node["count"] == 1
    assert client.get(SEARCH_API).json()["count"] == 4
