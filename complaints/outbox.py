"""Delivering the outbox: each message once, retried with back-off while SMTP is down."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from complaints.models import OutboxMessage
from core.mail import absolute_url, send_one, send_rendered

logger = logging.getLogger(__name__)

# Minutes to wait after the n-th failed attempt; after the last one a message is failed.
BACKOFF_MINUTES = [1, 5, 30, 120, 720]
MAX_ATTEMPTS = len(BACKOFF_MINUTES) + 1


def claim_for() -> timedelta:
    """How long a claimed message is held before another worker may try it
    (OUTBOX_CLAIM_SECONDS): far longer than one SMTP conversation (EMAIL_TIMEOUT), so
    only a dead worker's message returns."""
    return timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS)


def message_id(message: OutboxMessage) -> str:
    """The same Message-ID on every attempt at one outbox row, so that a message sent
    again after a worker died (see deliver_due) can be recognised as a repeat by the
    receiving server or mail program. The row's dedupe key keeps ids apart between two
    databases (staging, production) that number their rows alike."""
    domain = settings.SITE_DOMAIN.rsplit(":", 1)[0] if settings.SITE_DOMAIN else "localhost"
    return f"<outbox-{message.pk}.{message.dedupe_key[:12]}@{domain}>"


def _context(message: OutboxMessage) -> dict:
    complaint = message.complaint
    return {
        "complaint": complaint,
        "event": message.event,
        "reaction": message.reaction,
        "role": message.role,
        "complaint_url": absolute_url(complaint.url or "") if complaint else "",
        "my_complaints_url": absolute_url("/mijn-klachten/"),
        "portal_url": absolute_url("/bedrijfsportaal/"),
        **(message.context or {}),
    }


def template_path(message: OutboxMessage) -> str:
    """A bare name is one of the complaint messages; other apps give their own path."""
    if "/" in message.template:
        return message.template
    return f"complaints/email/{message.template}"


def deliver_due(now=None, limit: int = 500) -> dict:
    """Send what is due, one message at a time: each is claimed in a short transaction
    of its own (SKIP LOCKED, so workers running at once never take the same one), sent
    outside any transaction, and marked right after. A task killed halfway (its
    timeout, a restart, SIGKILL) loses at most the message in flight, which is tried
    again when its claim runs out (the next run: a kick or the schedule, every minute).

    The window that remains: a worker killed after the mail server accepted the message
    (its 250 reply) but before the row is marked sent sends it once more, under the same
    Message-ID. At-least-once delivery with a stable id is as far as SMTP goes; a kill
    before the server accepted is the case that repeats nothing
    (tests/complaints/test_outbox_exactly_once.py)."""
    counts = {"sent": 0, "retry": 0, "failed": 0}
    while sum(counts.values()) < limit:
        message = _claim(now or timezone.now())
        if message is None:
            break
        counts[_deliver(message)] += 1
    if any(counts.values()):
        logger.info("outbox: %(sent)d sent, %(retry)d to retry, %(failed)d failed", counts)
    return counts


@transaction.atomic
def _claim(now) -> OutboxMessage | None:
    """Take the oldest due message: count the attempt and hold it for claim_for()."""
    message = (
        OutboxMessage.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now)
        .select_related("complaint__company", "complaint__topic", "event", "reaction")
        .order_by("created_at", "pk")
        .first()
    )
    if message is not None:
        message.attempts += 1
        message.next_attempt_at = now + claim_for()
        message.save(update_fields=["attempts", "next_attempt_at"])
    return message


def _deliver(message: OutboxMessage) -> str:
    now = timezone.now()
    try:
        if message.text:
            # Frozen when written (alerts' digests): sent as it stands.
            send_rendered(
                message.subject,
                message.text,
                message.html,
                message.to_email,
                message_id=message_id(message),
                headers=message.headers,
            )
        else:
            send_one(
                template_path(message),
                message.to_email,
                _context(message),
                message_id=message_id(message),
                headers=message.headers,
            )
    except Exception as exc:  # SMTP refused, timed out, or the server is away
        message.last_error = f"{exc.__class__.__name__}: {exc}"[:2000]
        if message.attempts >= MAX_ATTEMPTS:
            message.status = OutboxMessage.Status.FAILED
            outcome = "failed"
            # The class only: a refusal's text can hold the address, which stays out of logs.
            logger.error(
                "outbox: message %s failed for good (%s)", message.pk, exc.__class__.__name__
            )
        else:
            message.next_attempt_at = now + timedelta(minutes=BACKOFF_MINUTES[message.attempts - 1])
            outcome = "retry"
        message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
        return outcome
    message.status = OutboxMessage.Status.SENT
    message.sent_at = now
    message.last_error = ""
    message.save(update_fields=["attempts", "status", "sent_at", "last_error"])
    return "sent"
