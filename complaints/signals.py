"""Signals complaints sends so that higher apps can react without complaints importing
them (scorecards recomputes a company's score; connected in its AppConfig.ready())."""

from django.dispatch import Signal

# A company's complaint figures changed (a rating, an import); sent with company_id.
company_figures_changed = Signal()


def queue_recompute(company_id: int) -> None:
    """Ask whoever keeps figures per company to recompute them; scorecards queues its
    task after the current transaction commits."""
    company_figures_changed.send(sender=None, company_id=company_id)


# "Download mijn gegevens" (complaints.gdpr.write_export) asks higher apps for what they
# hold about an account, the way erasure reaches them through the user's pre_delete.
# Sent with user and addresses (the account's addresses, lower case); each receiver
# answers a dict of JSON-safe sections that go into gegevens.json under their names.
personal_data_wanted = Signal()
