"""Subscriptions to a company or a saved search, and representatives' direct alerts.

Their mails go to the site's one outbox (complaints.OutboxMessage) with a body frozen
when written and their own List-Unsubscribe headers (alerts.services)."""

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
