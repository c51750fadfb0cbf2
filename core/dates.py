"""Dutch dates outside templates (documents, chart labels), the same way everywhere:
"23 oktober 2026", "okt 2026". Fixed names rather than the active translation, so a
PDF or a chart made in a task reads the same as one made in a request."""

from datetime import date, datetime

from django.utils import timezone

MONTH_NAMES = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
MONTH_ABBREVIATIONS = (
    "jan",
    "feb",
    "mrt",
    "apr",
    "mei",
    "jun",
    "jul",
    "aug",
    "sep",
    "okt",
    "nov",
    "dec",
)


def dutch_date(value: date | datetime, with_time: bool = False) -> str:
    """ "23 oktober 2026" (and ", 14:05"). Aware datetimes are shown in settings.TIME_ZONE
    (Europe/Amsterdam), never in UTC."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    text = f"{value.day} {MONTH_NAMES[value.month - 1]} {value.year}"
    if with_time and isinstance(value, datetime):
        return f"{text}, {value:%H:%M}"
    return text


def month_label(month: date, short: bool = False) -> str:
    """ "oktober 2026", or "okt 2026" when short."""
    names = MONTH_ABBREVIATIONS if short else MONTH_NAMES
    return f"{names[month.month - 1]} {month.year}"
