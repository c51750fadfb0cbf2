"""django-q2 entry points. Each takes ids (or nothing), reloads, and is safe to run twice."""


def deliver_outbox() -> dict:
    from complaints.outbox import deliver_due

    return deliver_due()


def run_deadlines() -> dict:
    from complaints.clock import sweep

    return sweep()
