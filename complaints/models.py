import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, TitleFieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from complaints import states
from complaints.panels import ScreeningPanel
from complaints.serializers import CompanyRefSerializer, TopicRefSerializer
from complaints.states import Action, Status
from complaints.storage import private_storage

MODERATION_WORKFLOW = "Klachtmoderatie"


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

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("onderwerp")
        verbose_name_plural = _("onderwerpen")

    def __str__(self):
        return self.name

    @property
    def is_general(self) -> bool:
        return not self.sectors.exists()


class ComplaintPage(Page):
    """A consumer's complaint about one company; public once a moderator approved it.

    The public part lives on the page (and so in its revisions, the API and the search
    index); the private part, the attachments and the contact log live in their own
    models and never do. The lifecycle fields are written by the state machine only
    (complaints.services.transition) and survive the publishing of older revisions.
    """

    consumer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consument"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    company = models.ForeignKey(
        "companies.CompanyPage",
        verbose_name=_("bedrijf"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("onderwerp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    description = models.TextField(_("klacht"), blank=True, max_length=5000)
    desired_outcome = models.TextField(_("wat wil je bereiken?"), blank=True, max_length=1500)
    incident_date = models.DateField(_("datum van aankoop of voorval"), null=True, blank=True)

    # The scope questions of the wizard's first step.
    bought_directly = models.BooleanField(_("rechtstreeks gekocht of afgesloten"), null=True)
    company_is_dutch = models.BooleanField(_("Nederlands bedrijf"), null=True)
    told_company_first = models.BooleanField(_("bedrijf eerst zelf ingelicht"), null=True)
    told_company_on = models.DateField(_("ingelicht op"), null=True, blank=True)
    told_company_how = models.CharField(_("ingelicht via"), max_length=200, blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    submitted_at = models.DateTimeField(_("ingediend op"), null=True, editable=False)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, editable=False)
    due_at = models.DateTimeField(
        _("termijn loopt af op"),
        null=True,
        editable=False,
        help_text=_("Einde van de lopende termijn (bedrijf of consument)."),
    )
    expires_at = models.DateTimeField(_("verloopt op"), null=True, editable=False)
    rejection_reason = models.TextField(_("reden van afwijzing"), blank=True, editable=False)
    screening_hits = models.JSONField(_("gevonden woorden"), default=list, editable=False)

    DRAFT_TITLE = "Nieuwe klacht"

    LIFECYCLE_FIELDS = (
        "status",
        "submitted_at",
        "published_at",
        "due_at",
        "expires_at",
        "rejection_reason",
        "screening_hits",
        "consumer",
        "company",
    )

    content_panels = [
        TitleFieldPanel("title", heading=_("Titel van de klacht")),
        ScreeningPanel(heading=_("Automatische controle")),
        FieldPanel("topic"),
        FieldPanel("description"),
        FieldPanel("desired_outcome"),
        FieldPanel("incident_date"),
    ]
    promote_panels: list = []
    settings_panels: list = []

    search_fields = [
        *Page.search_fields,
        index.SearchField("description"),
        index.SearchField("desired_outcome"),
        index.FilterField("status"),
    ]
    api_fields = [
        APIField("status"),
        APIField("company_ref", serializer=CompanyRefSerializer(source="company")),
        APIField("topic_ref", serializer=TopicRefSerializer(source="topic")),
        APIField("published_at"),
        APIField("description"),
        APIField("desired_outcome"),
    ]

    parent_page_types = ["companies.CompanyPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("klacht")
        verbose_name_plural = _("klachten")
        indexes = [models.Index(fields=["status", "due_at"], name="complaint_status_due")]

    def __str__(self):
        return self.title

    # URLs: /bedrijven/<company>/klachten/<complaint>/ (see CompanyPage.route).
    def set_url_path(self, parent):
        self.url_path = f"{parent.url_path}klachten/{self.slug}/" if parent else "/"
        return self.url_path

    def with_content_json(self, content):
        page = super().with_content_json(content)
        for name in self.LIFECYCLE_FIELDS:
            setattr(page, name, getattr(self, name))
        return page

    def get_workflow(self):
        from wagtail.models import Workflow

        return Workflow.objects.filter(name=MODERATION_WORKFLOW, active=True).first()

    def permissions_for_user(self, user):
        from complaints.admin_permissions import ComplaintPagePermissionTester

        return ComplaintPagePermissionTester(user, self)

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def is_public(self) -> bool:
        return states.is_public(self.status)

    def get_context(self, request, *args, **kwargs):
        from complaints.selectors import complaint_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(complaint_page_context(self, request.user))
        return context


class ComplaintPrivateDetails(models.Model):
    """The private part: only the consumer, the company and moderators read it."""

    complaint = models.OneToOneField(
        ComplaintPage, on_delete=models.CASCADE, related_name="private_details"
    )
    order_reference = models.CharField(
        _("order-, klant- of referentienummer"), max_length=200, blank=True
    )
    details = models.TextField(
        _("besloten toelichting"),
        blank=True,
        max_length=5000,
        help_text=_("Adres, telefoonnummer, of wat alleen het bedrijf mag lezen."),
    )

    class Meta:
        verbose_name = _("besloten deel")
        verbose_name_plural = _("besloten delen")

    def __str__(self):
        # Never the content: this string may end up in logs and admin lists.
        return f"besloten deel van klacht {self.complaint_id}"


def attachment_name(instance, filename):
    # A generated name: nothing of the uploader's file name reaches the disk.
    return f"attachments/{instance.id.hex[:2]}/{instance.id.hex}"


class Attachment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    complaint = models.ForeignKey(
        ComplaintPage, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(storage=private_storage, upload_to=attachment_name, max_length=200)
    original_name = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self):
        return self.original_name


class ContactLogEntry(models.Model):
    """One contact with the company before or during the complaint (seed tip: note it)."""

    class Channel(models.TextChoices):
        PHONE = "phone", _("telefoon")
        EMAIL = "email", _("e-mail")
        CHAT = "chat", _("chat")
        LETTER = "letter", _("brief")
        SHOP = "shop", _("in de winkel")
        OTHER = "other", _("anders")

    complaint = models.ForeignKey(
        ComplaintPage, on_delete=models.CASCADE, related_name="contact_log"
    )
    contacted_on = models.DateField(_("datum"))
    contacted_at = models.TimeField(_("tijd"), null=True, blank=True)
    channel = models.CharField(_("via"), max_length=10, choices=Channel.choices)
    person = models.CharField(_("met wie"), max_length=120, blank=True)
    summary = models.TextField(_("wat is er besproken?"), max_length=1000)
    promised = models.TextField(_("wat is er beloofd?"), max_length=500, blank=True)

    class Meta:
        ordering = ["contacted_on", "contacted_at", "pk"]
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")

    def __str__(self):
        return f"{self.contacted_on} ({self.get_channel_display()})"


class ComplaintEvent(models.Model):
    """One transition of a complaint: who, when, from, to, and why."""

    complaint = models.ForeignKey(ComplaintPage, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=30, choices=Action.choices)
    from_status = models.CharField(max_length=20, choices=Status.choices)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")

    def __str__(self):
        return f"{self.from_status} → {self.to_status}"
