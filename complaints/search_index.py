"""The search index as the bulk import sees it: an indexer that takes batches of
complaint ids beside the import (`add(ids)`) and reports at the end
(`close() -> (indexed, error)`). The search app provides it from its AppConfig.ready()
(search imports complaints, never the other way round)."""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

_factory: Callable | None = None


def provide(factory: Callable) -> None:
    global _factory
    _factory = factory


def bulk_indexer():
    if _factory is None:
        raise ImproperlyConfigured("no search index: the search app provides it in its ready()")
    return _factory()
