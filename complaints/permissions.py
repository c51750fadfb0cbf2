"""Who may see what of a complaint: the privacy rules, in one place.

The private part of a complaint is its private details (reference, address, ...), its
attachments and its contact log. Who reads it follows the status:

| status                                         | consumer | company | moderators |
|------------------------------------------------|----------|---------|------------|
| draft                                          | yes      | no      | no         |
| in_moderation                                  | yes      | no      | yes        |
| rejected                                       | yes      | no      | no         |
| public (awaiting_company, awaiting_consumer,   | yes      | yes     | yes        |
|   awaiting_rating, rated, unanswered, closed)  |          |         |            |
| withdrawn                                      | yes      | no      | no         |
| expired                                        | yes      | no      | no         |

The consumer is the complaint's owner: it is their own data, whatever the status (the
letter and the case pack carry it too). The company, through its representatives, reads
it while the complaint is public, the time it has to handle it; not before submission,
not after withdrawal or expiry. Moderators read it while they decide on the complaint
and while it is public (abuse reports). Nobody else ever does: other consumers,
representatives of other companies, editors, visitors.
"""

from complaints.states import PUBLIC_STATUSES, Status
from core import roles

CONSUMER, COMPANY, MODERATOR = "consumer", "company", "moderator"

PRIVATE_PART_READERS: dict[str, frozenset[str]] = {
    **{status: frozenset({CONSUMER}) for status in Status.values},
    Status.IN_MODERATION: frozenset({CONSUMER, MODERATOR}),
    **{status: frozenset({CONSUMER, COMPANY, MODERATOR}) for status in PUBLIC_STATUSES},
}


def private_part_readers(status: str) -> frozenset[str]:
    """Which parties (CONSUMER, COMPANY, MODERATOR) read the private part in `status`."""
    return PRIVATE_PART_READERS[status]


def is_moderator(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.groups.filter(name=roles.MODERATORS).exists()
    )


def represents(user, company) -> bool:
    return user.is_authenticated and company.representatives.filter(user=user).exists()


def is_owner(user, complaint) -> bool:
    return user.is_authenticated and complaint.consumer_id == user.pk


def can_see_private_part(user, complaint) -> bool:
    """The parties the table above names for the complaint's status; nobody else."""
    if not user.is_authenticated:
        return False
    readers = private_part_readers(complaint.status)
    return (
        (CONSUMER in readers and is_owner(user, complaint))
        or (COMPANY in readers and represents(user, complaint.company))
        or (MODERATOR in readers and is_moderator(user))
    )
