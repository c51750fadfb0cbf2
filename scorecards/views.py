from django.template.response import TemplateResponse

from core import pagecache
from scorecards import scores, selectors


def score_method(request):
    """The public rules behind the figures, pluimen and improvement points."""
    pagecache.depends_on(request)
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
    pagecache.depends_on(request, pagecache.SCORES, pagecache.COMPLAINTS)
    return TemplateResponse(
        request,
        "scorecards/ranking.html",
        {**selectors.ranking(), "min_rated": scores.MIN_RATED},
    )
