"""The site's rate limits (core.ratelimit) through the real views, on the real memcached:
a sliding window, the limits on search, export, drafts, company requests and
reactions, and what each limit does when memcached cannot be reached."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model

from companies.models import CompanyRequest
from complaints.models import ComplaintPage, Reaction
from core.ratelimit import Rate, hit
from tests.complaints.test_wizard import SCOPE_OK

pytestmark = pytest.mark.django_db


# A whole minute, as fixed windows start them.
EDGE = datetime(2026, 3, 2, 10, 0, 0, tzinfo=UTC)


def autocomplete(client, **extra):
    return client.get("/api/v2/companies/autocomplete/", {"q": "po"}, **extra)


# Sliding window ----------------------------------------------------------------------


def test_a_window_edge_does_not_hand_out_a_second_allowance(client, es, settings):
    settings.SEARCH_API_RATE = "5/m"

    with time_machine.travel(EDGE - timedelta(seconds=5), tick=False):
        before = [autocomplete(client).status_code for _ in range(5)]
    with time_machine.travel(EDGE + timedelta(seconds=5), tick=False):
        after = autocomplete(client)
    with time_machine.travel(EDGE + timedelta(seconds=5 + int(after["Retry-After"])), tick=False):
        later = autocomplete(client)

    assert before == [200] * 5
    assert after.status_code == 429
    # The five leave the window one minute after they were made, not at the edge.
    assert after["Retry-After"] == "55"
    assert later.status_code == 200


def test_no_span_of_one_period_holds_more_than_the_limit():
    rate = Rate.parse("5/m")
    allowed = []
    for second in range(200):
        with time_machine.travel(EDGE + timedelta(seconds=second, milliseconds=300), tick=False):
            if hit("test", "one-client", rate).allowed:
                allowed.append(second)

    assert max(sum(1 for t in allowed if start <= t < start + 60) for start in range(200)) == 5
    # and the allowance comes back: five at the start, five once they have left, ...
    assert len(allowed) >= 10


def test_refused_requests_do_not_count():
    rate = Rate.parse("2/m")
    with time_machine.travel(EDGE, tick=False):
        allowed = [hit("test", "patient", rate).allowed for _ in range(2)]
    with time_machine.travel(EDGE + timedelta(seconds=30), tick=False):
        refused = [hit("test", "patient", rate).allowed for _ in range(8)]
    # The two allowed ones have left the window; the eight refusals must not stand in.
    with time_machine.travel(EDGE + timedelta(seconds=66), tick=False):
        again = hit("test", "patient", rate).allowed

    assert allowed == [True, True]
    assert refused == [False] * 8
    assert again


@pytest.mark.parametrize(
    "text, limit, period", [("120/m", 120, 60), ("10/d", 10, 86400), ("5/10m", 5, 600)]
)
def test_rates_are_read_like_before(text, limit, period):
    assert Rate.parse(text) == Rate(limit, period)


# The limits ---------------------------------------------------------------------------


def test_the_search_page_is_limited_together_with_the_search_api(client, index, settings):
    settings.SEARCH_API_RATE = "3/m"

    codes = [
        client.get("/zoeken/", {"q": "pakket"}).status_code,
        client.get("/api/v2/complaints/search/", {"q": "pakket"}).status_code,
        client.get("/zoeken/", {"q": "pakket"}).status_code,
    ]
    refused = client.get("/zoeken/", {"q": "pakket"})

    assert codes == [200, 200, 200]
    assert refused.status_code == 429
    assert "Even geduld" in refused.content.decode()
    assert 0 < int(refused["Retry-After"]) <= 66


def test_the_export_has_a_strict_limit_per_address_and_one_for_everyone(client, index, settings):
    settings.EXPORT_RATE = "2/10m"
    settings.EXPORT_GLOBAL_RATE = "3/h"

    def export(ip):
        return client.get("/api/v2/complaints/export.csv", REMOTE_ADDR=ip)

    first = [export("198.51.100.1").status_code for _ in range(3)]
    others = [export("198.51.100.2").status_code, export("198.51.100.3").status_code]
    refused = export("198.51.100.3")

    assert first == [200, 200, 429]
    assert others == [200, 429]  # the site-wide three are used up
    assert refused["Content-Type"] == "application/json"
    assert "Te veel verzoeken" in refused.json()["error"]


def test_the_export_limit_by_default_is_a_few_per_ten_minutes(settings):
    assert Rate.parse(settings.EXPORT_RATE).limit <= 10
    assert Rate.parse(settings.EXPORT_RATE).period >= 600


def test_creating_drafts_is_limited_per_account(client, company, consumer, settings):
    settings.DRAFT_CREATE_RATE = "2/h"
    client.force_login(consumer)

    codes = [
        client.post(f"/klacht-indienen/bedrijf/{company.pk}/", SCOPE_OK).status_code
        for _ in range(3)
    ]

    assert codes == [302, 302, 429]
    assert ComplaintPage.objects.filter(consumer=consumer).count() == 2


REQUEST = {
    "company_name": "Fietsenhandel Wiel",
    "kvk_number": "87654321",
    "city": "Zwolle",
    "requester_email": "jan@example.invalid",
}


def test_company_requests_are_limited_per_address(client, company_index, settings):
    settings.COMPANY_REQUEST_RATE = "2/h"

    codes = [client.post("/bedrijven/aanmelden/", REQUEST).status_code for _ in range(3)]
    elsewhere = client.post("/bedrijven/aanmelden/", REQUEST, REMOTE_ADDR="198.51.100.4")

    assert codes == [302, 302, 429]
    assert elsewhere.status_code == 302
    assert CompanyRequest.objects.count() == 3


def test_reactions_are_limited_per_account(
    client, make_complaint, consumer, representative, settings
):
    settings.REACTION_RATE = "1/h"
    complaint = make_complaint(status="awaiting_company")
    url = f"/klachten/{complaint.pk}/reageren/"

    client.force_login(representative)
    first = client.post(url, {"body": "Wij zoeken het uit."})
    client.force_login(consumer)
    answer = client.post(url, {"body": "Dank, ik wacht af."})
    client.force_login(representative)
    second = client.post(url, {"body": "Nog een reactie van ons."})

    assert [first.status_code, answer.status_code, second.status_code] == [302, 302, 429]
    assert Reaction.objects.filter(complaint=complaint).count() == 2


# When memcached is down ---------------------------------------------------------------


@pytest.fixture
def counters_down(settings):
    """The counters' cache pointed at a closed port: a real refused connection."""
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {**settings.CACHES["ratelimit"], "LOCATION": "127.0.0.1:9"},
    }


def assert_unavailable(response):
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "Tijdelijk niet mogelijk" in response.content.decode()


def test_submitting_is_refused_not_unlimited_when_the_counters_are_down(
    client, make_complaint, consumer, counters_down
):
    draft = make_complaint(status="draft")
    client.force_login(consumer)

    response = client.post(f"/klacht-indienen/{draft.pk}/controleren/")

    assert_unavailable(response)
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_creating_a_draft_is_refused_when_the_counters_are_down(
    client, company, consumer, counters_down
):
    client.force_login(consumer)

    response = client.post(f"/klacht-indienen/bedrijf/{company.pk}/", SCOPE_OK)

    assert_unavailable(response)
    assert not ComplaintPage.objects.filter(consumer=consumer).exists()


def test_company_requests_are_refused_when_the_counters_are_down(
    client, company_index, counters_down
):
    response = client.post("/bedrijven/aanmelden/", REQUEST)

    assert_unavailable(response)
    assert not CompanyRequest.objects.exists()
    assert client.get("/bedrijven/aanmelden/").status_code == 200  # the form itself is a read


def test_reactions_are_refused_when_the_counters_are_down(
    client, make_complaint, representative, counters_down
):
    complaint = make_complaint(status="awaiting_company")
    client.force_login(representative)

    response = client.post(f"/klachten/{complaint.pk}/reageren/", {"body": "Wij zoeken het uit."})

    assert_unavailable(response)
    assert not Reaction.objects.filter(complaint=complaint).exists()


def test_the_export_is_refused_and_the_reads_go_on_when_the_counters_are_down(
    client, index, settings, counters_down
):
    settings.SEARCH_API_RATE = "1/m"

    reads = [
        client.get("/zoeken/", {"q": "pakket"}).status_code,
        client.get("/zoeken/", {"q": "pakket"}).status_code,
        client.get("/api/v2/complaints/search/", {"q": "pakket"}).status_code,
        autocomplete(client).status_code,
        autocomplete(client).status_code,
    ]
    export = client.get("/api/v2/complaints/export.csv")

    assert reads == [200] * 5  # open: no limit, but no refusal of everyone either
    assert export.status_code == 503
    assert "tijdelijk niet mogelijk" in export.json()["error"].lower()


def test_sign_up_and_login_limits_hold_when_the_counters_are_down(
    client, site, consumer, settings, counters_down
):
    # allauth's limits live in the default (database) cache, django-axes' counts in the
    # database: neither depends on memcached.
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/h/ip"}
    password = "een-lang-wachtwoord-42"

    def sign_up(email):
        client.logout()
        data = {"email": email, "password1": password, "password2": password}
        return client.post("/account/signup/", data).status_code

    assert [sign_up("a@example.invalid"), sign_up("b@example.invalid")] == [302, 429]
    assert get_user_model().objects.filter(email__endswith="@example.invalid").count() == 2

    client.logout()
    consumer.set_password(password)
    consumer.save()
    for _ in range(5):
        client.post("/admin/login/", {"username": consumer.username, "password": "fout"})
    right = client.post("/admin/login/", {"username": consumer.username, "password": password})
    assert right.status_code == 429
