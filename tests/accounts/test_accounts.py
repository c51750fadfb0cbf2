"""Consumer accounts through django-allauth, with django-axes against guessing."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-wachtwoord-42"


def sign_up(client, email="nieuw@example.invalid"):
    return client.post(
        "/account/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


def test_registration_needs_a_verified_address_before_logging_in(client, site):
    response = sign_up(client)

    assert response.status_code == 302
    user = get_user_model().objects.get(email="nieuw@example.invalid")
    [message] = mail.outbox
    assert message.to == ["nieuw@example.invalid"]
    assert "Klachtenkompas" in message.subject
    link = re.search(r"https?://\S+/account/confirm-email/\S+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    # Before verification, logging in leads back to the verification notice.
    client.logout()
    login = client.post("/account/login/", {"login": user.email, "password": PASSWORD})
    assert "/account/confirm-email/" in login["Location"]

    confirm = client.post(f"/{path}")
    assert confirm.status_code == 302
    assert user.emailaddress_set.get().verified


def test_registration_errors_are_in_dutch_and_store_nothing(client):
    response = client.post(
        "/account/signup/", {"email": "geen-adres", "password1": "kort", "password2": "anders"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Voer een geldig e-mailadres in" in html
    assert not get_user_model().objects.exists()


def test_five_wrong_passwords_lock_the_account_out(client, consumer):
    consumer.set_password(PASSWORD)
    consumer.save()
    consumer.emailaddress_set.create(email=consumer.email, verified=True, primary=True)

    responses = [
        client.post("/account/login/", {"login": consumer.email, "password": "fout"})
        for _ in range(5)
    ]
    codes = [r.status_code for r in responses]
    right_password = client.post("/account/login/", {"login": consumer.email, "password": PASSWORD})

    assert codes[:4] == [200, 200, 200, 200]
    assert codes[4] == 429
    assert "Tijdelijk geblokkeerd" in responses[4].content.decode()
    # Even the right password does not get in while the lockout lasts.
    assert right_password.status_code != 302
    assert "_auth_user_id" not in client.session


def test_registration_is_rate_limited(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/h/ip"}

    codes = [sign_up(client, f"p{i}@example.invalid").status_code for i in range(3)]

    assert codes[:2] == [302, 302]
    assert codes[2] == 429
    assert get_user_model().objects.count() == 2


def test_complaint_submission_is_rate_limited(client, make_complaint, consumer, settings):
    settings.COMPLAINT_SUBMIT_RATE = "1/d"
    first = make_complaint(status="draft")
    second = make_complaint(status="draft", title="Tweede klacht")
    client.force_login(consumer)

    assert client.post(f"/klacht-indienen/{first.pk}/controleren/").status_code == 302
    response = client.post(f"/klacht-indienen/{second.pk}/controleren/")

    assert response.status_code == 429
    second.refresh_from_db()
    assert second.status == "draft"
