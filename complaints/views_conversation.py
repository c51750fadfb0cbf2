"""The conversation on a complaint page: react, mark solved, grade, report."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from complaints import services, states
from complaints.forms_conversation import RatingForm, ReactionForm, ReportForm
from complaints.models import ComplaintPage, Reaction
from complaints.selectors import public_complaints, reply_templates
from core.ratelimit import ratelimit


def _public_complaint(pk) -> ComplaintPage:
    return get_object_or_404(public_complaints(), pk=pk)


def _reaction_rate(group, request):
    return settings.REACTION_RATE


# Reactions and reports write for others to read: per account, closed when the
# counters are down.
reaction_limit = ratelimit(group="reaction", key="user", rate=_reaction_rate, fail_open=False)


def _back(complaint, anchor="gesprek"):
    return redirect(f"{complaint.url}#{anchor}")


def _refuse(request, complaint, error):
    messages.error(request, error)
    return _back(complaint)


def _show_again(request, complaint, status=400, **bound_forms):
    """The complaint page again with a refused form, its errors and what was typed in it
    (a redirect would throw the text away)."""
    context = complaint.get_context(request)
    context.update(bound_forms)
    return TemplateResponse(request, complaint.get_template(request), context, status=status)


def _run(request, complaint, action, success):
    """Call a conversation service and turn its refusals into clear messages."""
    try:
        action()
    except services.NotAParty as exc:
        raise Http404 from exc  # no forum: others learn nothing from this URL
    except services.NotYourTurn:
        return _refuse(
            request,
            complaint,
            _("Dat kan nu niet: het is niet jouw beurt of de klacht is afgesloten."),
        )
    except ValidationError as exc:
        return _refuse(request, complaint, " ".join(exc.messages))
    messages.success(request, success)
    return _back(complaint)


@login_required
@require_POST
@reaction_limit
def react(request, pk):
    complaint = _public_complaint(pk)
    party = services.party_of(request.user, complaint)
    templates = reply_templates(complaint, party)
    form = ReactionForm(request.POST, reply_templates=templates)
    if "insert_template" in request.POST:
        # Without JavaScript: the page again, the chosen template's text in the box.
        if party is None:
            raise Http404
        body = form.template_text() or request.POST.get("body", "")
        form = ReactionForm(reply_templates=templates, initial={"body": body})
        return _show_again(request, complaint, status=200, reaction_form=form)
    if not form.is_valid():
        if services.party_of(request.user, complaint) is None:
            raise Http404
        return _show_again(request, complaint, reaction_form=form)
    return _run(
        request,
        complaint,
        lambda: services.react(complaint, request.user, form.cleaned_data["body"]),
        _("Je reactie is geplaatst. De andere partij krijgt bericht."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def mark_solved(request, pk):
    """GET: what "solved" means and what happens next, with the button that confirms it;
    POST: the company marks the complaint solved."""
    complaint = _public_complaint(pk)
    if request.method == "GET":
        if services.party_of(request.user, complaint) != "company":
            raise Http404
        if states.target_of(complaint.status, states.Action.MARK_SOLVED) is None:
            return _refuse(request, complaint, _("Deze klacht kun je nu niet als opgelost melden."))
        return TemplateResponse(
            request,
            "complaints/mark_solved_confirm.html",
            {
                "page": complaint,
                "has_reacted": complaint.reactions.filter(party="company").exists(),
                "rating_days": states.TERM.days,
            },
        )
    return _run(
        request,
        complaint,
        lambda: services.mark_solved(complaint, request.user),
        _("Gemeld als opgelost. De consument wordt gevraagd de afhandeling te beoordelen."),
    )


@login_required
@require_POST
def rate(request, pk):
    complaint = _public_complaint(pk)
    form = RatingForm(request.POST)
    if not form.is_valid():
        if services.party_of(request.user, complaint) is None:
            raise Http404
        return _show_again(request, complaint, rating_form=form)
    data = form.cleaned_data
    return _run(
        request,
        complaint,
        lambda: services.rate(
            complaint,
            request.user,
            grade=data["grade"],
            solved=data["solved"],
            comment=data["comment"],
        ),
        _("Bedankt voor je beoordeling."),
    )


@login_required
@require_POST
@reaction_limit
def report(request, reaction_id):
    reaction = get_object_or_404(
        Reaction.objects.filter(complaint__in=public_complaints()).select_related(
            "complaint__company"
        ),
        pk=reaction_id,
    )
    complaint = reaction.complaint
    form = ReportForm(request.POST)
    if not form.is_valid():
        if services.party_of(request.user, complaint) is None:
            raise Http404
        return _refuse(request, complaint, _("Schrijf kort waarom je deze reactie meldt."))
    return _run(
        request,
        complaint,
        lambda: services.report_reaction(reaction, request.user, form.cleaned_data["reason"]),
        _("Bedankt. Een moderator bekijkt de reactie."),
    )
