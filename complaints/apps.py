from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = "Klachten"

    def ready(self):
        from complaints import signal_handlers

        signal_handlers.register()
