"""{% load search_tags %}: what the search page needs to show a hit from the index."""

from datetime import datetime

from django import template
from django.utils.dateparse import parse_datetime

register = template.Library()


@register.filter
def as_datetime(value) -> datetime | None:
    """The index's ISO 8601 text as a datetime, so `|date` can write it in Dutch and in
    Amsterdam time ("3 oktober 2026"). The search API keeps the ISO text."""
    if isinstance(value, datetime) or value is None:
        return value
    try:
        return parse_datetime(str(value))
    except ValueError:
        return None
