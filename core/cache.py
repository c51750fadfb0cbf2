"""Cache backends of our own (settings.CACHES)."""

import logging
import time

import redis
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


# Any cache may fail (the database cache, a Redis behind the plain backend; the degrading
# one below never raises). What only speeds a page up then gives way: the page is made
# without it. After a failure the cache is left alone for PAGE_CACHE_RETRY_SECONDS (no
# connect timeout on every request) and the log says so once for that while.
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


class DegradingRedisCache(RedisCache):
    """The shared cache (Redis) that the site can do without for a while.

    When Redis is unreachable, reads miss and writes are dropped instead of raising,
    so pages, publishing and the page cache go on; the first failure marks it down for
    DOWN_SECONDS, in which no call waits on it again. What must not go on without it
    asks is_down(): signing in, whose limits (allauth's) live here, is then refused
    (core.middleware.SharedCacheGuardMiddleware) rather than let through unlimited."""

    DOWN_SECONDS = 5
    _down_until = 0.0  # per process, shared by every thread: one outage for all
    _outage_seen = False  # until the first call that works again

    @classmethod
    def is_down(cls) -> bool:
        return time.monotonic() < cls._down_until

    def _or(self, fallback, operation, *args, **kwargs):
        if self.is_down():
            return fallback
        try:
            result = getattr(super(), operation)(*args, **kwargs)
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            type(self)._down_until = time.monotonic() + self.DOWN_SECONDS
            type(self)._outage_seen = True
            logger.warning("shared cache unavailable for %d s: %s", self.DOWN_SECONDS, exc)
            return fallback
        if type(self)._outage_seen:
            type(self)._outage_seen = False
            self._after_outage()
        return result

    def _after_outage(self):
        """Back after an outage in which this process may have dropped writes, the page
        cache's invalidations among them: every stored page counts as stale, rather than
        a page changed meanwhile being served old until its TTL runs out."""
        from core import pagecache

        logger.warning("shared cache back; every cached page is made afresh")
        pagecache.bump(pagecache.SITE)

    def get(self, key, default=None, version=None):
        return self._or(default, "get", key, default, version)

    def get_many(self, keys, version=None):
        return self._or({}, "get_many", keys, version)

    def has_key(self, key, version=None):
        return self._or(False, "has_key", key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(False, "add", key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(None, "set", key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(list(data), "set_many", data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._or(False, "touch", key, timeout, version)

    def delete(self, key, version=None):
        return self._or(False, "delete", key, version)

    def delete_many(self, keys, version=None):
        return self._or(None, "delete_many", keys, version)
