from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.models.complaint import ComplaintPage

MAX_OFFER_AMOUNT = Decimal("100000.00")
MAX_OFFER_TEXT = 2000


class SettlementOffer(models.Model):
    """A company's structured proposal to settle a complaint, and the consumer's answer.

    Public: that an offer was made, its kind and how it ended; the amount only when the
    consumer allowed it. The company's message and the consumer's reason for declining
    are for the two parties only (they are not screened like public reactions)."""

    class Kind(models.TextChoices):
        REFUND = "refund", _("terugbetaling")
        REPLACEMENT = "replacement", _("vervanging")
        REPAIR = "repair", _("reparatie")
        CREDIT = "credit", _("tegoed")
        CANCELLATION = "cancellation", _("kosteloos opzeggen")
        OTHER = "other", _("iets anders")

    class State(models.TextChoices):
        OPEN = "open", _("wacht op antwoord")
        ACCEPTED = "accepted", _("aangenomen")
        DECLINED = "declined", _("afgewezen")
        EXPIRED = "expired", _("verlopen")
        CARRIED_OUT = "carried_out", _("uitgevoerd volgens bedrijf")
        NOT_CARRIED_OUT = "not_carried_out", _("niet uitgevoerd volgens consument")

    # Kinds that are an amount of money; for the others an amount is refused.
    WITH_AMOUNT = frozenset({Kind.REFUND, Kind.CREDIT})
    # An offer still in play: at most one per complaint.
    LIVE = frozenset({State.OPEN, State.ACCEPTED, State.CARRIED_OUT})

    complaint = models.ForeignKey(ComplaintPage, on_delete=models.CASCADE, related_name="offers")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("soort voorstel"), max_length=20, choices=Kind.choices)
    amount = models.DecimalField(
        _("bedrag in euro"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    description = models.TextField(_("omschrijving"), max_length=MAX_OFFER_TEXT, blank=True)
    message = models.TextField(_("bericht bij het voorstel"), max_length=MAX_OFFER_TEXT, blank=True)
    carry_out_by = models.DateField(_("uitgevoerd uiterlijk op"))
    answer_by = models.DateField(_("antwoord uiterlijk op"))
    status = models.CharField(_("stand"), max_length=20, choices=State.choices, default=State.OPEN)
    decline_reason = models.TextField(
        _("reden van afwijzen"), max_length=MAX_OFFER_TEXT, blank=True
    )
    amount_public = models.BooleanField(_("bedrag mag openbaar"), default=False)
    created_at = models.DateTimeField(_("gedaan op"), default=timezone.now)
    # An offer is the company's turn, like a reaction: made within its term or not (the
    # scores count it as one). Null: not known (none made through make_offer).
    on_time = models.BooleanField(_("binnen de termijn gedaan"), null=True, blank=True)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    carried_out_at = models.DateTimeField(_("uitgevoerd gemeld op"), null=True, blank=True)
    disputed_at = models.DateTimeField(_("niet uitgevoerd gemeld op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("voorstel")
        verbose_name_plural = _("voorstellen")
        constraints = [
            models.UniqueConstraint(
                fields=["complaint"],
                condition=models.Q(status__in=["open", "accepted", "carried_out"]),
                name="one_live_offer_per_complaint",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gt=0),
                name="offer_amount_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(carry_out_by__gte=models.F("answer_by")),
                name="offer_carry_out_after_answer",
            ),
        ]
        indexes = [models.Index(fields=["status", "answer_by"], name="offer_status_answer")]

    def __str__(self):
        return f"{self.get_kind_display()} voor klacht {self.complaint_id}"

    def clean(self):
        """The rules of a new offer, with messages for the company's form."""
        from complaints.states import OFFER_MAX_ANSWER, OFFER_MAX_CARRY_OUT, OFFER_MIN_ANSWER

        errors = {}
        if self.kind in self.WITH_AMOUNT:
            if self.amount is None:
                errors["amount"] = _("Vul het bedrag in euro in.")
            elif self.amount <= 0:
                errors["amount"] = _("Het bedrag moet meer dan 0 euro zijn.")
            elif self.amount > MAX_OFFER_AMOUNT:
                errors["amount"] = _("Het bedrag kan hooguit %(max)s euro zijn.") % {
                    "max": f"{MAX_OFFER_AMOUNT:,.0f}".replace(",", ".")
                }
        elif self.amount is not None:
            errors["amount"] = _(
                "Een bedrag hoort alleen bij een terugbetaling of een tegoed; laat het leeg."
            )
        self.description = (self.description or "").strip()
        if self.kind == self.Kind.OTHER and not self.description:
            errors["description"] = _("Beschrijf wat je voorstelt.")
        today = timezone.localdate(self.created_at)
        if self.answer_by:
            if self.answer_by < today + OFFER_MIN_ANSWER:
                errors["answer_by"] = _(
                    "Geef de consument minstens %(days)d dagen om te antwoorden."
                ) % {"days": OFFER_MIN_ANSWER.days}
            elif self.answer_by > today + OFFER_MAX_ANSWER:
                errors["answer_by"] = _(
                    "De antwoordtermijn is hooguit %(days)d dagen, net als een gewone beurt."
                ) % {"days": OFFER_MAX_ANSWER.days}
        if self.carry_out_by and self.answer_by:
            if self.carry_out_by < self.answer_by:
                errors["carry_out_by"] = _(
                    "De uitvoerdatum kan niet vóór de antwoorddatum liggen: eerst het "
                    "antwoord, dan de uitvoering."
                )
            elif self.carry_out_by > today + OFFER_MAX_CARRY_OUT:
                errors["carry_out_by"] = _("Kies een uitvoerdatum binnen een jaar.")
        if errors:
            raise ValidationError(errors)

    @property
    def public_amount(self):
        """The amount, when the consumer agreed that it may be shown."""
        return self.amount if self.amount_public and self.amount is not None else None

    @property
    def was_accepted(self) -> bool:
        return self.status in (
            self.State.ACCEPTED,
            self.State.CARRIED_OUT,
            self.State.NOT_CARRIED_OUT,
        )
