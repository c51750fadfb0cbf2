from wagtail.workflows import publish_workflow_state


def publish_approved(workflow_state, user=None):
    """What a finished workflow does (settings.WAGTAIL_FINISH_WORKFLOW_ACTION).

    Moderators may not publish complaint pages directly (their publish right would
    bypass the state machine); the approval of the "Klachtmoderatie" task is their
    permission, so for complaints the revision is published without a second check.
    """
    from complaints.models import ComplaintPage

    obj = workflow_state.content_object
    if isinstance(obj.specific, ComplaintPage):
        obj.get_latest_revision().publish(user=user, skip_permission_checks=True)
    else:
        publish_workflow_state(workflow_state, user=user)
