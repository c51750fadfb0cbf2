import math

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.client_ip import is_internal
from core.health import READINESS, run_checks, without_detail


def _may_see_detail(request) -> bool:
    if is_internal(request):
        return True
    try:
        return bool(request.user.is_staff)
    except Exception:  # the session store (the database) may be what is down
        return False


def _health_response(request, names=None):
    status, checks = run_checks(names)
    if not _may_see_detail(request):
        checks = without_detail(checks)
    return JsonResponse(
        {"status": status, "checks": checks}, status=503 if status == "unavailable" else 200
    )


@never_cache
@require_GET
def healthz(request):
    """The state of every service; 503 when a critical one is down (core.health)."""
    return _health_response(request)


@never_cache
@require_GET
def healthz_live(request):
    """The process answers: no service is asked."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def healthz_ready(request):
    """This node can serve pages: what a load balancer asks."""
    return _health_response(request, READINESS)


def _wait(seconds: int) -> str:
    if seconds <= 90:
        return _("over een minuut")
    if seconds < 7200:
        minutes = round(seconds / 60)
        return ngettext("over %(n)d minuut", "over %(n)d minuten", minutes) % {"n": minutes}
    hours = math.ceil(seconds / 3600)
    return ngettext("over %(n)d uur", "over %(n)d uur", hours) % {"n": hours}


def rate_limited(request, retry_after: int = 60):
    """The answer when a rate limit is reached (core.ratelimit): JSON for the API, the
    Dutch page for people; both say when to try again."""
    wait = _wait(retry_after)
    headers = {"Retry-After": str(retry_after)}
    if request.path.startswith("/api/"):
        message = _("Te veel verzoeken. Probeer het %(wait)s opnieuw.") % {"wait": wait}
        return JsonResponse({"error": message}, status=429, headers=headers)
    return TemplateResponse(request, "429.html", {"wait": wait}, status=429, headers=headers)


def limits_unavailable(request):
    """The answer to a write whose rate limit cannot be counted (the counters' cache is
    down): refused, rather than let unlimited writes through."""
    headers = {"Retry-After": "60"}
    if request.path.startswith("/api/"):
        message = _("Dit is tijdelijk niet mogelijk. Probeer het later opnieuw.")
        return JsonResponse({"error": message}, status=503, headers=headers)
    return TemplateResponse(request, "503.html", status=503, headers=headers)


def request_too_large(request):
    """The answer to a body over settings.REQUEST_BODY_MAX_SIZE (core.middleware): JSON
    for the API, the Dutch page for people. Rendered here and now, because it is
    returned before the view layer that would render a TemplateResponse."""
    limit_mb = settings.REQUEST_BODY_MAX_SIZE // (1024 * 1024)
    if request.path.startswith("/api/"):
        message = _("Het verzoek is te groot: hooguit %(max)d MB.") % {"max": limit_mb}
        return JsonResponse({"error": message}, status=413)
    return render(request, "413.html", {"limit_mb": limit_mb}, status=413)


@require_GET
def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for whatever the page says."""
    path = finders.find("img/favicon.ico")
    if not path:
        raise Http404
    response = FileResponse(open(path, "rb"), content_type="image/x-icon")  # noqa: SIM115
    response["Cache-Control"] = "public, max-age=86400"
    return response
