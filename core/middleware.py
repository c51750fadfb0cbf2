"""Rules for every request and response, whatever the view."""

from django.conf import settings

from core.views import request_too_large


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
            return request_too_large(request)
        return self.get_response(request)
