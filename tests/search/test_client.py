"""Several Elasticsearch hosts: settings, failover in the client, replicas from settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from search import client as search_client
from search.indexing import alias

ROOT = Path(__file__).resolve().parents[2]
SEARCH_API = "/api/v2/complaints/search/"


def settings_value(env: dict, code: str) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ELASTICSEARCH_")}
    clean.update(env, DJANGO_SETTINGS_MODULE="config.settings.test")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django; django.setup(); from django.conf import settings; {code}",
        ],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_elasticsearch_url_takes_several_comma_separated_hosts():
    out = settings_value(
        {"ELASTICSEARCH_URL": "http://es1.example:9200, http://es2.example:9200"},
        "print(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_REPLICAS)",
    )

    # Several nodes: a replica by default, so one node may stop.
    assert out == "['http://es1.example:9200', 'http://es2.example:9200'] 1"


def test_one_node_has_no_replicas_by_default_and_the_setting_wins():
    one = settings_value(
        {"ELASTICSEARCH_URL": "http://es1.example:9200"},
        "print(settings.ELASTICSEARCH_REPLICAS)",
    )
    chosen = settings_value(
        {"ELASTICSEARCH_URL": "http://a:1,http://b:2,http://c:3", "ELASTICSEARCH_REPLICAS": "2"},
        "print(settings.ELASTICSEARCH_REPLICAS)",
    )

    assert (one, chosen) == ("0", "2")


def test_without_a_url_the_default_lists_every_local_node():
    out = settings_value(
        {"ELASTICSEARCH_NODES": "3", "ELASTICSEARCH_PORT": "9500", "ELASTICSEARCH_REPLICAS": "1"},
        "print(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_REPLICAS)",
    )

    assert out == ("['http://127.0.0.1:9500', 'http://127.0.0.1:9501', 'http://127.0.0.1:9502'] 1")


def test_the_client_gets_every_host_whether_a_list_or_a_string():
    assert search_client.hosts("http://a:1, http://b:2,") == ("http://a:1", "http://b:2")
    assert search_client.hosts(["http://a:1"]) == ("http://a:1",)


def test_a_dead_host_in_the_list_costs_no_search(client, published, settings):
    published(title="Pakket kwijt bij bezorging")
    # Port 9 refuses connections: a node that is down. Every request must still answer,
    # whichever host the client tries first.
    settings.ELASTICSEARCH_URL = [
        "http://127.0.0.1:9",
        *search_client.hosts(settings.ELASTICSEARCH_URL),
    ]
    try:
        for _ in range(6):
            response = client.get(SEARCH_API, {"q": "pakket"})
            assert response.status_code == 200
            assert response.json()["count"] == 1
    finally:
        search_client._client.cache_clear()


@pytest.mark.django_db
def test_new_indices_get_the_replicas_from_the_settings(index, es, settings):
    settings.ELASTICSEARCH_REPLICAS = 1

    call_command("search_index", "--rebuild")

    index_settings = es.indices.get_settings(index=alias())
    assert [s["settings"]["index"]["number_of_replicas"] for s in index_settings.values()] == ["1"]
