"""Every search result says when it was published (in Dutch, Amsterdam time) and its
status in words."""

from datetime import UTC, datetime

import pytest

from search import client as search_client

# 22:30 UTC on 3 October is 00:30 on 4 October in Amsterdam (summer time).
LATE_EVENING = datetime(2026, 10, 3, 22, 30, tzinfo=UTC)
BADGE = (
    '<span class="status-badge status-{status}"><span class="visually-hidden">Status: </span>'
    "{label}</span>"
)


def test_each_result_shows_its_dutch_date_and_a_status_badge(client, published):
    published(title="Pakket kwijt bij bezorging", now=LATE_EVENING)

    html = client.get("/zoeken/", {"q": "pakket"}).content.decode()

    assert '<time datetime="2026-10-04T00:30:00+02:00">4 oktober 2026</time>' in html
    assert BADGE.format(status="awaiting_company", label="Wacht op reactie bedrijf") in html


def test_the_api_keeps_the_iso_date(client, published):
    published(title="Pakket kwijt bij bezorging", now=LATE_EVENING)

    result = client.get("/api/v2/complaints/search/", {"q": "pakket"}).json()["results"][0]

    assert datetime.fromisoformat(result["published_at"]) == LATE_EVENING
    assert "status_label" not in result


def test_the_newest_complaints_shown_when_search_is_down_have_date_and_badge(
    client, make_complaint, settings
):
    make_complaint(status="awaiting_company", title="Nieuwste klacht", now=LATE_EVENING)
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    try:
        html = client.get("/zoeken/", {"q": "iets"}).content.decode()
    finally:
        search_client._client.cache_clear()

    assert "4 oktober 2026" in html
    assert BADGE.format(status="awaiting_company", label="Wacht op reactie bedrijf") in html


@pytest.mark.django_db
def test_the_company_page_lists_complaints_with_dutch_date_and_badge(client, make_complaint):
    complaint = make_complaint(status="awaiting_company", now=LATE_EVENING)

    html = client.get(complaint.company.url).content.decode()

    assert "4 oktober 2026" in html and "Okt" not in html
    assert BADGE.format(status="awaiting_company", label="Wacht op reactie bedrijf") in html
