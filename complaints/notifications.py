"""Who is told what when a complaint moves: the message table and the outbox writes.

Messages are written to the outbox (complaints.models.OutboxMessage) in the same
transaction as the event that causes them; complaints.outbox delivers them. Privacy: a
message carries the complaint's public part and a link, never its private part, and
never one party's e-mail address to the other.
"""

import hashlib

from django.db import connection

from complaints.states import Action
from core.queue import after_commit

CONSUMER, COMPANY = "consumer", "company"

# action -> [(recipient role, template name under templates/complaints/email/)]
MESSAGES: dict[str, list[tuple[str, str]]] = {
    Action.SUBMIT: [(CONSUMER, "submitted")],
    Action.APPROVE: [(CONSUMER, "approved"), (COMPANY, "new_complaint_for_company")],
    Action.REJECT: [(CONSUMER, "rejected")],
    Action.COMPANY_REACTS: [(CONSUMER, "company_reacted")],
    Action.CONSUMER_REACTS: [(COMPANY, "consumer_reacted")],
    Action.MARK_SOLVED: [(CONSUMER, "please_rate")],
    Action.RATE: [(COMPANY, "rated")],
    Action.COMPANY_TERM_MISSED: [
        (COMPANY, "company_term_missed"),
        (CONSUMER, "company_term_missed_consumer"),
    ],
    Action.CONSUMER_TERM_MISSED: [(CONSUMER, "consumer_term_missed")],
    Action.RATING_TERM_MISSED: [(CONSUMER, "rating_term_missed")],
    Action.EXPIRE: [(CONSUMER, "expired")],
    Action.OFFER_MADE: [(CONSUMER, "offer_made")],
    Action.OFFER_ACCEPTED: [(COMPANY, "offer_accepted")],
    Action.OFFER_DECLINED: [(COMPANY, "offer_declined")],
    Action.OFFER_CARRIED_OUT: [(CONSUMER, "offer_carried_out")],
    Action.OFFER_NOT_CARRIED_OUT: [(COMPANY, "offer_not_carried_out")],
    Action.OFFER_EXPIRED: [(COMPANY, "offer_expired"), (CONSUMER, "offer_expired_consumer")],
}
# Whose term runs in a status, for reminders.
REMINDERS = {
    "awaiting_company": (COMPANY, "reminder"),
    "awaiting_consumer": (CONSUMER, "reminder"),
    "awaiting_rating": (CONSUMER, "rating_reminder"),
}


def dedupe_key(raw: str) -> str:
    """The outbox's unique key: a fixed-length hash of what makes a message unique
    (its cause, template and address), whatever the length of the address. Computed
    the same way in SQL by `_KEY_SQL` for the sweep's set-based writes."""
    return hashlib.sha256(raw.encode()).hexdigest()


# `dedupe_key` in SQL (PostgreSQL): the same digest of the same UTF-8 text.
_KEY_SQL = "encode(sha256(convert_to({raw}, 'UTF8')), 'hex')"


def addresses(complaint, role: str) -> list[str]:
    if role == CONSUMER:
        return [complaint.consumer.email] if complaint.consumer and complaint.consumer.email else []
    company = complaint.company
    reps = [r.user.email for r in company.representatives.select_related("user") if r.user.email]
    contacts = [c.email for c in company.contact_addresses.all()]
    return list(dict.fromkeys([*reps, *contacts]))


def queue_for_event(event, reaction=None) -> int:
    """Write the event's messages to the outbox (inside the caller's transaction)."""
    from complaints.models import OutboxMessage

    complaint = event.complaint
    rows = [
        OutboxMessage(
            complaint=complaint,
            event=event,
            reaction=reaction,
            template=template,
            role=role,
            to_email=email,
            dedupe_key=dedupe_key(f"e{event.pk}:{template}:{email}"),
        )
        for role, template in MESSAGES.get(event.action, [])
        for email in addresses(complaint, role)
    ]
    return _write(rows)


def _write(rows) -> int:
    """Store the messages (one per cause and address: a repeat is ignored) and ask for
    delivery once the transaction commits."""
    from complaints.models import OutboxMessage

    OutboxMessage.objects.bulk_create(rows, ignore_conflicts=True)
    if rows:
        kick_delivery()
    return len(rows)


def queue_evidence_added(complaint, attachment=None, entry=None) -> int:
    """Tell the company that the consumer added evidence to a published complaint. The
    message says what kind of evidence and links to the complaint; the evidence itself
    (a file name, what was said) stays in the private part."""
    from complaints.models import OutboxMessage

    cause = f"a{attachment.pk}" if attachment else f"c{entry.pk}"
    template = "evidence_added_file" if attachment else "evidence_added_contact"
    rows = [
        OutboxMessage(
            complaint=complaint,
            template=template,
            role=COMPANY,
            to_email=email,
            dedupe_key=dedupe_key(f"evidence:{cause}:{email}"),
        )
        for email in addresses(complaint, COMPANY)
    ]
    return _write(rows)


def queue_other(to_email: str, template: str, context: dict, key: str) -> bool:
    """A message that is not about a complaint (a company claim, an invitation)."""
    from complaints.models import OutboxMessage

    row = OutboxMessage(
        template=template,
        role="other",
        to_email=to_email,
        context=context,
        dedupe_key=dedupe_key(f"other:{key}:{to_email}"),
    )
    _write([row])
    return True


def on_mail_wanted(sender, to_email, template, context, key, **kwargs) -> bool:
    return queue_other(to_email, template, context, key)


def kick_delivery() -> None:
    """Ask the task cluster to deliver the outbox once this transaction commits."""

    after_commit("complaints.tasks.deliver_outbox", name="deliver_outbox")


# Set-based writes for sweeps: one INSERT ... SELECT per recipient role, whatever the
# number of complaints. Works on PostgreSQL and SQLite alike.
_RECIPIENTS = {
    CONSUMER: """
        SELECT c.page_ptr_id AS complaint_id, c.reminded_for AS term, u.email AS email
        FROM complaints_complaintpage c JOIN auth_user u ON u.id = c.consumer_id
        WHERE c.sweep_token = %(token)s AND u.email <> ''
    """,
    COMPANY: """
        SELECT c.page_ptr_id AS complaint_id, c.reminded_for AS term, u.email AS email
        FROM complaints_complaintpage c
        JOIN companies_companyrepresentative r ON r.company_id = c.company_id
        JOIN auth_user u ON u.id = r.user_id
        WHERE c.sweep_token = %(token)s AND u.email <> ''
        UNION
        SELECT c.page_ptr_id, c.reminded_for, a.email
        FROM complaints_complaintpage c
        JOIN companies_companycontactaddress a ON a.page_id = c.company_id
        WHERE c.sweep_token = %(token)s
    """,
}


def queue_for_sweep(token: str, action: str, now) -> None:
    """Outbox rows for every complaint a sweep moved with `action` (marked by `token`).

    No join with the events just written: right after a large sweep the planner's
    statistics do not know those rows yet, and a join could turn quadratic. The sweep's
    token makes the key unique; the status change makes it happen once.
    """
    key = "'s' || %(token)s || ':' || rcpt.complaint_id || ':' || %(template)s || ':' || rcpt.email"
    for role, template in MESSAGES.get(action, []):
        _insert(role, template, key, token, now)


def queue_reminders(token: str, status: str, now) -> None:
    """One reminder per address and term: the term's end is part of the key."""
    role, template = REMINDERS[status]
    _insert(
        role,
        template,
        "'r' || rcpt.complaint_id || ':' || rcpt.term || ':' || rcpt.email",
        token,
        now,
    )


def _insert(role: str, template: str, key_sql: str, token, now) -> None:
    """One INSERT ... SELECT of outbox rows for the recipients of the swept complaints;
    a row whose key exists already is skipped."""
    # The f-string inserts only constant SQL from this module (the recipients
    # subquery and the key expression); every value is a parameter.
    sql = f"""
        INSERT INTO complaints_outboxmessage
            (complaint_id, event_id, template, role, to_email, dedupe_key, status,
             attempts, next_attempt_at, last_error, created_at)
        SELECT rcpt.complaint_id, NULL, %(template)s, %(role)s, rcpt.email,
               {_KEY_SQL.format(raw=key_sql)},
               'pending', 0, %(now)s, '', %(now)s
        FROM ({_RECIPIENTS[role]}) rcpt
        WHERE TRUE
        ON CONFLICT (dedupe_key) DO NOTHING
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, {"token": str(token), "template": template, "role": role, "now": now})
