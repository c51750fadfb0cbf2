"""The account pages: the site's layout, the site's accessible forms, Dutch with "je"."""

import re
from html import unescape

import pytest

pytestmark = pytest.mark.django_db

# Formal address, as whole words; "u" alone also catches "u kunt", "heeft u".
FORMAL = re.compile(r"\b(u|uw|uzelf)\b", re.IGNORECASE)

PUBLIC_PAGES = [
    "/account/login/",
    "/account/signup/",
    "/account/password/reset/",
    "/account/password/reset/done/",
    "/account/password/reset/key/1-onzin/",
    "/account/confirm-email/",
    "/account/confirm-email/onzin/",
    "/account/inactive/",
]
SIGNED_IN_PAGES = [
    "/account/email/",
    "/account/password/change/",
    "/account/logout/",
    "/account/reauthenticate/",
]


def main_text(response) -> str:
    html = response.content.decode()
    main = html.split('<main id="inhoud"', 1)[1].split("</main>", 1)[0]
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)))


def assert_site_page(response):
    html = response.content.decode()
    assert response.status_code == 200
    # The site's own layout, not allauth's bare one (which has "Menu:" and no header).
    assert 'class="site-header"' in html
    assert 'href="#inhoud"' in html
    assert "Menu:" not in html
    assert "<h1>" in html
    text = main_text(response)
    assert not FORMAL.search(text), FORMAL.search(text)
    # No English left over from allauth.
    for english in ("Sign In", "Sign Up", "Password", "Email", "Remember", "Forgot"):
        assert english not in text


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_account_pages_use_the_site_layout_and_say_je(client, site, url):
    assert_site_page(client.get(url))


@pytest.mark.parametrize("url", SIGNED_IN_PAGES)
def test_signed_in_account_pages_use_the_site_layout_and_say_je(client, site, consumer, url):
    consumer.emailaddress_set.create(email=consumer.email, verified=True, primary=True)
    client.force_login(consumer)

    assert_site_page(client.get(url))


def test_account_pages_have_no_placeholders_or_inline_script(client, site):
    for url in ("/account/login/", "/account/signup/", "/account/password/reset/"):
        html = client.get(url).content.decode()
        assert "placeholder=" not in html
        assert "<script>" not in html and "<script data" not in html


def test_signup_form_fields_have_labels_and_connected_help(client, site):
    html = client.get("/account/signup/").content.decode()

    for field in ("email", "first_name", "password1", "password2"):
        assert f'<label for="id_{field}">' in html
    assert 'aria-describedby="id_password1_helptext"' in html
    assert 'id="id_password1_helptext"' in html
    # The asterisk is explained.
    assert "moet je invullen" in html


def test_failed_sign_up_shows_the_error_summary_linked_to_the_fields(client, site):
    response = client.post(
        "/account/signup/", {"email": "geen-adres", "password1": "a", "password2": "b"}
    )
    html = response.content.decode()

    assert response.status_code == 200
    assert "<title>Fout: Account aanmaken" in html
    assert "data-error-summary" in html
    assert 'href="#id_email"' in html
    assert 'id="id_email_error"' in html
    assert re.search(r'aria-describedby="[^"]*id_email_error', html)
    assert_site_page(response)


def test_failed_login_is_dutch_and_in_the_summary(client, site, consumer):
    response = client.post("/account/login/", {"login": consumer.email, "password": "fout"})
    text = main_text(response)

    assert "Er is iets niet goed ingevuld" in text
    assert "niet correct" in text
    assert_site_page(response)


def test_sign_up_stores_the_optional_name(client, site):
    from django.contrib.auth import get_user_model

    client.post(
        "/account/signup/",
        {
            "email": "anna@example.invalid",
            "first_name": "Anna de Vries",
            "password1": "een-lang-wachtwoord-42",
            "password2": "een-lang-wachtwoord-42",
        },
    )

    user = get_user_model().objects.get(email="anna@example.invalid")
    assert user.get_full_name() == "Anna de Vries"
