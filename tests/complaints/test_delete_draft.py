"""A consumer deletes their own draft, after a confirmation page; with it go its private
part, its attachments' files and anything the search index held under its id."""

from pathlib import Path

import pytest
from django.conf import settings

from complaints.models import Attachment, ComplaintPage, ComplaintPrivateDetails, ContactLogEntry
from tests.complaints.parties import ROLES, as_user, give_private_part

pytestmark = pytest.mark.django_db


def url(complaint) -> str:
    return f"/mijn-klachten/{complaint.pk}/verwijderen/"


@pytest.fixture
def draft(make_complaint, consumer):
    return give_private_part(make_complaint(status="draft"), consumer, "CONCEPT-1", "bon.png")


def stored_file(attachment) -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / attachment.file.name


def test_the_confirmation_page_says_what_will_be_deleted(client, consumer, draft):
    client.force_login(consumer)

    response = client.get(url(draft))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Weet je zeker dat je dit concept wilt verwijderen?" in page
    assert draft.title in page and "bon.png" in page and "1 contactmoment" in page
    assert "<title>Concept verwijderen" in page
    assert ComplaintPage.objects.filter(pk=draft.pk).exists()  # a GET deletes nothing


def test_the_owner_deletes_the_draft_with_everything_that_belonged_to_it(
    client, consumer, draft, django_capture_on_commit_callbacks
):
    attachment = draft.attachments.get()
    file = stored_file(attachment)
    assert file.exists()
    client.force_login(consumer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(draft))

    assert response.status_code == 302 and response["Location"] == "/mijn-klachten/"
    assert not ComplaintPage.objects.filter(pk=draft.pk).exists()
    assert not ComplaintPrivateDetails.objects.exists()
    assert not ContactLogEntry.objects.exists() and not Attachment.objects.exists()
    assert not file.exists()
    assert "Je concept is verwijderd" in client.get("/mijn-klachten/").content.decode()


def test_the_admin_history_keeps_no_title_of_a_deleted_draft(client, consumer, draft):
    from wagtail.models import PageLogEntry

    client.force_login(consumer)

    client.post(url(draft))

    entries = PageLogEntry.objects.filter(page_id=draft.pk)
    assert entries.filter(action="wagtail.delete").exists()
    assert not entries.filter(label__icontains=draft.title).exists()


def test_a_search_document_under_the_drafts_id_goes_too(
    client, consumer, draft, es, index, django_capture_on_commit_callbacks
):
    from search.indexing import ensure_index

    # A draft is never indexed; a stale document (an old rebuild, a bug) must still go.
    ensure_index()
    es.index(index=index, id=draft.pk, document={"title": draft.title}, refresh=True)
    client.force_login(consumer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(draft))

    es.indices.refresh(index=index)
    assert not es.exists(index=index, id=draft.pk)


@pytest.mark.parametrize("role", [r for r in ROLES if r != "owner"])
def test_nobody_else_sees_or_deletes_it(client, users, draft, role):
    as_user(client, users[role])

    page, post = client.get(url(draft)), client.post(url(draft))

    if role == "anonymous":
        assert "/account/login/" in page["Location"] and "/account/login/" in post["Location"]
    else:
        assert page.status_code == 404 and post.status_code == 404
    assert ComplaintPage.objects.filter(pk=draft.pk).exists()
    assert draft.attachments.count() == 1


@pytest.mark.parametrize("status", ["in_moderation", "rejected", "awaiting_company"])
def test_a_sent_complaint_is_not_deleted(client, consumer, make_complaint, status):
    complaint = make_complaint(status=status)
    client.force_login(consumer)

    response = client.post(url(complaint))

    assert response.status_code == 302
    assert ComplaintPage.objects.filter(pk=complaint.pk).exists()
    assert "Alleen een concept kun je verwijderen" in client.get("/mijn-klachten/").content.decode()


def test_the_service_refuses_a_sent_complaint(consumer, make_complaint):
    from complaints import services

    complaint = make_complaint(status="in_moderation")

    with pytest.raises(services.NotDeletable):
        services.delete_draft(complaint, consumer)


def test_my_complaints_and_the_wizard_offer_it_for_drafts_only(client, consumer, make_complaint):
    draft = make_complaint(status="draft")
    sent = make_complaint(status="in_moderation")
    client.force_login(consumer)

    listing = client.get("/mijn-klachten/").content.decode()
    wizard = client.get(f"/klacht-indienen/{draft.pk}/klacht/").content.decode()

    assert url(draft) in listing and url(sent) not in listing
    assert url(draft) in wizard


def test_removing_one_attachment_removes_its_file(
    client, consumer, draft, django_capture_on_commit_callbacks
):
    attachment = draft.attachments.get()
    file = stored_file(attachment)
    client.force_login(consumer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/klacht-indienen/{draft.pk}/bijlage/{attachment.pk}/verwijderen/")

    assert not file.exists()
    assert not draft.attachments.exists()
