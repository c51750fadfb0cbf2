"""django-q2 entry points; each is safe to run twice. Alert mails are delivered by the
site's one outbox (complaints.tasks.deliver_outbox)."""


def send_digests() -> int:
    from alerts.services import send_digests as run

    return run()
