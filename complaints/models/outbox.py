from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """An e-mail written in the same transaction as the event that causes it, and
    delivered afterwards by a task with retries (complaints.outbox)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op verzending")
        SENT = "sent", _("verzonden")
        FAILED = "failed", _("mislukt")

    complaint = models.ForeignKey(
        "complaints.ComplaintPage", null=True, on_delete=models.CASCADE, related_name="+"
    )
    event = models.ForeignKey(
        "complaints.ComplaintEvent",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    reaction = models.ForeignKey(
        "complaints.Reaction", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    template = models.CharField(_("bericht"), max_length=60)
    # Mail that is not about a complaint (lower apps ask for it through
    # companies.signals.mail_wanted): what its template needs, links included. Nullable:
    # the clock's set-based INSERTs of complaint mail do not name it.
    context = models.JSONField(_("inhoud"), default=dict, blank=True, null=True)
    # "consumer", "company", "other" or (alerts) "subscriber".
    role = models.CharField(_("ontvanger"), max_length=10)
    to_email = models.EmailField(_("aan"))
    # A frozen body, written with the row (alerts: a digest is a snapshot of what was
    # new): when `text` is set, delivery sends these as they are instead of rendering
    # the template. Database defaults too: the clock's raw INSERTs do not name them.
    subject = models.CharField(
        _("onderwerp"), max_length=300, blank=True, default="", db_default=""
    )
    text = models.TextField(_("tekst"), blank=True, default="", db_default="")
    html = models.TextField(_("html"), blank=True, default="", db_default="")
    # Extra headers for this message only (List-Unsubscribe, List-Unsubscribe-Post);
    # the Message-ID is not stored but derived from the row (complaints.outbox).
    headers = models.JSONField(_("kopregels"), null=True, blank=True)
    # One message per cause and address, even when two sweeps write at once: a SHA-256
    # of those parts (complaints.notifications.dedupe_key), so that no address is too
    # long for it.
    dedupe_key = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging"), default=timezone.now)
    last_error = models.TextField(_("laatste fout"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitgaand bericht")
        verbose_name_plural = _("uitgaande berichten")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self):
        return f"{self.template} ({self.get_status_display()})"
