"""The clock deletes private parts, attachments and contact logs a set time after a
complaint ended (closed, rated, withdrawn, expired), set-based and idempotent; the
privacy statement states that time."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from complaints import clock, gdpr, services
from complaints.models import Attachment, ComplaintPrivateDetails, ContactLogEntry
from tests.complaints.parties import give_private_part

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


@pytest.fixture
def made(make_complaint, consumer):
    """A complaint in `status`, with a full private part, whose last move was `ago`."""

    def make(status, ago):
        now = timezone.now() - ago
        if status == "expired":
            # Published two years before it expired `ago`.
            complaint = make_complaint(status="awaiting_company", now=now - 730 * DAY)
            services.transition(complaint, "expire", now=now)
        else:
            complaint = make_complaint(status=status, now=now)
        return give_private_part(complaint, consumer, f"T{complaint.pk}", "bewijs.png")

    return make


def private_rows(complaint) -> int:
    return (
        ComplaintPrivateDetails.objects.filter(complaint=complaint).count()
        + ContactLogEntry.objects.filter(complaint=complaint).count()
        + Attachment.objects.filter(complaint=complaint).count()
    )


@pytest.mark.parametrize("status", ["closed", "rated", "withdrawn", "expired"])
def test_an_ended_complaint_loses_its_private_part_after_the_period(
    made, status, django_capture_on_commit_callbacks
):
    old = made(status, settings.PRIVATE_DATA_RETENTION_DAYS * DAY + DAY)
    recent = made(status, settings.PRIVATE_DATA_RETENTION_DAYS * DAY - DAY)
    old_file = Path(settings.PRIVATE_MEDIA_ROOT) / old.attachments.get().file.name
    assert private_rows(old) == 3 and private_rows(recent) == 3

    with django_capture_on_commit_callbacks(execute=True):
        result = clock.sweep()

    assert result["private_data_deleted"] == 3
    assert private_rows(old) == 0 and not old_file.exists()
    assert private_rows(recent) == 3
    # The public part stays as it was.
    old.refresh_from_db()
    assert old.status == status and old.title


def test_a_running_complaint_keeps_its_private_part(made):
    running = made("awaiting_company", 400 * DAY)  # unanswered: its thread can go on
    complaint = made("awaiting_consumer", 20 * DAY)  # the sweep closes it, 6 days late

    clock.sweep()

    complaint.refresh_from_db()
    assert complaint.status == "closed" and private_rows(complaint) == 3
    running.refresh_from_db()
    assert running.status == "unanswered" and private_rows(running) == 3


def test_the_period_is_a_setting(made, settings):
    complaint = made("closed", 40 * DAY)
    clock.sweep()
    assert private_rows(complaint) == 3

    settings.PRIVATE_DATA_RETENTION_DAYS = 30
    clock.sweep()

    assert private_rows(complaint) == 0


def test_running_it_again_changes_nothing(made):
    made("withdrawn", 365 * DAY)

    first, second = clock.sweep(), clock.sweep()

    assert first["private_data_deleted"] == 3 and second["private_data_deleted"] == 0


def test_run_deadlines_reports_the_count(made, capsys):
    from django.core.management import call_command

    made("expired", 365 * DAY)

    call_command("run_deadlines")

    assert "besloten gegevens verwijderd: 3" in capsys.readouterr().out


def test_a_fixed_number_of_statements_whatever_the_number_of_complaints(made):
    def statements() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert gdpr.purge_private_data() > 0
        return len(queries)

    made("closed", 365 * DAY)
    one = statements()
    for _ in range(4):
        made("closed", 365 * DAY)
    many = statements()

    assert many == one


def test_the_privacy_statement_states_the_period(client, settings):
    settings.PRIVATE_DATA_RETENTION_DAYS = 123

    page = client.get("/privacyverklaring/").content.decode()

    assert "123 dagen" in page and 'href="/mijn-gegevens/"' in page
    assert "123 dagen" not in client.get("/over-ons/").content.decode()


# The consumer's reasons for declining offers ---------------------------------------------


@pytest.fixture
def declined(make_complaint, consumer, representative):
    """A complaint whose offer the consumer declined with a reason holding `token`, then
    withdrew, its last move `ago`."""
    from complaints.models import SettlementOffer

    def make(ago, token):
        at = timezone.now() - ago
        complaint = make_complaint(status="awaiting_company", now=at - 3 * DAY)
        offer = services.make_offer(
            complaint,
            representative,
            now=at - 2 * DAY,
            kind="repair",
            message="We repareren het toestel.",
            answer_by=timezone.localdate(at) + 5 * DAY,
            carry_out_by=timezone.localdate(at) + 9 * DAY,
        )
        services.decline_offer(offer, consumer, f"Reparatie helpt niet {token}", now=at - DAY)
        services.withdraw(complaint, consumer, now=at)
        offer = SettlementOffer.objects.get(pk=offer.pk)
        assert offer.status == "declined" and token in offer.decline_reason
        return offer

    return make


def test_the_reasons_for_declining_offers_go_with_the_private_part(declined):
    from complaints.models import SettlementOffer

    old = declined(settings.PRIVATE_DATA_RETENTION_DAYS * DAY + DAY, "OUD-REDEN")
    recent = declined(settings.PRIVATE_DATA_RETENTION_DAYS * DAY - DAY, "NIEUW-REDEN")

    first, second = clock.sweep(), clock.sweep()

    old, recent = (SettlementOffer.objects.get(pk=offer.pk) for offer in (old, recent))
    assert old.decline_reason == ""
    assert "NIEUW-REDEN" in recent.decline_reason
    # What the public may know of the offer stays: its kind and how it ended.
    assert (old.kind, old.status) == ("repair", "declined")
    # The cleared reason counts with the old complaint's private rows; once only.
    assert first["private_data_deleted"] >= 1 and second["private_data_deleted"] == 0


def test_clearing_the_reasons_takes_a_fixed_number_of_statements(declined):
    def statements() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert gdpr.purge_private_data() > 0
        return len(queries)

    declined(365 * DAY, "EEN")
    one = statements()
    for number in range(4):
        declined(365 * DAY, f"MEER-{number}")
    many = statements()

    assert many == one
