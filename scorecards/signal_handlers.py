"""Scorecards reacts to complaint events through complaints' signals (never the other
way round: complaints does not import scorecards)."""

from complaints.signals import company_figures_changed
from scorecards.scores import queue_recompute


def on_company_figures_changed(sender, company_id: int, **kwargs) -> None:
    queue_recompute(company_id)


def register() -> None:
    company_figures_changed.connect(
        on_company_figures_changed, dispatch_uid="scorecards.company_figures_changed"
    )
