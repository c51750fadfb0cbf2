from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    TitleFieldPanel,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page
from wagtail.search import index

from companies.serializers import SectorSerializer
from companies.validators import tel_uri, validate_dutch_phone, validate_kvk_number
from core import pagecache

RESTRICTED_RICHTEXT = ["bold", "italic", "link", "ul", "ol"]

# Wagtail hook: functions (page, request, context) that add to a company page's context
# what higher apps show there (complaints: its complaints; scorecards: score and charts),
# registered in their wagtail_hooks.py, so companies imports neither.
COMPANY_PAGE_CONTEXT = "company_page_context"
# The same for a sector's page (/bedrijven/sector/<slug>/): functions (sector, request,
# context); search adds the sector's recurring problems.
SECTOR_PAGE_CONTEXT = "sector_page_context"


class Sector(models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Deel van de URL, bv. 'telecom'.")
    )
    description = models.TextField(_("omschrijving"), blank=True)
    sort_order = models.PositiveIntegerField(_("volgorde"), default=0)
    # Part of the search documents' version: a renamed sector outranks what was indexed.
    updated_at = models.DateTimeField(_("laatst gewijzigd"), auto_now=True)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectoren")

    def __str__(self):
        return self.name


class CompanyIndexPage(RoutablePageMixin, Page):
    """/bedrijven/: every company, by sector, and the "company not listed?" form."""

    intro = RichTextField(_("introductie"), blank=True, features=RESTRICTED_RICHTEXT)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["companies.CompanyPage"]
    max_count = 1

    class Meta:
        verbose_name = _("bedrijvenoverzicht")

    def companies(self):
        return (
            CompanyPage.objects.child_of(self)
            .live()
            .public()
            .select_related("sector", "logo")
            .order_by("title")
        )

    def get_context(self, request, *args, **kwargs):
        from companies.selectors import companies_by_sector

        context = super().get_context(request, *args, **kwargs)
        context["sectors"] = companies_by_sector(self.companies())
        return context

    @path("sector/<slug:sector_slug>/", name="sector")
    def sector(self, request, sector_slug):
        from companies.views import sector_page

        return sector_page(request, self, sector_slug)

    @path("aanmelden/", name="request_company")
    def request_company(self, request):
        from companies.views import request_company

        return request_company(request, self)


class CompanyPage(Page):
    """A company's public profile; its complaints will live beneath it."""

    class Reach(models.TextChoices):
        NATIONAL = "national", _("landelijk")
        REGIONAL = "regional", _("regionaal")

    legal_name = models.CharField(
        _("statutaire naam"), max_length=200, help_text=_("Zoals ingeschreven bij de KvK.")
    )
    kvk_number = models.CharField(
        _("KvK-nummer"),
        max_length=8,
        unique=True,
        validators=[validate_kvk_number],
        help_text=_("8 cijfers. Elk bedrijf staat er maar één keer in."),
    )
    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="companies"
    )
    description = RichTextField(_("korte omschrijving"), blank=True, features=RESTRICTED_RICHTEXT)
    reach = models.CharField(
        _("werkgebied"), max_length=10, choices=Reach.choices, default=Reach.NATIONAL
    )
    region = models.CharField(
        _("regio"), max_length=100, blank=True, help_text=_("Alleen bij een regionaal bedrijf.")
    )
    in_scope_confirmed = models.BooleanField(
        _("valt binnen Klachtenkompas"),
        default=False,
        help_text=_(
            "Bevestig: een Nederlands bedrijf dat landelijk of regionaal handelt en waar "
            "consumenten rechtstreeks kopen of een contract afsluiten. Geen overheid, geen "
            "buitenlands bedrijf, geen tussenpersoon."
        ),
    )
    participates = models.BooleanField(
        _("neemt deel"),
        default=False,
        help_text=_("Het bedrijf heeft toegezegd op klachten te reageren."),
    )
    # The company's own customer service, shown in public: a consumer tells the company
    # first (rule 2), so the page shows the way there before the complaint button.
    customer_service_url = models.URLField(
        _("contactpagina klantenservice"),
        blank=True,
        validators=[
            URLValidator(
                schemes=["https"],
                message=_("Gebruik een beveiligd adres dat begint met https://."),
            )
        ],
        help_text=_("De pagina waar klanten contact opnemen, beginnend met https://."),
    )
    customer_service_phone = models.CharField(
        _("telefoon klantenservice"),
        max_length=30,
        blank=True,
        validators=[validate_dutch_phone],
        help_text=_("Een Nederlands nummer, bijvoorbeeld 020-1234567 of 0800-1234."),
    )
    customer_service_email = models.EmailField(_("e-mail klantenservice"), blank=True)
    customer_service_hours = models.CharField(
        _("bereikbaarheid"),
        max_length=120,
        blank=True,
        help_text=_("Kort, bijvoorbeeld: maandag tot en met vrijdag 9.00 tot 17.00 uur."),
    )

    content_panels = [
        TitleFieldPanel("title", heading=_("Handelsnaam")),
        MultiFieldPanel(
            [
                FieldPanel("legal_name"),
                FieldRowPanel([FieldPanel("kvk_number"), FieldPanel("website")]),
                FieldPanel("logo"),
                FieldPanel("description"),
            ],
            heading=_("Bedrijfsgegevens"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("sector"),
                FieldRowPanel([FieldPanel("reach"), FieldPanel("region")]),
                FieldPanel("in_scope_confirmed"),
            ],
            heading=_("Markt en reikwijdte"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("customer_service_url"),
                FieldRowPanel(
                    [FieldPanel("customer_service_phone"), FieldPanel("customer_service_email")]
                ),
                FieldPanel("customer_service_hours"),
            ],
            heading=_("Klantenservice (openbaar)"),
            help_text=_(
                "Zo bereiken klanten het bedrijf zelf. Dit staat op de bedrijfspagina, "
                "zodat consumenten eerst daar aankloppen."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("participates"),
                InlinePanel(
                    "contact_addresses",
                    heading=_("Klachtcontact"),
                    label=_("adres"),
                    help_text=_("Hier komen meldingen van nieuwe klachten binnen. Nooit openbaar."),
                ),
            ],
            heading=_("Deelname en klachtcontact (niet openbaar)"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("legal_name"),
        index.AutocompleteField("legal_name"),
        index.FilterField("kvk_number"),
        index.FilterField("sector"),
    ]

    # The contact addresses are deliberately absent: they are never public.
    api_fields = [
        APIField("legal_name"),
        APIField("kvk_number"),
        APIField("website"),
        APIField("logo"),
        APIField("logo_thumbnail", serializer=ImageRenditionField("fill-160x160", source="logo")),
        APIField("sector", serializer=SectorSerializer()),
        APIField("description"),
        APIField("reach"),
        APIField("region"),
        APIField("participates"),
        APIField("customer_service_url"),
        APIField("customer_service_phone"),
        APIField("customer_service_email"),
        APIField("customer_service_hours"),
    ]

    parent_page_types = ["companies.CompanyIndexPage"]
    subpage_types = ["complaints.ComplaintPage"]

    class Meta:
        verbose_name = _("bedrijfspagina")
        verbose_name_plural = _("bedrijfspagina's")

    @property
    def customer_service_tel(self) -> str:
        return tel_uri(self.customer_service_phone)

    @property
    def has_customer_service(self) -> bool:
        return any(
            [
                self.customer_service_url,
                self.customer_service_phone,
                self.customer_service_email,
            ]
        )

    def page_cache_tags(self) -> list[str]:
        # Its complaints and its score bump this tag (core.pagecache).
        return [pagecache.company_tag(self.pk)]

    def get_context(self, request, *args, **kwargs):
        # The complaints, score and charts on this page belong to higher layers
        # (complaints, scorecards); they add them through this hook, see COMPANY_PAGE_CONTEXT.
        context = super().get_context(request, *args, **kwargs)
        for add_to_context in hooks.get_hooks(COMPANY_PAGE_CONTEXT):
            add_to_context(self, request, context)
        return context

    def route(self, request, path_components):
        # Complaints are children in the tree but live under "klachten/" in the URL:
        # /bedrijven/<company>/klachten/<complaint>/.
        if path_components and path_components[0] == "klachten":
            # A company taken offline takes its complaints along (as in the search index).
            if len(path_components) == 1 or not self.live:
                raise Http404
            # Its only subpage type is complaints.ComplaintPage (not imported: a higher app).
            child = self.get_children().filter(slug=path_components[1]).specific().first()
            if child is None:
                raise Http404
            return child.route(request, path_components[2:])
        if path_components:
            raise Http404
        return super().route(request, path_components)

    def clean(self):
        super().clean()
        errors = {}
        if self.reach == self.Reach.REGIONAL and not self.region:
            errors["region"] = _("Vul de regio in van een regionaal bedrijf.")
        if self.reach == self.Reach.NATIONAL and self.region:
            errors["region"] = _("Een landelijk bedrijf heeft geen regio; laat dit leeg.")
        if not self.in_scope_confirmed:
            errors["in_scope_confirmed"] = _(
                "Alleen Nederlandse bedrijven die landelijk of regionaal rechtstreeks aan "
                "consumenten verkopen, horen op Klachtenkompas. Bevestig dat dit zo is."
            )
        if errors:
            raise ValidationError(errors)


class CompanyContactAddress(Orderable):
    """Where a company receives notice of new complaints. Never shown in public."""

    page = ParentalKey(CompanyPage, on_delete=models.CASCADE, related_name="contact_addresses")
    name = models.CharField(_("naam of afdeling"), max_length=120, blank=True)
    email = models.EmailField(_("e-mailadres"))

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("email")])]

    class Meta(Orderable.Meta):
        verbose_name = _("klachtcontact")
        verbose_name_plural = _("klachtcontacten")

    def __str__(self):
        return self.email


class CompanyRepresentative(models.Model):
    """A user account that speaks for a company (portal, reactions)."""

    user = models.ForeignKey(
        "auth.User",
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="representations",
    )
    company = models.ForeignKey(
        CompanyPage,
        verbose_name=_("bedrijf"),
        on_delete=models.CASCADE,
        related_name="representatives",
    )
    job_title = models.CharField(_("functie"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("toegevoegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("bedrijfsvertegenwoordiger")
        verbose_name_plural = _("bedrijfsvertegenwoordigers")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "company"],
                name="unique_representative_per_company",
                violation_error_message=_("Deze gebruiker vertegenwoordigt dit bedrijf al."),
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.company}"


class CompanyRequest(models.Model):
    """A visitor's request to add a company that is not listed yet."""

    class Status(models.TextChoices):
        NEW = "new", _("nieuw")
        ADDED = "added", _("toegevoegd")
        DECLINED = "declined", _("afgewezen")

    company_name = models.CharField(_("bedrijfsnaam"), max_length=200)
    website = models.URLField(_("website"), blank=True)
    kvk_number = models.CharField(
        _("KvK-nummer"), max_length=8, blank=True, validators=[validate_kvk_number]
    )
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    note = models.TextField(_("toelichting"), max_length=2000, blank=True)
    requester_email = models.EmailField(
        _("e-mailadres aanvrager"), help_text=_("Alleen zichtbaar voor moderatoren.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    # Asked from the claim flow: the requester wants to speak for the company once it
    # is added (a moderator then invites them to claim it).
    wants_to_represent = models.BooleanField(_("wil het bedrijf vertegenwoordigen"), default=False)
    requester = models.ForeignKey(
        "auth.User",
        verbose_name=_("account aanvrager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ontvangen op"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("aanmelding van een bedrijf")
        verbose_name_plural = _("aanmeldingen van bedrijven")

    def __str__(self):
        return self.company_name


class OutOfScopeName(models.Model):
    """A name people search for that is not a Dutch company: a government body or a foreign
    company. The wizard and the "company not listed?" form recognise it and send the
    person to the page that says where such a complaint does belong. Kept by moderators
    in the admin."""

    class Case(models.TextChoices):
        # The same values as home.OutOfScopePage.Case: the page for the case is found by it.
        GOVERNMENT = "government", _("overheid")
        FOREIGN = "foreign", _("buitenlands bedrijf")

    class Match(models.TextChoices):
        EXACT = "exact", _("de hele naam")
        PREFIX = "prefix", _("het begin van de naam (bijv. 'gemeente' voor 'gemeente Utrecht')")

    name = models.CharField(
        _("naam"),
        max_length=100,
        unique=True,
        help_text=_("Zoals mensen het intikken, bijv. 'Belastingdienst' of 'Amazon'."),
    )
    case = models.CharField(_("soort"), max_length=20, choices=Case.choices)
    match = models.CharField(
        _("herkennen aan"), max_length=10, choices=Match.choices, default=Match.EXACT
    )
    note = models.CharField(
        _("toelichting"),
        max_length=200,
        blank=True,
        help_text=_("Optioneel, getoond bij de verwijzing, bijv. 'Amerikaans bedrijf'."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("naam buiten het bereik")
        verbose_name_plural = _("namen buiten het bereik")

    def __str__(self):
        return self.name

    def clean(self):
        from companies.selectors import name_tokens

        if not name_tokens(self.name):
            raise ValidationError({"name": _("Geef een naam met letters of cijfers.")})


class CompanyClaim(models.Model):
    """A person's request to speak for a company: a work address on the company's own
    domain, proven by a link mailed there, then approved by a moderator."""

    class Status(models.TextChoices):
        UNVERIFIED = "unverified", _("e-mailadres nog niet bevestigd")
        PENDING = "pending", _("wacht op een moderator")
        APPROVED = "approved", _("goedgekeurd")
        REFUSED = "refused", _("afgewezen")

    user = models.ForeignKey(
        "auth.User", verbose_name=_("gebruiker"), on_delete=models.CASCADE, related_name="claims"
    )
    company = models.ForeignKey(
        CompanyPage, verbose_name=_("bedrijf"), on_delete=models.CASCADE, related_name="claims"
    )
    email = models.EmailField(_("werkadres"))
    job_title = models.CharField(_("functie"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UNVERIFIED
    )
    refusal_reason = models.TextField(_("reden van afwijzing"), blank=True)
    created_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    verified_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    decided_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "auth.User",
        verbose_name=_("beoordeeld door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("claim van een bedrijfspagina")
        verbose_name_plural = _("claims van bedrijfspagina's")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "company"],
                name="one_claim_per_user_per_company",
                violation_error_message=_("Je hebt dit bedrijf al geclaimd."),
            )
        ]

    def __str__(self):
        return f"{self.email} – {self.company}"


class ReplyTemplate(models.Model):
    """A company's named text that its representatives start a reaction from."""

    company = models.ForeignKey(
        CompanyPage,
        verbose_name=_("bedrijf"),
        on_delete=models.CASCADE,
        related_name="reply_templates",
    )
    title = models.CharField(_("naam"), max_length=80)
    body = models.TextField(_("tekst"), max_length=5000)

    class Meta:
        ordering = ["title"]
        verbose_name = _("antwoordsjabloon")
        verbose_name_plural = _("antwoordsjablonen")
        constraints = [
            models.UniqueConstraint(
                fields=["company", "title"],
                name="unique_reply_template_title",
                violation_error_message=_("Er is al een sjabloon met deze naam."),
            )
        ]

    def __str__(self):
        return self.title


class ColleagueInvitation(models.Model):
    """A representative's invitation to a colleague on the company's domain; accepted by
    signing in with that very address."""

    company = models.ForeignKey(
        CompanyPage, verbose_name=_("bedrijf"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mailadres"))
    invited_by = models.ForeignKey(
        "auth.User",
        verbose_name=_("uitgenodigd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uitgenodigd op"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("geaccepteerd op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitnodiging voor een collega")
        verbose_name_plural = _("uitnodigingen voor collega's")

    def __str__(self):
        return f"{self.email} – {self.company}"
