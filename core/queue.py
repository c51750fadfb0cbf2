"""Queuing django-q2 tasks after the current transaction commits."""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def after_commit(func: str, *args, name: str) -> None:
    """Queue the task `func` (a dotted path) once this transaction commits, so a task
    never runs before the data it reloads is there (at once outside a transaction)."""

    def enqueue():
        from django_q.tasks import async_task

        try:
            async_task(func, *args, task_name=name)
        except Exception as exc:  # the broker (Redis) is down
            # The data is committed and the user is told it is saved; a failed kick must
            # not turn that into an error page. What the task would do is caught up by
            # the schedules: the outbox every minute, the search index's reconcile.
            logger.warning("could not queue %s (%s): left to the schedules", func, exc)

    transaction.on_commit(enqueue)
