from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Zoeken"

    def ready(self):
        from complaints import search_index
        from core import health
        from search import indexing, signal_handlers
        from search.health import check_elasticsearch

        signal_handlers.register()
        health.register("elasticsearch", check_elasticsearch, after="database")
        # The bulk import indexes beside its batches through this.
        search_index.provide(indexing.ImportIndexer)
