"""The e-mail outbox against a real SMTP server that is down, then up."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from complaints import outbox, services
from complaints.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending_message(make_complaint, consumer):
    complaint = make_complaint(status="draft")
    services.transition(complaint, "submit", actor=consumer)  # queues "submitted"
    return OutboxMessage.objects.get(template="submitted")


def test_messages_are_written_with_their_event_in_one_transaction(make_complaint, consumer):
    complaint = make_complaint(status="draft")

    event = services.transition(complaint, "submit", actor=consumer)

    message = OutboxMessage.objects.get(event=event)
    assert (message.template, message.to_email, message.status) == (
        "submitted",
        consumer.email,
        "pending",
    )


def test_smtp_down_then_up_delivers_exactly_once(smtp_server, pending_message):
    now = timezone.now()

    with time_machine.travel(now, tick=False):
        first = outbox.deliver_due()
    pending_message.refresh_from_db()
    assert first == {"sent": 0, "retry": 1, "failed": 0}
    assert pending_message.status == "pending" and pending_message.attempts == 1
    assert (
        "Connection" in pending_message.last_error
        or "refused" in pending_message.last_error.lower()
    )

    smtp_server.start()
    with time_machine.travel(now + timedelta(seconds=30), tick=False):
        assert outbox.deliver_due() == {"sent": 0, "retry": 0, "failed": 0}  # still backing off
    with time_machine.travel(now + timedelta(minutes=2), tick=False):
        assert outbox.deliver_due()["sent"] == 1
        assert outbox.deliver_due() == {"sent": 0, "retry": 0, "failed": 0}

    pending_message.refresh_from_db()
    assert pending_message.status == "sent"
    [received] = smtp_server.inbox.to(pending_message.to_email)
    assert "ontvangen" in received["Subject"]
    assert "<html" in received.get_body(preferencelist=("html",)).get_content()


def test_a_message_that_keeps_failing_is_marked_failed_and_shown_in_the_admin(
    smtp_server, pending_message, client, django_user_model
):
    moment = timezone.now()
    for minutes in [0, *outbox.BACKOFF_MINUTES]:
        moment += timedelta(minutes=minutes, seconds=1)
        with time_machine.travel(moment, tick=False):
            outbox.deliver_due()

    pending_message.refresh_from_db()
    assert pending_message.status == "failed"
    assert pending_message.attempts == outbox.MAX_ATTEMPTS

    admin = django_user_model.objects.create_superuser("beheer", "b@example.invalid", "x")
    client.force_login(admin)
    listing = client.get("/admin/complaints/outboxmessage/?status=failed").content.decode()
    assert "submitted" in listing
