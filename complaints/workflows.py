from django.db import transaction
from wagtail.workflows import publish_workflow_state


def publish_approved(workflow_state, user=None):
    """What a finished workflow does (settings.WAGTAIL_FINISH_WORKFLOW_ACTION).

    Moderators may not publish complaint pages directly (their publish right would
    bypass the state machine); the approval of the "Klachtmoderatie" task is their
    permission. For a complaint the approval is a transition: under the row lock, only
    from `in_moderation` (a complaint withdrawn or sent back meanwhile is not
    published), and the revision goes live in the same transaction as the status.
    """
    from complaints.models import ComplaintPage
    from complaints.services import approve_and_publish

    obj = workflow_state.content_object
    if isinstance(obj.specific, ComplaintPage):
        with transaction.atomic():
            approve_and_publish(obj.specific, user=user)
    else:
        publish_workflow_state(workflow_state, user=user)
