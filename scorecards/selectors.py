"""Read-only questions about the scores, for the ranking page and the home page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from scorecards.intervals import shared_ranks
from scorecards.models import CompanyScore


def latest_scores():
    """Each live company's most recent score, with its company, in one query."""
    newest = CompanyScore.objects.filter(company=OuterRef("company")).order_by("-computed_on")
    return CompanyScore.objects.filter(
        pk=Subquery(newest.values("pk")[:1]), company__live=True
    ).select_related("company")


@dataclass(frozen=True)
class Ranked:
    score: CompanyScore
    rank: int | None  # None: too few grades for a place
    shared: bool  # another company holds the same place


def ranked(scores: list[CompanyScore]) -> list[Ranked]:
    """Companies by their grade, placed only where the data supports it: a company
    comes below another only when the other's 95% interval of the mean grade lies
    wholly above its own; overlapping companies share a place. Within a shared place,
    alphabetical: any other order would claim a difference the data does not show."""
    ranks = shared_ranks([s.grade_interval_for_ranking for s in scores])
    counts: dict[int, int] = {}
    for rank in ranks:
        counts[rank] = counts.get(rank, 0) + 1
    rows = [Ranked(s, r, counts[r] > 1) for s, r in zip(scores, ranks, strict=True)]
    return sorted(rows, key=lambda row: (row.rank, row.score.company.title.lower()))


def ranking() -> dict[str, list[Ranked]]:
    """Companies with at least MIN_RATED grades, ranked (see ranked) over all of them
    and split by verdict: "pluimen", "improve" (an improvement point) and "others".
    Below that number a company gets no place ("few", alphabetical): its interval is
    so wide that any place would say more than its grades do."""
    from scorecards.scores import MIN_RATED

    graded = [s for s in latest_scores() if s.smoothed_grade is not None]
    rows = ranked([s for s in graded if s.rated >= MIN_RATED])
    few = sorted(
        (Ranked(s, None, False) for s in graded if s.rated < MIN_RATED),
        key=lambda row: row.score.company.title.lower(),
    )
    return {
        "pluimen": [r for r in rows if r.score.verdict == CompanyScore.Verdict.PLUIM],
        "improve": [r for r in rows if r.score.verdict == CompanyScore.Verdict.IMPROVE],
        "others": [r for r in rows if not r.score.verdict],
        "few": few,
    }
