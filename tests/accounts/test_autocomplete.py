"""Personal fields carry autocomplete tokens (WCAG 1.3.5), so a browser or password
manager fills in the right value; fields about someone else carry none."""

import re

import pytest

pytestmark = pytest.mark.django_db


def tokens(html: str) -> dict[str, str]:
    """Each input's name and its autocomplete token."""
    found = {}
    for tag in re.findall(r"<input\b[^>]*>", html):
        name = re.search(r'\bname="([^"]+)"', tag)
        token = re.search(r'\bautocomplete="([^"]+)"', tag)
        if name:
            found[name.group(1)] = token.group(1) if token else None
    return found


def test_sign_up_and_sign_in_fields(client, site):
    signup = tokens(client.get("/account/signup/").content.decode())
    login = tokens(client.get("/account/login/").content.decode())
    reset = tokens(client.get("/account/password/reset/").content.decode())

    assert signup["email"] == "email"
    assert signup["first_name"] == "name"
    assert signup["password1"] == signup["password2"] == "new-password"
    assert login["login"] == "username"
    assert login["password"] == "current-password"
    assert reset["email"] == "email"


def test_password_change_fields(client, site, consumer):
    consumer.emailaddress_set.create(email=consumer.email, verified=True, primary=True)
    client.force_login(consumer)

    change = tokens(client.get("/account/password/change/").content.decode())

    assert change["oldpassword"] == "current-password"
    assert change["password1"] == change["password2"] == "new-password"


def test_company_request_form(client, company_index):
    form = tokens(client.get("/bedrijven/aanmelden/").content.decode())

    assert form["requester_email"] == "email"
    # About the company, not the person: no autofill with the person's own details.
    for field in ("company_name", "website", "kvk_number", "city"):
        assert form[field] == "off"


def test_letter_form(client, make_complaint, consumer):
    complaint = make_complaint(status="awaiting_company")
    client.force_login(consumer)

    form = tokens(client.get(f"/mijn-klachten/{complaint.pk}/brief/").content.decode())

    assert form["name"] == "name"
    assert form["street"] == "address-line1"
    assert form["postcode"] == "postal-code"
    assert form["place"] == "address-level2"
