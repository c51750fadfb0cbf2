"""Demo data for `seed_demo`: accounts, companies, topics, advice, the out-of-scope
pages; complaints and scores follow. Each app keeps its own demo data in its demo.py;
this module, at the top of the layers, puts them together.

Everything here is idempotent: running it again updates in place and never duplicates.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from core import roles


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    email: str
    is_superuser: bool = False
    group: str | None = None
    company_slug: str | None = None


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


def company_rep_account(company) -> DemoAccount:
    return DemoAccount(
        f"rep-{company.slug}",
        f"vertegenwoordiger van {company.title}",
        f"rep@{company.slug}.example",
        company_slug=company.slug,
    )


def ensure_accounts(accounts: list[DemoAccount], password: str) -> None:
    from companies.models import CompanyPage, CompanyRepresentative

    User = get_user_model()
    for account in accounts:
        user, _ = User.objects.get_or_create(username=account.username)
        user.email = account.email
        user.is_superuser = account.is_superuser
        user.is_staff = account.is_superuser
        user.is_active = True
        user.set_password(password)
        user.save()
        # Verified, so the first sign-in does not stop at "verify your address".
        EmailAddress.objects.filter(user=user).exclude(email__iexact=account.email).delete()
        EmailAddress.objects.update_or_create(
            user=user, email=account.email, defaults={"verified": True, "primary": True}
        )
        if account.group:
            user.groups.add(Group.objects.get(name=account.group))
        if account.company_slug:
            CompanyRepresentative.objects.get_or_create(
                user=user, company=CompanyPage.objects.get(slug=account.company_slug)
            )


@transaction.atomic
def load(password: str) -> tuple[list[DemoAccount], dict]:
    from advice import demo as advice_demo
    from companies import demo as companies_demo
    from complaints import demo as complaints_demo
    from complaints.models import ComplaintPage
    from scorecards import demo as scorecards_demo

    companies = companies_demo.load()
    topics = complaints_demo.load_topics()
    advice = advice_demo.load()
    accounts = demo_accounts()
    ensure_accounts(accounts, password)
    complaints_demo.load()
    scorecards_demo.load()
    counts = {
        "sectoren": companies["sectors"],
        "onderwerpen": topics,
        "bedrijven": len(companies["companies"]),
        "tips": advice["advice"],
        "klachten": ComplaintPage.objects.count(),
    }
    return accounts, counts


def demo_accounts() -> list[DemoAccount]:
    from companies.models import CompanyPage

    reps = [company_rep_account(c) for c in CompanyPage.objects.order_by("title")]
    return [*BASE_ACCOUNTS, *reps]
