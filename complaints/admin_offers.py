"""Settlement offers for moderators: a read-only report of every offer, and the rows
that the complaint's edit view and review screen show.

What a moderator sees of an offer: its kind and what was offered (public in the thread
anyway), the amount (also when the consumer kept it off the public page: a moderator
judging a dispute or an abuse report needs to know what was on the table), how it ended
and its dates. Not the company's message nor the consumer's reason for declining: those
were written to the other party only, are not screened like public text, and are not
what a moderator decides on (the thread and the complaint are); the retention and the
erasure clear the reasons, and an admin listing should not keep a second way to them.
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from complaints.models import SettlementOffer
from complaints.permissions import is_moderator


def offers_for_moderators():
    """Every offer with what its rows show, newest first; never the two private texts."""
    return (
        SettlementOffer.objects.select_related("complaint", "complaint__company")
        .defer("message", "decline_reason")
        .order_by("-created_at", "-pk")
    )


class OfferReportFilterSet(WagtailFilterSet):
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Gedaan op"), widget=DateRangePickerWidget
    )

    class Meta:
        model = SettlementOffer
        fields = ["status", "kind", "created_at"]


def _review_url(offer) -> str | None:
    # The review screen opens complaints in moderation or public; a withdrawn or expired
    # one is the consumer's alone (admin_moderation._reviewable), so no link.
    if not offer.complaint.is_public:
        return None
    return reverse("complaint_moderation_review", args=[offer.complaint_id])


def _description(offer) -> str:
    return Truncator(offer.description).chars(120) or "—"


def _amount(offer) -> str:
    if offer.amount is None:
        return "—"
    shown = _("openbaar") if offer.amount_public else _("niet openbaar")
    return f"€ {offer.amount:.2f} ({shown})".replace(".", ",")


class OfferReportView(ReportView):
    """All settlement offers, for moderators only; nothing here can be changed."""

    page_title = _("Voorstellen")
    header_icon = "doc-full"
    index_url_name = "offer_report"
    index_results_url_name = "offer_report_results"
    filterset_class = OfferReportFilterSet
    # Wagtail's permission policy knows no "view" right for this model; the moderator
    # role decides (as for the moderation screens).
    permission_policy = None
    columns = [
        TitleColumn(
            "complaint", label=_("Klacht"), get_url=_review_url, accessor="complaint.title"
        ),
        Column("company", label=_("Bedrijf"), accessor="complaint.company.title"),
        Column("kind", label=_("Soort"), accessor="get_kind_display"),
        Column("description", label=_("Omschrijving"), accessor=_description),
        Column("amount", label=_("Bedrag"), accessor=_amount),
        Column("status", label=_("Stand"), accessor="get_status_display"),
        DateColumn("created_at", label=_("Gedaan op")),
        DateColumn("answer_by", label=_("Antwoord uiterlijk")),
        DateColumn("carry_out_by", label=_("Uitvoeren uiterlijk")),
        DateColumn("answered_at", label=_("Beantwoord op")),
        BooleanColumn("on_time", label=_("Binnen termijn")),
    ]
    list_export = [
        "complaint_id",
        "complaint.company.title",
        "kind",
        "amount",
        "amount_public",
        "status",
        "created_at",
        "answer_by",
        "carry_out_by",
        "answered_at",
        "carried_out_at",
        "disputed_at",
        "on_time",
    ]
    export_headings = {
        "complaint_id": _("klacht"),
        "complaint.company.title": _("bedrijf"),
        "kind": _("soort"),
        "amount": _("bedrag"),
        "amount_public": _("bedrag openbaar"),
        "status": _("stand"),
        "created_at": _("gedaan op"),
        "answer_by": _("antwoord uiterlijk"),
        "carry_out_by": _("uitvoeren uiterlijk"),
        "answered_at": _("beantwoord op"),
        "carried_out_at": _("uitgevoerd gemeld op"),
        "disputed_at": _("niet uitgevoerd gemeld op"),
        "on_time": _("binnen termijn"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not is_moderator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return offers_for_moderators()

    def get_filename(self):
        return "voorstellen"


urlpatterns = [
    path("voorstellen/", OfferReportView.as_view(), name="offer_report"),
    path(
        "voorstellen/resultaten/",
        OfferReportView.as_view(results_only=True),
        name="offer_report_results",
    ),
]
