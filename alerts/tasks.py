"""django-q2 entry points; each is safe to run twice."""


def deliver_outbox() -> dict:
    from alerts.outbox import deliver_due

    return deliver_due()


def send_digests() -> int:
    from alerts.services import send_digests as run

    return run()
