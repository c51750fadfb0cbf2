"""Everything the clock decides, in one idempotent sweep (`manage.py run_deadlines`)."""

import logging
import uuid
from datetime import datetime, timedelta
from functools import partial

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from complaints import gdpr, notifications, services, states
from complaints.models import ComplaintPage
from complaints.states import Action

logger = logging.getLogger(__name__)

REMIND_BEFORE = timedelta(days=3)


class NeedsPostgreSQL(RuntimeError):
    pass


class SweepIncomplete(RuntimeError):
    """Some steps of a sweep failed; every other step has done its work (and committed).
    `result` holds the counts of the steps that went through, `failed` names the rest."""

    def __init__(self, result: dict, failed: list[str]):
        self.result, self.failed = result, failed
        super().__init__("Mislukte stappen in de termijnronde: " + ", ".join(failed))


def _steps(now: datetime):
    """(result key, step name, callable) for every step of a sweep. Each step commits
    on its own: one that fails (a bad row, a full disk) holds back no other."""
    # Before the consumer's missed terms: an unanswered offer lapses as an offer (its
    # own move and messages), not as a plain missed turn.
    yield str(Action.OFFER_EXPIRED), "offer expiry", partial(services.expire_offers, now)
    for action in states.TERM_MISSED.values():
        for source in services.sources_due(action):
            yield (
                str(action),
                f"{action} ({source})",
                partial(services.transition_due_from, source, action, now=now),
            )
    for source in services.sources_due(Action.EXPIRE):
        yield (
            "expired",
            f"expire ({source})",
            partial(
                services.transition_due_from, source, Action.EXPIRE, now=now, due_field="expires_at"
            ),
        )
    for status in notifications.REMINDERS:
        yield "reminders", f"reminder ({status})", partial(send_reminders_for, status, now)
    # After the moves above, so a complaint that just ended starts its retention period.
    yield "private_data_deleted", "retention", partial(gdpr.purge_private_data, now)


def sweep(now: datetime | None = None) -> dict:
    """Missed terms, reminders, the two-year expiry and the retention of private parts. Running it again, or twice at
    once, changes nothing more and sends nothing more. Raises SweepIncomplete after
    the other steps are done when a step fails; the next run retries it."""
    if connection.vendor != "postgresql":
        # The set-based statements rely on PostgreSQL (UUID columns, INSERT ... SELECT
        # ... ON CONFLICT); elsewhere they would quietly match nothing.
        raise NeedsPostgreSQL(
            "De termijnronde heeft PostgreSQL nodig; zet DATABASE_URL op een "
            "PostgreSQL-database (make run start er zelf een)."
        )
    now = now or timezone.now()
    result: dict[str, int] = {}
    failed: list[str] = []
    for key, name, step in _steps(now):
        result.setdefault(key, 0)
        try:
            result[key] += step()
        except Exception:
            logger.exception("deadline sweep: step %s failed; the other steps go on", name)
            failed.append(name)
    logger.info("deadline sweep at %s: %s", now.isoformat(), result)
    if failed:
        raise SweepIncomplete(result, failed)
    return result


@transaction.atomic
def send_reminders_for(status: str, now: datetime) -> int:
    """The reminders for the terms running in `status`, in one transaction."""
    token = uuid.uuid4()
    count = (
        ComplaintPage.objects.filter(status=status, due_at__gt=now, due_at__lte=now + REMIND_BEFORE)
        .exclude(reminded_for=F("due_at"))
        .update(reminded_for=F("due_at"), sweep_token=token)
    )
    if count and services.notifications_on():
        notifications.queue_reminders(token, status, now)
        notifications.kick_delivery()
    return count
