from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import SynonymGroup


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
