"""The clock: terms, reminders and expiry with a frozen clock, on PostgreSQL."""

import threading
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from complaints import clock, states
from complaints.models import ComplaintEvent, ComplaintPage, OutboxMessage
from complaints.states import Status

pytestmark = pytest.mark.django_db

T0 = timezone.make_aware(timezone.datetime(2026, 3, 2, 10, 0))


@pytest.fixture
def at_t0(make_complaint, representative):
    """A complaint approved at T0 (its company term runs until T0 + 14 days)."""

    def make(status="awaiting_company"):
        with time_machine.travel(T0, tick=False):
            return make_complaint(status=status, now=T0)

    return make


def sweep_at(moment):
    with time_machine.travel(moment, tick=False):
        return clock.sweep()


def status(complaint):
    return ComplaintPage.objects.get(pk=complaint.pk).status


@pytest.mark.parametrize(
    "start, action_status",
    [
        ("awaiting_company", Status.UNANSWERED),
        ("awaiting_consumer", Status.CLOSED),
        ("awaiting_rating", Status.CLOSED),
    ],
)
def test_a_term_ends_after_exactly_fourteen_days(at_t0, start, action_status):
    complaint = at_t0(start)

    sweep_at(T0 + timedelta(days=13, hours=23))
    assert status(complaint) == start

    sweep_at(T0 + timedelta(days=14, minutes=1))
    assert status(complaint) == action_status
    assert ComplaintPage.objects.get(pk=complaint.pk).due_at is None


def test_a_missed_company_term_is_public_and_told_to_both(at_t0, client, consumer, representative):
    complaint = at_t0()

    sweep_at(T0 + timedelta(days=15))

    complaint.refresh_from_db()
    assert complaint.live
    assert "bedrijf reageerde niet" in client.get(complaint.url).content.decode().lower()
    recipients = {
        (m.template, m.to_email) for m in OutboxMessage.objects.filter(complaint=complaint)
    }
    assert ("company_term_missed_consumer", consumer.email) in recipients
    assert ("company_term_missed", representative.email) in recipients


def test_sweeping_twice_changes_nothing_the_second_time(at_t0):
    complaint = at_t0()
    later = T0 + timedelta(days=15)

    first = sweep_at(later)
    events, messages = ComplaintEvent.objects.count(), OutboxMessage.objects.count()
    second = sweep_at(later)

    assert first["company_term_missed"] == 1
    assert second == dict.fromkeys(second, 0)
    assert (ComplaintEvent.objects.count(), OutboxMessage.objects.count()) == (events, messages)
    assert status(complaint) == Status.UNANSWERED


def test_one_reminder_per_term_a_few_days_before_it_ends(at_t0, representative):
    complaint = at_t0()

    sweep_at(T0 + timedelta(days=10))  # more than three days left: no reminder yet
    assert not OutboxMessage.objects.filter(template="reminder").exists()
    sweep_at(T0 + timedelta(days=11, hours=1))
    sweep_at(T0 + timedelta(days=12))
    reminders = OutboxMessage.objects.filter(template="reminder", complaint=complaint)
    assert {m.to_email for m in reminders} == {
        representative.email,
        "geheim-klachtcontact@polderpost.example",
    }
    assert reminders.count() == 2  # one per address, once


def test_a_new_term_gets_its_own_reminder(at_t0, consumer, representative):
    from complaints import services

    complaint = at_t0()
    sweep_at(T0 + timedelta(days=12))
    with time_machine.travel(T0 + timedelta(days=13), tick=False):
        services.react(complaint, representative, "We kijken ernaar.")
    sweep_at(T0 + timedelta(days=13 + 12))

    consumer_reminders = OutboxMessage.objects.filter(template="reminder", to_email=consumer.email)
    assert consumer_reminders.count() == 1


@pytest.mark.parametrize("days, expired", [(730 - 1, False), (730 + 1, True)])
def test_a_complaint_expires_two_years_after_publication(at_t0, client, days, expired):
    complaint = at_t0("rated")

    sweep_at(T0 + timedelta(days=days))

    complaint.refresh_from_db()
    assert (complaint.status == Status.EXPIRED) is expired
    assert complaint.live is not expired
    assert (client.get(f"/api/v2/pages/{complaint.pk}/").status_code == 404) is expired


def test_run_deadlines_command_reports_what_it_did(at_t0, capsys):
    at_t0()

    with time_machine.travel(T0 + timedelta(days=20), tick=False):
        call_command("run_deadlines")

    assert "bedrijf te laat: 1" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_sweeps_at_once_make_each_transition_and_message_once(make_complaint, representative):
    assert connection.vendor == "postgresql"
    with time_machine.travel(T0, tick=False):
        complaints = [make_complaint(status="awaiting_company", now=T0) for _ in range(5)]
    later = T0 + timedelta(days=20)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        from django.db import connections

        try:
            barrier.wait(timeout=10)
            results.append(clock.sweep(now=later))
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    assert sum(r["company_term_missed"] for r in results) == 5
    for complaint in complaints:
        assert status(complaint) == Status.UNANSWERED
        assert (
            ComplaintEvent.objects.filter(complaint=complaint, action="company_term_missed").count()
            == 1
        )
        assert (
            OutboxMessage.objects.filter(
                complaint=complaint, template="company_term_missed_consumer"
            ).count()
            == 1
        )


def test_the_sweep_needs_a_constant_number_of_queries(
    make_complaint, django_assert_max_num_queries, representative
):
    with time_machine.travel(T0, tick=False):
        for _ in range(3):
            make_complaint(status="awaiting_company", now=T0)
    # 45: the retention step (complaints.gdpr) adds three DELETEs and its savepoint;
    # 49: the offers' expiry adds its UPDATE with its savepoint, and a read of stray offers;
    # 50: the retention clears the reasons for declining offers (one UPDATE).
    with django_assert_max_num_queries(50) as few:
        clock.sweep(now=T0 + timedelta(days=20))
    small = len(few.captured_queries)

    with time_machine.travel(T0, tick=False):
        for _ in range(12):
            make_complaint(status="awaiting_company", now=T0)
    with django_assert_max_num_queries(50) as many:
        clock.sweep(now=T0 + timedelta(days=40))

    assert len(many.captured_queries) == small
    assert states.TERM.days == 14
