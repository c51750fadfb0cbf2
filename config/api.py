"""Wagtail's headless API v2 at /api/v2/: live, public pages and their public fields only.

Wagtail's pages endpoint with one correction: a page under a page that is offline is
offline too (a complaint under a company taken offline, as on the site and in the search
index).
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page


class PublicPagesAPIViewSet(PagesAPIViewSet):
    def get_base_queryset(self):
        pages = super().get_base_queryset()
        # Pages that are offline but have children: few (companies taken offline), so
        # their subtrees are excluded by path prefix.
        offline = Page.objects.filter(live=False, numchild__gt=0).values_list("path", flat=True)
        subtrees = [Q(path__startswith=path) for path in offline]
        return pages.exclude(reduce(or_, subtrees)) if subtrees else pages


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
