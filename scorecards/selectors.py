"""Read-only questions about the scores, for the ranking page and the home page."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery

from scorecards.models import CompanyScore


def latest_scores():
    """Each live company's most recent score, with its company, in one query."""
    newest = CompanyScore.objects.filter(company=OuterRef("company")).order_by("-computed_on")
    return CompanyScore.objects.filter(
        pk=Subquery(newest.values("pk")[:1]), company__live=True
    ).select_related("company")


def ranking() -> dict[str, list[CompanyScore]]:
    """Companies with a grade, best first, split by verdict: "pluimen", "improve" (an
    improvement point) and "others"."""
    ranked = sorted(
        (s for s in latest_scores() if s.smoothed_grade is not None),
        key=lambda s: (-s.smoothed_grade, s.company.title),
    )
    return {
        "pluimen": [s for s in ranked if s.verdict == CompanyScore.Verdict.PLUIM],
        "improve": [s for s in ranked if s.verdict == CompanyScore.Verdict.IMPROVE],
        "others": [s for s in ranked if not s.verdict],
    }
