from django.template.response import TemplateResponse

from scorecards import scores
from scorecards.models import CompanyScore


def score_method(request):
    """The public rules behind the figures, pluimen and improvement points."""
    return TemplateResponse(
        request,
        "scorecards/score_method.html",
        {
            "window_days": scores.WINDOW.days,
            "prior_weight": scores.PRIOR_WEIGHT,
            "min_rated": scores.MIN_RATED,
            "pluim_grade": scores.PLUIM_GRADE,
            "pluim_on_time": scores.PLUIM_ON_TIME,
            "improve_grade": scores.IMPROVE_GRADE,
            "improve_on_time": scores.IMPROVE_ON_TIME,
        },
    )


def ranking(request):
    """/pluimen/: companies with a pluim, and those with an improvement point."""
    latest = {}
    for score in CompanyScore.objects.select_related("company").order_by(
        "company_id", "-computed_on"
    ):
        latest.setdefault(score.company_id, score)
    ranked = sorted(
        (s for s in latest.values() if s.smoothed_grade is not None and s.company.live),
        key=lambda s: -s.smoothed_grade,
    )
    return TemplateResponse(
        request,
        "scorecards/ranking.html",
        {
            "pluimen": [s for s in ranked if s.verdict == "pluim"],
            "improve": [s for s in ranked if s.verdict == "improve"],
            "others": [s for s in ranked if not s.verdict],
            "min_rated": scores.MIN_RATED,
        },
    )
