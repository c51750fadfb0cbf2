"""Evidence after submitting (/mijn-klachten/<id>/bewijs/): the consumer adds files and
contact moments to a sent complaint; nobody else reads or posts there."""

import pytest

from complaints.models import Attachment, ContactLogEntry
from tests.complaints.parties import ROLES, as_user
from tests.complaints.test_wizard import CONTACT, png_bytes, upload

pytestmark = pytest.mark.django_db


def url(complaint) -> str:
    return f"/mijn-klachten/{complaint.pk}/bewijs/"


@pytest.fixture
def public(make_complaint):
    return make_complaint(status="awaiting_company")


def test_the_owner_adds_a_file_that_the_company_then_reads(
    client, consumer, representative, public
):
    client.force_login(consumer)

    response = client.post(
        url(public), {"upload-file": upload("factuur.png", png_bytes()), "action": "add_attachment"}
    )

    assert response.status_code == 302 and response["Location"] == url(public)
    assert "factuur.png" in client.get(url(public)).content.decode()
    client.force_login(representative)
    assert "factuur.png" in client.get(public.url).content.decode()


def test_the_owner_adds_a_contact_moment(client, consumer, public):
    client.force_login(consumer)

    response = client.post(url(public), {**CONTACT, "action": "add_contact"})

    assert response.status_code == 302
    assert ContactLogEntry.objects.filter(complaint=public, person="Sanne").exists()
    assert "Contactmoment toegevoegd." in client.get(url(public)).content.decode()


def test_the_private_details_sent_stay_as_they_were(client, consumer, public):
    client.force_login(consumer)

    client.post(
        url(public), {**CONTACT, "private-details": "overschreven", "action": "add_contact"}
    )

    public.private_details.refresh_from_db()
    assert public.private_details.details == "Ordernummer 123456, Dorpsstraat 1"


def test_an_empty_post_says_what_to_fill_in(client, consumer, public):
    client.force_login(consumer)

    response = client.post(url(public), {"action": "save"})

    assert response.status_code == 400
    assert "Kies een bestand of vul hieronder een contactmoment in." in response.content.decode()


def test_a_refused_file_keeps_the_contact_moment_typed_and_stores_nothing(client, consumer, public):
    client.force_login(consumer)

    response = client.post(
        url(public),
        {**CONTACT, "upload-file": upload("x.pdf", b"not a pdf"), "action": "add_attachment"},
    )

    assert response.status_code == 400
    assert 'value="Sanne"' in response.content.decode()
    assert not Attachment.objects.exists() and not ContactLogEntry.objects.exists()


@pytest.mark.parametrize("status", ["in_moderation", "awaiting_consumer", "unanswered", "closed"])
def test_evidence_may_be_added_while_the_complaint_is_sent(
    client, consumer, make_complaint, status
):
    complaint = make_complaint(status=status)
    client.force_login(consumer)

    response = client.post(url(complaint), {**CONTACT, "action": "add_contact"})

    assert response.status_code == 302
    assert complaint.contact_log.count() == 1


@pytest.mark.parametrize("status", ["withdrawn", "expired"])
def test_not_once_the_complaint_is_withdrawn_or_expired(client, consumer, make_complaint, status):
    complaint = make_complaint(status=status)
    client.force_login(consumer)

    assert client.get(url(complaint)).status_code == 404
    assert client.post(url(complaint), {**CONTACT, "action": "add_contact"}).status_code == 404
    assert not ContactLogEntry.objects.exists()


def test_a_draft_is_sent_to_its_wizard_step(client, consumer, make_complaint):
    draft = make_complaint(status="draft")
    client.force_login(consumer)

    response = client.get(url(draft))

    assert response.status_code == 302
    assert response["Location"] == f"/klacht-indienen/{draft.pk}/besloten/"


@pytest.mark.parametrize("role", [r for r in ROLES if r != "owner"])
def test_nobody_but_the_owner_reads_or_posts(client, users, public, role):
    from complaints import attachments

    attachments.add_attachment(public, upload("geheim-bewijs.png", png_bytes()), public.consumer)
    as_user(client, users[role])

    page = client.get(url(public))
    post = client.post(
        url(public),
        {**CONTACT, "upload-file": upload("ander.png", png_bytes()), "action": "add_contact"},
    )

    if role == "anonymous":
        assert page.status_code == 302 and "/account/login/" in page["Location"]
        assert post.status_code == 302 and "/account/login/" in post["Location"]
    else:
        assert page.status_code == 404 and post.status_code == 404
    assert "geheim-bewijs" not in page.content.decode()
    assert Attachment.objects.count() == 1
    assert not ContactLogEntry.objects.exists()


def test_my_complaints_and_the_complaint_page_link_to_it(client, consumer, make_complaint):
    public = make_complaint(status="awaiting_company")
    draft = make_complaint(status="draft")
    withdrawn = make_complaint(status="withdrawn")
    client.force_login(consumer)

    listing = client.get("/mijn-klachten/").content.decode()
    complaint_page = client.get(public.url).content.decode()

    assert url(public) in listing
    assert url(draft) not in listing and url(withdrawn) not in listing
    assert url(public) in complaint_page


def test_the_complaint_page_offers_no_link_to_others(client, representative, public):
    client.force_login(representative)

    assert url(public) not in client.get(public.url).content.decode()


def test_the_company_hears_of_new_evidence_without_its_content(
    client, consumer, representative, public, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(consumer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url(public),
            {
                **CONTACT,
                "upload-file": upload("kassabon-geheim.png", png_bytes()),
                "action": "add_attachment",
            },
        )

    # (The outbox also delivers the earlier "new complaint" message now.)
    to_company = [
        m for m in mailoutbox if representative.email in m.to and "bij de klacht" in m.subject
    ]
    assert sorted(m.subject for m in to_company) == [
        f'Nieuw contactmoment bij de klacht "{public.title}"',
        f'Nieuwe bijlage bij de klacht "{public.title}"',
    ]
    for message in to_company:
        assert public.url in message.body
        assert "kassabon-geheim" not in message.body and "Sanne" not in message.body
        assert consumer.email not in message.body
    assert not [m for m in mailoutbox if consumer.email in m.to and "bij de klacht" in m.subject]


def test_evidence_before_publication_waits_for_the_complaint_itself(
    client, consumer, make_complaint, django_capture_on_commit_callbacks, mailoutbox
):
    waiting = make_complaint(status="in_moderation")
    client.force_login(consumer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(waiting), {**CONTACT, "action": "add_contact"})

    assert ContactLogEntry.objects.filter(complaint=waiting).exists()
    assert mailoutbox == []
