"""Everything the clock decides, in one idempotent sweep (`manage.py run_deadlines`)."""

import logging
import uuid
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from complaints import notifications, services, states
from complaints.models import ComplaintPage
from complaints.states import Action

logger = logging.getLogger(__name__)

REMIND_BEFORE = timedelta(days=3)


class NeedsPostgreSQL(RuntimeError):
    pass


def sweep(now: datetime | None = None) -> dict:
    """Missed terms, reminders and the two-year expiry. Running it again, or twice at
    once, changes nothing more and sends nothing more."""
    if connection.vendor != "postgresql":
        # The set-based statements rely on PostgreSQL (UUID columns, INSERT ... SELECT
        # ... ON CONFLICT); elsewhere they would quietly match nothing.
        raise NeedsPostgreSQL(
            "De termijnronde heeft PostgreSQL nodig; zet DATABASE_URL op een "
            "PostgreSQL-database (make run start er zelf een)."
        )
    now = now or timezone.now()
    result = {
        str(action): services.transition_due(action, now=now)
        for action in states.TERM_MISSED.values()
    }
    result["expired"] = services.transition_due(Action.EXPIRE, now=now, due_field="expires_at")
    result["reminders"] = send_reminders(now)
    logger.info("deadline sweep at %s: %s", now.isoformat(), result)
    return result


@transaction.atomic
def send_reminders(now: datetime) -> int:
    """One reminder per running term, a few days before it ends."""
    total = 0
    for status in notifications.REMINDERS:
        token = uuid.uuid4()
        count = (
            ComplaintPage.objects.filter(
                status=status, due_at__gt=now, due_at__lte=now + REMIND_BEFORE
            )
            .exclude(reminded_for=F("due_at"))
            .update(reminded_for=F("due_at"), sweep_token=token)
        )
        if count and services.notifications_on():
            notifications.queue_reminders(token, status, now)
        total += count
    if total and services.notifications_on():
        notifications.kick_delivery()
    return total
