"""Administrators see the subscriptions (find one by its whole address, filter by kind
and confirmation, delete); moderators and editors do not; nobody adds or edits."""

import pytest

from alerts import services
from alerts.models import Subscription

pytestmark = pytest.mark.django_db

INDEX = "/admin/subscriptions/"


@pytest.fixture
def subscriptions(company):
    services.subscribe("bevestigd@example.invalid", company=company)
    services.confirm(Subscription.objects.get().confirm_token)
    services.subscribe("open@example.invalid", query="q=modem")
    return Subscription.objects.order_by("pk")


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("beheer", "beheer@example.invalid", "x")
    )
    return client


@pytest.mark.parametrize("role", ["moderator", "editor"])
def test_moderators_and_editors_cannot_see_them(client, subscriptions, role, request):
    client.force_login(request.getfixturevalue(role))
    first = subscriptions.first()
    for url in (INDEX, f"{INDEX}inspect/{first.pk}/", f"{INDEX}delete/{first.pk}/"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"bevestigd@example.invalid" not in response.content
    assert client.post(f"{INDEX}delete/{first.pk}/").status_code in (302, 403)
    assert Subscription.objects.count() == 2
    assert INDEX.encode() not in client.get("/admin/").content


def test_administrators_list_search_and_filter(admin_client, subscriptions):
    page = admin_client.get(INDEX)
    assert page.status_code == 200
    body = page.content.decode()
    assert "bevestigd@example.invalid" in body and "open@example.invalid" in body
    assert INDEX.encode() in admin_client.get("/admin/").content  # in the menu

    whole = admin_client.get(INDEX, {"q": "BEVESTIGD@example.invalid"}).content.decode()
    assert "bevestigd@example.invalid" in whole and "open@example.invalid" not in whole
    part = admin_client.get(INDEX, {"q": "example.invalid"}).content.decode()
    assert "bevestigd@example.invalid" not in part and "open@example.invalid" not in part

    search = admin_client.get(INDEX, {"kind": "search"}).content.decode()
    assert "open@example.invalid" in search and "bevestigd@example.invalid" not in search
    unconfirmed = admin_client.get(INDEX, {"confirmed": "false"}).content.decode()
    assert "open@example.invalid" in unconfirmed and "bevestigd@example.invalid" not in unconfirmed
    confirmed = admin_client.get(INDEX, {"confirmed": "true"}).content.decode()
    assert "bevestigd@example.invalid" in confirmed and "open@example.invalid" not in confirmed


def test_administrators_inspect_and_delete_but_never_add_or_edit(admin_client, subscriptions):
    first = subscriptions.first()
    assert admin_client.get(f"{INDEX}inspect/{first.pk}/").status_code == 200
    assert admin_client.get(f"{INDEX}new/").status_code in (302, 403)
    assert admin_client.get(f"{INDEX}edit/{first.pk}/").status_code in (302, 403)
    assert f"{INDEX}new/" not in admin_client.get(INDEX).content.decode()

    assert admin_client.get(f"{INDEX}delete/{first.pk}/").status_code == 200
    response = admin_client.post(f"{INDEX}delete/{first.pk}/")
    assert response.status_code == 302
    assert list(Subscription.objects.values_list("email", flat=True)) == ["open@example.invalid"]
