"""/open-data/ and the files under it."""

import hashlib
import json
from io import StringIO

import pytest
from django.core.management import call_command

from opendata.dictionary import COMPLAINTS, SCORES

pytestmark = pytest.mark.django_db


def dump():
    call_command("open_data_dump", stdout=StringIO())


def manifest(client) -> dict:
    return json.loads(b"".join(client.get("/open-data/manifest.json").streaming_content))


def test_before_the_first_dump_the_page_says_when_it_comes(client, site):
    response = client.get("/open-data/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "de eerste export verschijnt na de nachtelijke run" in html
    assert "CC0" in html
    assert "<code>desired_outcome</code>" in html  # the dictionary is there all the same
    missing = client.get("/open-data/klachten.csv.gz")
    assert missing.status_code == 404
    assert "nachtelijke run" in missing.json()["error"]


def test_the_page_lists_the_files_and_the_dictionary(client, world):
    dump()

    html = client.get("/open-data/").content.decode()

    for entry in manifest(client)["files"]:
        assert f'href="/open-data/{entry["name"]}"' in html
        assert f'data-file="{entry["name"]}">{entry["sha256"]}</code>' in html
    assert 'href="/open-data/SHA256SUMS"' in html
    assert 'href="https://creativecommons.org/publicdomain/zero/1.0/deed.nl" rel="license"' in html
    for column in (*COMPLAINTS.columns, *SCORES.columns):
        assert f"<code>{column.name}</code></th><td>{column.type}</td>" in html
    for status, label in [("awaiting_company", "wacht op reactie bedrijf"), ("closed", "gesloten")]:
        assert f"{status} ({label})" in html  # the status codes, from the state machine
    assert "withdrawn" not in html
    assert "nachtelijke run" not in html


def test_a_gzip_file_is_served_as_it_is_stored(client, world, open_data_dir):
    dump()
    entry = next(f for f in manifest(client)["files"] if f["name"] == "klachten.csv.gz")

    response = client.get("/open-data/klachten.csv.gz")
    body = b"".join(response.streaming_content)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/gzip"
    assert "Content-Encoding" not in response  # a browser saves the gzip, not its contents
    assert response["Content-Disposition"] == 'attachment; filename="klachten.csv.gz"'
    assert int(response["Content-Length"]) == entry["size"] == len(body)
    assert hashlib.sha256(body).hexdigest() == entry["sha256"]
    assert response["ETag"] == f'"{entry["sha256"]}"'
    assert response["Last-Modified"].endswith("GMT")
    assert "public" in response["Cache-Control"]


def test_a_head_request_answers_the_headers_only(client, world):
    dump()

    response = client.head("/open-data/klachten.csv.gz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/gzip"
    assert int(response["Content-Length"]) > 0
    assert b"".join(response.streaming_content) == b""


def test_a_known_version_is_not_sent_again(client, world):
    dump()
    first = client.get("/open-data/klachten.jsonl.gz")

    again = client.get("/open-data/klachten.jsonl.gz", HTTP_IF_NONE_MATCH=first["ETag"])
    since = client.get("/open-data/SHA256SUMS", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert again.status_code == 304
    assert since.status_code == 304


def test_the_manifest_and_the_checksums_are_text(client, world):
    dump()

    response = client.get("/open-data/manifest.json")
    sums = client.get("/open-data/SHA256SUMS")

    assert response["Content-Type"] == "application/json"
    assert manifest(client)["licence"] == "CC0-1.0"
    assert sums["Content-Type"] == "text/plain; charset=utf-8"
    assert b"  klachten.csv.gz\n" in b"".join(sums.streaming_content)


@pytest.mark.parametrize(
    "path",
    [
        "/open-data/klachten.xml.gz",
        "/open-data/notities.txt",
        "/open-data/..%2F..%2Fmanage.py",
        "/open-data/%2E%2E/settings.py",
        "/open-data/current",
        "/open-data/.tmp-link",
    ],
)
def test_only_the_published_names_are_served(client, world, open_data_dir, path):
    dump()
    (open_data_dir / "current" / "notities.txt").write_text("niet voor buiten")

    response = client.get(path)

    assert response.status_code == 404
    assert b"niet voor buiten" not in b"".join(
        getattr(response, "streaming_content", [response.content])
    )
