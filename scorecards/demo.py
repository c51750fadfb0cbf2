"""Demo scores: monthly snapshots computed from the demo complaints (complaints.demo)."""

from datetime import timedelta

from django.utils import timezone

from companies.models import CompanyPage
from complaints import services
from scorecards.scores import compute


def load_scores(today) -> None:
    """Monthly snapshots for the past year, so the trend charts have a line."""
    days, first = [today], today.replace(day=1)
    for _ in range(11):  # the last day of each earlier month
        days.append(first - timedelta(days=1))
        first = days[-1].replace(day=1)
    for company in CompanyPage.objects.all():
        for day in reversed(days):
            compute(company, day)


def load() -> None:
    with services.notifications_enabled(False):
        load_scores(timezone.localdate())
