"""Delivering alert mails: claimed one at a time (SKIP LOCKED), sent outside any
transaction, retried with the complaint outbox's back-off, under a stable Message-ID."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from alerts.models import AlertMail
from complaints.outbox import BACKOFF_MINUTES, MAX_ATTEMPTS, claim_for

logger = logging.getLogger(__name__)


def message_id(mail: AlertMail) -> str:
    domain = settings.SITE_DOMAIN.rsplit(":", 1)[0] if settings.SITE_DOMAIN else "localhost"
    return f"<alert-{mail.pk}.{mail.dedupe_key[:12]}@{domain}>"


def headers(mail: AlertMail) -> dict:
    result = {"Message-ID": message_id(mail)}
    if mail.unsubscribe_url:
        # RFC 2369 and RFC 8058: mail programs offer a one-click unsubscribe that
        # POSTs "List-Unsubscribe=One-Click" to the https URL.
        mailto = settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">")
        result["List-Unsubscribe"] = f"<{mail.unsubscribe_url}>, <mailto:{mailto}?subject=afmelden>"
        result["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return result


def deliver_due(now=None, limit: int = 500) -> dict:
    counts = {"sent": 0, "retry": 0, "failed": 0}
    while sum(counts.values()) < limit:
        mail = _claim(now or timezone.now())
        if mail is None:
            break
        counts[_deliver(mail)] += 1
    if any(counts.values()):
        logger.info("alert outbox: %(sent)d sent, %(retry)d to retry, %(failed)d failed", counts)
    return counts


@transaction.atomic
def _claim(now) -> AlertMail | None:
    mail = (
        AlertMail.objects.select_for_update(skip_locked=True)
        .filter(status=AlertMail.Status.PENDING, next_attempt_at__lte=now)
        .order_by("created_at", "pk")
        .first()
    )
    if mail is not None:
        mail.attempts += 1
        mail.next_attempt_at = now + claim_for()
        mail.save(update_fields=["attempts", "next_attempt_at"])
    return mail


def _deliver(mail: AlertMail) -> str:
    now = timezone.now()
    try:
        message = EmailMultiAlternatives(
            mail.subject,
            mail.text,
            settings.DEFAULT_FROM_EMAIL,
            [mail.to_email],
            headers=headers(mail),
        )
        message.attach_alternative(mail.html, "text/html")
        message.send(fail_silently=False)
    except Exception as exc:  # SMTP refused, timed out, or the server is away
        mail.last_error = f"{exc.__class__.__name__}: {exc}"[:2000]
        if mail.attempts >= MAX_ATTEMPTS:
            mail.status = AlertMail.Status.FAILED
            outcome = "failed"
            # The class only: a refusal's text can hold the address.
            logger.error("alert outbox: mail %s failed (%s)", mail.pk, exc.__class__.__name__)
        else:
            mail.next_attempt_at = now + timedelta(minutes=BACKOFF_MINUTES[mail.attempts - 1])
            outcome = "retry"
        mail.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
        return outcome
    mail.status = AlertMail.Status.SENT
    mail.sent_at = now
    mail.last_error = ""
    mail.save(update_fields=["status", "sent_at", "last_error"])
    return "sent"
