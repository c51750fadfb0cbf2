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


class StallingInbox:
    """An SMTP server's handler that accepts the first message and never answers the
    second: the worker sending it hangs there until it is killed."""

    def __init__(self):
        import threading

        self.received, self.stalled = [], threading.Event()

    async def handle_DATA(self, server, session, envelope):
        import asyncio

        if self.received:
            self.stalled.set()
            await asyncio.Event().wait()
        self.received.append(envelope.rcpt_tos)
        return "250 OK"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_halfway_loses_only_the_message_in_flight(
    make_complaint, consumer, smtp_server
):
    """The worker is a real process, killed with SIGKILL while the SMTP server keeps it
    waiting on its second message, as a task's timeout would kill it."""
    import os
    import signal
    import socket
    import subprocess
    import sys

    from aiosmtpd.controller import Controller
    from django.conf import settings
    from django.db import connection

    from complaints.notifications import dedupe_key

    complaint = make_complaint(status="draft")
    OutboxMessage.objects.all().delete()
    start = timezone.now()
    messages = [
        OutboxMessage.objects.create(
            complaint=complaint,
            template="submitted",
            role="consumer",
            to_email=f"ontvanger{i}@example.invalid",
            dedupe_key=dedupe_key(f"test:{i}"),
            created_at=start + timedelta(seconds=i),
            next_attempt_at=start,
        )
        for i in range(3)
    ]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    stalling = StallingInbox()
    controller = Controller(stalling, hostname="127.0.0.1", port=port)
    controller.start()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        ),
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import django; django.setup()\n"
            "from django.conf import settings\n"
            "settings.EMAIL_BACKEND = 'django.core.mail.backends.smtp.EmailBackend'\n"
            f"settings.EMAIL_HOST, settings.EMAIL_PORT = '127.0.0.1', {port}\n"
            "settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False\n"
            "from complaints.outbox import deliver_due\n"
            "deliver_due()\n",
        ],
        cwd=settings.BASE_DIR,
        env=env,
    )
    try:
        assert stalling.stalled.wait(60), "the worker never reached its second message"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        controller.stop()

    first, second, third = (OutboxMessage.objects.get(pk=m.pk) for m in messages)
    assert first.status == "sent" and first.attempts == 1
    assert second.status == "pending" and second.attempts == 1
    assert second.next_attempt_at > timezone.now()  # held by the dead worker's claim
    assert third.status == "pending" and third.attempts == 0

    smtp_server.start()
    with time_machine.travel(timezone.now() + outbox.claim_for() + timedelta(seconds=1)):
        assert outbox.deliver_due() == {"sent": 2, "retry": 0, "failed": 0}
    assert [rcpts for rcpts, _m in smtp_server.inbox.messages] == [
        ["ontvanger1@example.invalid"],
        ["ontvanger2@example.invalid"],
    ]
    assert stalling.received == [["ontvanger0@example.invalid"]]


def test_every_attempt_at_one_message_carries_the_same_message_id(smtp_sink, pending_message):
    """Sent once, then (as after a worker that died between the server's 250 and the
    mark) once more: both copies name the same Message-ID, so a receiver can drop the
    repeat; another row gets another id."""
    assert outbox.deliver_due()["sent"] == 1
    OutboxMessage.objects.filter(pk=pending_message.pk).update(
        status="pending", next_attempt_at=timezone.now()
    )
    assert outbox.deliver_due()["sent"] == 1

    first, again = smtp_sink.to(pending_message.to_email)
    assert first["Message-ID"] == again["Message-ID"] == outbox.message_id(pending_message)
    assert first["Message-ID"].startswith(f"<outbox-{pending_message.pk}.")
    other = OutboxMessage(pk=pending_message.pk + 1, dedupe_key="f" * 64)
    assert outbox.message_id(other) != outbox.message_id(pending_message)


def test_the_message_id_is_a_valid_one_when_the_site_domain_has_a_port(settings):
    settings.SITE_DOMAIN = "127.0.0.1:8000"
    message = OutboxMessage(pk=7, dedupe_key="a" * 64)

    assert outbox.message_id(message) == "<outbox-7.aaaaaaaaaaaa@127.0.0.1>"


def test_the_claim_lasts_as_long_as_the_setting_says(settings, pending_message):
    settings.OUTBOX_CLAIM_SECONDS = 5
    now = timezone.now()

    claimed = outbox._claim(now)

    assert claimed.pk == pending_message.pk
    assert claimed.next_attempt_at == now + timedelta(seconds=5)


def test_the_outbox_is_delivered_every_minute_without_a_kick():
    """A message whose worker died is sent by the next run even when no new event
    kicks the cluster: the schedule that fresh installs get runs every minute."""
    from django_q.models import Schedule

    schedule = Schedule.objects.get(func="complaints.tasks.deliver_outbox")
    assert (schedule.schedule_type, schedule.cron, schedule.repeats) == ("C", "* * * * *", -1)
