"""Inviting colleagues: only on the company's domain, accepted only by that address."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import User

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
    assert "Deze uitnodiging is voor bas@polderpost.example" in response.content.decode()
    assert not CompanyRepresentative.objects.filter(user=intruder).exists()


def test_accepting_asks_to_sign_in_first(client, rep_client, polderpost):
    rep_client.post(invite_url(polderpost), {"email": "bas@polderpost.example"})
    link = accept_link()
    client.logout()

    response = client.get(link)

    assert response.status_code == 302
    assert "/account/login/" in response["Location"]
