from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = "Klachten"

    def ready(self):
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from complaints import signal_handlers
        from complaints.admin_permissions import SitePagePermissionPolicy

        signal_handlers.register()
        # Before anything asks for Page's policy (Wagtail's advice: in ready()).
        register_permission_policy(Page, SitePagePermissionPolicy())
