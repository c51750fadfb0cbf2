from django.db.models import Count, Q
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem, WorkflowMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import EditView

from companies.models import COMPANY_PAGE_CONTEXT, Sector
from complaints.models import ComplaintPage, OutboxMessage, Reaction, ReactionReport, Topic
from complaints.permissions import is_moderator
from complaints.selectors import public_complaints


class ReactionEditView(EditView):
    """The moderator's decision goes through the same service as everywhere else."""

    def form_valid(self, form):
        from django.contrib import messages
        from django.shortcuts import redirect

        from complaints.services import moderate_reaction

        moderate_reaction(
            form.instance,
            self.request.user,
            visibility=form.cleaned_data["visibility"],
            note=form.cleaned_data.get("moderation_note", ""),
        )
        messages.success(self.request, _("De beslissing over de reactie is opgeslagen."))
        return redirect(self.get_success_url())


class ReactionAdmin(ModelAdmin):
    """The moderation queue for reactions: flagged ones wait here, reported ones too."""

    model = Reaction
    menu_label = _("Reacties")
    menu_icon = "comment"
    list_display = ["complaint", "party", "created_at", "visibility", "report_count", "flagged"]
    list_filter = ["visibility", "party"]
    search_fields = ["body", "complaint__title"]
    edit_view_class = ReactionEditView
    form_fields_exclude = [
        "complaint",
        "author",
        "party",
        "body",
        "created_at",
        "due_at",
        "on_time",
        "screening_hits",
        "moderated_by",
        "moderated_at",
    ]
    inspect_view_enabled = True

    def get_queryset(self, request):

        return (
            super()
            .get_queryset(request)
            .select_related("complaint")
            .annotate(open_reports=Count("reports", filter=Q(reports__handled=False)))
            .order_by("-open_reports", "visibility", "-created_at")
        )

    @staticmethod
    def report_count(reaction):
        return reaction.open_reports

    report_count.short_description = _("open meldingen")  # type: ignore[attr-defined]

    @staticmethod
    def flagged(reaction):
        return ", ".join(hit["term"] for hit in reaction.screening_hits) or "—"

    flagged.short_description = _("gevonden woorden")  # type: ignore[attr-defined]

    def add_view(self, request):  # reactions are written on the site, not here
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied


class ReactionReportAdmin(ModelAdmin):
    model = ReactionReport
    menu_label = _("Meldingen")
    menu_icon = "warning"
    list_display = ["reaction", "reason", "created_at", "handled"]
    list_filter = ["handled"]


class OutboxAdmin(ModelAdmin):
    model = OutboxMessage
    menu_label = _("Uitgaande e-mail")
    menu_icon = "mail"
    list_display = ["template", "role", "status", "attempts", "created_at", "sent_at", "last_error"]
    list_filter = ["status", "role", "template"]
    inspect_view_enabled = True


class ModerationGroup(ModelAdminGroup):
    menu_label = _("Berichten")
    menu_icon = "tick-inverse"
    menu_order = 200
    items = [ReactionAdmin, ReactionReportAdmin, OutboxAdmin]


modeladmin_register(ModerationGroup)


@hooks.register("construct_explorer_page_queryset")
def hide_complaints_from_the_page_explorer(parent_page, pages, request):
    # Complaints are handled through moderation and the site, not edited in the tree.
    if request.user.is_superuser:
        return pages
    return pages.not_type(ComplaintPage)


@hooks.register("construct_page_chooser_queryset")
def hide_complaints_from_the_page_chooser(pages, request):
    # The chooser lists every page, whatever the user's rights: drafts included.
    return hide_complaints_from_the_page_explorer(None, pages, request)


# Sectors are companies' and topics ours; they share one menu because topics are chosen
# per sector.
class SectorAdmin(ModelAdmin):
    model = Sector
    menu_icon = "folder-open-inverse"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ("name",)}


class TopicAdmin(ModelAdmin):
    model = Topic
    menu_icon = "tag"
    list_display = ["name", "slug", "sectors_label", "sort_order"]
    list_filter = ["sectors"]
    search_fields = ["name"]

    @staticmethod
    def sectors_label(topic):
        return ", ".join(s.name for s in topic.sectors.all()) or _("algemeen")

    sectors_label.short_description = _("sectoren")  # type: ignore[attr-defined]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("sectors")


class ClassificationGroup(ModelAdminGroup):
    menu_label = _("Sectoren en onderwerpen")
    menu_icon = "folder-open-1"
    menu_order = 300
    items = [SectorAdmin, TopicAdmin]


modeladmin_register(ClassificationGroup)


@hooks.register(COMPANY_PAGE_CONTEXT)
def company_page_complaints(page, request, context):
    """A company's page lists its latest public complaints."""
    context["complaints"] = public_complaints().filter(company=page)[:20]


@hooks.register("before_move_page")
def refuse_complaint_moves(request, page, destination):
    """Wagtail's move view does not ask can_move(); a complaint stays with its company."""
    from django.contrib import messages
    from django.shortcuts import redirect

    if isinstance(page, ComplaintPage):
        messages.error(
            request,
            _("Een klacht hoort bij één bedrijf en kan niet worden verplaatst."),
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


# The moderator's review screen (complaints.admin_moderation) ---------------------------


class ModerationMenuItem(MenuItem):
    """ "Moderatie", with the number of complaints waiting, for moderators only."""

    def is_shown(self, request):
        return is_moderator(request.user)

    def render_component(self, request):
        from complaints.admin_moderation import waiting_count

        count = waiting_count()
        self.label = _("Moderatie (%(count)d)") % {"count": count} if count else _("Moderatie")
        return super().render_component(request)


@hooks.register("register_admin_urls")
def register_moderation_urls():
    from complaints.admin_moderation import urlpatterns

    return urlpatterns


@hooks.register("register_admin_urls")
def register_offer_report_urls():
    from complaints.admin_offers import urlpatterns

    return urlpatterns


class OfferReportMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


@hooks.register("register_reports_menu_item")
def register_offer_report_menu_item():
    return OfferReportMenuItem(
        _("Voorstellen"),
        reverse("offer_report"),
        name="voorstellen",
        icon_name="doc-full",
        order=1300,
    )


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModerationMenuItem(
        _("Moderatie"),
        reverse_lazy("complaint_moderation"),
        name="klachtmoderatie",
        icon_name="tick-inverse",
        order=150,
    )


class ModerationSummaryPanel(Component):
    name = "complaint_moderation"
    order = 50
    template_name = "complaints/admin/moderation_summary_panel.html"

    def get_context_data(self, parent_context=None):
        from complaints.admin_moderation import waiting_count

        return {"count": waiting_count()}


@hooks.register("construct_homepage_panels")
def add_moderation_summary(request, panels):
    if is_moderator(request.user):
        panels.insert(0, ModerationSummaryPanel())


class ReviewMenuItem(ActionMenuItem):
    """On a complaint in moderation the edit page's main button leads to the review
    screen, where the decision is made (Wagtail's own approve and reject sat under "more
    actions" and ended on an edit page the moderator may no longer open)."""

    label = _("Beoordelen: goedkeuren of afwijzen")
    name = "action-review"
    icon_name = "tick-inverse"

    def get_url(self, parent_context):
        return reverse("complaint_moderation_review", args=[parent_context["page"].pk])


@hooks.register("construct_page_action_menu")
def review_complaints_in_the_review_screen(menu_items, request, context):
    page = context.get("page")
    if (
        context.get("view") != "edit"
        or not isinstance(page, ComplaintPage)
        or page.status != "in_moderation"
        or not is_moderator(request.user)
    ):
        return
    menu_items[:] = [item for item in menu_items if not isinstance(item, WorkflowMenuItem)]
    menu_items.insert(0, ReviewMenuItem())


@hooks.register("insert_global_admin_css")
def moderation_css():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-moderation.css"))
