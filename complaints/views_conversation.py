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
from complaints.forms_conversation import (
    AcceptOfferForm,
    DeclineOfferForm,
    OfferForm,
    RatingForm,
    ReactionForm,
    ReportForm,
)
from complaints.models import ComplaintPage, Reaction, SettlementOffer
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
    except services.OfferClosed:
        return _refuse(
            request, complaint, _("Dat kan niet meer: dit voorstel is al afgehandeld of verlopen.")
        )
    except services.OfferWaiting:
        return _refuse(
            request,
            complaint,
            _("Beantwoord eerst het voorstel van het bedrijf: neem het aan of wijs het af."),
        )
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


# Settlement offers ----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@reaction_limit
def offer_new(request, pk):
    """The company's offer: its own page with the form (GET), then POST/redirect/GET."""
    complaint = _public_complaint(pk)
    if services.party_of(request.user, complaint) != "company":
        raise Http404
    if states.target_of(complaint.status, states.Action.OFFER_MADE) is None:
        return _refuse(request, complaint, _("Je kunt nu geen voorstel doen: wacht op je beurt."))
    form = OfferForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.make_offer(complaint, request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)  # the model's rules, each by its field
            except services.NotYourTurn:
                return _refuse(request, complaint, _("Je kunt nu geen voorstel doen."))
            else:
                messages.success(
                    request, _("Je voorstel staat in het gesprek. De consument krijgt bericht.")
                )
                return _back(complaint)
    return TemplateResponse(
        request,
        "complaints/offer_form.html",
        {"page": complaint, "form": form},
        status=status,
    )


def _offer(pk, offer_id) -> SettlementOffer:
    # The offer must belong to the complaint in the URL, and that complaint be public.
    return get_object_or_404(
        SettlementOffer.objects.select_related("complaint__company"),
        pk=offer_id,
        complaint__in=public_complaints().filter(pk=pk),
    )


@login_required
@require_POST
def offer_accept(request, pk, offer_id):
    offer = _offer(pk, offer_id)
    form = AcceptOfferForm(request.POST)
    form.is_valid()  # a single optional checkbox: never invalid
    return _run(
        request,
        offer.complaint,
        lambda: services.accept_offer(
            offer, request.user, amount_public=form.cleaned_data.get("amount_public", False)
        ),
        _("Je hebt het voorstel aangenomen. Na de uitvoering vragen we je om een cijfer."),
    )


@login_required
@require_POST
@reaction_limit
def offer_decline(request, pk, offer_id):
    offer = _offer(pk, offer_id)
    complaint = offer.complaint
    form = DeclineOfferForm(request.POST)
    if not form.is_valid():
        if services.party_of(request.user, complaint) != "consumer":
            raise Http404
        return _show_again(request, complaint, decline_form=form)
    return _run(
        request,
        complaint,
        lambda: services.decline_offer(offer, request.user, form.cleaned_data["reason"]),
        _("Je hebt het voorstel afgewezen. Het bedrijf is weer aan de beurt."),
    )


@login_required
@require_POST
def offer_carried_out(request, pk, offer_id):
    offer = _offer(pk, offer_id)
    return _run(
        request,
        offer.complaint,
        lambda: services.confirm_offer_carried_out(offer, request.user),
        _("Gemeld als uitgevoerd. De consument wordt gevraagd de afhandeling te beoordelen."),
    )


@login_required
@require_POST
def offer_not_carried_out(request, pk, offer_id):
    offer = _offer(pk, offer_id)
    return _run(
        request,
        offer.complaint,
        lambda: services.report_offer_not_carried_out(offer, request.user),
        _("Gemeld: het voorstel is niet uitgevoerd. Het bedrijf is weer aan de beurt."),
    )
