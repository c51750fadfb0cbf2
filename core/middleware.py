"""Response headers that every page gets."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with the site's strict policy (settings.CONTENT_SECURITY_POLICY: no
    inline script anywhere on the public site), widened for the staff's admin screens
    (settings.CONTENT_SECURITY_POLICY_ADMIN_UPDATE): Wagtail's own admin templates still
    hold inline scripts (date pickers, inline panels)."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        prefixes = tuple(settings.CONTENT_SECURITY_POLICY_ADMIN_PREFIXES)
        if not report_only and parts.update is None and request.path_info.startswith(prefixes):
            parts.update = settings.CONTENT_SECURITY_POLICY_ADMIN_UPDATE
        return parts
