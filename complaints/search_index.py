"""What the bulk import (complaints.importing) needs of the search index. The search app
fills these names in from its AppConfig.ready() (search imports complaints, never the
other way round); until it has, each of them raises ImproperlyConfigured."""

from django.core.exceptions import ImproperlyConfigured


def _not_provided(*args, **kwargs):
    raise ImproperlyConfigured("no search index: the search app provides it in its ready()")


BulkSender = ensure_index = actions = complaint_rows = _not_provided


def provide(*, bulk_sender, ensure_index, actions, complaint_rows) -> None:
    globals().update(
        BulkSender=bulk_sender,
        ensure_index=ensure_index,
        actions=actions,
        complaint_rows=complaint_rows,
    )
