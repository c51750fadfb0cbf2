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


def on_personal_data_wanted(sender, user, addresses, **kwargs) -> dict:
    from alerts.services import personal_data

    return {"alerts": personal_data(user, addresses)}


def register():
    from complaints.signals import personal_data_wanted

    personal_data_wanted.connect(on_personal_data_wanted, dispatch_uid="alerts_personal_data")
    post_save.connect(on_event, sender=ComplaintEvent, dispatch_uid="alerts_representatives")
    pre_delete.connect(on_user_deleted, sender=get_user_model(), dispatch_uid="alerts_forget")
