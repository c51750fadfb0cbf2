from django.urls import reverse
from wagtail.admin.panels import Panel

from complaints.permissions import is_moderator


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


class OffersPanel(Panel):
    """The complaint's settlement offers, read-only, for moderators (what they see and
    why not the two private texts: complaints.admin_offers)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "complaints/admin/offers_panel.html"

        def is_shown(self):
            return bool(self.instance.pk) and is_moderator(self.request.user)

        def get_context_data(self, parent_context=None):
            from complaints.admin_offers import offers_for_moderators

            context = super().get_context_data(parent_context)
            context["offers"] = offers_for_moderators().filter(complaint_id=self.instance.pk)
            context["report_url"] = reverse("offer_report")
            return context
