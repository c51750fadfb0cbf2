"""Signals the companies app sends for other apps (search) to react to."""

from django.dispatch import Signal

# Sent by bulk writers (the importer) that change companies with their per-row search
# sync switched off: once, with every company they touched, after their work.
# Arguments: company_ids (an iterable of CompanyPage ids).
companies_changed = Signal()

# Sent when companies wants an e-mail sent: the outbox lives in a higher app
# (complaints), whose receiver writes the row in the caller's transaction and answers
# True. Arguments: to_email, template (a path under templates/, without extension),
# context (JSON-safe), key (unique per cause and address: a repeat is not sent twice).
mail_wanted = Signal()
