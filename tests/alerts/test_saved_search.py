"""Following a saved search: the search page's own parameters, validated by its form,
run through the search layer (real Elasticsearch) for the digest."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alerts import services
from alerts.models import Subscription
from complaints.models import OutboxMessage
from search.indexing import alias

pytestmark = pytest.mark.django_db

ADDRESS = "zoeker@example.nl"


def alert_mails():
    """The outbox rows of this app (the complaint notifications share the outbox)."""
    return OutboxMessage.objects.filter(template__startswith="alerts/")


@pytest.fixture
def published(make_complaint, django_capture_on_commit_callbacks, index, es):
    def make(**kwargs):
        kwargs.setdefault("status", "awaiting_company")
        with django_capture_on_commit_callbacks(execute=True):
            complaint = make_complaint(**kwargs)
        es.indices.refresh(index=alias())
        return complaint

    return make


def test_the_search_page_links_to_following_its_search(client, published):
    published(title="Modem doet het niet")
    page = client.get(reverse("search"), {"q": "modem"})
    assert reverse("alerts:follow_search") + "?q=modem" in page.content.decode()


def test_two_spellings_of_one_search_are_one_subscription(client):
    url = reverse("alerts:follow_search")
    client.post(f"{url}?q=+modem++kapot&status=closed&status=awaiting_company", {"email": ADDRESS})
    client.post(
        f"{url}?status=awaiting_company&q=modem%20kapot&status=closed&page=3", {"email": ADDRESS}
    )

    subscription = Subscription.objects.get()
    assert subscription.kind == "search"
    assert subscription.query == "q=modem+kapot&status=awaiting_company&status=closed"


def test_an_invalid_search_cannot_be_followed(client):
    response = client.post(
        f"{reverse('alerts:follow_search')}?date_from=gisteren", {"email": ADDRESS}
    )
    assert response.status_code == 400
    assert not Subscription.objects.exists()


def test_the_digest_runs_the_saved_search(client, published):
    published(title="Oude klacht over de modem")
    client.post(f"{reverse('alerts:follow_search')}?q=modem", {"email": ADDRESS})
    subscription = Subscription.objects.get()
    services.confirm(subscription.confirm_token, now=timezone.now())
    alert_mails().all().delete()
    now = timezone.now() + timedelta(minutes=1)
    published(title="Nieuwe modem kapot", now=now)
    published(title="Wasmachine lekt", now=now)

    later = now + services.SETTLE + timedelta(minutes=1)
    assert services.send_digests(now=later) == 1
    mail = alert_mails().get()
    assert "Nieuwe modem kapot" in mail.text
    assert "Oude klacht" not in mail.text and "Wasmachine" not in mail.text
    assert services.send_digests(now=later) == 0


def test_the_digest_lists_new_reactions_on_complaints_the_search_matches(client, published):
    from complaints import services as complaint_services

    modem = published(title="Modem valt steeds uit")
    washer = published(title="Wasmachine lekt")
    client.post(f"{reverse('alerts:follow_search')}?q=modem", {"email": ADDRESS})
    subscription = Subscription.objects.get()
    services.confirm(subscription.confirm_token, now=timezone.now())
    alert_mails().delete()
    now = timezone.now() + timedelta(minutes=1)
    reaction = complaint_services.add_reaction(modem, "company", "We sturen een nieuwe.", now=now)
    complaint_services.add_reaction(washer, "company", "Een monteur komt langs.", now=now)

    assert services.send_digests(now=now + services.SETTLE + timedelta(minutes=1)) == 1
    text = alert_mails().get().text
    assert "Op: Modem valt steeds uit" in text and f"#reactie-{reaction.pk}" in text
    assert "Wasmachine" not in text and "nieuwe." not in text


def test_the_query_for_reactions_asks_only_about_the_given_complaints():
    from search.queries import SearchParams, build_among

    body = build_among(SearchParams(q="modem", company=("polderpost",)), [12, 3, 12])

    assert body["size"] == 2 and body["_source"] is False
    filters = body["query"]["bool"]["filter"]
    assert {"ids": {"values": ["12", "3"]}} in filters
    assert len(filters) == 2  # the saved search's company too
