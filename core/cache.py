"""Cache backends of our own (settings.CACHES)."""

import logging
import time

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.memcached import PyMemcacheCache
from django.core.cache.backends.redis import RedisCache
from django.core.signals import setting_changed

logger = logging.getLogger(__name__)


class PersistentPyMemcacheCache(PyMemcacheCache):
    """Django's pymemcache backend without the disconnect at the end of every request.

    Django disconnects memcached clients when a request finishes because some clients
    leak connections; pymemcache does not, and reconnects by itself after an error.
    Keeping the connection saves a TCP handshake on every rate-limited API call
    (the same choice Django makes for pylibmc)."""

    def close(self, **kwargs):
        pass


# The shared cache may fail (Redis stopped, restarted, unreachable). What only speeds a
# page up then gives way: the page is made without it. After a failure the cache is left
# alone for PAGE_CACHE_RETRY_SECONDS (no connect timeout on every request) and the log
# says so once for that while.
_down_until = 0.0


def _reset(**kwargs):
    global _down_until
    _down_until = 0.0


setting_changed.connect(_reset, dispatch_uid="core.cache.reset")


def guarded(operation, default=None):
    """`operation()` (a call to a cache), or `default` when the cache fails or failed
    a moment ago."""
    global _down_until
    if time.monotonic() < _down_until:
        return default
    try:
        return operation()
    except Exception as exc:
        retry = getattr(settings, "PAGE_CACHE_RETRY_SECONDS", 5)
        _down_until = time.monotonic() + retry
        logger.warning("cache unavailable, pages made without it for %ss: %r", retry, exc)
        return default


class FailOpenRedisCache(RedisCache):
    """Django's Redis cache that gives way when Redis fails: a read finds nothing, a
    write is dropped, and the page is made without the cache (Wagtail's site root paths,
    the footer, the charts, the page cache). Only allauth's rate limits still raise
    (STRICT_PREFIXES): they fail closed as before, and allauth's lock loop on `add`
    would never end on a dropped write. The project's own limits use the "ratelimit"
    alias, a plain backend (settings)."""

    STRICT_PREFIXES = ("allauth:",)

    def _strict(self, key) -> bool:
        return str(key).startswith(self.STRICT_PREFIXES)

    def get(self, key, default=None, version=None):
        if self._strict(key):
            return super().get(key, default, version)
        return guarded(lambda: RedisCache.get(self, key, default, version), default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self._strict(key):
            return super().set(key, value, timeout, version)
        return guarded(lambda: RedisCache.set(self, key, value, timeout, version))

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if self._strict(key):
            return super().add(key, value, timeout, version)
        return guarded(lambda: RedisCache.add(self, key, value, timeout, version), False)

    def delete(self, key, version=None):
        if self._strict(key):
            return super().delete(key, version)
        return guarded(lambda: RedisCache.delete(self, key, version), False)

    def get_many(self, keys, version=None):
        keys = list(keys)
        return guarded(lambda: RedisCache.get_many(self, keys, version), {})

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return guarded(lambda: RedisCache.set_many(self, data, timeout, version), list(data))

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return guarded(lambda: RedisCache.delete_many(self, keys, version))
