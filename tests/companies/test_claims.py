"""Claiming a company page: the work address on the company's domain, the mailed link,
the moderator's decision."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core import signing

from companies import services
from companies.domains import email_on_domain, registrable_domain
from companies.factories import CompanyPageFactory
from companies.models import CompanyClaim, CompanyRepresentative, CompanyRequest
from complaints.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def polderpost(company):
    company.website = "https://www.Polderpost.nl/over-ons"
    company.save_revision().publish()
    return company


@pytest.fixture
def claimant(client):
    user = User.objects.create_user("anne", "anne@example.invalid", "x")
    client.force_login(user)
    return user


def claim_url(company):
    return f"/bedrijfsbeheer/claimen/{company.pk}/"


def verify_link(to):
    message = OutboxMessage.objects.filter(
        to_email=to, template="companies/email/claim_verify"
    ).latest("created_at")
    return re.search(r"/bedrijfsbeheer/bevestigen/[^/]+/", message.context["verify_url"]).group(0)


@pytest.mark.parametrize(
    "website, domain",
    [
        ("https://www.polderpost.nl/", "polderpost.nl"),
        ("https://Winkel.Polderpost.NL", "polderpost.nl"),
        ("polderpost.nl", "polderpost.nl"),
        ("https://shop.bedrijf.co.uk/", "bedrijf.co.uk"),
        ("http://127.0.0.1/", ""),
        ("", ""),
    ],
)
def test_the_registrable_domain_comes_from_the_website(website, domain):
    assert registrable_domain(website) == domain


@pytest.mark.parametrize(
    "email, ok",
    [
        ("anne@polderpost.nl", True),
        ("Anne@KLANTENSERVICE.Polderpost.nl", True),
        ("anne@polderpost.nl.evil.example", False),
        ("anne@evilpolderpost.nl", False),
        ("anne@polderpost.com", False),
    ],
)
def test_addresses_on_the_domain_and_its_subdomains_only(email, ok):
    assert email_on_domain(email, "polderpost.nl") is ok


def test_the_company_page_invites_its_staff_to_claim_it(client, polderpost):
    html = client.get(polderpost.url).content.decode()

    assert "Is dit jouw bedrijf? Beheer deze pagina" in html
    assert claim_url(polderpost) in html


def test_signing_in_comes_first(client, polderpost):
    response = client.get(claim_url(polderpost))

    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_a_claim_mails_a_link_to_the_work_address_through_the_outbox(client, claimant, polderpost):
    response = client.post(
        claim_url(polderpost), {"email": "Anne@Polderpost.nl", "job_title": "Teamleider"}
    )

    assert response.status_code == 200
    assert "Kijk in je mail" in response.content.decode()
    claim = CompanyClaim.objects.get()
    assert (claim.user, claim.company_id, claim.email) == (
        claimant,
        polderpost.pk,
        "anne@polderpost.nl",
    )
    assert claim.status == CompanyClaim.Status.UNVERIFIED
    message = OutboxMessage.objects.get(to_email="anne@polderpost.nl")
    assert message.status == OutboxMessage.Status.PENDING
    assert "/bedrijfsbeheer/bevestigen/" in message.context["verify_url"]


@pytest.mark.parametrize(
    "email, says",
    [
        ("anne@polderpost.nl.evil.example", "eindigt op @polderpost.nl"),
        ("anne@gmail.com", "zegt niets over je werkgever"),
        ("anne@ander-bedrijf.nl", "eindigt op @polderpost.nl"),
    ],
)
def test_addresses_off_the_domain_are_refused(client, claimant, polderpost, email, says):
    response = client.post(claim_url(polderpost), {"email": email})

    assert response.status_code == 400
    assert says in response.content.decode()
    assert not CompanyClaim.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_an_address_on_another_company_s_domain_is_refused(
    client, claimant, polderpost, company_index
):
    CompanyPageFactory(parent=company_index, title="Ander", website="https://ander.nl")

    response = client.post(claim_url(polderpost), {"email": "anne@ander.nl"})

    assert response.status_code == 400
    assert not CompanyClaim.objects.exists()


def test_a_company_that_lists_a_free_mail_domain_cannot_be_claimed_by_it(
    client, claimant, polderpost
):
    polderpost.website = "https://sites.gmail.com/polderpost"
    polderpost.save_revision().publish()

    response = client.post(claim_url(polderpost), {"email": "anne@gmail.com"})

    assert response.status_code == 400
    assert not CompanyClaim.objects.exists()


def test_the_link_confirms_on_a_button_press_and_then_waits_for_a_moderator(
    client, claimant, polderpost
):
    client.post(claim_url(polderpost), {"email": "anne@polderpost.nl"})
    link = verify_link("anne@polderpost.nl")

    page = client.get(link)
    assert page.status_code == 200
    # A GET (a mail scanner's prefetch) changes nothing.
    assert CompanyClaim.objects.get().status == CompanyClaim.Status.UNVERIFIED

    response = client.post(link)

    assert response.status_code == 302
    claim = CompanyClaim.objects.get()
    assert claim.status == CompanyClaim.Status.PENDING
    assert claim.verified_at is not None
    assert not CompanyRepresentative.objects.filter(user=claimant).exists()


def test_a_used_link_cannot_be_replayed(client, claimant, polderpost):
    client.post(claim_url(polderpost), {"email": "anne@polderpost.nl"})
    link = verify_link("anne@polderpost.nl")
    client.post(link)

    response = client.post(link)

    assert response.status_code == 400
    assert "al gebruikt" in response.content.decode()


def test_an_expired_link_is_refused(client, claimant, polderpost, settings):
    client.post(claim_url(polderpost), {"email": "anne@polderpost.nl"})
    link = verify_link("anne@polderpost.nl")

    with time_machine.travel(timedelta(hours=settings.CLAIM_LINK_HOURS + 1)):
        response = client.post(link)

    assert response.status_code == 400
    assert "verlopen" in response.content.decode()
    assert CompanyClaim.objects.get().status == CompanyClaim.Status.UNVERIFIED


def test_a_forged_link_is_refused(client, claimant, polderpost):
    client.post(claim_url(polderpost), {"email": "anne@polderpost.nl"})
    claim = CompanyClaim.objects.get()
    forged = signing.dumps({"claim": claim.pk, "email": claim.email}, salt="iets anders")

    response = client.post(f"/bedrijfsbeheer/bevestigen/{forged}/")

    assert response.status_code == 400
    assert CompanyClaim.objects.get().status == CompanyClaim.Status.UNVERIFIED


def test_another_user_cannot_use_someone_else_s_link(client, claimant, polderpost):
    client.post(claim_url(polderpost), {"email": "anne@polderpost.nl"})
    link = verify_link("anne@polderpost.nl")
    intruder = User.objects.create_user("piet", "piet@example.invalid", "x")
    client.force_login(intruder)

    response = client.post(link)

    assert response.status_code == 400
    assert "hoort niet bij jouw account" in response.content.decode()
    assert CompanyClaim.objects.get().status == CompanyClaim.Status.UNVERIFIED


def test_a_link_for_an_earlier_address_stops_working(client, claimant, polderpost):
    client.post(claim_url(polderpost), {"email": "anne@polderpost.nl"})
    old_link = verify_link("anne@polderpost.nl")
    client.post(claim_url(polderpost), {"email": "a.jansen@polderpost.nl"})

    assert client.post(old_link).status_code == 400
    assert client.post(verify_link("a.jansen@polderpost.nl")).status_code == 302
    assert CompanyClaim.objects.get().email == "a.jansen@polderpost.nl"


def test_one_claim_per_user_per_company(client, claimant, polderpost):
    client.post(claim_url(polderpost), {"email": "anne@polderpost.nl"})
    client.post(verify_link("anne@polderpost.nl"))

    response = client.post(claim_url(polderpost), {"email": "anne2@polderpost.nl"})

    assert response.status_code == 200
    assert "Een moderator bekijkt je claim" in response.content.decode()
    assert CompanyClaim.objects.count() == 1
    assert CompanyClaim.objects.get().email == "anne@polderpost.nl"


@pytest.fixture
def pending_claim(client, claimant, polderpost):
    client.post(claim_url(polderpost), {"email": "anne@polderpost.nl", "job_title": "Teamleider"})
    client.post(verify_link("anne@polderpost.nl"))
    return CompanyClaim.objects.get()


def test_a_moderator_approves_and_the_user_becomes_a_representative(
    client, pending_claim, moderator
):
    client.force_login(moderator)
    listing = client.get("/admin/bedrijfsclaims/")
    assert listing.status_code == 200
    assert "anne@polderpost.nl" in listing.content.decode()

    response = client.post(
        f"/admin/bedrijfsclaims/{pending_claim.pk}/", {"decision": "approve", "reason": ""}
    )

    assert response.status_code == 302
    pending_claim.refresh_from_db()
    assert pending_claim.status == CompanyClaim.Status.APPROVED
    assert pending_claim.decided_by == moderator
    rep = CompanyRepresentative.objects.get(user=pending_claim.user)
    assert rep.company_id == pending_claim.company_id
    assert rep.job_title == "Teamleider"
    assert OutboxMessage.objects.filter(
        to_email="anne@polderpost.nl", template="companies/email/claim_approved"
    ).exists()


def test_a_refusal_needs_a_reason_and_mails_it(client, pending_claim, moderator):
    client.force_login(moderator)
    url = f"/admin/bedrijfsclaims/{pending_claim.pk}/"

    assert client.post(url, {"decision": "refuse", "reason": " "}).status_code == 400
    response = client.post(url, {"decision": "refuse", "reason": "Onbekende functie."})

    assert response.status_code == 302
    pending_claim.refresh_from_db()
    assert pending_claim.status == CompanyClaim.Status.REFUSED
    assert not CompanyRepresentative.objects.exists()
    message = OutboxMessage.objects.get(template="companies/email/claim_refused")
    assert message.context["reason"] == "Onbekende functie."


def test_a_decided_claim_cannot_be_decided_again(client, pending_claim, moderator):
    client.force_login(moderator)
    url = f"/admin/bedrijfsclaims/{pending_claim.pk}/"
    client.post(url, {"decision": "refuse", "reason": "Nee."})

    assert client.post(url, {"decision": "approve"}).status_code == 404
    assert not CompanyRepresentative.objects.exists()


def test_only_moderators_decide(client, pending_claim, editor):
    client.force_login(editor)

    assert client.get("/admin/bedrijfsclaims/").status_code == 403
    response = client.post(f"/admin/bedrijfsclaims/{pending_claim.pk}/", {"decision": "approve"})

    assert response.status_code == 403
    assert not CompanyRepresentative.objects.exists()


def test_the_refused_mail_is_delivered_with_the_reason(client, pending_claim, moderator, smtp_sink):
    from complaints.outbox import deliver_due

    services.decide_claim(pending_claim, moderator, approve=False, reason="Geen medewerker.")
    OutboxMessage.objects.exclude(template="companies/email/claim_refused").delete()

    assert deliver_due()["sent"] == 1
    message = smtp_sink.to("anne@polderpost.nl")[0]
    assert "Geen medewerker." in smtp_sink.text(message)


def test_a_company_not_listed_is_requested_by_someone_who_wants_to_represent_it(
    client, claimant, company_index
):
    response = client.post(
        "/bedrijven/aanmelden/?vertegenwoordigen=1",
        {"company_name": "Bakkerij Deeg", "requester_email": "anne@deeg.nl"},
    )

    assert response.status_code == 302
    request = CompanyRequest.objects.get()
    assert request.wants_to_represent is True
    assert request.requester == claimant
