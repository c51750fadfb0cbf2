from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.models.complaint import ComplaintPage

MAX_REACTION_LENGTH = 5000


class Reaction(models.Model):
    """One turn in the public conversation between the consumer and the company."""

    class Party(models.TextChoices):
        CONSUMER = "consumer", _("consument")
        COMPANY = "company", _("bedrijf")

    class Visibility(models.TextChoices):
        VISIBLE = "visible", _("zichtbaar")
        PENDING = "pending", _("wacht op moderator")
        HIDDEN = "hidden", _("verborgen door moderator")

    complaint = models.ForeignKey(ComplaintPage, on_delete=models.CASCADE, related_name="reactions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    party = models.CharField(_("partij"), max_length=10, choices=Party.choices)
    body = models.TextField(_("reactie"), max_length=MAX_REACTION_LENGTH)
    created_at = models.DateTimeField(_("geplaatst op"), default=timezone.now)
    due_at = models.DateTimeField(_("termijn liep tot"), null=True, blank=True)
    on_time = models.BooleanField(_("op tijd"), default=True)
    visibility = models.CharField(
        _("zichtbaarheid"), max_length=10, choices=Visibility.choices, default=Visibility.VISIBLE
    )
    screening_hits = models.JSONField(_("gevonden woorden"), default=list, blank=True)
    moderation_note = models.TextField(_("reden (moderator)"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        indexes = [models.Index(fields=["visibility"], name="reaction_visibility")]

    def __str__(self):
        return f"{self.get_party_display()} op klacht {self.complaint_id}"


class ReactionReport(models.Model):
    """A party's report that a reaction breaks the house rules."""

    reaction = models.ForeignKey(Reaction, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("waarom"), max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)
    handled = models.BooleanField(_("afgehandeld"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        constraints = [
            models.UniqueConstraint(fields=["reaction", "reporter"], name="one_report_per_reporter")
        ]

    def __str__(self):
        return f"melding over reactie {self.reaction_id}"


class Rating(models.Model):
    """The consumer's grade for how the company handled the complaint."""

    complaint = models.OneToOneField(ComplaintPage, on_delete=models.CASCADE, related_name="rating")
    grade = models.PositiveSmallIntegerField(
        _("cijfer"), validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    solved = models.BooleanField(_("opgelost"))
    comment = models.TextField(_("toelichting"), max_length=2000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(grade__gte=1, grade__lte=10), name="rating_grade_1_to_10"
            )
        ]

    def __str__(self):
        return f"{self.grade} voor klacht {self.complaint_id}"
