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
