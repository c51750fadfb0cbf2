"""Wagtail's workflow report and site history, with user filters that follow the rights.

The rows of both reports already follow the page permission policy
(complaints.admin_permissions.SitePagePermissionPolicy). Their "requested by" and
"user" filters do not: Wagtail offers every user who ever started a workflow or wrote a
page log entry, whatever the viewer may see, and here those are the consumers who
submitted a complaint. These subclasses offer only the users of the rows the viewer
sees; config/urls.py puts them in front of Wagtail's own URLs, under the same paths
and names.
"""

from django.contrib.auth import get_user_model
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports import audit_logging, workflows


class WorkflowReportFilterSet(workflows.WorkflowReportFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model()
        self.filters["requested_by"].queryset = users.objects.filter(
            pk__in=self.queryset.values("requested_by")
        ).order_by(users.USERNAME_FIELD)


class WorkflowView(workflows.WorkflowView):
    filterset_class = WorkflowReportFilterSet

    def get_filterset_kwargs(self):
        # The report's own rows, which follow the viewer's rights.
        return {**super().get_filterset_kwargs(), "queryset": self.get_queryset()}


class SiteHistoryReportFilterSet(audit_logging.SiteHistoryReportFilterSet):
    def get_users_queryset(self):
        # Wagtail's own helper for this, by the viewer's rights (unused by Wagtail 8).
        return audit_logging.get_users_for_filter(self.request.user)


class LogEntriesView(audit_logging.LogEntriesView):
    filterset_class = SiteHistoryReportFilterSet


def _admin(view):
    # As Wagtail decorates its own admin URLs.
    return never_cache(require_admin_access(view))


urlpatterns = [
    path("workflow/", _admin(WorkflowView.as_view())),
    path("workflow/results/", _admin(WorkflowView.as_view(results_only=True))),
    path("site-history/", _admin(LogEntriesView.as_view())),
    path("site-history/results/", _admin(LogEntriesView.as_view(results_only=True))),
]
