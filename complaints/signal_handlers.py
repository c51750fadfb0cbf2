"""Glue between Wagtail's moderation workflow and the complaint state machine.

Approval is the workflow's finish action (complaints.workflows.publish_approved: the
transition and the publication together); "request changes" is the rejection below."""

from wagtail.admin.mail import (
    GroupApprovalTaskStateSubmissionEmailNotifier,
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
)
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected

from complaints.states import Action, Status


def _complaint(workflow_state):
    from complaints.models import ComplaintPage

    page = workflow_state.content_object
    return page.specific if isinstance(page.specific, ComplaintPage) else None


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    from complaints.services import transition

    complaint = _complaint(instance)
    if complaint is None or complaint.status != Status.IN_MODERATION:
        return
    task_state = (
        TaskState.objects.filter(workflow_state=instance, status=TaskState.STATUS_REJECTED)
        .order_by("-finished_at")
        .first()
    )
    reason = (task_state.comment if task_state else "").strip() or (
        "De moderator vraagt je de klacht aan te passen aan de huisregels."
    )
    transition(complaint, Action.REJECT, actor=user, note=reason)


class _SkipComplaints:
    """Wagtail mails the submitter on approval and rejection in its own (admin) words;
    for complaints the consumer gets ours instead (complaints.notifications)."""

    def __init__(self, notifier):
        self.notifier = notifier

    def __call__(self, sender, instance=None, **kwargs):
        if instance is not None and _complaint(instance) is not None:
            return False
        return self.notifier(instance=instance, **kwargs)


class _UnlessSilenced:
    """Wagtail's mail to the moderators about a new task, except while complaint
    notifications are switched off (demo data, imports)."""

    def __init__(self, notifier):
        self.notifier = notifier

    def __call__(self, sender, instance=None, **kwargs):
        from complaints.services import notifications_on

        if not notifications_on():
            return False
        return self.notifier(instance=instance, **kwargs)


# Kept at module level: signals hold weak references to their receivers.
_approval_notifier = _SkipComplaints(WorkflowStateApprovalEmailNotifier())
_rejection_notifier = _SkipComplaints(WorkflowStateRejectionEmailNotifier())
_task_notifier = _UnlessSilenced(GroupApprovalTaskStateSubmissionEmailNotifier())


def on_attachment_deleted(sender, instance, **kwargs):
    """Whatever deletes an attachment (its remove button, a deleted draft, a page deleted
    in the admin), its file leaves the private storage too, once the deletion commits."""
    from django.db import transaction

    storage, name = instance.file.storage, instance.file.name
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def on_reaction_changed(sender, instance, **kwargs):
    """A reaction added, edited or hidden (by the services or in the admin): its
    complaint's cached pages are stale once this commits."""
    from complaints.models import ComplaintPage
    from complaints.models.complaint import complaint_page_tags
    from core import pagecache

    company_id = (
        ComplaintPage.objects.filter(pk=instance.complaint_id)
        .values_list("company_id", flat=True)
        .first()
    )
    pagecache.bump_on_commit(*complaint_page_tags(instance.complaint_id, company_id))


def on_label_changed(sender, instance, **kwargs):
    """A sector or topic renamed or removed shows on pages all over the site."""
    from core import pagecache

    pagecache.bump_on_commit(pagecache.SITE)


def register():
    from django.db.models.signals import post_delete, post_save

    from companies.models import Sector
    from complaints.models import Attachment, Reaction, Topic

    for signal in (post_save, post_delete):
        signal.connect(
            on_reaction_changed, sender=Reaction, dispatch_uid=f"pagecache_reaction_{signal}"
        )
        for model in (Sector, Topic):
            signal.connect(
                on_label_changed, sender=model, dispatch_uid=f"pagecache_{model.__name__}_{signal}"
            )

    post_delete.connect(
        on_attachment_deleted, sender=Attachment, dispatch_uid="complaint_attachment_file"
    )
    from companies.signals import mail_wanted
    from complaints.notifications import on_mail_wanted

    mail_wanted.connect(on_mail_wanted, dispatch_uid="companies_mail_to_outbox")
    workflow_rejected.connect(
        on_workflow_rejected, sender=WorkflowState, dispatch_uid="complaint_rejected"
    )
    # Same dispatch_uid as Wagtail's own receivers: this app is ready() before
    # wagtail.admin, so Wagtail's later connect() with that uid is a no-op.
    workflow_approved.connect(
        _approval_notifier,
        sender=WorkflowState,
        dispatch_uid="workflow_state_approved_email_notification",
    )
    workflow_rejected.connect(
        _rejection_notifier,
        sender=WorkflowState,
        dispatch_uid="workflow_state_rejected_email_notification",
    )
    task_submitted.connect(
        _task_notifier,
        sender=TaskState,
        dispatch_uid="group_approval_task_submitted_email_notification",
    )
