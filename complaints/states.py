"""The complaint life cycle: statuses, the transition table and its terms.

Pure data and pure functions: `Lifecycle.apply` is the one place a move and the terms
it starts are decided. `complaints.services.transition` (live, one complaint under a
row lock) and the importer (history replayed in memory) both go through it.
"""

from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

TERM = timedelta(days=14)
PUBLIC_LIFETIME = timedelta(days=730)  # two years after publication


class Status(models.TextChoices):
    DRAFT = "draft", _("concept")
    IN_MODERATION = "in_moderation", _("in controle")
    REJECTED = "rejected", _("aanpassing gevraagd")
    AWAITING_COMPANY = "awaiting_company", _("wacht op reactie bedrijf")
    AWAITING_CONSUMER = "awaiting_consumer", _("wacht op reactie consument")
    AWAITING_RATING = "awaiting_rating", _("opgelost volgens bedrijf, wacht op beoordeling")
    RATED = "rated", _("beoordeeld")
    UNANSWERED = "unanswered", _("bedrijf reageerde niet")
    CLOSED = "closed", _("gesloten")
    WITHDRAWN = "withdrawn", _("ingetrokken")
    EXPIRED = "expired", _("verlopen")


PUBLIC_STATUSES = frozenset(
    {
        Status.AWAITING_COMPANY,
        Status.AWAITING_CONSUMER,
        Status.AWAITING_RATING,
        Status.RATED,
        Status.UNANSWERED,
        Status.CLOSED,
    }
)

# Statuses in which the consumer may still change the complaint's text.
EDITABLE = frozenset({Status.DRAFT, Status.REJECTED})

# Statuses in which the consumer may add evidence (attachments, contact moments): while
# writing, and after submitting for as long as the complaint is theirs on the site. Not
# once it is withdrawn or expired: then nobody else reads the private part any more.
EVIDENCE_OPEN = frozenset(Status) - {Status.WITHDRAWN, Status.EXPIRED}
EVIDENCE_AFTER_SUBMIT = EVIDENCE_OPEN - EDITABLE

# Statuses whose term is running, and whose term it is.
TERM_HOLDER = {
    Status.AWAITING_COMPANY: "company",
    Status.AWAITING_CONSUMER: "consumer",
    Status.AWAITING_RATING: "consumer",
}


class Action(models.TextChoices):
    SUBMIT = "submit", _("ingediend")
    APPROVE = "approve", _("goedgekeurd")
    REJECT = "reject", _("aanpassing gevraagd")
    COMPANY_REACTS = "company_reacts", _("bedrijf reageerde")
    CONSUMER_REACTS = "consumer_reacts", _("consument reageerde")
    MARK_SOLVED = "mark_solved", _("opgelost volgens bedrijf")
    RATE = "rate", _("beoordeeld")
    COMPANY_TERM_MISSED = "company_term_missed", _("termijn bedrijf verstreken")
    CONSUMER_TERM_MISSED = "consumer_term_missed", _("termijn consument verstreken")
    RATING_TERM_MISSED = "rating_term_missed", _("beoordelingstermijn verstreken")
    WITHDRAW = "withdraw", _("ingetrokken")
    EXPIRE = "expire", _("verlopen")
    # Back to the moderators after publication (an imported complaint whose text the
    # screening flags); their approval starts the company's term again.
    HOLD = "hold", _("teruggehouden voor moderatie")
    # The consumer deleted their account and chose to take their public complaints
    # offline: also from the statuses in which withdrawing is no longer offered.
    ERASE = "erase", _("ingetrokken bij verwijderen account")
    # Settlement offers (complaints.models.offers): the company proposes, the consumer
    # answers; an accepted offer leads to the rating, once carried out.
    OFFER_MADE = "offer_made", _("voorstel gedaan")
    OFFER_ACCEPTED = "offer_accepted", _("voorstel aangenomen")
    OFFER_DECLINED = "offer_declined", _("voorstel afgewezen")
    OFFER_EXPIRED = "offer_expired", _("voorstel verlopen")
    OFFER_CARRIED_OUT = "offer_carried_out", _("voorstel uitgevoerd volgens bedrijf")
    OFFER_NOT_CARRIED_OUT = "offer_not_carried_out", _("voorstel niet uitgevoerd volgens consument")


S, A = Status, Action
_WITHDRAWABLE = [
    S.IN_MODERATION,
    S.REJECTED,
    S.AWAITING_COMPANY,
    S.AWAITING_CONSUMER,
    S.AWAITING_RATING,
    S.UNANSWERED,
]

TRANSITIONS: dict[tuple[Status, Action], Status] = {
    (S.DRAFT, A.SUBMIT): S.IN_MODERATION,
    (S.REJECTED, A.SUBMIT): S.IN_MODERATION,
    (S.IN_MODERATION, A.APPROVE): S.AWAITING_COMPANY,
    (S.IN_MODERATION, A.REJECT): S.REJECTED,
    (S.AWAITING_COMPANY, A.COMPANY_REACTS): S.AWAITING_CONSUMER,
    # A company may still react after its term passed; the lateness stays on record.
    (S.UNANSWERED, A.COMPANY_REACTS): S.AWAITING_CONSUMER,
    (S.AWAITING_CONSUMER, A.CONSUMER_REACTS): S.AWAITING_COMPANY,
    # "Not solved": the consumer answers the company's claim and the thread goes on.
    (S.AWAITING_RATING, A.CONSUMER_REACTS): S.AWAITING_COMPANY,
    (S.AWAITING_COMPANY, A.MARK_SOLVED): S.AWAITING_RATING,
    (S.AWAITING_CONSUMER, A.MARK_SOLVED): S.AWAITING_RATING,
    (S.UNANSWERED, A.MARK_SOLVED): S.AWAITING_RATING,
    (S.AWAITING_RATING, A.RATE): S.RATED,
    (S.AWAITING_COMPANY, A.COMPANY_TERM_MISSED): S.UNANSWERED,
    (S.AWAITING_CONSUMER, A.CONSUMER_TERM_MISSED): S.CLOSED,
    (S.AWAITING_RATING, A.RATING_TERM_MISSED): S.CLOSED,
    # An offer is a company turn: made when a reaction could be.
    (S.AWAITING_COMPANY, A.OFFER_MADE): S.AWAITING_CONSUMER,
    (S.UNANSWERED, A.OFFER_MADE): S.AWAITING_CONSUMER,
    # Accepting is the company's "solved" with the consumer's consent: on to the rating,
    # whose term waits for the date the offer is to be carried out by (OFFER_TERMS).
    (S.AWAITING_CONSUMER, A.OFFER_ACCEPTED): S.AWAITING_RATING,
    (S.AWAITING_CONSUMER, A.OFFER_DECLINED): S.AWAITING_COMPANY,
    # Not answered by its answer date: the consumer's turn lapsed, as with a reaction.
    (S.AWAITING_CONSUMER, A.OFFER_EXPIRED): S.CLOSED,
    # The company's confirmation restarts the rating term from that moment.
    (S.AWAITING_RATING, A.OFFER_CARRIED_OUT): S.AWAITING_RATING,
    (S.AWAITING_RATING, A.OFFER_NOT_CARRIED_OUT): S.AWAITING_COMPANY,
    **{(source, A.WITHDRAW): S.WITHDRAWN for source in _WITHDRAWABLE},
    **{(source, A.EXPIRE): S.EXPIRED for source in PUBLIC_STATUSES},
    **{(source, A.HOLD): S.IN_MODERATION for source in PUBLIC_STATUSES},
    **{(source, A.ERASE): S.WITHDRAWN for source in PUBLIC_STATUSES},
}


# What the clock does to a running term that ran out.
TERM_MISSED = {
    Status.AWAITING_COMPANY: Action.COMPANY_TERM_MISSED,
    Status.AWAITING_CONSUMER: Action.CONSUMER_TERM_MISSED,
    Status.AWAITING_RATING: Action.RATING_TERM_MISSED,
}


# Offers bring terms of their own (taken from the offer's dates) instead of TERM.
OFFER_MIN_ANSWER = timedelta(days=3)  # the consumer's turn is never cut to nothing
OFFER_MAX_ANSWER = TERM  # nor made longer than an ordinary turn
OFFER_MAX_CARRY_OUT = timedelta(days=365)


def end_of_day(day: date) -> datetime:
    """The last moment of `day` in the site's time zone: a term "until 12 May" runs out
    when 12 May is over."""
    from django.utils import timezone

    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def offer_term(action: str, *, answer_by: date, carry_out_by: date) -> datetime | None:
    """The term an offer's move starts, when its dates decide it (None: the usual TERM).

    Made: the consumer answers by the offer's answer date. Accepted: the rating term runs
    until TERM after the date the offer is to be carried out by, so the consumer grades
    what was done, not what was promised."""
    if action == Action.OFFER_MADE:
        return end_of_day(answer_by)
    if action == Action.OFFER_ACCEPTED:
        return end_of_day(carry_out_by) + TERM
    return None


class TransitionNotAllowed(Exception):
    def __init__(self, complaint_id: int | None, status: str, action: str):
        self.status, self.action = status, action
        super().__init__(f"complaint {complaint_id}: {action} is not allowed from {status}")


@dataclass
class Lifecycle:
    """The fields the state machine writes, and the rules by which it writes them."""

    status: str = Status.DRAFT
    submitted_at: datetime | None = None
    published_at: datetime | None = None
    due_at: datetime | None = None
    expires_at: datetime | None = None
    rejection_reason: str = ""
    changed_at: datetime | None = None

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    @classmethod
    def of(cls, complaint) -> "Lifecycle":
        return cls(**{name: getattr(complaint, name) for name in cls.field_names()})

    def values(self) -> dict:
        return {name: getattr(self, name) for name in self.field_names()}

    def apply(
        self,
        action: str,
        now: datetime,
        note: str = "",
        complaint_id=None,
        term_until: datetime | None = None,
    ) -> Status:
        """Make the move `action` at `now`; returns the status it left. `term_until`
        replaces the usual term for moves whose own dates set it (`offer_term`).

        Raises TransitionNotAllowed when the table has no such move."""
        target = target_of(self.status, action)
        if target is None:
            raise TransitionNotAllowed(complaint_id, self.status, action)
        source = Status(self.status)
        self.status = target
        self.changed_at = now
        if action == Action.SUBMIT:
            self.submitted_at = now
        if target == Status.AWAITING_COMPANY and self.published_at is None:
            self.published_at = now
            self.expires_at = now + PUBLIC_LIFETIME
        # Deadlines follow from the new status; stored so that a sweep finds them.
        if target not in TERM_HOLDER:
            self.due_at = None
        else:
            self.due_at = term_until or now + TERM
        if action == Action.REJECT:
            self.rejection_reason = note
        elif action == Action.SUBMIT:
            self.rejection_reason = ""
        return source

    def reaction_on_time(self, now: datetime) -> bool:
        """Whether a reaction at `now` is within the running term."""
        return self.status != Status.UNANSWERED and (self.due_at is None or now <= self.due_at)

    def clock_until(self, moment: datetime) -> list[tuple[Action, Status, datetime]]:
        """What the clock does before `moment` (a missed term, then the expiry), applied;
        returns (action, status left, when) for each move."""
        moves = []
        missed = TERM_MISSED.get(self.status)
        if missed and self.due_at and self.due_at < moment:
            at = self.due_at
            moves.append((missed, self.apply(missed, at), at))
        if self.status in PUBLIC_STATUSES and self.expires_at and self.expires_at < moment:
            at = self.expires_at
            moves.append((Action.EXPIRE, self.apply(Action.EXPIRE, at), at))
        return moves


class _Unchanged:
    """Stands for a row's own value in `Lifecycle.set_changes`."""


class _Moment:
    """Stands for the moment of a set-based move (taken from each row)."""

    def __add__(self, other):
        raise ValueError("a set-based move cannot start a term")


def set_changes(source: str, action: str) -> tuple[Status, dict]:
    """What `Lifecycle.apply(action, moment)` does to every row in `source`, as field
    changes for one UPDATE: `apply` itself is run on placeholders, so the rules stay in
    one place. A value of `MOMENT` means "the moment of the move" (the caller maps it to
    the row's own deadline). Only for moves whose changes do not depend on a row's own
    values (the clock's: no new term, no first publication); others raise ValueError.
    """
    probe = Lifecycle(**{name: _Unchanged() for name in Lifecycle.field_names()})
    probe.status = source
    target = target_of(source, action)
    if target is None:
        raise TransitionNotAllowed(None, source, action)
    if target in TERM_HOLDER or target in (Status.IN_MODERATION, Status.AWAITING_COMPANY):
        raise ValueError(f"{action} from {source} depends on each row; use transition()")
    probe.apply(action, MOMENT)
    changes = {
        name: value for name, value in probe.values().items() if not isinstance(value, _Unchanged)
    }
    return target, changes


MOMENT = _Moment()


def target_of(source: str, action: str) -> Status | None:
    return TRANSITIONS.get((Status(source), Action(action)))


def allowed_actions(source: str) -> list[Action]:
    return [action for (src, action) in TRANSITIONS if src == source]


def is_public(status: str) -> bool:
    return status in PUBLIC_STATUSES
