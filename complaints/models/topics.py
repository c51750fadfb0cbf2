from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.Model):
    """What a complaint is about (delivery, billing, ...): general, or tied to sectors."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Deel van de URL, bv. 'levering'.")
    )
    description = models.TextField(
        _("omschrijving"),
        blank=True,
        help_text=_("Helpt de consument het juiste onderwerp te kiezen."),
    )
    sectors = models.ManyToManyField(
        "companies.Sector",
        verbose_name=_("sectoren"),
        blank=True,
        related_name="topics",
        help_text=_("Leeg laten voor een algemeen onderwerp dat bij elk bedrijf past."),
    )
    sort_order = models.PositiveIntegerField(_("volgorde"), default=0)
    # Part of the search documents' version: a renamed topic outranks what was indexed.
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("onderwerp")
        verbose_name_plural = _("onderwerpen")

    def __str__(self):
        return self.name

    @property
    def is_general(self) -> bool:
        return not self.sectors.exists()
