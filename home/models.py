from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page

from advice.models import AdvicePage
from complaints.selectors import public_complaints
from core import pagecache
from scorecards.selectors import ranking


class HomePage(Page):
    """The site's root page: search, the way in to a complaint, the newest public
    complaints, companies that handle complaints well and those that can do better, and
    the newest tips. Everything shown is public; nothing here is cached."""

    RECENT_COMPLAINTS = 6
    COMPANIES_PER_LIST = 5
    TIPS = 3

    intro = models.CharField(
        _("introductie"),
        max_length=250,
        blank=True,
        help_text=_("Eén of twee zinnen onder de titel van de homepage."),
    )
    body = RichTextField(
        _("tekst"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul", "h2", "h3"],
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    api_fields = [APIField("intro"), APIField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "companies.CompanyIndexPage",
        "advice.AdviceIndexPage",
        "home.OutOfScopePage",
        "home.StandardPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("homepage")

    def page_cache_tags(self) -> list[str]:
        # Recent complaints and the pluimen of all companies (core.pagecache).
        return [pagecache.COMPLAINTS, pagecache.SCORES]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        ranked = ranking()
        context.update(
            recent_complaints=list(public_complaints()[: self.RECENT_COMPLAINTS]),
            pluimen=[row.score for row in ranked["pluimen"][: self.COMPANIES_PER_LIST]],
            # Furthest behind first.
            improve=[row.score for row in ranked["improve"][::-1][: self.COMPANIES_PER_LIST]],
            tips=list(
                AdvicePage.objects.live()
                .public()
                .filter(escalation_route="")
                .order_by("-first_published_at", "-pk")[: self.TIPS]
            ),
        )
        return context


class OutOfScopePage(Page):
    """Where the complaint wizard sends people whose complaint does not belong here."""

    class Case(models.TextChoices):
        GOVERNMENT = "government", _("klacht over de overheid")
        FOREIGN = "foreign", _("klacht over een buitenlands bedrijf")

    case = models.CharField(
        _("situatie"),
        max_length=20,
        choices=Case.choices,
        unique=True,
        help_text=_("De klachtwizard verwijst naar deze pagina in deze situatie."),
    )
    intro = models.TextField(_("introductie"), max_length=500)
    body = RichTextField(_("tekst"), features=["bold", "italic", "link", "ol", "ul", "h2", "h3"])
    referral_name = models.CharField(
        _("naam van de instantie"), max_length=120, help_text=_("Bijv. de Nationale ombudsman.")
    )
    referral_url = models.URLField(_("website van de instantie"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("case"),
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("referral_name"), FieldPanel("referral_url")],
            heading=_("Verwijzing"),
        ),
    ]
    api_fields = [
        APIField("case"),
        APIField("intro"),
        APIField("body"),
        APIField("referral_name"),
        APIField("referral_url"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("pagina buiten het bereik")
        verbose_name_plural = _("pagina's buiten het bereik")


class StandardPage(Page):
    """A plain text page: about us, privacy statement, terms, contact, accessibility.

    The site footer links every live one with "Tonen in menu's" (show_in_menus) switched
    on, in the order of the page tree, so editors rename, move or add them freely."""

    intro = models.TextField(
        _("introductie"),
        max_length=500,
        blank=True,
        help_text=_("Eén of twee zinnen boven de tekst."),
    )
    body = RichTextField(
        _("tekst"),
        features=["bold", "italic", "link", "ol", "ul", "h2", "h3", "document-link"],
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields]
    api_fields = [APIField("intro"), APIField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("standaardpagina")
        verbose_name_plural = _("standaardpagina's")
