"""Cache backends of our own (settings.CACHES)."""

from django.core.cache.backends.memcached import PyMemcacheCache


class PersistentPyMemcacheCache(PyMemcacheCache):
    """Django's pymemcache backend without the disconnect at the end of every request.

    Django disconnects memcached clients when a request finishes because some clients
    leak connections; pymemcache does not, and reconnects by itself after an error.
    Keeping the connection saves a TCP handshake on every rate-limited API call
    (the same choice Django makes for pylibmc)."""

    def close(self, **kwargs):
        pass
