"""Who is told what when a complaint moves. Sent after the transition committed.

Privacy: mails about a complaint carry its public part and a link, never its private
part, and never one party's e-mail address to the other.
"""

import logging

from complaints.states import Action
from home.mail import absolute_url, send_templated

logger = logging.getLogger(__name__)


def company_recipients(company) -> list[str]:
    reps = [r.user.email for r in company.representatives.select_related("user")]
    contacts = [c.email for c in company.contact_addresses.all()]
    return [*reps, *contacts]


def on_transition(event_id: int) -> None:
    from complaints.models import ComplaintEvent

    event = ComplaintEvent.objects.select_related("complaint__consumer", "complaint__company").get(
        pk=event_id
    )
    complaint = event.complaint
    consumer_email = complaint.consumer.email if complaint.consumer else None
    context = {
        "complaint": complaint,
        "event": event,
        "complaint_url": absolute_url(complaint.url or ""),
        "my_complaints_url": absolute_url("/mijn-klachten/"),
    }
    if event.action == Action.SUBMIT:
        send_templated("complaints/email/submitted", [consumer_email], context)
    elif event.action == Action.REJECT:
        send_templated("complaints/email/rejected", [consumer_email], context)
    elif event.action == Action.APPROVE:
        send_templated("complaints/email/approved", [consumer_email], context)
        send_templated(
            "complaints/email/new_complaint_for_company",
            company_recipients(complaint.company),
            {**context, "portal_url": absolute_url("/bedrijfsportaal/")},
        )
