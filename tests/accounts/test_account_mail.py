"""allauth's e-mails name the site "Klachtenkompas" (django.contrib.sites, filled in by a
migration from the settings), in Dutch written for the site, with "je"."""

import re

import pytest
from django.contrib.sites.models import Site
from django.core import mail

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-wachtwoord-42"
FORMAL = re.compile(r"\b(u|uw)\b", re.IGNORECASE)


def test_the_site_is_named_by_the_migration(settings):
    site = Site.objects.get(pk=settings.SITE_ID)

    assert site.name == "Klachtenkompas"
    assert site.domain == settings.SITE_DOMAIN


def test_the_verification_mail_names_klachtenkompas_not_the_host(client, site):
    client.post(
        "/account/signup/",
        {"email": "nieuw@example.invalid", "password1": PASSWORD, "password2": PASSWORD},
        HTTP_HOST="127.0.0.1:8000",
    )

    [message] = mail.outbox
    assert message.subject == "[Klachtenkompas] Bevestig je e-mailadres"
    assert "Klachtenkompas" in message.body
    assert "Hallo van" not in message.body
    # The host appears in the link, and only there.
    link = re.search(r"http://127\.0\.0\.1:8000/account/confirm-email/\S+/", message.body)
    assert link
    assert "127.0.0.1" not in message.body.replace(link.group(0), "")
    assert not FORMAL.search(re.sub(r"https?://\S+", "", message.body))
    assert "Hello" not in message.body and "Thank you" not in message.body


def test_the_password_reset_mail_is_dutch(client, site, consumer):
    consumer.emailaddress_set.create(email=consumer.email, verified=True, primary=True)

    client.post("/account/password/reset/", {"email": consumer.email})

    [message] = mail.outbox
    assert message.subject == "[Klachtenkompas] Nieuw wachtwoord kiezen"
    assert "Klachtenkompas" in message.body
    assert re.search(r"/account/password/reset/key/\S+/", message.body)
    # The link's random key may hold a lone "u": only the words count.
    assert not FORMAL.search(re.sub(r"https?://\S+", "", message.body))


def test_a_reset_for_an_unknown_address_says_so_in_dutch(client, site):
    client.post("/account/password/reset/", {"email": "onbekend@example.invalid"})

    [message] = mail.outbox
    assert message.subject == "[Klachtenkompas] Geen account gevonden"
    assert "/account/signup/" in message.body
    assert not FORMAL.search(re.sub(r"https?://\S+", "", message.body))
