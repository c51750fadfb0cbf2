"""Who may see what of a complaint: the privacy rules, in one place."""

from core import roles


def is_moderator(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.groups.filter(name=roles.MODERATORS).exists()
    )


def represents(user, company) -> bool:
    return user.is_authenticated and company.representatives.filter(user=user).exists()


def is_owner(user, complaint) -> bool:
    return user.is_authenticated and complaint.consumer_id == user.pk


def can_see_private_part(user, complaint) -> bool:
    """The consumer, the company's representatives and moderators; nobody else."""
    if not user.is_authenticated:
        return False
    return is_owner(user, complaint) or represents(user, complaint.company) or is_moderator(user)
