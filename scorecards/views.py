import json

from django.conf import settings
from django.http import JsonResponse, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from core import pagecache
from core.csvexport import csv_chunks
from core.ratelimit import ratelimit
from scorecards import intervals, opendata, scores, selectors

EXAMPLE_SUCCESSES, EXAMPLE_N = 8, 10


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
            # A worked example, computed by the same code as the company pages.
            "example": {
                "successes": EXAMPLE_SUCCESSES,
                "n": EXAMPLE_N,
                "estimate": intervals.share_estimate(EXAMPLE_SUCCESSES, EXAMPLE_N, 0),
            },
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


def _export_rate(group, request):
    return settings.EXPORT_RATE


def _export_global_rate(group, request):
    return settings.EXPORT_GLOBAL_RATE


# As the complaint export (search.views.export): a query over every public complaint,
# so a strict limit per address and one for everyone, closed when the counters are down.
# A group of its own: fetching the scores does not use up the complaint export.
@require_GET
@ratelimit(group="scores_export", key="ip", rate=_export_rate, fail_open=False)
@ratelimit(group="scores_export", key="global", rate=_export_global_rate, fail_open=False)
def monthly_scores(request, fmt):
    """Open data (CC0): the figures per company per month of publication, streamed."""
    if fmt not in ("csv", "jsonl"):
        return JsonResponse({"error": "Kies monthly.csv of monthly.jsonl."}, status=404)
    rows = opendata.monthly_rows()
    if fmt == "jsonl":
        body = (json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        response = StreamingHttpResponse(body, content_type="application/x-ndjson; charset=utf-8")
    else:
        response = StreamingHttpResponse(
            csv_chunks(rows, opendata.MONTHLY_COLUMNS), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="bedrijfsscores-per-maand.{fmt}"'
    response["Link"] = f'<{opendata.LICENCE_URL}>; rel="license"'
    response["X-License"] = opendata.LICENCE
    return response
