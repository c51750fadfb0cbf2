"""Inviting colleagues: only on the company's domain, accepted only by that address."""

import base64
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import User
from django.test import Client

from companies.factories import CompanyPageFactory
from companies.models import ColleagueInvitation, CompanyRepresentative
from complaints.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def polderpost(company):
    company.website = "https://polderpost.example"
    company.save_revision().publish()
    return company


@pytest.fixture
def rep_client(client, representative, polderpost):
    client.force_login(representative)
    return client


def invite_url(company):
    return f"/bedrijfsbeheer/{company.pk}/collegas/uitnodigen/"


def accept_link():
    message = OutboxMessage.objects.get(template="companies/email/colleague_invitation")
    return re.search(r"/bedrijfsbeheer/uitnodiging/[^/]+/", message.context["accept_url"]).group(0)


def user_with(email, verified=True):
    user = User.objects.create_user(email.split("@")[0], email, "x")
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def test_an_invitation_is_mailed_through_the_outbox(rep_client, polderpost):
    response = rep_client.post(invite_url(polderpost), {"email": "Bas@Polderpost.example"})

    assert response.status_code == 302
    invitation = ColleagueInvitation.objects.get()
    assert invitation.email == "bas@polderpost.example"
    message = OutboxMessage.objects.get(to_email="bas@polderpost.example")
    assert "/bedrijfsbeheer/uitnodiging/" in message.context["accept_url"]


@pytest.mark.parametrize(
    "email", ["bas@gmail.com", "bas@polderpost.example.evil.example", "bas@ander.nl"]
)
def test_only_addresses_on_the_company_domain_are_invited(rep_client, polderpost, email):
    response = rep_client.post(invite_url(polderpost), {"email": email})

    assert response.status_code == 400
    assert "uit met een adres op @polderpost.example" in response.content.decode()
    assert not ColleagueInvitation.objects.exists()


def test_the_invited_address_accepts_and_becomes_a_representative(client, rep_client, polderpost):
    rep_client.post(invite_url(polderpost), {"email": "bas@polderpost.example"})
    link = accept_link()
    bas = user_with("bas@polderpost.example")
    client.force_login(bas)

    assert client.get(link).status_code == 200
    response = client.post(link)

    assert response.status_code == 302
    assert CompanyRepresentative.objects.filter(user=bas, company=polderpost).exists()
    # Used once.
    assert client.post(link).status_code == 400


@pytest.mark.parametrize("case", ["other_address", "unverified"])
def test_nobody_else_accepts(client, rep_client, polderpost, case):
    rep_client.post(invite_url(polderpost), {"email": "bas@polderpost.example"})
    link = accept_link()
    if case == "other_address":
        intruder = user_with("piet@example.invalid")
    else:
        intruder = user_with("bas@polderpost.example", verified=False)
    client.force_login(intruder)

    response = client.post(link)

    assert response.status_code == 400
    body = response.content.decode()
    assert "Deze uitnodiging is voor een ander e-mailadres" in body
    assert "bas@polderpost.example" not in body
    assert not CompanyRepresentative.objects.filter(user=intruder).exists()


def test_link_does_not_carry_the_address(rep_client, polderpost):
    """A signed value is only base64: whoever holds a forwarded link could read it."""
    rep_client.post(invite_url(polderpost), {"email": "bas@polderpost.example"})
    token = accept_link().rstrip("/").rsplit("/", 1)[-1]
    payload = token.split(":", 1)[0]
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))

    assert b"polderpost" not in decoded
    assert b"invitation" in decoded


def test_accepting_asks_to_sign_in_first(client, rep_client, polderpost):
    rep_client.post(invite_url(polderpost), {"email": "bas@polderpost.example"})
    link = accept_link()
    client.logout()

    response = client.get(link)

    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def withdraw_url(invitation, company=None):
    company_id = (company or invitation.company).pk
    return f"/bedrijfsbeheer/{company_id}/collegas/uitnodigingen/{invitation.pk}/intrekken/"


def test_the_management_page_offers_to_withdraw_an_open_invitation(rep_client, polderpost):
    rep_client.post(invite_url(polderpost), {"email": "bas@polderpost.example"})
    invitation = ColleagueInvitation.objects.get()

    html = rep_client.get(f"/bedrijfsbeheer/{polderpost.pk}/").content.decode()

    assert f'action="{withdraw_url(invitation)}"' in html
    assert "uitnodiging voor bas@polderpost.example" in html


def test_a_withdrawn_invitation_s_link_stops_working_at_once(client, rep_client, polderpost):
    rep_client.post(invite_url(polderpost), {"email": "bas@polderpost.example"})
    invitation = ColleagueInvitation.objects.get()
    link = accept_link()

    response = rep_client.post(withdraw_url(invitation), follow=True)

    assert response.redirect_chain[-1][0].endswith(f"/bedrijfsbeheer/{polderpost.pk}/#collega-s")
    html = response.content.decode()
    assert "De uitnodiging voor bas@polderpost.example is ingetrokken" in html
    assert not ColleagueInvitation.objects.exists()
    assert f'action="{withdraw_url(invitation)}"' not in html

    bas = user_with("bas@polderpost.example")
    client.force_login(bas)
    for method in (client.get, client.post):
        refused = method(link)
        assert refused.status_code == 400
        assert "Deze uitnodiging is ingetrokken" in refused.content.decode()
    assert not CompanyRepresentative.objects.filter(user=bas).exists()


def test_withdrawing_between_opening_and_accepting_the_link(rep_client, polderpost):
    rep_client.post(invite_url(polderpost), {"email": "bas@polderpost.example"})
    link = accept_link()
    bas = user_with("bas@polderpost.example")
    bas_client = Client()  # a second browser: the representative stays signed in
    bas_client.force_login(bas)
    assert bas_client.get(link).status_code == 200

    rep_client.post(withdraw_url(ColleagueInvitation.objects.get()))
    response = bas_client.post(link)

    assert response.status_code == 400
    assert "Deze uitnodiging is ingetrokken" in response.content.decode()
    assert not CompanyRepresentative.objects.filter(user=bas).exists()


def test_an_accepted_invitation_cannot_be_withdrawn(rep_client, polderpost):
    rep_client.post(invite_url(polderpost), {"email": "bas@polderpost.example"})
    invitation = ColleagueInvitation.objects.get()
    link = accept_link()
    bas = user_with("bas@polderpost.example")
    bas_client = Client()
    bas_client.force_login(bas)
    bas_client.post(link)

    response = rep_client.post(withdraw_url(invitation), follow=True)

    assert "bas@polderpost.example heeft de uitnodiging al geaccepteerd" in (
        response.content.decode()
    )
    assert ColleagueInvitation.objects.get().accepted_at is not None
    assert CompanyRepresentative.objects.filter(user=bas, company=polderpost).exists()


def test_another_company_s_invitation_is_not_found(
    client, rep_client, polderpost, company_index, django_user_model
):
    other = CompanyPageFactory(parent=company_index, title="Ander", website="https://ander.nl")
    other_rep = django_user_model.objects.create_user("kees", "kees@ander.nl", "x")
    CompanyRepresentative.objects.create(user=other_rep, company=other)
    theirs = ColleagueInvitation.objects.create(
        company=other, email="lies@ander.nl", invited_by=other_rep
    )

    # Through the company they represent, and through the other company's address.
    assert rep_client.post(withdraw_url(theirs, company=polderpost)).status_code == 404
    assert rep_client.post(withdraw_url(theirs)).status_code == 404
    assert ColleagueInvitation.objects.filter(pk=theirs.pk).exists()


def test_withdrawing_takes_a_post_by_a_representative(client, rep_client, polderpost):
    rep_client.post(invite_url(polderpost), {"email": "bas@polderpost.example"})
    invitation = ColleagueInvitation.objects.get()

    assert rep_client.get(withdraw_url(invitation)).status_code == 405
    client.logout()
    assert client.post(withdraw_url(invitation)).status_code == 302  # to sign in
    client.force_login(user_with("piet@polderpost.example"))
    assert client.post(withdraw_url(invitation)).status_code == 404
    assert ColleagueInvitation.objects.filter(pk=invitation.pk).exists()


def test_withdrawing_needs_the_csrf_token(rep_client, representative, polderpost):
    rep_client.post(invite_url(polderpost), {"email": "bas@polderpost.example"})
    invitation = ColleagueInvitation.objects.get()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(representative)

    assert strict.post(withdraw_url(invitation)).status_code == 403
    assert ColleagueInvitation.objects.filter(pk=invitation.pk).exists()
