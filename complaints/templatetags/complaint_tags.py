import math
from datetime import datetime, timedelta

from django import template

from complaints.states import Status

register = template.Library()


@register.simple_tag
def company_term(complaint, now: datetime) -> dict | None:
    """Where the company's term stands, for the portal: None when it is not the company's
    turn; otherwise whether it has passed, and how many days are left (started days
    count as whole ones: 30 hours left is "2 dagen")."""
    if complaint.status == Status.UNANSWERED:
        return {"overdue": True, "days_left": None}
    if complaint.status != Status.AWAITING_COMPANY or complaint.due_at is None:
        return None
    left = complaint.due_at - now
    if left < timedelta(0):
        return {"overdue": True, "days_left": None}
    return {"overdue": False, "days_left": math.ceil(left / timedelta(days=1))}


@register.simple_tag
def private_data_retention_days() -> int:
    """PRIVATE_DATA_RETENTION_DAYS, for the privacy statement: the period the clock
    applies (complaints.gdpr.purge_private_data) is the one the page states."""
    from django.conf import settings

    return settings.PRIVATE_DATA_RETENTION_DAYS
