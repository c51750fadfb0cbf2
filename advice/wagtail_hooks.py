from wagtail import hooks

from advice.models import AdvicePage
from complaints.hooks import ESCALATION_ROUTE_PAGES


@hooks.register(ESCALATION_ROUTE_PAGES)
def escalation_route_pages(routes: list[str]) -> dict:
    """A consumer whose complaint got stuck sees the advice pages of the next routes."""
    return {
        p.escalation_route: p for p in AdvicePage.objects.live().filter(escalation_route__in=routes)
    }
