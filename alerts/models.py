"""Subscriptions to a company or a saved search, and their own outbox.

Alert mails have an outbox of their own (AlertMail) rather than a row in
complaints.OutboxMessage: each carries its own List-Unsubscribe headers and a body
rendered when it is written (a digest is a snapshot of what was new), which the
complaint outbox (one complaint, rendered at delivery) has no place for."""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Subscription(models.Model):
    class Kind(models.TextChoices):
        COMPANY = "company", _("bedrijf")
        SEARCH = "search", _("zoekopdracht")

    # Never shown on a page, in the API, the index or an export; only mailed to.
    email = models.EmailField(_("e-mailadres"))
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    company = models.ForeignKey(
        "companies.CompanyPage", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The saved search as the search page's canonical query string (alerts.services).
    query = models.CharField(_("zoekopdracht"), max_length=1000, blank=True)
    # What is followed, as one value ("company:12" or "search:<query>") for the
    # uniqueness per address and target.
    target = models.CharField(max_length=1100)
    confirm_token = models.CharField(max_length=64, unique=True, default=new_token)
    unsubscribe_token = models.CharField(max_length=64, unique=True, default=new_token)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    last_sent_at = models.DateTimeField(_("laatste overzicht"), null=True, blank=True)

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnementen")
        constraints = [
            models.UniqueConstraint(fields=["email", "target"], name="one_subscription_per_target")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk}"


class AlertMail(models.Model):
    """An alert e-mail, written in the transaction that causes it and delivered by
    alerts.outbox with retries, like the complaint outbox."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op verzending")
        SENT = "sent", _("verzonden")
        FAILED = "failed", _("mislukt")

    to_email = models.EmailField(_("aan"))
    subject = models.CharField(_("onderwerp"), max_length=300)
    text = models.TextField(_("tekst"))
    html = models.TextField(_("html"))
    unsubscribe_url = models.CharField(max_length=500, blank=True)
    # One mail per cause and address (a rerun writes nothing twice): a SHA-256.
    dedupe_key = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("meldingsmail")
        verbose_name_plural = _("meldingsmails")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="alertmail_due")]

    def __str__(self):
        return f"{self.subject} ({self.get_status_display()})"


class RepresentativeAlert(models.Model):
    """A company representative's choice for an immediate mail at each new public
    complaint and each new reaction for their company."""

    representative = models.OneToOneField(
        "companies.CompanyRepresentative", on_delete=models.CASCADE, related_name="+"
    )
    unsubscribe_token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("directe melding voor bedrijf")
        verbose_name_plural = _("directe meldingen voor bedrijven")

    def __str__(self):
        return f"{self.representative_id}"
