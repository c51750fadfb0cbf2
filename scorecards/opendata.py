"""Open data: the scores per company per month, from the public complaints (CC0).

A month is the month in which the complaints were published (Dutch time); each row
counts that month's public complaints of one company, as the scores count them: first
reactions on time (of the complaints whose first term ended or was answered), and the
consumers' ratings of those complaints, each share and mean with its 95% interval. One
grouped query (the database does the counting); rows are streamed.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import TruncMonth

from scorecards.intervals import mean_interval, wilson

LICENCE = "CC0-1.0"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"

_COUNT = {"type": "integer", "minimum": 0}
_SHARE = {"type": ["number", "null"], "minimum": 0, "maximum": 1}
_GRADE = {"type": ["number", "null"], "minimum": 1, "maximum": 10}

# Every column of a row, in order, with its JSON Schema: the one source for the CSV
# header, the keys of monthly_rows() and the OpenAPI schema MonthlyScore
# (scorecards.openapi).
MONTHLY_FIELDS = {
    "company_slug": {"type": "string"},
    "company_name": {"type": "string"},
    "month": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"},
    "complaints": {"type": "integer", "minimum": 1},
    "first_reaction_terms": _COUNT,
    "first_reaction_on_time": _COUNT,
    "first_reaction_on_time_share": _SHARE,
    "first_reaction_on_time_share_low": _SHARE,
    "first_reaction_on_time_share_high": _SHARE,
    "rated": _COUNT,
    "solved": _COUNT,
    "solved_share": _SHARE,
    "solved_share_low": _SHARE,
    "solved_share_high": _SHARE,
    "mean_grade": _GRADE,
    "mean_grade_low": _GRADE,
    "mean_grade_high": _GRADE,
}
MONTHLY_COLUMNS = list(MONTHLY_FIELDS)


def monthly_totals():
    """Per company and month of publication, the counts and sums behind the figures."""
    from complaints.models import ComplaintEvent, Reaction
    from complaints.selectors import public_complaints
    from complaints.states import Action

    first_reaction = Reaction.objects.filter(complaint=OuterRef("pk"), party="company").order_by(
        "created_at", "pk"
    )
    term_missed = ComplaintEvent.objects.filter(
        complaint=OuterRef("pk"), action=Action.COMPANY_TERM_MISSED
    )
    return (
        public_complaints()
        .order_by()
        .annotate(
            month=TruncMonth("published_at"),
            first_on_time=Subquery(first_reaction.values("on_time")[:1]),
            term_missed=Exists(term_missed),
        )
        .values("company__slug", "company__title", "month")
        .annotate(
            complaints=Count("pk"),
            first_reaction_terms=Count(
                "pk", filter=Q(first_on_time__isnull=False) | Q(term_missed=True)
            ),
            first_reaction_on_time=Count("pk", filter=Q(first_on_time=True)),
            rated=Count("rating"),
            solved=Count("rating", filter=Q(rating__solved=True)),
            grade_sum=Sum("rating__grade"),
            grade_sum_squares=Sum(F("rating__grade") * F("rating__grade")),
        )
        .order_by("company__slug", "month")
    )


def _share(successes: int, n: int, prefix: str) -> dict:
    interval = wilson(successes, n)
    return {
        f"{prefix}_share": round(successes / n, 4) if n else None,
        f"{prefix}_share_low": round(interval.low, 4) if interval else None,
        f"{prefix}_share_high": round(interval.high, 4) if interval else None,
    }


def monthly_rows() -> Iterator[dict]:
    """One dict a company and month, with the keys of MONTHLY_COLUMNS in that order."""
    for totals in monthly_totals().iterator(chunk_size=2000):
        rated, grade_sum = totals["rated"], totals["grade_sum"] or 0
        interval = mean_interval(rated, grade_sum, totals["grade_sum_squares"] or 0)
        yield {
            "company_slug": totals["company__slug"],
            "company_name": totals["company__title"],
            "month": totals["month"].strftime("%Y-%m"),
            "complaints": totals["complaints"],
            "first_reaction_terms": totals["first_reaction_terms"],
            "first_reaction_on_time": totals["first_reaction_on_time"],
            **_share(
                totals["first_reaction_on_time"],
                totals["first_reaction_terms"],
                "first_reaction_on_time",
            ),
            "rated": rated,
            "solved": totals["solved"],
            **_share(totals["solved"], rated, "solved"),
            "mean_grade": round(grade_sum / rated, 2) if rated else None,
            "mean_grade_low": round(interval.low, 2) if interval else None,
            "mean_grade_high": round(interval.high, 2) if interval else None,
        }
