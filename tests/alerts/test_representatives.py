"""A representative's direct mails: written with the event, never twice the same news."""

import pytest
from django.urls import reverse

from alerts.models import RepresentativeAlert
from companies.models import CompanyRepresentative
from complaints.models import OutboxMessage

pytestmark = pytest.mark.django_db


def alert_mails():
    """The outbox rows of this app (the complaint notifications share the outbox)."""
    return OutboxMessage.objects.filter(template__startswith="alerts/")


@pytest.fixture
def colleague(company, django_user_model):
    user = django_user_model.objects.create_user("collega", "collega@polderpost.example", "x")
    CompanyRepresentative.objects.create(user=user, company=company)
    return user


def switch_on(client, user):
    client.force_login(user)
    representation = CompanyRepresentative.objects.get(user=user)
    response = client.post(reverse("alerts:representative"), {"bedrijf": [representation.pk]})
    assert response.status_code == 302
    return representation


def test_a_representative_switches_the_direct_mails_on_and_off(client, representative):
    representation = switch_on(client, representative)
    assert RepresentativeAlert.objects.filter(representative=representation).exists()
    assert "checked" in client.get(reverse("alerts:representative")).content.decode()

    client.post(reverse("alerts:representative"), {})
    assert not RepresentativeAlert.objects.exists()


def test_the_page_is_for_representatives_only(client, consumer):
    assert client.get(reverse("alerts:representative")).status_code == 302  # to login
    client.force_login(consumer)
    assert client.get(reverse("alerts:representative")).status_code == 404


def test_a_colleagues_reaction_is_mailed_at_once(client, representative, colleague, make_complaint):
    from complaints import services

    switch_on(client, representative)
    switch_on(client, colleague)
    complaint = make_complaint(status="awaiting_company", title="Lekkende koelkast")
    # Published: every representative already gets the company's own mail (rule 7).
    assert not alert_mails().exists()

    services.react(complaint, colleague, "We sturen een monteur.")

    (mail,) = alert_mails().all()
    assert mail.to_email == "rep@polderpost.example"  # not to the colleague who wrote it
    assert "Lekkende koelkast" in mail.subject and "collega" in mail.text.lower()
    alert = RepresentativeAlert.objects.get(representative__user=representative)
    assert f"/alerts/afmelden/{alert.unsubscribe_token}/>" in mail.headers["List-Unsubscribe"]
    assert mail.role == "company"


def test_no_direct_mails_without_switching_them_on(representative, colleague, make_complaint):
    from complaints import services

    complaint = make_complaint(status="awaiting_company")
    services.react(complaint, colleague, "We kijken ernaar.")
    assert not alert_mails().exists()


def test_one_click_ends_the_direct_mails(client, representative, colleague, make_complaint):
    switch_on(client, representative)
    alert = RepresentativeAlert.objects.get()
    url = reverse("alerts:unsubscribe", args=[alert.unsubscribe_token])
    assert "Polderpost" in client.get(url).content.decode()
    client.post(url, {"List-Unsubscribe": "One-Click"})
    assert not RepresentativeAlert.objects.exists()
