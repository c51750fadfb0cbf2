"""The page cache (core.pagecache): hits without SQL, and never one party's view for
another."""

import logging
import time

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from wagtail.models import PageViewRestriction

from advice.factories import AdvicePageFactory
from core import pagecache
from tests.complaints.parties import give_private_part

pytestmark = pytest.mark.django_db

TOKEN = "GEHEIMPJE-51c2"


@pytest.fixture
def public_complaint(make_complaint, consumer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = make_complaint(status="awaiting_company")
    return give_private_part(complaint, consumer, TOKEN, f"{TOKEN}.png")


def test_a_second_visit_is_a_hit_without_sql_or_session(
    page_cache, client, home_page, django_assert_num_queries
):
    first = client.get("/")
    assert first.status_code == 200
    assert first["X-Cache"] == "miss"
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]

    with django_assert_num_queries(0):
        second = client.get("/")
    assert second.status_code == 200
    assert second["X-Cache"] == "hit"
    assert "max-age=60" in second["Cache-Control"]
    assert second.content == first.content
    assert not second.cookies
    # The hit goes through the site's outer middleware: the security headers are fresh.
    assert "Content-Security-Policy" in second


def test_head_is_served_from_the_cache_too(page_cache, client, home_page):
    client.get("/")
    assert client.head("/")["X-Cache"] == "hit"


@pytest.mark.parametrize(
    "variant, extra",
    [
        ("/?pagina=2", {}),
        ("/", {"HTTP_HOST": "localhost"}),
    ],
)
def test_query_string_and_host_are_part_of_the_key(page_cache, client, home_page, variant, extra):
    client.get("/", HTTP_HOST="127.0.0.1")
    assert client.get(variant, HTTP_HOST=extra.get("HTTP_HOST", "127.0.0.1"))["X-Cache"] == "miss"


def test_switched_off_with_zero_seconds(page_cache, settings, client, home_page):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    assert "X-Cache" not in client.get("/")


def test_the_private_view_of_a_representative_is_never_stored_nor_served(
    page_cache, client, public_complaint, representative
):
    client.force_login(representative)
    theirs = client.get(public_complaint.url)
    assert TOKEN in theirs.content.decode()
    assert "X-Cache" not in theirs
    assert "no-store" in theirs["Cache-Control"]
    client.logout()
    client.cookies.clear()

    visitor = client.get(public_complaint.url)
    assert visitor["X-Cache"] == "miss"  # nothing of the representative's was stored
    assert TOKEN not in visitor.content.decode()
    assert client.get(public_complaint.url)["X-Cache"] == "hit"

    # The other way round: the visitor's stored page is never served to the party.
    client.force_login(representative)
    again = client.get(public_complaint.url)
    assert "X-Cache" not in again
    assert TOKEN in again.content.decode()


def test_the_consumers_own_view_is_never_stored_nor_served(
    page_cache, client, public_complaint, consumer
):
    visitor = client.get(public_complaint.url)
    assert TOKEN not in visitor.content.decode()

    client.force_login(consumer)
    own = client.get(public_complaint.url)
    assert "X-Cache" not in own
    assert TOKEN in own.content.decode()
    client.logout()
    client.cookies.clear()

    cached = client.get(public_complaint.url)
    assert cached["X-Cache"] == "hit"
    assert TOKEN not in cached.content.decode()


def _messages_cookie(text: str) -> str:
    storage = CookieStorage(HttpRequest())
    storage.add(constants.SUCCESS, text)
    response = HttpResponse()
    storage.update(response)
    return response.cookies[CookieStorage.cookie_name].value


def test_a_page_with_a_flash_message_is_not_stored(page_cache, client, public_complaint):
    client.cookies[CookieStorage.cookie_name] = _messages_cookie("Je bericht is verstuurd.")
    with_message = client.get(public_complaint.url)
    assert with_message.status_code == 200
    assert "Je bericht is verstuurd." in with_message.content.decode()
    assert "X-Cache" not in with_message
    client.cookies.clear()

    plain = client.get(public_complaint.url)
    assert plain["X-Cache"] == "miss"
    assert "Je bericht is verstuurd." not in plain.content.decode()


def test_a_page_with_a_csrf_token_is_not_stored(page_cache, client, company_index):
    url = f"{company_index.url}aanmelden/"
    first = client.get(url)
    assert first.status_code == 200
    assert b"csrfmiddlewaretoken" in first.content
    assert "X-Cache" not in first
    assert "X-Cache" not in client.get(url)


def test_a_cached_page_holds_no_visitors_csrf_token(page_cache, client, home_page, company_index):
    client.get(f"{company_index.url}aanmelden/")  # this visitor now has a CSRF cookie
    client.get("/")
    hit = client.get("/")
    assert hit["X-Cache"] == "hit"
    assert b"csrfmiddlewaretoken" not in hit.content
    assert client.cookies["csrftoken"].value.encode() not in hit.content


def test_only_successful_gets_are_stored(page_cache, client, home_page):
    assert client.get("/bestaat-niet/").status_code == 404
    assert "X-Cache" not in client.get("/bestaat-niet/")
    client.post("/")
    assert client.get("/")["X-Cache"] == "miss"


def test_a_restricted_page_is_not_stored(page_cache, client, advice_index):
    page = AdvicePageFactory(parent=advice_index, title="Alleen voor leden")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    first = client.get(page.url)
    assert "X-Cache" not in first
    assert "X-Cache" not in client.get(page.url)


def test_pages_are_served_when_the_cache_is_down(
    page_cache, settings, client, home_page, caplog, monkeypatch
):
    from core.cache import DegradingRedisCache

    # The outage is remembered per process: none of it may outlive this test.
    monkeypatch.setattr(DegradingRedisCache, "_down_until", 0.0)
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            # As in production (REDIS_URL), at a port where nothing listens.
            "BACKEND": "core.cache.DegradingRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        started = time.monotonic()
        for _ in range(3):
            response = client.get("/")
            assert response.status_code == 200
            assert "X-Cache" not in response
            assert "Klachtenkompas" in response.content.decode()
        assert time.monotonic() - started < 3
    warnings = [r for r in caplog.records if r.name == "core.cache"]
    assert len(warnings) == 1  # once per outage period, not per request


def test_a_bump_makes_the_page_stale(page_cache, client, home_page):
    client.get("/")
    assert client.get("/")["X-Cache"] == "hit"
    pagecache.bump(pagecache.SCORES)
    assert client.get("/")["X-Cache"] == "miss"
    assert client.get("/")["X-Cache"] == "hit"


def test_a_lost_generation_never_brings_a_stale_page_back(page_cache, client, home_page):
    client.get("/")
    page_cache.delete("pagecache:gen:site")
    assert client.get("/")["X-Cache"] == "miss"
