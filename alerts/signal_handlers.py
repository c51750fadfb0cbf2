"""Immediate mails for representatives who asked for them, written in the transaction
of the event that causes them (complaint published, a reaction)."""

from django.db.models.signals import post_save

from complaints.models import ComplaintEvent
from complaints.states import Action

IMMEDIATE = (Action.APPROVE, Action.COMPANY_REACTS, Action.CONSUMER_REACTS)


def on_event(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.action in IMMEDIATE:
        from alerts.services import queue_representative_alerts

        queue_representative_alerts(instance)


def register():
    post_save.connect(on_event, sender=ComplaintEvent, dispatch_uid="alerts_representatives")
