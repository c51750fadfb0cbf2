"""The transition table, exercised through the one function that writes a status."""

import pytest
from django.db import transaction

from complaints import services, states
from complaints.models import ComplaintEvent, ComplaintPage
from complaints.states import Action, Status

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


@pytest.mark.parametrize("source", list(Status))
def test_every_action_from_every_status(make_complaint, consumer, source):
    complaint = make_complaint(status=source)
    assert complaint.status == source

    for action in Action:
        expected = states.TRANSITIONS.get((source, action))
        events_before = ComplaintEvent.objects.filter(complaint=complaint).count()
        try:
            with transaction.atomic():
                if expected is None:
                    with pytest.raises(services.TransitionNotAllowed):
                        services.transition(complaint, action, actor=consumer)
                    complaint.refresh_from_db()
                    assert complaint.status == source, action
                    assert (
                        ComplaintEvent.objects.filter(complaint=complaint).count() == events_before
                    )
                else:
                    event = services.transition(complaint, action, actor=consumer, note="n")
                    stored = ComplaintPage.objects.get(pk=complaint.pk)
                    assert stored.status == expected, action
                    assert (event.from_status, event.to_status, event.action) == (
                        source,
                        expected,
                        action,
                    )
                    assert event.actor == consumer
                raise Rollback
        except Rollback:
            pass
        complaint.refresh_from_db()


def test_public_statuses_are_exactly_those_of_the_design():
    assert {s.value for s in states.PUBLIC_STATUSES} == {
        "awaiting_company",
        "awaiting_consumer",
        "awaiting_rating",
        "rated",
        "unanswered",
        "closed",
    }


def test_approval_starts_the_company_term_and_the_two_year_clock(make_complaint):
    complaint = make_complaint(status="awaiting_company")

    assert complaint.published_at is not None
    assert complaint.due_at == complaint.published_at + states.TERM
    assert complaint.expires_at == complaint.published_at + states.PUBLIC_LIFETIME


def test_each_reaction_starts_the_other_sides_term(make_complaint):
    from datetime import timedelta

    from django.utils import timezone

    complaint = make_complaint(status="awaiting_company")
    later = timezone.now() + timedelta(days=3)

    services.transition(complaint, Action.COMPANY_REACTS, now=later)

    complaint.refresh_from_db()
    assert complaint.status == Status.AWAITING_CONSUMER
    assert complaint.due_at == later + states.TERM


def test_statuses_without_a_running_term_have_no_deadline(make_complaint):
    for status in ["in_moderation", "rejected", "rated", "unanswered", "closed", "withdrawn"]:
        assert make_complaint(status=status).due_at is None, status


def test_a_withdrawn_or_expired_complaint_leaves_the_public_site(make_complaint):
    for status in ["withdrawn", "expired"]:
        complaint = make_complaint(status=status)
        assert not complaint.live


def test_every_transition_is_logged(make_complaint, consumer):
    complaint = make_complaint(status="rated")

    log = list(complaint.events.values_list("from_status", "to_status"))

    assert log == [
        ("draft", "in_moderation"),
        ("in_moderation", "awaiting_company"),
        ("awaiting_company", "awaiting_consumer"),
        ("awaiting_consumer", "awaiting_rating"),
        ("awaiting_rating", "rated"),
    ]


def test_the_status_survives_publishing_an_older_revision(make_complaint):
    complaint = make_complaint(status="awaiting_company")
    old_revision = complaint.latest_revision
    services.transition(complaint, Action.COMPANY_REACTS)

    old_revision.publish()

    complaint.refresh_from_db()
    assert complaint.status == Status.AWAITING_CONSUMER


def test_the_clock_replayed_in_memory_misses_the_term_then_expires():
    """Lifecycle.clock_until is what the importer replays; the sweep does the same
    moves set-based (tests/complaints/test_clock.py)."""
    from datetime import UTC, datetime, timedelta

    published = datetime(2024, 1, 10, 9, 0, tzinfo=UTC)
    life = states.Lifecycle()
    life.apply(Action.SUBMIT, published - timedelta(hours=2))
    life.apply(Action.APPROVE, published)
    assert life.due_at == published + states.TERM
    assert life.expires_at == published + states.PUBLIC_LIFETIME

    moves = life.clock_until(published + timedelta(days=1000))

    assert [(action, source, at) for action, source, at in moves] == [
        (Action.COMPANY_TERM_MISSED, Status.AWAITING_COMPANY, published + states.TERM),
        (Action.EXPIRE, Status.UNANSWERED, published + states.PUBLIC_LIFETIME),
    ]
    assert life.status == Status.EXPIRED and life.due_at is None
    with pytest.raises(states.TransitionNotAllowed):
        life.apply(Action.COMPANY_REACTS, published + timedelta(days=1001))
