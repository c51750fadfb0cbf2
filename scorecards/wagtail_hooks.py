from wagtail import hooks

from companies.models import COMPANY_PAGE_CONTEXT
from core.openapi import OPENAPI_PARTS
from scorecards import charts, openapi
from scorecards.scores import latest


@hooks.register(COMPANY_PAGE_CONTEXT)
def company_page_score_and_charts(page, request, context):
    """A company's page shows its latest score and the trend charts."""
    context["score"] = latest(page)
    context["charts"] = [
        charts.complaints_per_month(page),
        charts.on_time_trend(page),
        charts.grade_trend(page),
    ]


@hooks.register(OPENAPI_PARTS)
def monthly_scores_openapi():
    """The monthly scores' endpoints and their schema, in the API's description."""
    return openapi.parts()
