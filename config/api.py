"""Wagtail's headless API v2 at /api/v2/: live, public pages and their public fields only.

Wagtail's endpoints with two corrections: a page under a page that is offline is
offline too, and a complaint must be in a public status under a live company (as on the
site and in the search index); and parameters Wagtail would pass on unchecked (an offset
beyond the database's integers, text as an id, an unknown search operator) are a 400
instead of a 500.
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page

from complaints.selectors import without_hidden_complaints

# Far beyond any real listing, far below PostgreSQL's bigint.
MAX_OFFSET = 10**12


class Pagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class CheckedParameters:
    pagination_class = Pagination

    def listing_view(self, request):
        if request.GET.get("search_operator", "and") not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        return super().listing_view(request)

    def find_object(self, queryset, request):
        if "id" in request.GET and not request.GET["id"].isdigit():
            raise BadRequestError("id must be a positive integer")
        return super().find_object(queryset, request)


class PublicPagesAPIViewSet(CheckedParameters, PagesAPIViewSet):
    def get_base_queryset(self):
        pages = without_hidden_complaints(super().get_base_queryset())
        # Pages that are offline but have children: few (companies taken offline), so
        # their subtrees are excluded by path prefix.
        offline = Page.objects.filter(live=False, numchild__gt=0).values_list("path", flat=True)
        subtrees = [Q(path__startswith=path) for path in offline]
        return pages.exclude(reduce(or_, subtrees)) if subtrees else pages


class PublicImagesAPIViewSet(CheckedParameters, ImagesAPIViewSet):
    pass


class PublicDocumentsAPIViewSet(CheckedParameters, DocumentsAPIViewSet):
    pass


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
