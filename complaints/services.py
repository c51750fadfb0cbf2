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
from django.utils import timezone
from wagtail.models import Page

from complaints import notifications, states
from complaints.models import ComplaintEvent, ComplaintPage, ComplaintPrivateDetails
from complaints.screening import screen
from complaints.states import Action, Status, TransitionNotAllowed
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
) -> ComplaintEvent:
    """Move a complaint along the transition table: lock, check, save, log, notify.

    Raises TransitionNotAllowed when the table has no such move from the current
    status (re-read under the row lock, so two racing calls cannot both pass).
    """
    now = now or _clock.get() or timezone.now()
    locked = ComplaintPage.objects.select_for_update().get(pk=complaint.pk)
    lifecycle = states.Lifecycle.of(locked)
    source = lifecycle.apply(action, now, note, complaint_id=locked.pk)
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
        _unpublish(locked.pk)
    logger.info("complaint %s: %s %s -> %s", locked.pk, action, source, target)
    if notifications_on():
        notifications.queue_for_event(event, reaction=reaction)
    queue_search_sync([locked.pk])
    return event


@transaction.atomic
def transition_due(action: str, *, now: datetime, due_field: str = "due_at") -> int:
    """The set-based form of `transition`, for what the clock decides: every complaint
    whose `due_field` has passed moves along the table for `action`.

    A constant number of statements whatever the number of complaints: per source
    status one UPDATE, one INSERT of events, the outbox INSERTs and (when the
    complaint leaves the public site) one UPDATE of the pages. The UPDATE re-checks
    its WHERE on rows another sweep just moved (PostgreSQL's READ COMMITTED), so two
    sweeps at once move each complaint once.
    """
    moved = 0
    for (source, table_action), target in states.TRANSITIONS.items():
        if table_action != action:
            continue
        if target in states.TERM_HOLDER:  # clock-driven targets start no term
            raise ValueError(f"{action} would start a term; use transition() instead")
        token = uuid.uuid4()
        count = ComplaintPage.objects.filter(status=source, **{f"{due_field}__lte": now}).update(
            status=target, due_at=None, sweep_token=token, changed_at=now
        )
        if not count:
            continue
        with connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO complaints_complaintevent
                    (complaint_id, action, from_status, to_status, actor_id, note, created_at)
                SELECT page_ptr_id, %s, %s, %s, NULL, '', %s
                FROM complaints_complaintpage WHERE sweep_token = %s
                """,
                [action, source, target, now, token],
            )
        if notifications_on():
            notifications.queue_for_sweep(token, action, now)
        if source in states.PUBLIC_STATUSES and target not in states.PUBLIC_STATUSES:
            # Off the public site in the same transaction. (Wagtail's per-page
            # unpublish would cost queries per complaint.)
            Page.objects.filter(
                pk__in=ComplaintPage.objects.filter(sweep_token=token).values("pk")
            ).update(live=False, has_unpublished_changes=True)
        queue_search_sync_sweep(token)
        logger.info("sweep: %s %s -> %s for %d complaints", action, source, target, count)
        moved += count
    if moved and notifications_on():
        notifications.kick_delivery()
    return moved


def queue_search_sync(complaint_ids: list[int]) -> None:
    """Bring the search index in line with these complaints once this commits."""
    if _index.get():
        after_commit("search.tasks.sync_complaints", complaint_ids, name="search_sync")


def queue_search_sync_sweep(token) -> None:
    if _index.get():
        after_commit("search.tasks.sync_sweep", str(token), name="search_sync_sweep")


def _unpublish(complaint_id: int) -> None:
    page = ComplaintPage.objects.get(pk=complaint_id)
    if page.live:
        page.unpublish(log_action=True)


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


def update_draft(complaint: ComplaintPage, fields: dict) -> ComplaintPage:
    for name, value in fields.items():
        setattr(complaint, name, value)
    complaint.draft_title = complaint.title
    complaint.save()
    return complaint


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


def withdraw(complaint: ComplaintPage, consumer, now: datetime | None = None) -> ComplaintEvent:
    state = complaint.current_workflow_state
    event = transition(complaint, Action.WITHDRAW, actor=consumer, now=now)
    if state:
        state.cancel(user=consumer)
    return event


# The conversation ------------------------------------------------------------------


class NotAParty(Exception):
    """Only the consumer and the company's representatives take part; it is no forum."""


class NotYourTurn(Exception):
    pass


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


def moderate_reaction(reaction, moderator, *, visible: bool, note: str = "") -> None:
    from complaints.models import Reaction

    reaction.visibility = Reaction.Visibility.VISIBLE if visible else Reaction.Visibility.HIDDEN
    reaction.moderation_note = note
    reaction.moderated_by = moderator
    reaction.moderated_at = timezone.now()
    reaction.save(update_fields=["visibility", "moderation_note", "moderated_by", "moderated_at"])
    reaction.reports.update(handled=True)
