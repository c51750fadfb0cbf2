"""One consumer's data, or one broken step, cannot stop the clock for everyone.

The failure in `test_one_failing_step_holds_back_no_other` is a real one: a PostgreSQL
trigger refuses the outbox rows of one kind of message, as a full disk or a broken row
would, without patching any project code."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from complaints import clock, notifications
from complaints.models import ComplaintPage, OutboxMessage
from complaints.states import Status

pytestmark = pytest.mark.django_db

T0 = timezone.make_aware(timezone.datetime(2026, 3, 2, 10, 0))

# 64 + 1 + 63 + 1 + 63 + 1 + 59 + 2 = 254 characters, the most RFC 5321 allows.
LONGEST_ADDRESS = f"{'k' * 64}@{'a' * 63}.{'b' * 63}.{'c' * 59}nl"


def at(moment, func, *args, **kwargs):
    with time_machine.travel(moment, tick=False):
        return func(*args, **kwargs)


def status(complaint):
    return ComplaintPage.objects.get(pk=complaint.pk).status


def test_the_longest_address_fits_the_outbox_and_the_sweep_goes_on(
    make_complaint, consumer, representative
):
    assert len(LONGEST_ADDRESS) == 254
    consumer.email = LONGEST_ADDRESS
    consumer.save()
    representative.email = "r" + LONGEST_ADDRESS[1:]
    representative.save()
    unanswered = at(T0, make_complaint, status="awaiting_company", now=T0)
    # Its term ends at T0 + 17 days: within the reminder's reach at the sweep below.
    moment = T0 + timedelta(days=3)
    to_remind = at(moment, make_complaint, status="awaiting_consumer", now=moment)

    result = at(T0 + timedelta(days=14, hours=1), clock.sweep)

    assert status(unanswered) == Status.UNANSWERED
    assert result["company_term_missed"] == 1 and result["reminders"] == 1
    sent_to_long = OutboxMessage.objects.filter(to_email__in=[LONGEST_ADDRESS])
    assert {m.template for m in sent_to_long} >= {"company_term_missed_consumer", "reminder"}
    assert status(to_remind) == Status.AWAITING_CONSUMER
    assert all(len(m.dedupe_key) == 64 for m in OutboxMessage.objects.all())

    messages = OutboxMessage.objects.count()
    at(T0 + timedelta(days=14, hours=2), clock.sweep)
    assert OutboxMessage.objects.count() == messages


def test_the_key_is_the_same_digest_in_python_and_in_sql():
    raw = "r42:2026-03-16 10:00:00+00:00:zoë@voorbeeld.nl"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {notifications._KEY_SQL.format(raw='%s')}", [raw])
        [in_sql] = cursor.fetchone()
    assert in_sql == notifications.dedupe_key(raw)
    assert len(in_sql) == 64


@pytest.fixture
def refuse_outbox_rows():
    """A trigger that makes every INSERT of outbox rows with one template fail."""

    def install(template):
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                CREATE FUNCTION kk_test_refuse_outbox() RETURNS trigger AS $$
                BEGIN
                    IF NEW.template = '{template}' THEN
                        RAISE EXCEPTION 'schijf vol (test)';
                    END IF;
                    RETURN NEW;
                END $$ LANGUAGE plpgsql;
                CREATE TRIGGER kk_test_refuse_outbox BEFORE INSERT ON complaints_outboxmessage
                    FOR EACH ROW EXECUTE FUNCTION kk_test_refuse_outbox();
                """
            )

    def remove():
        with connection.cursor() as cursor:
            cursor.execute(
                "DROP TRIGGER IF EXISTS kk_test_refuse_outbox ON complaints_outboxmessage;"
                "DROP FUNCTION IF EXISTS kk_test_refuse_outbox();"
            )

    install.remove = remove
    yield install
    remove()


def test_one_failing_step_holds_back_no_other(make_complaint, representative, refuse_outbox_rows):
    company_late = at(T0, make_complaint, status="awaiting_company", now=T0)
    consumer_late = at(T0, make_complaint, status="awaiting_consumer", now=T0)
    long_ago = T0 - timedelta(days=800)
    too_old = at(long_ago, make_complaint, status="closed", now=long_ago)
    refuse_outbox_rows("company_term_missed")
    moment = T0 + timedelta(days=15)

    with pytest.raises(clock.SweepIncomplete) as failure:
        at(moment, clock.sweep)

    assert failure.value.failed == ["company_term_missed (awaiting_company)"]
    assert status(company_late) == Status.AWAITING_COMPANY  # its step rolled back whole
    assert not OutboxMessage.objects.filter(template__startswith="company_term_missed").exists()
    assert status(consumer_late) == Status.CLOSED
    assert status(too_old) == Status.EXPIRED
    assert failure.value.result["consumer_term_missed"] == 1
    assert failure.value.result["expired"] == 1

    refuse_outbox_rows.remove()
    result = at(moment, clock.sweep)

    assert status(company_late) == Status.UNANSWERED
    assert result["company_term_missed"] == 1
    assert result["consumer_term_missed"] == result["expired"] == 0


def test_run_deadlines_reports_what_went_through_and_fails_on_what_did_not(
    make_complaint, representative, refuse_outbox_rows, capsys
):
    at(T0, make_complaint, status="awaiting_company", now=T0)
    at(T0, make_complaint, status="awaiting_rating", now=T0)
    refuse_outbox_rows("company_term_missed")

    with pytest.raises(CommandError) as failure:
        at(T0 + timedelta(days=15), call_command, "run_deadlines")

    out = capsys.readouterr().out
    assert "geen beoordeling: 1" in out and "bedrijf te laat: 0" in out
    assert "company_term_missed (awaiting_company)" in str(failure.value)
