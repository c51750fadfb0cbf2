from django.apps import AppConfig


class AlertsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "alerts"
    verbose_name = "Meldingen"

    def ready(self):
        from alerts import signal_handlers

        signal_handlers.register()
