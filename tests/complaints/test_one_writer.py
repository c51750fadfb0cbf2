"""One writer of the life cycle: the same history ends in the same rows whichever way
it is applied (per row, as a set by the clock, in bulk by the importer), and no other
door can write the lifecycle fields or put a non-public complaint online."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import PageLogEntry

from complaints import clock, importing, services, states
from complaints.factories import representative_of
from complaints.models import ComplaintEvent, ComplaintPage, OutboxMessage, Reaction
from complaints.states import Action, Status

pytestmark = pytest.mark.django_db

T0 = timezone.make_aware(timezone.datetime(2026, 3, 2, 10, 0))
LIFECYCLE = ("status", "submitted_at", "published_at", "due_at", "expires_at", "changed_at")


def row(complaint):
    page = ComplaintPage.objects.get(pk=complaint.pk)
    return {name: getattr(page, name) for name in (*LIFECYCLE, "live")}


def events(complaint):
    return [
        (e.action, e.from_status, e.to_status, e.created_at)
        for e in ComplaintEvent.objects.filter(complaint=complaint)
    ]


def outbox(complaint):
    return sorted(
        OutboxMessage.objects.filter(complaint=complaint).values_list(
            "template", "role", "to_email"
        )
    )


def approved_at_t0(make_complaint):
    with time_machine.travel(T0, tick=False):
        return make_complaint(status="awaiting_company", now=T0)


def test_a_missed_term_ends_the_same_per_row_as_a_set_and_as_an_import(
    make_complaint, company, representative
):
    per_row = approved_at_t0(make_complaint)
    as_set = approved_at_t0(make_complaint)
    due = ComplaintPage.objects.get(pk=per_row.pk).due_at

    # Per row, at the moment the term ran out; as a set, by a sweep days later.
    services.transition(per_row, Action.COMPANY_TERM_MISSED, now=due)
    with time_machine.travel(T0 + timedelta(days=20), tick=False):
        clock.sweep()

    # The importer replays the same history from an archive line.
    line = {
        "external_id": "arch-1",
        "company": {"name": company.title, "kvk": company.kvk_number, "sector": "Overig"},
        "topic": "Levering",
        "title": "Pakket nooit bezorgd",
        "description": "Mijn pakket is nooit aangekomen, terwijl het als bezorgd staat.",
        "status": "unanswered",
        "submitted_at": T0.isoformat(),
        "published_at": T0.isoformat(),
    }
    refused = []
    with time_machine.travel(T0 + timedelta(days=20), tick=False):
        importing.run([json.dumps(line)], refused=lambda n, r: refused.append((n, r)))
    assert refused == []
    imported = ComplaintPage.objects.get(external_id="arch-1")

    assert row(per_row) == row(as_set) == row(imported)
    assert row(per_row)["status"] == Status.UNANSWERED
    assert row(per_row)["changed_at"] == due
    assert events(per_row) == events(as_set) == events(imported)
    assert events(per_row)[-1] == (
        Action.COMPANY_TERM_MISSED,
        "awaiting_company",
        "unanswered",
        due,
    )
    # Imported history is not mailed; live moves are, the same way per row and as a set.
    assert outbox(per_row) == outbox(as_set)
    assert outbox(imported) == [] and len(outbox(per_row)) > 0


def test_expiry_ends_the_same_per_row_as_a_set(make_complaint):
    per_row = approved_at_t0(make_complaint)
    as_set = approved_at_t0(make_complaint)
    expires = ComplaintPage.objects.get(pk=per_row.pk).expires_at
    with time_machine.travel(T0 + timedelta(days=1), tick=False):  # the company answers
        for complaint in (per_row, as_set):
            services.react(complaint, representative_of(complaint.company), "Wij kijken ernaar.")

    # Per row: what the clock decides for this complaint, one transition at a time.
    later = expires + timedelta(hours=1)
    page = ComplaintPage.objects.get(pk=per_row.pk)
    for action, _source, at in states.Lifecycle.of(page).clock_until(later):
        services.transition(per_row, action, now=at)
    with time_machine.travel(later, tick=False):
        clock.sweep()

    assert row(per_row) == row(as_set)
    assert row(as_set)["status"] == Status.EXPIRED and not row(as_set)["live"]
    assert events(per_row) == events(as_set)
    for complaint in (per_row, as_set):
        page = ComplaintPage.objects.get(pk=complaint.pk)
        # Unpublished the Wagtail way: no live revision, marked expired, in its history.
        assert page.live_revision is None and page.expired and page.has_unpublished_changes
        assert PageLogEntry.objects.filter(page=page, action="wagtail.unpublish").count() == 1


def test_a_stale_page_instance_cannot_write_the_status_back(make_complaint):
    complaint = make_complaint(status="awaiting_company")
    stale = ComplaintPage.objects.get(pk=complaint.pk)

    services.react(complaint, representative_of(complaint.company), "Wij lossen het op.")
    stale.title = "Nieuwe titel"
    stale.save()

    fresh = ComplaintPage.objects.get(pk=complaint.pk)
    assert fresh.title == "Nieuwe titel"
    assert fresh.status == Status.AWAITING_CONSUMER
    assert fresh.due_at is not None


def test_publishing_a_complaint_that_is_not_approved_is_refused(make_complaint, admin_user):
    draft = make_complaint(status="draft")
    revision = draft.save_revision()

    with pytest.raises(ValidationError):
        revision.publish(skip_permission_checks=True)
    assert not ComplaintPage.objects.get(pk=draft.pk).live
    # And the admin does not offer it: not even a superuser publishes past moderation.
    assert not draft.permissions_for_user(admin_user).can_publish()


def test_approval_after_the_consumer_withdrew_publishes_nothing(make_complaint, moderator):
    complaint = make_complaint(status="in_moderation")
    task_state = complaint.current_workflow_task_state
    # The consumer withdraws in the same moment; the moderator's page was already open.
    ComplaintPage.objects.filter(pk=complaint.pk).update(status=Status.REJECTED)

    task_state.task.specific.on_action(task_state, moderator, "approve")

    page = ComplaintPage.objects.get(pk=complaint.pk)
    assert not page.live and page.status == Status.REJECTED
    assert not ComplaintEvent.objects.filter(complaint=page, action=Action.APPROVE).exists()


def test_the_wizard_cannot_change_a_complaint_that_was_sent_meanwhile(make_complaint):
    complaint = make_complaint(status="draft")
    stale = ComplaintPage.objects.get(pk=complaint.pk)
    services.submit(ComplaintPage.objects.get(pk=complaint.pk), complaint.consumer)

    with pytest.raises(services.NotEditable):
        services.update_draft(stale, {"title": "Toch anders"})

    fresh = ComplaintPage.objects.get(pk=complaint.pk)
    assert fresh.status == Status.IN_MODERATION and fresh.title != "Toch anders"


def test_withdrawing_ends_the_moderation_in_the_same_transaction(make_complaint, monkeypatch):
    complaint = make_complaint(status="in_moderation")

    # Simulated failure (cannot be caused for real): cancelling the workflow breaks.
    def broken(self, user=None):
        raise RuntimeError("workflow away")

    monkeypatch.setattr("wagtail.models.WorkflowState.cancel", broken)
    with pytest.raises(RuntimeError):
        services.withdraw(complaint, complaint.consumer)

    assert ComplaintPage.objects.get(pk=complaint.pk).status == Status.IN_MODERATION


def test_the_admin_moderation_queue_goes_through_the_service(client, make_complaint, moderator):
    complaint = make_complaint(status="awaiting_company")
    reaction = services.react(complaint, representative_of(complaint.company), "U bent een sukkel.")
    services.report_reaction(reaction, complaint.consumer, "Scheldwoord")
    client.force_login(moderator)

    response = client.post(
        f"/admin/complaints/reaction/edit/{reaction.pk}/",
        {"visibility": "hidden", "moderation_note": "Scheldwoord verwijderd"},
    )

    assert response.status_code == 302
    reaction = Reaction.objects.get(pk=reaction.pk)
    assert reaction.visibility == Reaction.Visibility.HIDDEN
    assert reaction.moderated_by == moderator and reaction.moderated_at is not None
    assert not reaction.reports.filter(handled=False).exists()


def test_set_changes_come_from_apply():
    target, changes = states.set_changes(Status.AWAITING_COMPANY, Action.COMPANY_TERM_MISSED)
    assert target == Status.UNANSWERED
    assert changes == {"status": Status.UNANSWERED, "due_at": None, "changed_at": states.MOMENT}
    with pytest.raises(ValueError):
        states.set_changes(Status.AWAITING_CONSUMER, Action.CONSUMER_REACTS)


def test_expiry_of_a_page_already_taken_offline_logs_no_second_unpublish(make_complaint):
    complaint = approved_at_t0(make_complaint)
    page = ComplaintPage.objects.get(pk=complaint.pk)
    page.unpublish(log_action=True)  # an editor took it offline earlier
    expires = page.expires_at

    with time_machine.travel(expires + timedelta(hours=1), tick=False):
        clock.sweep()

    assert ComplaintPage.objects.get(pk=complaint.pk).status == Status.EXPIRED
    assert PageLogEntry.objects.filter(page=page, action="wagtail.unpublish").count() == 1
