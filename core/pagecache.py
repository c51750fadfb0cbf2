"""Whole public pages from the shared cache for anonymous visitors.

A page is stored only when the view declared what it depends on (`depends_on`, or the
`page_cache_tags()` of a Wagtail page, see core.wagtail_hooks): nothing undeclared is
ever cached. Each dependency is a tag ("site", "complaints", "company:12", ...) with a
generation in the cache; a stored page keeps the generations it was rendered under,
and a hit compares them with the current ones (one `get_many`). A change bumps the
generations of its tags (`bump`, one write), so every machine sees the page as stale at
once; PAGE_CACHE_SECONDS bounds a page's life as a safety net (0 switches caching off).

Privacy comes first: only GET/HEAD without a session or messages cookie (anyone signed
in, and anyone with a flash message waiting, bypasses both reading and storing), only a
200 that sets no cookie, used no CSRF token, showed no message and is not private.

When the cache fails (Redis stopped) pages are rendered as usual; the cache is left
alone for PAGE_CACHE_RETRY_SECONDS and the failure is logged once per that period.
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language_from_request

from core.cache import guarded as _guarded

logger = logging.getLogger(__name__)

SITE = "site"  # every cached page: menus, footer, any page published or moved
COMPLAINTS = "complaints"  # pages listing public complaints from many companies
SCORES = "scores"  # pages showing the scores of many companies


def company_tag(company_id: int) -> str:
    return f"company:{company_id}"


def complaint_tag(complaint_id: int) -> str:
    return f"complaint:{complaint_id}"


_PREFIX = "pagecache:"
_CANDIDATE = "_pagecache_candidate"
_DEPS = "_pagecache_deps"
_SKIPPED_HEADERS = {"set-cookie", "x-cache", "cache-control", "expires"}


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0))


def _gen_seconds() -> int:
    """A generation outlives every page stored under it (twice their TTL), then goes:
    a page whose generation is gone counts as stale, so letting them expire is safe and
    keeps Redis from holding one key for every complaint ever changed."""
    return max(2 * _seconds(), 60)


def _gen_key(tag: str) -> str:
    return f"{_PREFIX}gen:{tag}"


def _generations(tags) -> dict | None:
    keys = {_gen_key(tag): tag for tag in tags}
    found = _guarded(lambda: _cache().get_many(list(keys)))
    if found is None:
        return None
    return {tag: found.get(key) for key, tag in keys.items()}


# Declaring and bumping ---------------------------------------------------------------


def depends_on(request, *tags: str) -> None:
    """Make this request's response cacheable, stale as soon as one of `tags` (and SITE)
    changes. Call it before reading the data: the generations are read now, so a change
    that lands while the page renders leaves it stale rather than stored as fresh."""
    if not getattr(request, _CANDIDATE, False):
        return
    tags = {SITE, *tags}
    current = _generations(tags)
    if current is None:
        setattr(request, _CANDIDATE, False)
        return
    missing = [tag for tag, value in current.items() if value is None]
    if missing:
        # A tag never bumped (or evicted) gets a value now: a page is never stored
        # under "no generation", which a later eviction could bring back.
        fresh = {_gen_key(tag): uuid.uuid4().hex for tag in missing}
        if _guarded(lambda: _cache().set_many(fresh, timeout=_gen_seconds())) is None:
            setattr(request, _CANDIDATE, False)
            return
        current = _generations(tags)
        if current is None or None in current.values():
            setattr(request, _CANDIDATE, False)
            return
    deps = getattr(request, _DEPS, None) or {}
    deps.update(current)
    setattr(request, _DEPS, deps)


def do_not_store(request) -> None:
    """Serve this response but never store it: it shows a fallback (a service was away)
    that should not outlive the outage."""
    setattr(request, _CANDIDATE, False)
    setattr(request, _DEPS, None)


def bump(*tags: str) -> None:
    """Every page that depends on one of `tags` is stale from now on, on every machine."""
    if tags:
        fresh = {_gen_key(tag): uuid.uuid4().hex for tag in tags}
        _guarded(lambda: _cache().set_many(fresh, timeout=_gen_seconds()))


def bump_on_commit(*tags: str) -> None:
    """`bump` once the current transaction commits (at once outside one), so that no
    page is rendered from the old data after its generation moved."""
    tags = tuple(dict.fromkeys(tags))
    transaction.on_commit(lambda: bump(*tags))


# The middleware ----------------------------------------------------------------------


def _anonymous(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _entry_key(request) -> str | None:
    try:
        host = request.get_host()
    except Exception:
        return None  # a disallowed host: Django answers it further in
    language = get_language_from_request(request)
    raw = "\n".join([request.scheme, host, language, request.get_full_path()])
    return _PREFIX + "page:" + hashlib.sha256(raw.encode()).hexdigest()


def _messages_shown(request) -> bool:
    storage = getattr(request, "_messages", None)
    if storage is None:
        return False
    return bool(getattr(storage, "_queued_messages", None)) or (
        storage.used and bool(getattr(storage, "_loaded_data", None))
    )


def _storable(request, response) -> bool:
    control = response.get("Cache-Control", "")
    return (
        request.method == "GET"
        and bool(getattr(request, _DEPS, None))
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Set-Cookie")
        and "private" not in control
        and "no-store" not in control
        and "no-cache" not in control
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and b"csrfmiddlewaretoken" not in response.content
        and not getattr(getattr(request, "session", None), "modified", False)
        and not _messages_shown(request)
    )


def _public(response, state: str):
    patch_cache_control(response, public=True, max_age=settings.PAGE_CACHE_MAX_AGE)
    response["X-Cache"] = state
    return response


class PageCacheMiddleware:
    """Serves and stores anonymous visitors' pages (see the module's docstring). Placed
    before the session middleware: a hit touches neither the session nor the database,
    and a miss sees every cookie the inner middleware set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _seconds() <= 0 or not _anonymous(request):
            return self.get_response(request)
        key = _entry_key(request)
        if key is None:
            return self.get_response(request)
        hit = self._lookup(key)
        if hit is not None:
            return _public(hit, "hit")
        setattr(request, _CANDIDATE, True)
        response = self.get_response(request)
        if not _storable(request, response):
            return response
        entry = {
            "deps": getattr(request, _DEPS),
            "status": response.status_code,
            "headers": [
                (name, value)
                for name, value in response.items()
                if name.lower() not in _SKIPPED_HEADERS
            ],
            "content": response.content,
        }
        _guarded(lambda: _cache().set(key, entry, _seconds()))
        return _public(response, "miss")

    def _lookup(self, key: str) -> HttpResponse | None:
        entry = _guarded(lambda: _cache().get(key))
        if not entry:
            return None
        current = _generations(entry["deps"])
        if current != entry["deps"]:
            return None
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        return response


# Wagtail pages -------------------------------------------------------------------------
# A page model says what its rendering reads with `page_cache_tags()` (beyond SITE) and
# what its own publication changes with `page_cache_changed_tags()` (default: SITE, as
# menus, lists and the footer may show any page).


def declare_page(page, request) -> None:
    """before_serve_page: a live page served to an anonymous visitor may be stored,
    unless it is restricted (password, sign-in or group)."""
    if not getattr(request, _CANDIDATE, False):
        return
    if page.get_view_restrictions().exists():
        setattr(request, _CANDIDATE, False)
        return
    tags = page.page_cache_tags() if hasattr(page, "page_cache_tags") else ()
    depends_on(request, *tags)


def _changed_tags(page) -> list[str] | None:
    if hasattr(page, "page_cache_changed_tags"):
        return list(page.page_cache_changed_tags())
    if type(page).__name__ == "Page" and hasattr(page.specific_class, "page_cache_changed_tags"):
        return None  # the specific instance knows (its own post_delete, or loaded)
    return [SITE]


def on_page_changed(sender, instance, **kwargs) -> None:
    """Published, unpublished, moved or deleted: its pages are stale after the commit."""
    tags = _changed_tags(instance)
    if tags is None:  # a plain Page (a move): its specific row says what it touches
        tags = list(instance.specific_deferred.page_cache_changed_tags())
    bump_on_commit(*tags)


def on_page_deleted(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page):
        tags = _changed_tags(instance)
        if tags is not None:
            bump_on_commit(*tags)


def connect_page_signals() -> None:
    from django.db.models.signals import post_delete
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(on_page_changed, dispatch_uid="pagecache.published")
    page_unpublished.connect(on_page_changed, dispatch_uid="pagecache.unpublished")
    post_page_move.connect(on_page_changed, dispatch_uid="pagecache.moved")
    post_delete.connect(on_page_deleted, dispatch_uid="pagecache.deleted")
