from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from advice.blocks import AdviceStreamBlock


class AdviceIndexPage(Page):
    """/tips/: the advice articles and the escalation routes."""

    intro = models.TextField(_("introductie"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["advice.AdvicePage"]
    max_count = 1

    class Meta:
        verbose_name = _("tipsoverzicht")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pages = AdvicePage.objects.child_of(self).live().public().order_by("path")
        context["articles"] = [p for p in pages if not p.escalation_route]
        context["routes"] = sorted(
            (p for p in pages if p.escalation_route),
            key=lambda p: list(AdvicePage.Route.values).index(p.escalation_route),
        )
        return context


class AdvicePage(Page):
    """An advice article, or the page of one escalation route (disputes committee, ...)."""

    class Route(models.TextChoices):
        DISPUTES_COMMITTEE = "geschillencommissie", _("De Geschillencommissie")
        KIFID = "kifid", _("Kifid")
        ACM = "acm-consuwijzer", _("ACM ConsuWijzer")
        SUBDISTRICT_COURT = "kantonrechter", _("De kantonrechter")

    intro = models.TextField(
        _("samenvatting"),
        max_length=300,
        help_text=_("Eén of twee zinnen: wat levert deze tip op? Staat ook in het overzicht."),
    )
    body = StreamField(AdviceStreamBlock(), verbose_name=_("inhoud"))
    escalation_route = models.CharField(
        _("escalatieroute"),
        max_length=30,
        choices=Route.choices,
        blank=True,
        help_text=_(
            "Alleen invullen als deze pagina een route beschrijft waar een consument "
            "daarna heen kan. Per route één pagina."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("escalation_route")], heading=_("Escalatie")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body"), APIField("escalation_route")]

    parent_page_types = ["advice.AdviceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("tip")
        verbose_name_plural = _("tips")

    def clean(self):
        super().clean()
        if self.escalation_route:
            others = AdvicePage.objects.filter(escalation_route=self.escalation_route)
            if self.pk:
                others = others.exclude(pk=self.pk)
            if others.exists():
                raise ValidationError(
                    {"escalation_route": _("Er is al een pagina voor deze route.")}
                )
