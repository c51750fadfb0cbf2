from django.urls import reverse
from wagtail.admin.panels import Panel


class ScreeningPanel(Panel):
    """Shows the moderator which listed words the automatic screening found."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "complaints/admin/screening_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["hits"] = getattr(self.instance, "screening_hits", None) or []
            if self.instance.pk and getattr(self.instance, "status", "") == "in_moderation":
                # Where the workflow lands a moderator: the way to the review screen.
                context["review_url"] = reverse(
                    "complaint_moderation_review", args=[self.instance.pk]
                )
            return context
