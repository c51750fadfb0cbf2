"""Moderation in the Wagtail admin: the workflow drives the complaint state machine."""

import pytest
from django.core import mail
from django.urls import reverse

from complaints import services
from complaints.states import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(make_complaint, consumer, django_capture_on_commit_callbacks):
    complaint = make_complaint(
        status="draft", description="Wat een klootzakken zijn het daar, echt."
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(complaint, consumer)
    complaint.refresh_from_db()
    mail.outbox.clear()
    return complaint


def workflow_action(client, complaint, action, **data):
    task_state = complaint.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(complaint.pk, action, task_state.pk))
    return client.post(url, data)


def test_the_complaint_waits_in_the_moderators_dashboard(client, moderator, submitted):
    client.force_login(moderator)

    dashboard = client.get("/admin/").content.decode()

    assert submitted.title in dashboard
    assert client.get(f"/admin/pages/{submitted.pk}/edit/").status_code == 200


def test_the_moderator_sees_what_the_screening_found(client, moderator, submitted):
    client.force_login(moderator)

    html = client.get(f"/admin/pages/{submitted.pk}/edit/").content.decode()

    assert "klootzakken" in html
    assert "automatische controle" in html.lower()


def test_approval_publishes_and_starts_the_company_term(
    client, moderator, submitted, representative, django_capture_on_commit_callbacks
):
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        response = workflow_action(client, submitted, "approve", comment="")

    assert response.status_code in (200, 302)
    submitted.refresh_from_db()
    assert submitted.live
    assert submitted.status == Status.AWAITING_COMPANY
    assert submitted.due_at is not None
    assert submitted.events.last().actor == moderator
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "staat online" in subjects[submitted.consumer.email]
    assert "Nieuwe klacht" in subjects[representative.email]
    assert "Nieuwe klacht" in subjects["geheim-klachtcontact@polderpost.example"]
    for message in mail.outbox:
        assert "Ordernummer 123456" not in message.body  # the private part
        assert submitted.consumer.email not in message.body


def test_request_changes_rejects_with_the_reason_and_allows_resubmission(
    client, moderator, submitted, consumer, django_capture_on_commit_callbacks
):
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        workflow_action(client, submitted, "reject", comment="Haal het scheldwoord weg.")

    submitted.refresh_from_db()
    assert submitted.status == Status.REJECTED
    assert not submitted.live
    assert submitted.rejection_reason == "Haal het scheldwoord weg."
    [message] = [m for m in mail.outbox if m.to == [consumer.email]]
    assert "Haal het scheldwoord weg." in message.body

    from complaints.factories import TopicFactory

    topic = TopicFactory(name="Levering", slug="levering")
    client.force_login(consumer)
    assert "Haal het scheldwoord weg." in client.get("/mijn-klachten/").content.decode()
    edited = client.post(
        f"/klacht-indienen/{submitted.pk}/klacht/",
        {
            "title": submitted.title,
            "description": "Het pakket is nooit aangekomen, terwijl de bezorger het als bezorgd meldde. Ik belde twee keer.",
            "desired_outcome": "Mijn geld terug.",
            "topic": topic.pk,
        },
    )
    assert edited.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/klacht-indienen/{submitted.pk}/controleren/")
    submitted.refresh_from_db()
    assert submitted.status == Status.IN_MODERATION
    assert submitted.screening_hits == []


def test_editors_cannot_edit_or_publish_complaints(client, editor, submitted):
    client.force_login(editor)

    assert client.get(f"/admin/pages/{submitted.pk}/edit/").status_code in (302, 403)
    submitted.refresh_from_db()
    assert not submitted.live


def test_a_moderator_takes_a_published_complaint_offline_in_the_admin(
    client, moderator, editor, make_complaint
):
    # DESIGN.md: moderators remove abusive content. Putting it back online stays with
    # superusers (and the workflow); editors do neither.
    from complaints.models import ComplaintPage

    complaint = make_complaint(status="awaiting_company")
    url = reverse("wagtailadmin_pages:unpublish", args=[complaint.pk])

    client.force_login(editor)
    client.post(url)
    assert ComplaintPage.objects.get(pk=complaint.pk).live

    client.force_login(moderator)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    page = ComplaintPage.objects.get(pk=complaint.pk)
    assert not page.live and page.status == Status.AWAITING_COMPANY
    assert not page.permissions_for_user(moderator).can_publish()
