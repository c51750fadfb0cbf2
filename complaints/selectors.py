"""Read-only queries for complaints, with the privacy rules applied."""

from django.db.models import Q

from complaints.permissions import can_see_private_part, is_owner, represents


def visible_reactions(complaint, user) -> list:
    """The thread as this user may see it: hidden and waiting reactions show as a
    placeholder to others; their author and moderators see the text with a note."""
    from complaints.permissions import is_moderator

    moderator = is_moderator(user)
    reactions = []
    for reaction in complaint.reactions.select_related("author").all():
        reaction.show_text = (
            reaction.visibility == "visible"
            or moderator
            or (user.is_authenticated and reaction.author_id == user.pk)
        )
        reactions.append(reaction)
    return reactions


def complaint_page_context(complaint, user) -> dict:
    from complaints import states
    from complaints.forms_conversation import RatingForm, ReactionForm, ReportForm
    from complaints.services import REACT_ACTIONS, party_of

    private = can_see_private_part(user, complaint)
    party = party_of(user, complaint) if user.is_authenticated else None
    can_react = bool(party) and states.target_of(complaint.status, REACT_ACTIONS[party]) is not None
    reactions = visible_reactions(complaint, user)
    if party:
        for reaction in reactions:
            # One report form per reaction, each with ids of its own.
            reaction.report_form = ReportForm(auto_id=f"id_report{reaction.pk}_%s")
    context = {
        "can_see_private": private,
        "is_owner": is_owner(user, complaint),
        "is_representative": represents(user, complaint.company),
        "party": party,
        "reactions": reactions,
        "can_react": can_react,
        "can_mark_solved": party == "company"
        and states.target_of(complaint.status, states.Action.MARK_SOLVED) is not None,
        "can_rate": party == "consumer"
        and states.target_of(complaint.status, states.Action.RATE) is not None,
        "reaction_form": ReactionForm(reply_templates=reply_templates(complaint, party)),
        "rating_form": RatingForm(),
        "rating": getattr(complaint, "rating", None) if complaint.status == "rated" else None,
        "escalation": escalation_pages(complaint) if party == "consumer" else [],
        "can_add_evidence": party == "consumer"
        and complaint.status in states.EVIDENCE_AFTER_SUBMIT,
    }
    context.update(offer_context(complaint, party))
    if context["open_offer"] and party == "consumer":
        context["can_react"] = False  # the answer to the offer is the consumer's turn
    if private:
        context.update(
            private_details=getattr(complaint, "private_details", None),
            attachments=list(complaint.attachments.all()),
            contact_log=list(complaint.contact_log.all()),
        )
    return context


def reply_templates(complaint, party):
    """The texts a company's representative may start a reaction from."""
    return complaint.company.reply_templates.all() if party == "company" else None


def offer_context(complaint, party: str | None) -> dict:
    """The complaint's offers, oldest first, each marked with what this party may do
    with it now; the forms that go with them."""
    from django.utils import timezone

    from complaints import services, states
    from complaints.forms_conversation import AcceptOfferForm, DeclineOfferForm

    now = timezone.now()
    offers = list(complaint.offers.order_by("created_at", "pk"))
    status = complaint.status
    for offer in offers:
        offer.can_answer = (
            party == "consumer" and offer.status == "open" and status == "awaiting_consumer"
        )
        offer.can_confirm = (
            party == "company" and offer.status == "accepted" and status == "awaiting_rating"
        )
        offer.can_dispute = (
            party == "consumer" and status == "awaiting_rating" and services.can_dispute(offer, now)
        )
    return {
        "offers": offers,
        "open_offer": next((o for o in offers if o.status == "open"), None),
        "can_make_offer": party == "company"
        and states.target_of(status, states.Action.OFFER_MADE) is not None,
        "accept_form": AcceptOfferForm(),
        "decline_form": DeclineOfferForm(),
    }


def complaints_of(consumer):
    from complaints.models import ComplaintPage

    return (
        ComplaintPage.objects.filter(consumer=consumer)
        .select_related("company", "topic")
        .order_by("-latest_revision_created_at", "-pk")
    )


def _shown(prefix: str = "") -> Q:
    """A complaint is shown in a public status under a live company, besides being live:
    `live` alone is not trusted."""
    from complaints.states import PUBLIC_STATUSES

    return Q(**{f"{prefix}status__in": PUBLIC_STATUSES, f"{prefix}company__live": True})


def public_complaints():
    """Complaints anyone may see: live pages in a public status under a live company
    (the same rule as the search index), newest first."""
    from complaints.models import ComplaintPage

    return (
        ComplaintPage.objects.live()
        .public()
        .filter(_shown())
        .select_related("company", "topic")
        .order_by("-published_at", "-pk")
    )


def without_hidden_complaints(pages):
    """`pages` (a queryset of pages of any type) less the complaints public_complaints()
    leaves out; for Wagtail's pages API, which filters on `live` only. As a filter on the
    primary key, the one kind of filter Wagtail's search accepts on any field."""
    from wagtail.models import Page

    shown = Page.objects.filter(Q(complaintpage__isnull=True) | _shown("complaintpage__"))
    return pages.filter(pk__in=shown.values("pk"))


def escalation_pages(complaint) -> list:
    """The advisor's next routes, as their advice pages, when a step up is due."""
    from complaints.documents import escalation_routes, needs_escalation
    from complaints.hooks import escalation_route_pages

    if not needs_escalation(complaint):
        return []
    routes = escalation_routes(complaint)
    pages = escalation_route_pages(routes)  # advice's pages, through its wagtail_hooks.py
    return [pages[r] for r in routes if r in pages]
