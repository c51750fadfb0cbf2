"""Immediate mails for representatives who asked for them, written in the transaction
of the event that causes them (complaint published, a reaction)."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save, pre_delete

from complaints.models import ComplaintEvent
from complaints.states import Action

IMMEDIATE = (Action.APPROVE, Action.COMPANY_REACTS, Action.CONSUMER_REACTS)


def on_event(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.action in IMMEDIATE:
        from alerts.services import queue_representative_alerts

        queue_representative_alerts(instance)


def on_user_deleted(sender, instance, **kwargs):
    """An erased account (complaints.gdpr) takes what its address follows along, and
    the alert mails not yet sent to it."""
    from alerts.services import forget_address

    if instance.email:
        forget_address(instance.email)


def register():
    post_save.connect(on_event, sender=ComplaintEvent, dispatch_uid="alerts_representatives")
    pre_delete.connect(on_user_deleted, sender=get_user_model(), dispatch_uid="alerts_forget")
