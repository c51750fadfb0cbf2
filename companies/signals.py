"""Signals the companies app sends for other apps (search) to react to."""

from django.dispatch import Signal

# Sent by bulk writers (the importer) that change companies with their per-row search
# sync switched off: once, with every company they touched, after their work.
# Arguments: company_ids (an iterable of CompanyPage ids).
companies_changed = Signal()
