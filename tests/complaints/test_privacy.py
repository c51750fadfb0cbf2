"""Who sees what: a role × view matrix, and a private token that must stay private."""

import json

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints import attachments
from complaints.models import ComplaintPage
from tests.complaints.parties import ROLES, as_user, give_private_part, png

pytestmark = pytest.mark.django_db

TOKEN = "PRIVETOKEN-7f3a9c"


@pytest.fixture
def public_complaint(make_complaint, consumer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = make_complaint(status="awaiting_company", private_details=f"Adres {TOKEN}")
    return give_private_part(complaint, consumer, TOKEN, f"{TOKEN}.png")


@pytest.fixture
def draft(make_complaint):
    return make_complaint(status="draft", private_details=f"Adres {TOKEN}")


SEES_PRIVATE = {"owner", "representative", "moderator"}


@pytest.mark.parametrize("role", ROLES)
def test_public_page_and_attachment_by_role(client, users, public_complaint, role):
    as_user(client, users[role])
    attachment = public_complaint.attachments.get()

    page = client.get(public_complaint.url)
    download = client.get(f"/bijlagen/{attachment.pk}/")

    assert page.status_code == 200
    html = page.content.decode()
    assert public_complaint.title in html
    if role in SEES_PRIVATE:
        assert TOKEN in html
        assert download.status_code == 200
        assert download["Content-Disposition"].startswith("attachment")
        assert download["X-Content-Type-Options"] == "nosniff"
    else:
        assert TOKEN not in html
        assert download.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_wizard_steps_and_withdrawal_by_role(client, users, draft, role):
    as_user(client, users[role])
    urls = [
        f"/klacht-indienen/{draft.pk}/{step}/" for step in ["klacht", "besloten", "controleren"]
    ]

    codes = [client.get(url).status_code for url in urls]
    withdraw = client.post(f"/mijn-klachten/{draft.pk}/intrekken/")

    if role == "owner":
        assert codes == [200, 200, 200]
        assert withdraw.status_code == 302
    elif role == "anonymous":
        assert codes == [302, 302, 302]  # to the login page
        assert withdraw.status_code == 302 and "/account/login/" in withdraw["Location"]
    else:
        assert codes == [404, 404, 404]
        assert withdraw.status_code == 404
    draft.refresh_from_db()
    assert draft.status == "draft"  # a draft cannot be withdrawn, not even by its owner


@pytest.mark.parametrize("role", ROLES)
def test_unpublished_complaints_are_not_public(client, users, draft, role):
    as_user(client, users[role])
    url = f"/bedrijven/{draft.company.slug}/klachten/{draft.slug}/"

    assert client.get(url).status_code == 404
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404


def test_my_complaints_lists_only_the_users_own(
    client, users, draft, make_complaint, other_consumer
):
    mine_title = draft.title
    make_complaint(status="draft", consumer=other_consumer, title="Niet van jou")
    client.force_login(users["owner"])

    html = client.get("/mijn-klachten/").content.decode()

    assert mine_title in html
    assert "Niet van jou" not in html


def test_the_private_token_reaches_no_public_page_api_or_third_party_mail(
    client, public_complaint, representative, django_capture_on_commit_callbacks, site
):
    urls = [
        "/",
        "/bedrijven/",
        public_complaint.company.url,
        public_complaint.url,
        "/api/v2/pages/",
        "/api/v2/pages/?type=complaints.ComplaintPage&fields=*",
        f"/api/v2/pages/{public_complaint.pk}/",
        f"/api/v2/pages/?search={TOKEN}",
        "/api/v2/images/",
        "/api/v2/documents/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert TOKEN not in response.content.decode(), url

    # The page's revisions (what the admin history and previews show) hold no private data.
    for revision in public_complaint.revisions.all():
        assert TOKEN not in json.dumps(revision.content)

    # Mail: the approval mails went to the consumer and the company; none carries it.
    assert mail.outbox
    for message in mail.outbox:
        bodies = [message.body, *(alt[0] for alt in getattr(message, "alternatives", []))]
        assert all(TOKEN not in body for body in bodies), message.to


def test_the_api_lists_public_complaints_with_public_fields_only(client, public_complaint, draft):
    response = client.get("/api/v2/pages/?type=complaints.ComplaintPage&fields=*")

    data = response.json()
    assert [item["id"] for item in data["items"]] == [public_complaint.pk]
    item = data["items"][0]
    assert item["status"] == "awaiting_company"
    assert item["company_ref"]["slug"] == public_complaint.company.slug
    for private in ["private_details", "attachments", "contact_log", "consumer", "screening_hits"]:
        assert private not in item


def test_withdrawal_takes_a_public_complaint_off_the_site(client, consumer, public_complaint):
    client.force_login(consumer)

    client.post(f"/mijn-klachten/{public_complaint.pk}/intrekken/")

    public_complaint.refresh_from_db()
    assert public_complaint.status == "withdrawn"
    assert client.get(public_complaint.url or "/nope/").status_code == 404
    client.logout()
    assert client.get(f"/api/v2/pages/{public_complaint.pk}/").status_code == 404


def test_user_text_is_escaped_everywhere(
    client, make_complaint, consumer, moderator, django_capture_on_commit_callbacks
):
    evil = '<script>alert("x")</script>'
    with django_capture_on_commit_callbacks(execute=True):
        complaint = make_complaint(
            status="awaiting_company",
            title=f"Titel {evil}",
            description=f"Beschrijving {evil} en nog wat tekst om de klacht lang genoeg te maken.",
        )
    pages = [complaint.url, complaint.company.url]
    client.force_login(consumer)
    pages.append("/mijn-klachten/")
    for url in pages:
        html = client.get(url).content.decode()
        assert evil not in html, url
    for message in mail.outbox:
        for alt, _type in getattr(message, "alternatives", []):
            assert evil not in alt
    assert ComplaintPage.objects.filter(title__contains="<script>").exists()


@pytest.mark.parametrize("role", ROLES)
def test_removing_evidence_is_for_the_owner_only(client, users, draft, consumer, role):
    attachment = attachments.add_attachment(draft, SimpleUploadedFile("bon.png", png()), consumer)
    entry = draft.contact_log.create(contacted_on="2026-10-01", channel="phone", summary="Gebeld")
    as_user(client, users[role])

    removed_file = client.post(f"/klacht-indienen/{draft.pk}/bijlage/{attachment.pk}/verwijderen/")
    removed_entry = client.post(f"/klacht-indienen/{draft.pk}/contact/{entry.pk}/verwijderen/")

    if role == "owner":
        assert (removed_file.status_code, removed_entry.status_code) == (302, 302)
        assert not draft.attachments.exists() and not draft.contact_log.exists()
    else:
        expected = 302 if role == "anonymous" else 404
        assert (removed_file.status_code, removed_entry.status_code) == (expected, expected)
        assert draft.attachments.count() == 1 and draft.contact_log.count() == 1
