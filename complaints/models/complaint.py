from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, TitleFieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from complaints import states
from complaints.models.topics import Topic
from complaints.panels import OffersPanel, ScreeningPanel
from complaints.serializers import (
    CompanyRefSerializer,
    PublicOffersSerializer,
    TopicRefSerializer,
)
from complaints.states import Action, Status
from core import pagecache

MODERATION_WORKFLOW = "Klachtmoderatie"


def complaint_page_tags(complaint_id: int, company_id: int | None) -> list[str]:
    """The page-cache tags a change to this complaint makes stale (core.pagecache)."""
    tags = [pagecache.complaint_tag(complaint_id), pagecache.COMPLAINTS]
    if company_id:
        tags.append(pagecache.company_tag(company_id))
    return tags


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
    # The id in the system a complaint was imported from (import_complaints).
    external_id = models.CharField(  # noqa: DJ001 (NULL: unique, and most complaints have none)
        max_length=100, unique=True, null=True, editable=False
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
    # When the state machine last moved it: part of the search document's version.
    changed_at = models.DateTimeField(null=True, editable=False)
    # The term (due_at) for which a reminder went out, so each term gets exactly one.
    reminded_for = models.DateTimeField(null=True, editable=False)
    # The consumer deleted their account and let the complaint stay, anonymised: the
    # thread shows "consument (verwijderd)" (complaints.gdpr.erase_account).
    consumer_erased = models.BooleanField(default=False, editable=False)
    # Marks the rows one set-based sweep moved, for the statements that follow it.
    sweep_token = models.UUIDField(null=True, editable=False, db_index=True)

    DRAFT_TITLE = "Nieuwe klacht"

    LIFECYCLE_FIELDS = (
        "status",
        "submitted_at",
        "published_at",
        "due_at",
        "expires_at",
        "rejection_reason",
        "screening_hits",
        "reminded_for",
        "sweep_token",
        "changed_at",
        "external_id",
        "consumer",
        "consumer_erased",
        "company",
    )

    content_panels = [
        TitleFieldPanel("title", heading=_("Titel van de klacht")),
        ScreeningPanel(heading=_("Automatische controle")),
        FieldPanel("topic"),
        FieldPanel("description"),
        FieldPanel("desired_outcome"),
        FieldPanel("incident_date"),
        OffersPanel(heading=_("Voorstellen van het bedrijf")),
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
        APIField("offers", serializer=PublicOffersSerializer()),
    ]

    parent_page_types = ["companies.CompanyPage"]
    subpage_types: list[str] = []
    # Made by the wizard (services.start_draft) and the importer, never in the admin.
    is_creatable = False

    class Meta:
        verbose_name = _("klacht")
        verbose_name_plural = _("klachten")
        indexes = [
            models.Index(fields=["status", "due_at"], name="complaint_status_due"),
            models.Index(fields=["status", "expires_at"], name="complaint_status_expires"),
            # Newest first, as the home page, the search fallback and each company page
            # list them: read in index order and stopped after a page, instead of
            # sorting every public complaint (2 s at a million; under 5 ms with these).
            models.Index(fields=["-published_at", "-page_ptr"], name="complaint_newest"),
            models.Index(
                fields=["company", "-published_at", "-page_ptr"], name="complaint_company_newest"
            ),
        ]

    def __str__(self):
        return self.title

    # URLs: /bedrijven/<company>/klachten/<complaint>/ (see CompanyPage.route).
    def set_url_path(self, parent):
        self.url_path = f"{parent.url_path}klachten/{self.slug}/" if parent else "/"
        return self.url_path

    def save(self, *args, **kwargs):
        """Saves the page's content, never its lifecycle.

        The lifecycle fields are the state machine's (one UPDATE in
        `services.transition`, the sweep, the importer): a page instance loaded a moment
        ago, or rebuilt from a revision, must not write back a status it read before a
        transition. So an existing page saves every field but those. And a complaint
        is on the public site only in a public status, whoever publishes it.
        """
        if self.pk is not None:
            update_fields = kwargs.get("update_fields")
            kwargs["update_fields"] = [
                name
                for name in (update_fields if update_fields is not None else self._content_fields())
                if name not in self.LIFECYCLE_FIELDS
            ]
            if self.live:
                status = ComplaintPage.objects.filter(pk=self.pk).values_list("status", flat=True)
                if status and not states.is_public(status[0]):
                    raise ValidationError(
                        _("Een klacht komt pas online nadat een moderator hem heeft goedgekeurd.")
                    )
        return super().save(*args, **kwargs)

    @classmethod
    def _content_fields(cls) -> list[str]:
        return [
            field.name
            for field in cls._meta.concrete_fields
            if not field.primary_key and field.name not in cls.LIFECYCLE_FIELDS
        ]

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

    def route(self, request, path_components):
        # Live is not enough to be served: a public status under a live company too, the
        # one rule of complaints.selectors.public_complaints (previews do not route).
        if not path_components:
            from complaints.selectors import public_complaints

            if not public_complaints().filter(pk=self.pk).exists():
                raise Http404
        return super().route(request, path_components)

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def is_public(self) -> bool:
        return states.is_public(self.status)

    def page_cache_tags(self) -> list[str]:
        return [pagecache.complaint_tag(self.pk)]

    def page_cache_changed_tags(self) -> list[str]:
        # Its own page, its company's page, and the lists of many companies' complaints;
        # not every page of the site (core.pagecache).
        return complaint_page_tags(self.pk, self.company_id)

    def get_context(self, request, *args, **kwargs):
        from complaints.selectors import complaint_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(complaint_page_context(self, request.user))
        return context


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
