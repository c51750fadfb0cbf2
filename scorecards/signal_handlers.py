"""Scorecards reacts to complaint events through complaints' signals (never the other
way round: complaints does not import scorecards)."""

from django.db.models.signals import post_delete

from complaints.models import ComplaintPage
from complaints.signals import company_figures_changed
from scorecards.scores import queue_recompute


def on_company_figures_changed(sender, company_id: int, **kwargs) -> None:
    queue_recompute(company_id)


def on_complaint_deleted(sender, instance, **kwargs) -> None:
    """A complaint deleted in the admin (alone, or with its company's page) leaves the
    company's figures; Wagtail's delete reaches here through Django's post_delete."""
    queue_recompute(instance.company_id)


def register() -> None:
    post_delete.connect(
        on_complaint_deleted, sender=ComplaintPage, dispatch_uid="scorecards.complaint_deleted"
    )
    company_figures_changed.connect(
        on_company_figures_changed, dispatch_uid="scorecards.company_figures_changed"
    )
