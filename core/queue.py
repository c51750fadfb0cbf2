"""Queuing django-q2 tasks after the current transaction commits."""

from django.db import transaction


def after_commit(func: str, *args, name: str) -> None:
    """Queue the task `func` (a dotted path) once this transaction commits, so a task
    never runs before the data it reloads is there (at once outside a transaction)."""

    def enqueue():
        from django_q.tasks import async_task

        async_task(func, *args, task_name=name)

    transaction.on_commit(enqueue)
