"""The moderator's review screen in the Wagtail admin (/admin/moderatie/).

Everything a moderator needs to decide on a complaint on one page: the company, the
public text, the private part, the attachments, the contact log, the screening result
and the consumer's earlier complaints; and two buttons. The decisions go through the
moderation task of Wagtail's workflow (Task.on_action, as Wagtail's own workflow action
view does), so the workflow, its logs and the state machine glue (complaints.workflows,
complaints.signal_handlers) stay the one path. Taking a public complaint offline is
Wagtail's unpublish action, which asks ComplaintPagePermissionTester.can_unpublish().

Only moderators and superusers; everyone else in the admin gets a 403.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import TaskState

from complaints import personal_data, states
from complaints.admin_offers import offers_for_moderators
from complaints.models import ComplaintPage
from complaints.permissions import can_see_private_part, is_moderator
from complaints.states import Status


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van afwijzing"),
        help_text=_(
            "De consument leest deze reden en past de klacht daarna aan. Zeg wat er anders "
            "moet, bijvoorbeeld welk woord weg moet."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Schrijf de reden van de afwijzing op."))
        return reason


def _moderators_only(view):
    def wrapped(request, *args, **kwargs):
        if not is_moderator(request.user):
            return TemplateResponse(
                request, "complaints/admin/moderation_forbidden.html", {}, status=403
            )
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def waiting_complaints():
    return (
        ComplaintPage.objects.filter(status=Status.IN_MODERATION)
        .select_related("company", "topic")
        .order_by("submitted_at", "pk")
    )


def published_complaints():
    return (
        ComplaintPage.objects.filter(live=True, status__in=states.PUBLIC_STATUSES)
        .select_related("company", "topic")
        .order_by("-published_at", "-pk")
    )


def waiting_count() -> int:
    return ComplaintPage.objects.filter(status=Status.IN_MODERATION).count()


def _tabs(active: str) -> list[dict]:
    return [
        {
            "label": _("Wacht op beoordeling"),
            "url": reverse("complaint_moderation"),
            "count": waiting_count(),
            "active": active == "waiting",
        },
        {
            "label": _("Gepubliceerd"),
            "url": reverse("complaint_moderation_published"),
            "count": published_complaints().count(),
            "active": active == "published",
        },
    ]


@_moderators_only
def waiting(request):
    """The complaints in moderation, oldest first."""
    return TemplateResponse(
        request,
        "complaints/admin/moderation_list.html",
        {
            "complaints": waiting_complaints(),
            "tabs": _tabs("waiting"),
            "published_list": False,
        },
    )


@_moderators_only
def published(request):
    """Public complaints, newest first, for taking abusive content down."""
    page = Paginator(published_complaints(), 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "complaints/admin/moderation_list.html",
        {
            "complaints": page.object_list,
            "page_obj": page,
            "tabs": _tabs("published"),
            "published_list": True,
        },
    )


def _task_state(complaint):
    workflow_state = complaint.current_workflow_state
    task_state = workflow_state.current_task_state if workflow_state else None
    return task_state.specific if task_state else None


def _reviewable(pk) -> ComplaintPage:
    complaint = get_object_or_404(
        ComplaintPage.objects.select_related("company", "topic", "consumer"), pk=pk
    )
    if complaint.status != Status.IN_MODERATION and not complaint.is_public:
        # Drafts, rejected, withdrawn and expired complaints are the consumer's alone.
        raise Http404
    return complaint


def _review_context(request, complaint, reject_form=None) -> dict:
    private = getattr(complaint, "private_details", None)
    show_private = can_see_private_part(request.user, complaint)
    earlier = (
        ComplaintPage.objects.filter(consumer_id=complaint.consumer_id)
        .exclude(pk=complaint.pk)
        .exclude(status=Status.DRAFT)
        .count()
        if complaint.consumer_id
        else 0
    )
    next_complaint = waiting_complaints().exclude(pk=complaint.pk).first()
    return {
        "complaint": complaint,
        "private": private if show_private else None,
        "attachments": complaint.attachments.all() if show_private else [],
        "contact_log": complaint.contact_log.all() if show_private else [],
        "hits": complaint.screening_hits or [],
        "personal_data": public_personal_data(complaint),
        "earlier_count": earlier,
        "in_moderation": complaint.status == Status.IN_MODERATION,
        "reject_form": reject_form or RejectForm(),
        "company_url": complaint.company.url,
        "next_complaint": next_complaint,
        # A complaint in moderation has none yet; on a public one they are part of the thread.
        "offers": offers_for_moderators().filter(complaint_id=complaint.pk),
    }


def public_personal_data(complaint) -> list[dict]:
    """What looks like personal data in the public fields, masked: the writing aid warned
    the consumer; the moderator sees what was left in."""
    found = []
    for name in ("title", "description", "desired_outcome"):
        for finding in personal_data.find(getattr(complaint, name)):
            found.append(
                {
                    "field_label": ComplaintPage._meta.get_field(name).verbose_name,
                    "what": finding.label,
                    "excerpt": finding.excerpt,
                }
            )
    return found


@_moderators_only
def review(request, pk):
    complaint = _reviewable(pk)
    return TemplateResponse(
        request, "complaints/admin/moderation_review.html", _review_context(request, complaint)
    )


def _act(request, complaint, action: str, comment: str) -> bool:
    """Wagtail's workflow action on the running moderation task, as its own
    WorkflowAction view performs it. False when nothing is waiting any more."""
    task_state = _task_state(complaint)
    if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
        return False
    task = task_state.task.specific
    if action not in {name for name, _label, _modal in task.get_actions(complaint, request.user)}:
        raise PermissionDenied
    task.on_action(task_state, request.user, action, comment=comment)
    return True


def _after_decision(request, message: str):
    messages.success(request, message)
    following = waiting_complaints().first()
    if following:
        messages.info(
            request,
            _("Volgende klacht: “%(title)s”.") % {"title": following.title},
        )
    return redirect("complaint_moderation")


def _no_longer_waiting(request, complaint):
    messages.warning(
        request,
        _(
            "Over “%(title)s” is al beslist of de consument heeft hem ingetrokken; er is "
            "niets veranderd."
        )
        % {"title": complaint.title},
    )
    return redirect("complaint_moderation")


@require_POST
@_moderators_only
def approve(request, pk):
    complaint = _reviewable(pk)
    with transaction.atomic():
        done = _act(request, complaint, "approve", "")
    if not done:
        return _no_longer_waiting(request, complaint)
    complaint.refresh_from_db()
    if complaint.status == Status.IN_MODERATION:  # pragma: no cover (race guarded in services)
        return _no_longer_waiting(request, complaint)
    return _after_decision(
        request,
        _("Goedgekeurd: “%(title)s” staat online. Het bedrijf en de consument krijgen bericht.")
        % {"title": complaint.title},
    )


@require_POST
@_moderators_only
def reject(request, pk):
    complaint = _reviewable(pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return TemplateResponse(
            request,
            "complaints/admin/moderation_review.html",
            _review_context(request, complaint, reject_form=form),
            status=400,
        )
    with transaction.atomic():
        done = _act(request, complaint, "reject", form.cleaned_data["reason"])
    if not done:
        return _no_longer_waiting(request, complaint)
    return _after_decision(
        request,
        _(
            "Afgewezen: “%(title)s” gaat terug naar de consument, met jouw reden. De "
            "consument kan de klacht aanpassen en opnieuw indienen."
        )
        % {"title": complaint.title},
    )


@require_POST
@_moderators_only
def take_offline(request, pk):
    """Wagtail's unpublish: the page goes offline, its log says who did it; the status
    stays (DESIGN.md: taking abusive content down is not a step in the life cycle)."""
    complaint = _reviewable(pk)
    if not complaint.live:
        raise Http404
    UnpublishPageAction(complaint, user=request.user).execute()
    messages.success(
        request,
        _("“%(title)s” is offline gehaald. Alleen een beheerder kan hem weer online zetten.")
        % {"title": complaint.title},
    )
    return redirect("complaint_moderation_published")


urlpatterns = [
    path("moderatie/", waiting, name="complaint_moderation"),
    path("moderatie/gepubliceerd/", published, name="complaint_moderation_published"),
    path("moderatie/<int:pk>/", review, name="complaint_moderation_review"),
    path("moderatie/<int:pk>/goedkeuren/", approve, name="complaint_moderation_approve"),
    path("moderatie/<int:pk>/afwijzen/", reject, name="complaint_moderation_reject"),
    path("moderatie/<int:pk>/offline/", take_offline, name="complaint_moderation_offline"),
]
