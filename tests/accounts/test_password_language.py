"""Password errors and help in Dutch, with "je".

Django 5.2 asks for the minimum-length error under a msgid its own nl catalogue does not
have, so that one error came out in English; the project's catalogue (locale/) has it.
"""

import gettext
import shutil
import subprocess

import pytest
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import translation

pytestmark = pytest.mark.django_db

LOCALE = settings.BASE_DIR / "locale" / "nl" / "LC_MESSAGES"


def sign_up(client, password):
    response = client.post(
        "/account/signup/",
        {"email": "piet@example.invalid", "password1": password, "password2": password},
        # A browser set to English still gets the Dutch site.
        HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9",
    )
    assert response.status_code == 200
    return response.content.decode()


def test_a_numeric_password_is_refused_in_dutch(client, site):
    html = sign_up(client, "12345678")

    assert "Dit wachtwoord wordt te vaak gebruikt" in html
    assert "Dit wachtwoord bestaat alleen uit cijfers" in html
    assert "This password" not in html


def test_a_short_password_is_refused_in_dutch(client, site):
    html = sign_up(client, "kort")

    assert "Dit wachtwoord is te kort: gebruik minstens 8 tekens." in html
    assert "too short" not in html


def test_a_password_like_the_address_is_refused_in_dutch(client, site):
    html = sign_up(client, "piet@example.invalid")

    assert "Dit wachtwoord lijkt te veel op je e-mailadres." in html


def _messages(password, user):
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []


@pytest.mark.parametrize("password", ["x", "12345678", "password", "piet-de-vries"])
def test_every_validator_speaks_dutch(password):
    """Each configured validator's error and help text differ from Django's English:
    catches the next msgid Django changes without the nl catalogue following."""
    user = User(username="piet-de-vries", email="piet-de-vries@example.invalid")
    with translation.override("en"):
        english = _messages(password, user) + password_validation.password_validators_help_texts()
    with translation.override("nl"):
        dutch = _messages(password, user) + password_validation.password_validators_help_texts()

    assert english and len(english) == len(dutch)
    for en, nl in zip(english, dutch, strict=True):
        assert en != nl, en
        assert not nl.startswith("Uw "), nl


def test_the_compiled_catalogue_matches_its_source(tmp_path):
    if not shutil.which("msgfmt"):
        pytest.fail("msgfmt ontbreekt: installeer het Debian-pakket gettext")
    fresh = tmp_path / "django.mo"
    subprocess.run(  # noqa: S603
        ["msgfmt", "-o", str(fresh), str(LOCALE / "django.po")],  # noqa: S607
        check=True,
    )

    def catalogue(path):
        with open(path, "rb") as handle:
            return gettext.GNUTranslations(handle)._catalog

    assert catalogue(LOCALE / "django.mo") == catalogue(fresh)
