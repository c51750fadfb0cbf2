"""Demo data for `seed_demo`: accounts now; companies, advice and complaints follow.

Everything here is idempotent: running it again updates in place and never duplicates.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from home import roles


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    email: str
    is_superuser: bool = False
    group: str | None = None


BASE_ACCOUNTS = [
    DemoAccount(
        "admin", "beheerder (superuser)", "admin@klachtenkompas.example", is_superuser=True
    ),
    DemoAccount(
        "moderator", "moderator", "moderator@klachtenkompas.example", group=roles.MODERATORS
    ),
    DemoAccount("editor", "redacteur", "redactie@klachtenkompas.example", group=roles.EDITORS),
    DemoAccount("consumer", "consument", "consument@klachtenkompas.example"),
]


def company_rep_account(company_slug: str) -> DemoAccount:
    return DemoAccount(
        f"rep-{company_slug}",
        f"vertegenwoordiger van {company_slug}",
        f"rep-{company_slug}@klachtenkompas.example",
    )


@transaction.atomic
def ensure_accounts(accounts: list[DemoAccount], password: str) -> None:
    User = get_user_model()
    for account in accounts:
        user, _ = User.objects.get_or_create(username=account.username)
        user.email = account.email
        user.is_superuser = account.is_superuser
        user.is_staff = account.is_superuser
        user.is_active = True
        user.set_password(password)
        user.save()
        if account.group:
            user.groups.add(Group.objects.get(name=account.group))


def demo_accounts() -> list[DemoAccount]:
    # Representatives are added per demo company once companies exist (companies app).
    return list(BASE_ACCOUNTS)
