"""Wagtail's headless API v2 at /api/v2/: live, public pages and their public fields only."""

from wagtail.api.v2 import views
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from complaints.selectors import without_hidden_complaints


class PagesAPIViewSet(views.PagesAPIViewSet):
    """Wagtail's pages endpoint, which checks `live` only; a complaint must also be in a
    public status under a live company, as on the site."""

    def get_base_queryset(self):
        return without_hidden_complaints(super().get_base_queryset())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
