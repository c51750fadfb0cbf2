"""Rules for every request and response, whatever the view."""

import logging

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.views.defaults import page_not_found, server_error

from core.views import limits_unavailable, request_too_large

logger = logging.getLogger("django.request")


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


class RequestBodyLimitMiddleware:
    """Refuses a body larger than settings.REQUEST_BODY_MAX_SIZE on its Content-Length,
    before anything reads it (the CSRF check reads the form of every POST, and Django
    writes the file parts of a multipart body to disk as it reads them).

    Django never reads past the declared length, and reads nothing without one, so the
    header is the whole check here; in front of the site the proxy caps the body too
    (README, production)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.REQUEST_BODY_MAX_SIZE:
            response = request_too_large(request)
            # Said here, as CommonMiddleware (further in) never sees this answer: a
            # client that knows where the answer ends need not wait for the connection
            # to close, which a server that drains the unread body would hold open.
            response["Content-Length"] = str(len(response.content))
            return response
        return self.get_response(request)


class SignedInNoStoreMiddleware:
    """Every response to a signed-in user is `Cache-Control: private, no-store`, unless
    the view already said no-store: such pages carry private data ("Mijn klachten", the
    wizard, the portal, documents, attachments, a complaint with its private part), and
    one rule here covers new views too. Visitors' pages are left as they are; their
    session is not even looked at without a session cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            and getattr(request, "user", None) is not None
            and request.user.is_authenticated
            and "no-store" not in response.get("Cache-Control", "")
        ):
            response["Cache-Control"] = "private, no-store"
        return response


class DebugSiteErrorPagesMiddleware:
    """With DEBUG on, the site's own URLs still answer a missing page or a crash with the
    Dutch 404.html and 500.html that visitors see in production, so what a developer or
    tester clicks through is the real site. Django's technical pages stay one step away:
    add `?debug` to the address; the crash's traceback is logged to the console as
    usual. The staff's admin screens and the API keep Django's and Wagtail's own
    answers. With DEBUG off Django's handlers already render these templates."""

    SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/api/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if (
            not settings.DEBUG
            or "debug" in request.GET
            or request.path_info.startswith(self.SKIPPED_PREFIXES)
        ):
            return None
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        if isinstance(exception, PermissionDenied | SuspiciousOperation | BadRequest):
            return None  # Django answers these with 403/400, not with a crash page
        logger.error(
            "Internal Server Error: %s",
            request.path,
            exc_info=exception,
            extra={"status_code": 500, "request": request},
        )
        return server_error(request)


class SharedCacheGuardMiddleware:
    """The account forms (sign in, sign up, password reset and change, e-mail
    confirmation) count their attempts in the shared cache (allauth's limits). While
    it is down (core.cache.DegradingRedisCache) they are refused with the Dutch 503
    instead of running without limits, where a password could be guessed without end.
    Signing out needs no limit and goes on; so does the rest of the site."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method == "POST"
            and request.path.startswith("/account/")
            and request.path != "/account/logout/"
            and shared_cache_down()
        ):
            logger.warning("shared cache down: refusing %s", request.path)
            return limits_unavailable(request).render()
        return self.get_response(request)


def shared_cache_down() -> bool:
    cache = caches["default"]
    if not hasattr(cache, "is_down"):
        return False  # the database cache: down only with the database itself
    cache.get("shared-cache-probe")  # marks it down when Redis does not answer
    return cache.is_down()
