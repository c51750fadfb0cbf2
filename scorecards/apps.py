from django.apps import AppConfig


class ScorecardsConfig(AppConfig):
    name = "scorecards"
    verbose_name = "Scores en pluimen"

    def ready(self):
        from scorecards import signal_handlers

        signal_handlers.register()
