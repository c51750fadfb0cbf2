from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.health import run_checks


@never_cache
@require_GET
def healthz(request):
    healthy, checks = run_checks()
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )


def rate_limited(request, exception):
    """django-ratelimit's answer when a limit is reached (settings.RATELIMIT_VIEW):
    JSON for the API, the Dutch page for people; both say when to try again."""
    headers = {"Retry-After": "60"}
    if request.path.startswith("/api/"):
        message = _("Te veel verzoeken vanaf dit adres. Probeer het over een minuut opnieuw.")
        return JsonResponse({"error": message}, status=429, headers=headers)
    return TemplateResponse(request, "429.html", status=429, headers=headers)


def request_too_large(request):
    """The answer to a body over settings.REQUEST_BODY_MAX_SIZE (core.middleware): JSON
    for the API, the Dutch page for people. Rendered here and now, because it is
    returned before the view layer that would render a TemplateResponse."""
    limit_mb = settings.REQUEST_BODY_MAX_SIZE // (1024 * 1024)
    if request.path.startswith("/api/"):
        message = _("Het verzoek is te groot: hooguit %(max)d MB.") % {"max": limit_mb}
        return JsonResponse({"error": message}, status=413)
    return render(request, "413.html", {"limit_mb": limit_mb}, status=413)
