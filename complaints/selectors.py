"""Read-only queries for complaints, with the privacy rules applied."""

from complaints.permissions import can_see_private_part, is_owner, represents


def complaint_page_context(complaint, user) -> dict:
    private = can_see_private_part(user, complaint)
    context = {
        "can_see_private": private,
        "is_owner": is_owner(user, complaint),
        "is_representative": represents(user, complaint.company),
    }
    if private:
        context.update(
            private_details=getattr(complaint, "private_details", None),
            attachments=list(complaint.attachments.all()),
            contact_log=list(complaint.contact_log.all()),
        )
    return context


def complaints_of(consumer):
    from complaints.models import ComplaintPage

    return (
        ComplaintPage.objects.filter(consumer=consumer)
        .select_related("company", "topic")
        .order_by("-latest_revision_created_at", "-pk")
    )


def public_complaints():
    """Complaints anyone may see: live pages in a public status, newest first."""
    from complaints.models import ComplaintPage
    from complaints.states import PUBLIC_STATUSES

    return (
        ComplaintPage.objects.live()
        .public()
        .filter(status__in=PUBLIC_STATUSES)
        .select_related("company", "topic")
        .order_by("-published_at", "-pk")
    )
