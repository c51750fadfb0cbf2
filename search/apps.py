from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Zoeken"

    def ready(self):
        from core import health
        from search import signal_handlers
        from search.health import check_elasticsearch

        signal_handlers.register()
        health.register("elasticsearch", check_elasticsearch, after="database")
