"""The complaint life cycle: statuses, the transition table and its terms.

Pure data and small pure functions; the one function that writes a status is
`complaints.services.transition`, which uses this table.
"""

from datetime import timedelta

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
    **{(source, A.WITHDRAW): S.WITHDRAWN for source in _WITHDRAWABLE},
    **{(source, A.EXPIRE): S.EXPIRED for source in PUBLIC_STATUSES},
}


def target_of(source: str, action: str) -> Status | None:
    return TRANSITIONS.get((Status(source), Action(action)))


def allowed_actions(source: str) -> list[Action]:
    return [action for (src, action) in TRANSITIONS if src == source]


def is_public(status: str) -> bool:
    return status in PUBLIC_STATUSES
