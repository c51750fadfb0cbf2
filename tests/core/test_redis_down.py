"""The shared cache (Redis, REDIS_URL) is down: the public site serves, and signing in is
refused with a clear page rather than let through without its limits.

The default cache is pointed at a port where nothing listens (6490, this test's own),
as production's RedisCache with its half-second timeouts: each refusal is real.
"""

import os

import pytest
from django.core.cache import caches

from core.cache import DegradingRedisCache

pytestmark = pytest.mark.django_db

DEAD_REDIS = "redis://127.0.0.1:6490/0"


def shared_cache(settings, location):
    """The default cache as production has it (base.py with REDIS_URL), at location."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "core.cache.DegradingRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "kk-test-redis-down",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    DegradingRedisCache._down_until = 0.0


@pytest.fixture
def redis_down(settings):
    shared_cache(settings, DEAD_REDIS)
    yield
    DegradingRedisCache._down_until = 0.0
    DegradingRedisCache._outage_seen = False


@pytest.fixture
def redis_up(settings):
    """The suite's own Redis (REDIS_PORT, started by `make test`), in a database of this
    file's own, emptied before and after: allauth's counts would outlive a run."""
    shared_cache(settings, f"redis://127.0.0.1:{os.environ.get('REDIS_PORT', '6390')}/12")
    caches["default"].clear()
    caches["default"].set("probe", 1)
    assert caches["default"].get("probe") == 1, "the suite's Redis does not answer"
    yield
    caches["default"].clear()


def test_reads_miss_and_writes_are_dropped_while_redis_is_down(redis_down):
    cache = caches["default"]

    assert cache.get("x", "standaard") == "standaard"
    assert cache.set("x", 1) is None and cache.add("x", 1) is False
    assert cache.delete("x") is False and cache.get_many(["x"]) == {}
    assert DegradingRedisCache.is_down()


def test_the_same_cache_stores_while_redis_is_up(redis_up):
    cache = caches["default"]

    cache.set("x", "bewaard")
    assert cache.get("x") == "bewaard" and not DegradingRedisCache.is_down()


def test_public_pages_and_search_serve_while_redis_is_down(
    client, make_complaint, company, index, redis_down
):
    complaint = make_complaint(status="awaiting_company")

    for url in ["/", company.url, complaint.url, "/zoeken/?q=klacht", "/bedrijven/"]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert client.get("/api/v2/complaints/search/?q=klacht").status_code == 200


def test_publishing_goes_on_while_redis_is_down(make_complaint, redis_down):
    """Publishing clears cached fragments (the footer's): a dropped delete, no error."""
    complaint = make_complaint(status="awaiting_company")

    assert complaint.live


def test_signing_in_is_refused_not_unlimited_while_redis_is_down(client, consumer, redis_down):
    consumer.set_password("een-lang-wachtwoord-42")
    consumer.save()

    assert client.get("/account/login/").status_code == 200  # the form itself shows
    response = client.post(
        "/account/login/", {"login": consumer.username, "password": "een-lang-wachtwoord-42"}
    )
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "Tijdelijk niet mogelijk" in response.content.decode()
    assert "_auth_user_id" not in client.session
    for path in ["/account/signup/", "/account/password/reset/"]:
        assert client.post(path, {"email": "x@example.invalid"}).status_code == 503, path


def test_signing_out_goes_on_while_redis_is_down(client, consumer, redis_down):
    client.force_login(consumer)

    assert client.post("/account/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_signing_in_works_with_its_limits_once_redis_answers(client, consumer, settings, redis_up):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "2/m/ip"}
    consumer.set_password("een-lang-wachtwoord-42")
    consumer.save()

    wrong = [
        client.post("/account/login/", {"login": consumer.username, "password": "fout"})
        for _ in range(3)
    ]
    # The form again each time; the third says the limit, counted in Redis, was reached.
    assert [r.status_code for r in wrong] == [200, 200, 200]
    assert "Te veel inlogpogingen" not in wrong[1].content.decode()
    assert "Te veel inlogpogingen" in wrong[2].content.decode()
    right = client.post(
        "/account/login/", {"login": consumer.username, "password": "een-lang-wachtwoord-42"}
    )
    assert right.status_code == 200 and "_auth_user_id" not in client.session


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_saved_change_is_not_an_error_when_the_queue_is_down(
    make_complaint, consumer, monkeypatch
):
    """The broker (Redis) refuses the kick that follows a commit: the change stays
    saved and no error reaches the user; its mail waits in the outbox for the schedule."""
    from django_q.conf import Conf

    from complaints import services
    from complaints.models import OutboxMessage

    draft = make_complaint(status="draft")
    monkeypatch.setattr(Conf, "SYNC", False)
    monkeypatch.setattr(Conf, "ORM", None)
    monkeypatch.setattr(Conf, "REDIS", DEAD_REDIS)

    services.transition(draft, "submit", actor=consumer)

    draft.refresh_from_db()
    assert draft.status == "in_moderation"
    assert OutboxMessage.objects.get(template="submitted").status == "pending"


def test_back_after_an_outage_every_cached_page_counts_as_stale(settings, monkeypatch):
    """An invalidation dropped during the outage must not leave a changed page served old
    until its TTL: the first call that works again moves the site-wide generation."""
    from core import pagecache

    monkeypatch.setattr(DegradingRedisCache, "DOWN_SECONDS", 0)
    live = f"redis://127.0.0.1:{os.environ.get('REDIS_PORT', '6390')}/12"
    shared_cache(settings, live)
    pagecache.bump(pagecache.SITE)
    before = caches["default"].get("pagecache:gen:site")
    assert before

    shared_cache(settings, DEAD_REDIS)
    caches["default"].get("anything")  # the outage: a real refused connection
    shared_cache(settings, live)
    caches["default"].get("anything")  # the first call that works again

    after = caches["default"].get("pagecache:gen:site")
    assert after and after != before
    caches["default"].clear()
