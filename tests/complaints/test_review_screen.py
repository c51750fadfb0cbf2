"""The moderator's review screen (/admin/moderatie/): everything on one page, two
buttons, Wagtail's workflow underneath, and only for moderators."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState

from complaints import services
from complaints.states import Status
from tests.complaints.parties import give_private_part

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(make_complaint, consumer, django_capture_on_commit_callbacks):
    from complaints.factories import TopicFactory

    complaint = make_complaint(
        status="draft",
        description="Wat een klootzakken zijn het daar, echt.",
        topic=TopicFactory(name="Bezorging", slug="bezorging"),
    )
    give_private_part(complaint, consumer, "GEHEIM-REF-77", "kassabon-77.png")
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(complaint, consumer)
    complaint.refresh_from_db()
    mail.outbox.clear()
    return complaint


def review_url(complaint):
    return reverse("complaint_moderation_review", args=[complaint.pk])


def test_the_list_shows_the_waiting_complaints_with_their_age(client, moderator, submitted):
    client.force_login(moderator)

    html = client.get("/admin/moderatie/").content.decode()

    assert submitted.title in html
    assert review_url(submitted) in html
    assert "Wacht al" in html
    assert "1 woord gevonden" in html


def test_the_review_screen_shows_everything_in_one_place(
    client, moderator, submitted, make_complaint, consumer
):
    make_complaint(status="awaiting_company", title="Een eerdere klacht")
    client.force_login(moderator)

    html = client.get(review_url(submitted)).content.decode()

    assert submitted.company.title in html and submitted.company.url in html
    assert submitted.topic.name in html
    assert submitted.description in html
    assert submitted.desired_outcome in html
    assert "GEHEIM-REF-77" in html  # the private part
    assert "Gebeld GEHEIM-REF-77" in html  # the contact log
    attachment = submitted.attachments.get()
    assert reverse("attachment", args=[attachment.pk]) in html
    assert "klootzakken" in html and "automatische controle" in html.lower()
    assert "Eerdere klachten van deze consument</dt>\n        <dd>1</dd>" in html
    assert ">Goedkeuren</button>" in html and ">Afwijzen</button>" in html
    # The moderator may open the attachment through the protected download.
    assert client.get(reverse("attachment", args=[attachment.pk])).status_code == 200


def test_approving_publishes_through_the_workflow_and_returns_to_the_list(
    client, moderator, submitted, representative, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    task_state = submitted.current_workflow_state.current_task_state

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("complaint_moderation_approve", args=[submitted.pk]), follow=True
        )

    assert response.redirect_chain == [(reverse("complaint_moderation"), 302)]
    html = response.content.decode()
    assert "Goedgekeurd" in html and "staat online" in html
    assert "geen toegang" not in html.lower() and "permission" not in html.lower()
    submitted.refresh_from_db()
    assert submitted.live and submitted.status == Status.AWAITING_COMPANY
    assert submitted.events.last().actor == moderator
    # Wagtail's own workflow did it: the task state is approved, and its log says so.
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_APPROVED
    assert task_state.finished_by == moderator
    assert PageLogEntry.objects.filter(
        page=submitted, action="wagtail.workflow.approve", user=moderator
    ).exists()
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "staat online" in subjects[submitted.consumer.email]
    assert "Nieuwe klacht" in subjects[representative.email]


def test_rejecting_needs_a_reason_and_gives_it_to_the_consumer(
    client, moderator, submitted, consumer, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    url = reverse("complaint_moderation_reject", args=[submitted.pk])

    empty = client.post(url, {"reason": "  "})
    assert empty.status_code == 400
    assert "Fout: " in empty.content.decode()
    assert empty.context["reject_form"].errors["reason"]
    submitted.refresh_from_db()
    assert submitted.status == Status.IN_MODERATION

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Haal het scheldwoord weg."}, follow=True)

    assert response.redirect_chain == [(reverse("complaint_moderation"), 302)]
    assert "Afgewezen" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.REJECTED and not submitted.live
    assert submitted.rejection_reason == "Haal het scheldwoord weg."
    assert PageLogEntry.objects.filter(page=submitted, action="wagtail.workflow.reject").exists()
    [message] = [m for m in mail.outbox if m.to == [consumer.email]]
    assert "Haal het scheldwoord weg." in message.body


def test_a_decision_on_a_withdrawn_complaint_changes_nothing(
    client, moderator, submitted, consumer
):
    services.withdraw(submitted, consumer)
    client.force_login(moderator)

    response = client.post(reverse("complaint_moderation_approve", args=[submitted.pk]))

    assert response.status_code == 404  # withdrawn: the consumer's alone again
    submitted.refresh_from_db()
    assert submitted.status == Status.WITHDRAWN and not submitted.live


def test_after_one_decision_the_next_complaint_is_offered(
    client, moderator, submitted, make_complaint, consumer, django_capture_on_commit_callbacks
):
    second = make_complaint(status="draft", title="Tweede klacht over de levering")
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(second, consumer)
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("complaint_moderation_approve", args=[submitted.pk]), follow=True
        )

    html = response.content.decode()
    assert "Volgende klacht" in html and second.title in html
    assert review_url(second) in html


def test_the_published_tab_takes_a_complaint_offline_through_wagtail(
    client, moderator, make_complaint
):
    complaint = make_complaint(status="awaiting_company", title="Scheldpartij online")
    client.force_login(moderator)

    listing = client.get(reverse("complaint_moderation_published")).content.decode()
    assert complaint.title in listing and review_url(complaint) in listing
    assert ">Offline halen</button>" in client.get(review_url(complaint)).content.decode()

    response = client.post(
        reverse("complaint_moderation_offline", args=[complaint.pk]), follow=True
    )

    assert response.redirect_chain == [(reverse("complaint_moderation_published"), 302)]
    assert "offline gehaald" in response.content.decode()
    complaint.refresh_from_db()
    assert not complaint.live and complaint.status == Status.AWAITING_COMPANY
    assert PageLogEntry.objects.filter(
        page=complaint, action="wagtail.unpublish", user=moderator
    ).exists()


def test_the_menu_and_the_dashboard_lead_moderators_to_the_review_screen(
    client, moderator, submitted
):
    client.force_login(moderator)

    dashboard = client.get("/admin/").content.decode()
    assert "Moderatie (1)" in dashboard  # the menu item with its count
    assert "Naar het beoordelingsscherm" in dashboard
    # The workflow lands the moderator on the edit page: it links to the review screen.
    assert (
        review_url(submitted) in client.get(f"/admin/pages/{submitted.pk}/edit/").content.decode()
    )


@pytest.mark.parametrize("role", ["editor", "representative", "consumer", "anonymous"])
def test_nobody_but_moderators_reaches_the_review_screen(
    client, role, request, submitted, make_complaint, django_user_model
):
    public = make_complaint(status="awaiting_company")
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    gets = [
        "/admin/moderatie/",
        reverse("complaint_moderation_published"),
        review_url(submitted),
        review_url(public),
    ]
    posts = [
        reverse("complaint_moderation_approve", args=[submitted.pk]),
        reverse("complaint_moderation_reject", args=[submitted.pk]),
        reverse("complaint_moderation_offline", args=[public.pk]),
    ]

    for url in gets:
        response = client.get(url)
        # Editors are in the admin and get a 403; the others never reach the admin
        # (Wagtail sends them to its login page).
        if role == "editor":
            assert response.status_code == 403, url
            assert "GEHEIM-REF-77" not in response.content.decode()
        else:
            assert response.status_code == 302 and "/admin/login/" in response["Location"]
    for url in posts:
        response = client.post(url, {"reason": "Weg ermee"})
        assert response.status_code == (403 if role == "editor" else 302), url

    submitted.refresh_from_db()
    public.refresh_from_db()
    assert submitted.status == Status.IN_MODERATION
    assert public.live
    if role == "editor":
        assert "Moderatie (" not in client.get("/admin/").content.decode()


def test_a_superuser_may_review(client, submitted, django_user_model):
    admin = django_user_model.objects.create_superuser("beheer", "beheer@example.invalid", "x")
    client.force_login(admin)

    assert client.get(review_url(submitted)).status_code == 200
    assert client.get("/admin/moderatie/").status_code == 200


def test_drafts_are_not_reviewable(client, moderator, make_complaint):
    draft = make_complaint(status="draft")
    client.force_login(moderator)

    assert client.get(review_url(draft)).status_code == 404


def test_the_edit_page_leads_to_the_review_screen_instead_of_wagtails_actions(
    client, moderator, submitted
):
    client.force_login(moderator)

    html = client.get(f"/admin/pages/{submitted.pk}/edit/").content.decode()

    assert "Beoordelen: goedkeuren of afwijzen" in html
    assert f'href="{review_url(submitted)}"' in html
    # No second door with Wagtail's wording under "more actions".
    assert 'data-workflow-action-name="approve"' not in html
    assert 'data-workflow-action-name="reject"' not in html


def test_personal_data_left_in_the_public_text_is_pointed_out_masked(
    client, moderator, make_complaint, consumer
):
    complaint = make_complaint(
        status="in_moderation",
        consumer=consumer,
        title="Pakket kwijt",
        description="Bel me op 06-12345678 of mail naar jan.jansen@example.nl over mijn pakket.",
    )
    client.force_login(moderator)

    html = client.get(review_url(complaint)).content.decode()

    assert "Mogelijk persoonsgegevens in het openbare deel" in html
    assert "Een telefoonnummer (06-…)" in html
    assert "Een e-mailadres (j…@example.nl)" in html
    # The review screen shows the full text once, where it stands; the list only masks.
    assert html.count("06-12345678") == 1


def test_a_clean_public_text_says_nothing_was_found(client, moderator, submitted):
    client.force_login(moderator)

    html = client.get(review_url(submitted)).content.decode()

    assert "Mogelijk persoonsgegevens" not in html
    assert "Geen adressen, telefoonnummers" in html
