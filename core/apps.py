from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Infrastructure every app may use (queue, COPY writer, mail, cache, health checks,
    staff roles, migration helpers, generic factories). It has no models and imports no
    other app of the project."""

    name = "core"
    verbose_name = "Basis"

    def ready(self):
        from core import pagecache

        pagecache.connect_page_signals()
