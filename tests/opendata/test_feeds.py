"""The Atom feeds: per company and per search, public fields only."""

import xml.etree.ElementTree as ET

import pytest

from search import client as search_client
from tests.opendata.conftest import HIDDEN_MARKS, TOKEN

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response) -> list[dict]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # well-formed XML, or this raises
    assert feed.tag == f"{ATOM}feed"
    assert feed.find(f"{ATOM}title").text
    return [
        {
            "title": e.find(f"{ATOM}title").text,
            "link": e.find(f"{ATOM}link").get("href"),
            "published": e.find(f"{ATOM}published").text,
            "summary": e.find(f"{ATOM}summary").text,
        }
        for e in feed.findall(f"{ATOM}entry")
    ]


def test_a_company_feed_lists_its_public_complaints_newest_first(client, world, company):
    response = client.get(f"/bedrijven/{company.slug}/feed/")

    found = entries(response)
    body = response.content.decode()
    assert [e["title"] for e in found] == ["Factuur twee keer betaald", "Pakket nooit bezorgd"]
    first = world["public"][1]
    assert found[0]["link"].endswith(first.url)
    assert found[0]["published"].startswith(first.published_at.strftime("%Y-%m-%d"))
    assert found[0]["summary"].startswith("Status: wacht op reactie consument.")
    assert "Mijn pakket is nooit aangekomen" in found[1]["summary"]
    for mark in (TOKEN, *HIDDEN_MARKS, "Stroom afgesloten"):  # and not the other company
        assert mark not in body
    assert "@" not in body and "jan" not in body


def test_an_unknown_or_hidden_company_has_no_feed(client, world, company):
    assert client.get("/bedrijven/bestaat-niet/feed/").status_code == 404
    company.unpublish()
    assert client.get(f"/bedrijven/{company.slug}/feed/").status_code == 404


def test_the_company_page_points_feed_readers_at_its_feed(client, world, company):
    html = client.get(company.url).content.decode()

    link = f'<link rel="alternate" type="application/atom+xml" title="Nieuwe klachten over Polderpost" href="{company.url}feed/">'
    assert link in html
    assert client.get(f"{company.url}feed/").status_code == 200


def test_a_search_feed_lists_the_newest_matching_complaints(client, world):
    found = entries(client.get("/zoeken/feed/", {"q": "factuur"}))
    everything = entries(client.get("/zoeken/feed/"))

    assert [e["title"] for e in found] == ["Factuur twee keer betaald"]
    assert found[0]["summary"].startswith("Polderpost · Status: wacht op reactie consument.")
    assert len(everything) == 3
    assert len(entries(client.get("/zoeken/feed/", {"page": 2}))) == 3  # always the newest
    published = [e["published"] for e in everything]
    assert published == sorted(published, reverse=True)


def test_a_search_feed_filters_by_company(client, world):
    other = world["other"]

    found = entries(client.get("/zoeken/feed/", {"company": other.slug}))

    assert [e["title"] for e in found] == ["Stroom afgesloten zonder bericht"]


def test_a_search_feed_refuses_invalid_filters(client, world):
    response = client.get("/zoeken/feed/", {"date_from": "morgen"})

    assert response.status_code == 400
    assert response.content.decode().startswith("Ongeldige zoekopdracht")


def test_a_search_feed_says_so_when_search_is_down(client, world, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    search_client._client.cache_clear()
    try:
        response = client.get("/zoeken/feed/", {"q": "pakket"})
    finally:
        search_client._client.cache_clear()

    assert response.status_code == 503
    assert "tijdelijk niet beschikbaar" in response.content.decode()


def test_the_search_page_points_feed_readers_at_its_feed(client, world):
    html = client.get("/zoeken/", {"q": "pakket", "sort": "newest"}).content.decode()

    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'title="Nieuwe klachten bij deze zoekopdracht" href="/zoeken/feed/?q=pakket&amp;sort=newest">'
    ) in html
