from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from companies.models import COMPANY_PAGE_CONTEXT, SECTOR_PAGE_CONTEXT
from core import pagecache
from search import problems
from search.models import SynonymGroup
from search.searching import SearchUnavailable


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    menu_label = _("Synoniemen")
    icon = "list-ul"
    add_to_admin_menu = True
    menu_order = 320
    list_display = ["__str__", "note", "updated_at"]
    search_fields = ["terms", "note"]
    # A handful of rows: the database's own LIKE, no search index to keep up to date.
    search_backend_name = None


register_snippet(SynonymGroupViewSet)


@hooks.register(COMPANY_PAGE_CONTEXT)
def company_page_problems(page, request, context):
    """A company page lists the problems its complaints keep coming back to."""
    context["recurring_problems"] = _or_nothing(problems.for_company, page, request)


@hooks.register(SECTOR_PAGE_CONTEXT)
def sector_page_problems(sector, request, context):
    context["recurring_problems"] = _or_nothing(problems.for_sector, sector, request)


def _or_nothing(find, subject, request) -> list[dict]:
    # Without Elasticsearch the page is shown without the list, and not stored in the
    # page cache, so the list is back as soon as Elasticsearch is.
    try:
        return find(subject)
    except SearchUnavailable:
        pagecache.do_not_store(request)
        return []
