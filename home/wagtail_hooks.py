from wagtail import hooks

from complaints.hooks import OUT_OF_SCOPE_URL
from home.models import OutOfScopePage


@hooks.register(OUT_OF_SCOPE_URL)
def out_of_scope_page_url(case: str) -> str:
    """The complaint wizard sends a complaint that does not belong here to this page."""
    page = OutOfScopePage.objects.live().filter(case=case).first()
    return page.url if page else ""
