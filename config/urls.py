from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from complaints import admin_reports
from config.api import api_router
from core import views as core_views

urlpatterns = [
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("healthz", core_views.healthz, name="healthz"),
    path("healthz/live", core_views.healthz_live, name="healthz_live"),
    path("healthz/ready", core_views.healthz_ready, name="healthz_ready"),
    # Two of Wagtail's reports with user filters that follow the viewer's rights; in
    # front of Wagtail's own URLs for them.
    path("admin/reports/", include(admin_reports.urlpatterns)),
    path("admin/", include(wagtailadmin_urls)),
    # Django's own admin, for superusers: django-q2's task queue and schedules.
    path("django-admin/", admin.site.urls),
    path("documenten/", include(wagtaildocs_urls)),
    path("", include("search.urls")),
    path("api/v2/", api_router.urls),
    path("account/", include("allauth.urls")),
    path("", include("companies.urls")),
    path("", include("complaints.urls")),
    path("", include("scorecards.urls")),
    path("", include("opendata.urls")),
    path("alerts/", include("alerts.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving catches everything else, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
