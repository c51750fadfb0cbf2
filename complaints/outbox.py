"""Delivering the outbox: each message once, retried with back-off while SMTP is down."""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from complaints.models import OutboxMessage
from core.mail import absolute_url, send_one

logger = logging.getLogger(__name__)

# Minutes to wait after the n-th failed attempt; after the last one a message is failed.
BACKOFF_MINUTES = [1, 5, 30, 120, 720]
MAX_ATTEMPTS = len(BACKOFF_MINUTES) + 1
BATCH = 50


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
    }


def deliver_due(now=None, limit: int = 500) -> dict:
    """Send what is due. Rows are locked while sent (SKIP LOCKED), so workers running
    at once never send one message twice; a sent row is marked in the same
    transaction."""
    counts = {"sent": 0, "retry": 0, "failed": 0}
    while sum(counts.values()) < limit:
        with transaction.atomic():
            batch = list(
                OutboxMessage.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(
                    status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now or timezone.now()
                )
                .select_related("complaint__company", "complaint__topic", "event", "reaction")
                .order_by("created_at", "pk")[:BATCH]
            )
            if not batch:
                break
            for message in batch:
                counts[_deliver(message)] += 1
    if any(counts.values()):
        logger.info("outbox: %(sent)d sent, %(retry)d to retry, %(failed)d failed", counts)
    return counts


def _deliver(message: OutboxMessage) -> str:
    now = timezone.now()
    message.attempts += 1
    try:
        send_one(f"complaints/email/{message.template}", message.to_email, _context(message))
    except Exception as exc:  # SMTP refused, timed out, or the server is away
        message.last_error = f"{exc.__class__.__name__}: {exc}"[:2000]
        if message.attempts >= MAX_ATTEMPTS:
            message.status = OutboxMessage.Status.FAILED
            outcome = "failed"
            logger.error("outbox: message %s failed for good: %s", message.pk, message.last_error)
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
