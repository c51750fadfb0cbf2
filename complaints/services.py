"""Every write to complaints that touches more than one object.

`transition` is the only code that assigns a complaint's status.
"""

import logging
import secrets
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from wagtail.actions.delete_page import DeletePageAction
from wagtail.models import Page, PageLogEntry

from complaints import attachments, notifications, states
from complaints.models import (
    Attachment,
    ComplaintEvent,
    ComplaintPage,
    ComplaintPrivateDetails,
    ContactLogEntry,
)
from complaints.models.complaint import complaint_page_tags
from complaints.screening import screen
from complaints.states import Action, Status, TransitionNotAllowed
from core import pagecache
from core.queue import after_commit

logger = logging.getLogger(__name__)


# For data made after the fact (demo data, imports): a clock and a mail switch that
# reach transitions started by Wagtail's workflow signals too.
_clock: ContextVar[datetime | None] = ContextVar("complaint_clock", default=None)
_notify: ContextVar[bool] = ContextVar("complaint_notify", default=True)
_index: ContextVar[bool] = ContextVar("complaint_index", default=True)


@contextmanager
def _switched(var: ContextVar, value):
    token = var.set(value)
    try:
        yield
    finally:
        var.reset(token)


def search_sync_enabled(enabled: bool):
    """Off for bulk work (imports) that indexes in bulk afterwards."""
    return _switched(_index, enabled)


def search_sync_on() -> bool:
    return _index.get()


def transition_time(now: datetime | None):
    return _switched(_clock, now)


def notifications_enabled(enabled: bool):
    return _switched(_notify, enabled)


def notifications_on() -> bool:
    return _notify.get()


@transaction.atomic
def transition(
    complaint: ComplaintPage,
    action: str,
    *,
    actor=None,
    note: str = "",
    now: datetime | None = None,
    reaction=None,
    term_until: datetime | None = None,
) -> ComplaintEvent:
    """Move a complaint along the transition table: lock, check, save, log, notify.
    `term_until`: the end of the term this move starts, when not the usual one
    (`states.offer_term`).

    Raises TransitionNotAllowed when the table has no such move from the current
    status (re-read under the row lock, so two racing calls cannot both pass).
    """
    now = now or _clock.get() or timezone.now()
    locked = ComplaintPage.objects.select_for_update().get(pk=complaint.pk)
    lifecycle = states.Lifecycle.of(locked)
    source = lifecycle.apply(action, now, note, complaint_id=locked.pk, term_until=term_until)
    target = Status(lifecycle.status)
    # One UPDATE of the lifecycle fields, never through a page revision.
    ComplaintPage.objects.filter(pk=locked.pk).update(**lifecycle.values())
    for name, value in lifecycle.values().items():
        setattr(locked, name, value)
        setattr(complaint, name, value)
    event = ComplaintEvent.objects.create(
        complaint=locked,
        action=action,
        from_status=source,
        to_status=target,
        actor=actor,
        note=note,
        created_at=now,
    )
    if source in states.PUBLIC_STATUSES and target not in states.PUBLIC_STATUSES:
        # Withdrawn or expired: off the public site (and so out of the API), in the
        # same transaction as the status.
        _unpublish(locked.pk, expired=action == Action.EXPIRE)
    logger.info("complaint %s: %s %s -> %s", locked.pk, action, source, target)
    if notifications_on():
        notifications.queue_for_event(event, reaction=reaction)
    queue_search_sync([locked.pk])
    pagecache.bump_on_commit(*complaint_page_tags(locked.pk, locked.company_id))
    return event


def sources_due(action: str) -> list[str]:
    """The statuses from which the clock's `action` moves a complaint, in table order."""
    return [source for (source, a) in states.TRANSITIONS if a == action]


@transaction.atomic
def transition_due_from(
    source: str,
    action: str,
    *,
    now: datetime,
    due_field: str = "due_at",
    only: Q | None = None,
    on_moved=None,
) -> int:
    """The set-based form of `transition`, for what the clock decides (complaints.clock
    runs it per source status): every complaint in `source` whose `due_field` has passed
    by `now` moves along the table for `action`, in one transaction of its own.

    The field changes come from the state machine (`states.set_changes`, i.e.
    `Lifecycle.apply`), and each move is dated at the moment its term or lifetime ran
    out (the row's own `due_field`), so a late sweep records what `transition` at that
    moment, or an import replaying the same history, would have recorded.

    A constant number of statements whatever the number of complaints: one UPDATE, one
    INSERT of events, the outbox INSERTs and (when the complaint leaves the public
    site) one UPDATE of the pages and one INSERT of their log entries. The UPDATE
    re-checks its WHERE on rows another sweep just moved (PostgreSQL's READ
    COMMITTED), so two sweeps at once move each complaint once.

    `only` narrows the complaints (an offer's expiry: those with an open offer);
    `on_moved(token)` writes what else the move changes, in the same transaction.
    """
    target, changes = states.set_changes(source, action)
    token = uuid.uuid4()
    values = {
        name: F(due_field) if value is states.MOMENT else value for name, value in changes.items()
    }
    due = ComplaintPage.objects.filter(status=source, **{f"{due_field}__lte": now})
    if only is not None:
        due = due.filter(only)
    count = due.update(**values, sweep_token=token)
    if not count:
        return 0
    if on_moved is not None:
        on_moved(token)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO complaints_complaintevent
                (complaint_id, action, from_status, to_status, actor_id, note, created_at)
            SELECT page_ptr_id, %s, %s, %s, NULL, '', changed_at
            FROM complaints_complaintpage WHERE sweep_token = %s
            """,
            [action, source, target, token],
        )
    if notifications_on():
        notifications.queue_for_sweep(token, action, now)
        notifications.kick_delivery()
    if source in states.PUBLIC_STATUSES and target not in states.PUBLIC_STATUSES:
        _unpublish_swept(token, expired=action == Action.EXPIRE, now=now)
    queue_search_sync_sweep(token)
    queue_page_refresh_sweep(token)
    logger.info("sweep: %s %s -> %s for %d complaints", action, source, target, count)
    return count


def _unpublish_swept(token, *, expired: bool, now: datetime) -> None:
    """Wagtail's unpublish (live off, live revision cleared, an entry in the page's
    history) for every page a sweep moved off the public site, in two statements.
    Wagtail's per-page action would cost several queries and a signal per complaint;
    the sweep queues the search index itself."""
    with connection.cursor() as cursor:
        # Logged first, and only for pages that were online (one an editor took offline
        # earlier has its own entry already).
        cursor.execute(
            """
            INSERT INTO wagtailcore_pagelogentry
                (content_type_id, label, action, data, timestamp, uuid, user_id,
                 revision_id, content_changed, deleted, page_id)
            SELECT p.content_type_id, p.title, 'wagtail.unpublish', '{}', %s, NULL, NULL,
                   NULL, FALSE, FALSE, p.id
            FROM wagtailcore_page p
            JOIN complaints_complaintpage c ON c.page_ptr_id = p.id
            WHERE c.sweep_token = %s AND p.live
            """,
            [now, token],
        )
    swept = ComplaintPage.objects.filter(sweep_token=token).values("pk")
    Page.objects.filter(pk__in=swept, live=True).update(
        live=False, has_unpublished_changes=True, live_revision=None, expired=expired
    )


def queue_search_sync(complaint_ids: list[int]) -> None:
    """Bring the search index in line with these complaints once this commits."""
    if _index.get():
        after_commit("search.tasks.sync_complaints", complaint_ids, name="search_sync")


def queue_search_sync_sweep(token) -> None:
    if _index.get():
        after_commit("search.tasks.sync_sweep", str(token), name="search_sync_sweep")


def queue_page_refresh_sweep(token) -> None:
    """The cached pages of every complaint a sweep moved, and of their companies, are
    stale once it commits (one read of the swept rows, one write to the cache)."""
    tags = [pagecache.COMPLAINTS]
    for complaint_id, company_id in ComplaintPage.objects.filter(sweep_token=token).values_list(
        "pk", "company_id"
    ):
        tags += complaint_page_tags(complaint_id, company_id)
    pagecache.bump_on_commit(*tags)


def _unpublish(complaint_id: int, *, expired: bool = False) -> None:
    page = ComplaintPage.objects.get(pk=complaint_id)
    if page.live:
        page.unpublish(set_expired=expired, log_action=True)


def new_slug() -> str:
    # Random, so a complaint's URL never carries its title or anyone's name; 64 bits,
    # so that even a million complaints under one company do not collide.
    return secrets.token_hex(8)


@transaction.atomic
def start_draft(consumer, company, scope: dict, slug: str | None = None) -> ComplaintPage:
    """Step 1 of the wizard: a draft under the company, not live, owned by the consumer."""
    draft = ComplaintPage(
        title=ComplaintPage.DRAFT_TITLE,
        slug=slug or new_slug(),
        live=False,
        consumer=consumer,
        company=company,
        owner=consumer,
        **scope,
    )
    company.add_child(instance=draft)
    ComplaintPrivateDetails.objects.create(complaint=draft)
    return draft


class NotEditable(Exception):
    """The complaint left draft/rejected (sent to moderation, withdrawn) meanwhile."""


@transaction.atomic
def update_draft(complaint: ComplaintPage, fields: dict) -> ComplaintPage:
    """The consumer's text, saved only while the complaint is theirs to edit: under the
    row lock, so a submit that runs at the same moment cannot be undone by it."""
    locked = ComplaintPage.objects.select_for_update().get(pk=complaint.pk)
    if locked.status not in states.EDITABLE:
        raise NotEditable
    for name, value in fields.items():
        setattr(locked, name, value)
        setattr(complaint, name, value)
    locked.draft_title = complaint.draft_title = locked.title
    locked.save(update_fields=[*fields, "draft_title"])
    return complaint


@transaction.atomic
def save_evidence(
    complaint: ComplaintPage,
    user,
    *,
    private: dict | None = None,
    upload=None,
    contact: dict | None = None,
) -> tuple[Attachment | None, ContactLogEntry | None]:
    """The private details, a file and a contact moment, each optional: all stored, or,
    when one is refused (the file's ValidationError), none.

    The private details change only while the complaint is editable; evidence may be
    added as long as states.EVIDENCE_OPEN allows. Under the row lock, so a submit or a
    withdrawal at the same moment is seen.
    """
    locked = ComplaintPage.objects.select_for_update().get(pk=complaint.pk)
    allowed = states.EDITABLE if private is not None else states.EVIDENCE_OPEN
    if locked.status not in allowed:
        raise NotEditable
    if private is not None:
        ComplaintPrivateDetails.objects.update_or_create(complaint=locked, defaults=private)
    entry = ContactLogEntry.objects.create(complaint=locked, **contact) if contact else None
    # Last: its checks read the file, and a refusal rolls back the rest with it.
    attachment = attachments.add_attachment(locked, upload, user) if upload else None
    if locked.status in states.PUBLIC_STATUSES:
        # The company already has the complaint: it hears of new evidence, one message each.
        if attachment:
            notifications.queue_evidence_added(locked, attachment=attachment)
        if entry:
            notifications.queue_evidence_added(locked, entry=entry)
    return attachment, entry


class NotDeletable(Exception):
    """Only the consumer's own draft can be deleted; a sent complaint is withdrawn."""


@transaction.atomic
def delete_draft(complaint: ComplaintPage, consumer) -> None:
    """The consumer deletes their own draft, through Wagtail's page deletion (the door
    the admin uses too): the page, its private details, contact log and attachments go;
    the attachments' files leave storage once this commits (signal_handlers), and the
    search index is brought in line (search.signal_handlers, post_delete)."""
    locked = ComplaintPage.objects.select_for_update().get(pk=complaint.pk)
    if locked.status != Status.DRAFT or locked.consumer_id != consumer.pk:
        raise NotDeletable
    pk = locked.pk
    DeletePageAction(locked, user=consumer).execute(skip_permission_checks=True)
    # Wagtail's history keeps the page title as the entry's label; the consumer asked
    # for the draft to go, so its title does not stay behind there.
    PageLogEntry.objects.filter(page_id=pk).update(label=f"concept {pk} (verwijderd)", data={})
    logger.info("complaint %s: draft deleted by its consumer", pk)


def screen_complaint(complaint: ComplaintPage) -> list[dict]:
    fields = {
        name: (ComplaintPage._meta.get_field(name).verbose_name, getattr(complaint, name))
        for name in ("title", "description", "desired_outcome")
    }
    return screen(fields)


@transaction.atomic
def submit(complaint: ComplaintPage, consumer, now: datetime | None = None) -> ComplaintEvent:
    """The consumer sends the complaint to moderation: revision, screening, workflow."""
    complaint.screening_hits = screen_complaint(complaint)
    ComplaintPage.objects.filter(pk=complaint.pk).update(screening_hits=complaint.screening_hits)
    event = transition(complaint, Action.SUBMIT, actor=consumer, now=now)
    revision = complaint.save_revision(user=consumer, log_action=False)
    workflow = complaint.get_workflow()
    if workflow is None:
        raise RuntimeError("The moderation workflow 'Klachtmoderatie' is missing or inactive.")
    state = complaint.current_workflow_state
    if state:
        state.cancel(user=consumer)
    workflow.start(complaint, consumer)
    logger.info("complaint %s: revision %s in moderation", complaint.pk, revision.pk)
    return event


@transaction.atomic
def approve_and_publish(complaint: ComplaintPage, *, user=None) -> ComplaintEvent | None:
    """The moderator's approval: `in_moderation` → public, and the submitted revision
    live. Returns None (and publishes nothing) when the complaint is no longer in
    moderation."""
    locked = ComplaintPage.objects.select_for_update().get(pk=complaint.pk)
    if locked.status != Status.IN_MODERATION:
        logger.warning("complaint %s: approved while %s; not published", locked.pk, locked.status)
        return None
    event = transition(locked, Action.APPROVE, actor=user)
    locked.get_latest_revision().publish(user=user, skip_permission_checks=True)
    return event


@transaction.atomic
def withdraw(complaint: ComplaintPage, consumer, now: datetime | None = None) -> ComplaintEvent:
    """The consumer takes the complaint back: the transition and the end of a running
    moderation, together or not at all."""
    event = transition(complaint, Action.WITHDRAW, actor=consumer, now=now)
    state = complaint.current_workflow_state
    if state:
        state.cancel(user=consumer)
    return event


# The conversation ------------------------------------------------------------------


class NotAParty(Exception):
    """Only the consumer and the company's representatives take part; it is no forum."""


class NotYourTurn(Exception):
    pass


class OfferWaiting(NotYourTurn):
    """The consumer answers the open offer (accept or decline) before reacting."""


class OfferClosed(NotYourTurn):
    """The offer was answered, confirmed or lapsed meanwhile (or a double submit)."""


REACT_ACTIONS = {"consumer": Action.CONSUMER_REACTS, "company": Action.COMPANY_REACTS}


def party_of(user, complaint: ComplaintPage) -> str | None:
    from complaints.permissions import is_owner, represents

    if is_owner(user, complaint):
        return "consumer"
    if represents(user, complaint.company):
        return "company"
    return None


def check_text(body: str, limit: int) -> str:
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Schrijf eerst je reactie."))
    if len(body) > limit:
        raise ValidationError(_("Je reactie is te lang: hooguit %(max)d tekens.") % {"max": limit})
    return body


@transaction.atomic
def react(complaint: ComplaintPage, user, body: str, now: datetime | None = None):
    """A party's turn: the reaction and the transition it causes, together or not at all.

    A company may react after its term has passed (the status says "unanswered"); the
    reaction is kept as late. A reaction the screening flags waits for a moderator
    before anyone but its author sees it; the turn passes all the same.
    """
    party = party_of(user, complaint)
    if party is None:
        raise NotAParty
    reaction = add_reaction(complaint, party, body, author=user, now=now)
    complaint.refresh_from_db()
    return reaction


@transaction.atomic
def add_reaction(complaint: ComplaintPage, party: str, body: str, *, author=None, now=None):
    """The reaction of `party` ("consumer" or "company"); `react` checks who may post,
    imports of archived threads call this directly."""
    from complaints.models import MAX_REACTION_LENGTH, Reaction

    body = check_text(body, MAX_REACTION_LENGTH)
    now = now or _clock.get() or timezone.now()
    locked = ComplaintPage.objects.select_for_update().get(pk=complaint.pk)
    action = REACT_ACTIONS[party]
    if states.target_of(locked.status, action) is None:
        raise NotYourTurn
    if party == "consumer" and locked.offers.filter(status="open").exists():
        # The consumer's turn is the answer to the offer; a reaction would leave the
        # offer hanging. Declining it (with the reason) is the way to say more.
        raise OfferWaiting
    on_time = states.Lifecycle.of(locked).reaction_on_time(now)
    hits = screen({"body": ("reactie", body)})
    reaction = Reaction.objects.create(
        complaint=locked,
        author=author,
        party=party,
        body=body,
        created_at=now,
        due_at=locked.due_at,
        on_time=on_time,
        visibility=Reaction.Visibility.PENDING if hits else Reaction.Visibility.VISIBLE,
        screening_hits=hits,
    )
    transition(locked, action, actor=author, now=now, reaction=reaction)
    return reaction


def mark_solved(complaint: ComplaintPage, user, now: datetime | None = None) -> ComplaintEvent:
    if party_of(user, complaint) != "company":
        raise NotAParty
    try:
        return transition(complaint, Action.MARK_SOLVED, actor=user, now=now)
    except TransitionNotAllowed as exc:
        raise NotYourTurn from exc


@transaction.atomic
def rate(complaint: ComplaintPage, user, *, grade: int, solved: bool, comment: str = "", now=None):
    """The consumer grades the handling (1-10); the complaint is then rated and closed."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from complaints.models import Rating

    if party_of(user, complaint) != "consumer":
        raise NotAParty
    if not isinstance(grade, int) or not 1 <= grade <= 10:
        raise ValidationError(_("Geef een cijfer van 1 tot en met 10."))
    now = now or _clock.get() or timezone.now()
    try:
        event = transition(complaint, Action.RATE, actor=user, now=now)
    except TransitionNotAllowed as exc:
        raise NotYourTurn from exc
    rating = Rating.objects.create(
        complaint=complaint,
        grade=grade,
        solved=solved,
        comment=(comment or "").strip()[:2000],
        created_at=now,
    )
    from complaints.signals import queue_recompute

    queue_recompute(complaint.company_id)
    return rating, event


def report_reaction(reaction, user, reason: str):
    from complaints.models import ReactionReport

    if party_of(user, reaction.complaint) is None:
        raise NotAParty
    reason = check_text(reason, 1000)
    report, _created = ReactionReport.objects.get_or_create(
        reaction=reaction, reporter=user, defaults={"reason": reason}
    )
    return report


@transaction.atomic
def moderate_reaction(reaction, moderator, *, visibility: str, note: str = "") -> None:
    """A moderator's decision on a reaction (shown, hidden or still waiting); its open
    reports are handled with it. The admin's moderation queue calls this too."""
    from complaints.models import Reaction

    locked = Reaction.objects.select_for_update().get(pk=reaction.pk)
    locked.visibility = reaction.visibility = Reaction.Visibility(visibility)
    locked.moderation_note = reaction.moderation_note = note
    locked.moderated_by = reaction.moderated_by = moderator
    locked.moderated_at = reaction.moderated_at = timezone.now()
    locked.save(update_fields=["visibility", "moderation_note", "moderated_by", "moderated_at"])
    locked.reports.update(handled=True)
    logger.info("reaction %s: %s by moderator %s", locked.pk, locked.visibility, moderator.pk)


# Settlement offers --------------------------------------------------------------------


def _offer_now(now):
    return now or _clock.get() or timezone.now()


def _lock_offer(offer, complaint_id: int):
    """The complaint's row, then the offer's: the order every offer write takes, so two
    answers at once wait for each other instead of deadlocking."""
    from complaints.models import SettlementOffer

    ComplaintPage.objects.select_for_update().get(pk=complaint_id)
    return SettlementOffer.objects.select_for_update().get(pk=offer.pk, complaint_id=complaint_id)


def _offer_move(complaint, action: str, user, now, **kwargs) -> ComplaintEvent:
    try:
        return transition(complaint, action, actor=user, now=now, **kwargs)
    except TransitionNotAllowed as exc:
        raise NotYourTurn from exc


def _figures_changed(complaint) -> None:
    from complaints.signals import queue_recompute

    queue_recompute(complaint.company_id)


@transaction.atomic
def make_offer(complaint: ComplaintPage, user, *, now: datetime | None = None, **fields):
    """The company's offer, on its turn: kind, amount, description, message, answer_by,
    carry_out_by. The consumer's term becomes the offer's answer date. Raises
    ValidationError (per field) for an offer that breaks the rules."""
    from complaints.models import SettlementOffer

    if party_of(user, complaint) != "company":
        raise NotAParty
    now = _offer_now(now)
    locked = ComplaintPage.objects.select_for_update().get(pk=complaint.pk)
    if states.target_of(locked.status, Action.OFFER_MADE) is None:
        raise NotYourTurn
    # A turn like a reaction: on time by the same rule (states.Lifecycle).
    on_time = states.Lifecycle.of(locked).reaction_on_time(now)
    offer = SettlementOffer(
        complaint=locked, author=user, created_at=now, on_time=on_time, **fields
    )
    offer.message = (offer.message or "").strip()
    offer.full_clean(exclude=["complaint", "author"], validate_constraints=False)
    offer.save()
    _offer_move(
        locked,
        Action.OFFER_MADE,
        user,
        now,
        term_until=states.offer_term(
            Action.OFFER_MADE, answer_by=offer.answer_by, carry_out_by=offer.carry_out_by
        ),
    )
    complaint.refresh_from_db()
    return offer


@transaction.atomic
def accept_offer(offer, user, *, amount_public: bool = False, now: datetime | None = None):
    """The consumer takes the offer: on to the rating, after the date it is carried out by."""
    complaint = offer.complaint
    if party_of(user, complaint) != "consumer":
        raise NotAParty
    now = _offer_now(now)
    locked = _lock_offer(offer, complaint.pk)
    if locked.status != locked.State.OPEN:
        raise OfferClosed
    _offer_move(
        complaint,
        Action.OFFER_ACCEPTED,
        user,
        now,
        term_until=states.offer_term(
            Action.OFFER_ACCEPTED, answer_by=locked.answer_by, carry_out_by=locked.carry_out_by
        ),
    )
    locked.status = locked.State.ACCEPTED
    locked.answered_at = now
    locked.amount_public = bool(amount_public) and locked.amount is not None
    locked.save(update_fields=["status", "answered_at", "amount_public"])
    _figures_changed(complaint)
    return locked


@transaction.atomic
def decline_offer(offer, user, reason: str, *, now: datetime | None = None):
    """The consumer turns the offer down, saying why; the company's turn again."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from complaints.models.offers import MAX_OFFER_TEXT

    complaint = offer.complaint
    if party_of(user, complaint) != "consumer":
        raise NotAParty
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Schrijf kort waarom je het voorstel afwijst."))
    if len(reason) > MAX_OFFER_TEXT:
        raise ValidationError(
            _("Je reden is te lang: hooguit %(max)d tekens.") % {"max": MAX_OFFER_TEXT}
        )
    now = _offer_now(now)
    locked = _lock_offer(offer, complaint.pk)
    if locked.status != locked.State.OPEN:
        raise OfferClosed
    _offer_move(complaint, Action.OFFER_DECLINED, user, now)
    locked.status = locked.State.DECLINED
    locked.answered_at = now
    locked.decline_reason = reason
    locked.save(update_fields=["status", "answered_at", "decline_reason"])
    return locked


@transaction.atomic
def confirm_offer_carried_out(offer, user, *, now: datetime | None = None):
    """The company says it did what it offered; the consumer's rating term starts now."""
    complaint = offer.complaint
    if party_of(user, complaint) != "company":
        raise NotAParty
    now = _offer_now(now)
    locked = _lock_offer(offer, complaint.pk)
    if locked.status != locked.State.ACCEPTED:
        raise OfferClosed
    _offer_move(complaint, Action.OFFER_CARRIED_OUT, user, now)
    locked.status = locked.State.CARRIED_OUT
    locked.carried_out_at = now
    locked.save(update_fields=["status", "carried_out_at"])
    _figures_changed(complaint)
    return locked


def can_dispute(offer, now: datetime) -> bool:
    """The consumer may say an accepted offer was not carried out once the company says
    it was, or once the date it was due by has passed without that."""
    if offer.status == offer.State.CARRIED_OUT:
        return True
    return offer.status == offer.State.ACCEPTED and timezone.localdate(now) > offer.carry_out_by


@transaction.atomic
def report_offer_not_carried_out(offer, user, *, now: datetime | None = None):
    """The consumer says the offer was not carried out: the company's turn again."""
    complaint = offer.complaint
    if party_of(user, complaint) != "consumer":
        raise NotAParty
    now = _offer_now(now)
    locked = _lock_offer(offer, complaint.pk)
    if not can_dispute(locked, now):
        raise OfferClosed
    _offer_move(complaint, Action.OFFER_NOT_CARRIED_OUT, user, now)
    locked.status = locked.State.NOT_CARRIED_OUT
    locked.disputed_at = now
    locked.save(update_fields=["status", "disputed_at"])
    _figures_changed(complaint)
    return locked


def expire_offers(now: datetime) -> int:
    """The clock's part (set-based, a constant number of statements): every open offer
    whose answer date has passed expires, and its complaint moves along the table with
    OFFER_EXPIRED (the consumer's turn lapsed). An open offer left behind by a complaint
    that moved on otherwise (withdrawn, marked solved) lapses too."""
    from complaints.models import SettlementOffer

    open_ = SettlementOffer.State.OPEN

    def lapse(token):
        SettlementOffer.objects.filter(complaint__sweep_token=token, status=open_).update(
            status=SettlementOffer.State.EXPIRED, answered_at=now
        )

    count = transition_due_from(
        Status.AWAITING_CONSUMER,
        Action.OFFER_EXPIRED,
        now=now,
        only=Q(offers__status=open_),
        on_moved=lapse,
    )
    # One read in the usual case (nothing stray); the UPDATE re-checks its WHERE, so an
    # offer answered meanwhile is left alone (its page is merely refreshed once more).
    stray = SettlementOffer.objects.filter(status=open_).exclude(
        complaint__status=Status.AWAITING_CONSUMER
    )
    tags = []
    for complaint_id, company_id in stray.values_list("complaint_id", "complaint__company_id"):
        tags += complaint_page_tags(complaint_id, company_id)
    if tags:
        with transaction.atomic():
            stray.update(status=SettlementOffer.State.EXPIRED, answered_at=now)
            pagecache.bump_on_commit(*tags)
    return count
