"""Writes to companies that touch more than one object."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from companies.models import (
    ColleagueInvitation,
    CompanyClaim,
    CompanyContactAddress,
    CompanyIndexPage,
    CompanyPage,
    CompanyRepresentative,
    Sector,
)
from companies.signals import mail_wanted
from core.mail import absolute_url


def get_or_create_sector(name: str) -> Sector:
    slug = slugify(name)[:100] or "overig"
    sector, _ = Sector.objects.get_or_create(slug=slug, defaults={"name": name[:100]})
    return sector


def get_or_create_company(name: str, kvk: str | None, sector: Sector) -> CompanyPage:
    """A live company page under the company index, found by KvK number or name."""
    company = None
    if kvk:
        company = CompanyPage.objects.filter(kvk_number=kvk).first()
    if company is None:
        company = (
            CompanyPage.objects.filter(title=name).first()
            or CompanyPage.objects.filter(legal_name=name).first()
        )
    if company is not None:
        return company
    if not kvk:
        raise ValueError(f"bedrijf {name!r} bestaat nog niet en heeft geen KvK-nummer")
    index = CompanyIndexPage.objects.first()
    if index is None:
        raise ValueError(
            "er is geen bedrijvenoverzicht (CompanyIndexPage) om het bedrijf onder te hangen"
        )
    base = slugify(name)[:60] or "bedrijf"
    slug, n = base, 1
    while CompanyPage.objects.child_of(index).filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    company = CompanyPage(
        title=name,
        slug=slug,
        legal_name=name,
        kvk_number=kvk or "",
        sector=sector,
        in_scope_confirmed=True,
    )
    index.add_child(instance=company)
    company.full_clean()  # the caller's transaction undoes the page when this fails
    company.save_revision().publish()
    return company


# Company self-service: claims, colleagues, the public route to customer service ----------

CLAIM_SALT = "companies.claim"


class ClaimLinkError(Exception):
    """A verification link that is forged, expired, already used or someone else's."""


def represents(user, company: CompanyPage) -> bool:
    return bool(
        user.is_authenticated
        and CompanyRepresentative.objects.filter(user=user, company=company).exists()
    )


def _mail(to_email: str, template: str, context: dict, key: str) -> None:
    """Through the outbox, which lives in a higher app: it answers the signal."""
    answers = mail_wanted.send(
        sender=CompanyClaim, to_email=to_email, template=template, context=context, key=key
    )
    if not any(answer for _, answer in answers):
        raise RuntimeError("no outbox answered companies.signals.mail_wanted")


def claim_token(claim: CompanyClaim) -> str:
    # The address is signed too: a link mailed to an earlier address stops working.
    return signing.dumps({"claim": claim.pk, "email": claim.email}, salt=CLAIM_SALT)


def claim_from_token(token: str, user) -> CompanyClaim:
    try:
        data = signing.loads(
            token, salt=CLAIM_SALT, max_age=timedelta(hours=settings.CLAIM_LINK_HOURS)
        )
    except signing.SignatureExpired as exc:
        raise ClaimLinkError(_("Deze link is verlopen. Vraag hieronder een nieuwe aan.")) from exc
    except signing.BadSignature as exc:
        raise ClaimLinkError(_("Deze link klopt niet.")) from exc
    claim = CompanyClaim.objects.filter(
        pk=data.get("claim"), email=data.get("email"), user=user
    ).first()
    if claim is None:
        # Someone else's claim, or an address changed since: say no more than that.
        raise ClaimLinkError(_("Deze link hoort niet bij jouw account."))
    if claim.status != CompanyClaim.Status.UNVERIFIED:
        raise ClaimLinkError(_("Deze link is al gebruikt."))
    return claim


@transaction.atomic
def start_claim(user, company: CompanyPage, email: str, job_title: str = "") -> CompanyClaim:
    """Record (or renew, while unverified) the user's claim and mail the link."""
    claim, created = CompanyClaim.objects.select_for_update().get_or_create(
        user=user, company=company, defaults={"email": email, "job_title": job_title}
    )
    if not created:
        if claim.status != CompanyClaim.Status.UNVERIFIED:
            raise ValueError("only an unverified claim can be renewed")
        claim.email, claim.job_title = email, job_title
        claim.save(update_fields=["email", "job_title"])
    token = claim_token(claim)
    _mail(
        email,
        "companies/email/claim_verify",
        {
            "company_name": company.title,
            "verify_url": absolute_url(reverse("claim_verify", args=[token])),
            "hours": settings.CLAIM_LINK_HOURS,
        },
        key=f"claim-verify:{token}",
    )
    return claim


@transaction.atomic
def verify_claim(claim: CompanyClaim) -> CompanyClaim:
    claim = CompanyClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.status != CompanyClaim.Status.UNVERIFIED:
        raise ClaimLinkError(_("Deze link is al gebruikt."))
    claim.status = CompanyClaim.Status.PENDING
    claim.verified_at = timezone.now()
    claim.save(update_fields=["status", "verified_at"])
    return claim


@transaction.atomic
def decide_claim(claim: CompanyClaim, moderator, approve: bool, reason: str = "") -> CompanyClaim:
    """A moderator's decision; approval links the user to the company as representative."""
    claim = CompanyClaim.objects.select_for_update().select_related("company").get(pk=claim.pk)
    if claim.status != CompanyClaim.Status.PENDING:
        raise ValueError("only a verified claim waiting for a moderator can be decided")
    claim.status = CompanyClaim.Status.APPROVED if approve else CompanyClaim.Status.REFUSED
    claim.refusal_reason = "" if approve else reason
    claim.decided_at, claim.decided_by = timezone.now(), moderator
    claim.save(update_fields=["status", "refusal_reason", "decided_at", "decided_by"])
    if approve:
        CompanyRepresentative.objects.get_or_create(
            user=claim.user, company=claim.company, defaults={"job_title": claim.job_title}
        )
    _mail(
        claim.email,
        "companies/email/claim_approved" if approve else "companies/email/claim_refused",
        {
            "company_name": claim.company.title,
            "reason": reason,
            "manage_url": absolute_url(reverse("company_manage", args=[claim.company_id])),
        },
        key=f"claim-decided:{claim.pk}",
    )
    return claim


@transaction.atomic
def publish_company_details(company: CompanyPage, user, fields: dict, contacts: list) -> None:
    """Change the customer-service route (public) and the complaint contact addresses
    (private) as a new revision, published at once in the representative's name.

    Published, not left for moderation: these are the company's own facts, already
    validated (a Dutch number, an https address), and a consumer needs the current
    route now; the revision shows moderators who changed what, and they can roll back.
    The revision starts from the live page, so an editor's unpublished draft is never
    published by it. The contact rows go in the revision too: a later publish of an
    older revision would otherwise bring back old addresses."""
    page = CompanyPage.objects.select_for_update().get(pk=company.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.contact_addresses = [
        CompanyContactAddress(name=contact["name"], email=contact["email"]) for contact in contacts
    ]
    page.full_clean()
    revision = page.save_revision(user=user, log_action=True)
    # Representatives have no Wagtail page rights: the caller checked that the user
    # speaks for this company, and the log still names them.
    revision.publish(user=user, skip_permission_checks=True)


@transaction.atomic
def remove_representative(representative: CompanyRepresentative) -> bool:
    """Remove a colleague; False when they are the company's last representative, so
    that a company is never left without anyone to answer."""
    company = CompanyPage.objects.select_for_update().get(pk=representative.company_id)
    if company.representatives.count() <= 1:
        return False
    representative.delete()
    return True


INVITE_SALT = "companies.invitation"


@transaction.atomic
def invite_colleague(company: CompanyPage, inviter, email: str) -> ColleagueInvitation:
    invitation = ColleagueInvitation.objects.create(
        company=company, email=email, invited_by=inviter
    )
    # The id alone: a signed value is readable by whoever holds the link, so the link
    # does not carry the colleague's address (the signature makes the id unforgeable).
    token = signing.dumps({"invitation": invitation.pk}, salt=INVITE_SALT)
    _mail(
        email,
        "companies/email/colleague_invitation",
        {
            "company_name": company.title,
            "accept_url": absolute_url(reverse("invitation_accept", args=[token])),
            "hours": settings.CLAIM_LINK_HOURS,
        },
        key=f"invitation:{invitation.pk}",
    )
    return invitation


def invitation_from_token(token: str, user) -> ColleagueInvitation:
    """The open invitation the link names, if the signed-in user holds its address
    (verified in allauth); ClaimLinkError otherwise."""
    from allauth.account.models import EmailAddress

    try:
        data = signing.loads(
            token, salt=INVITE_SALT, max_age=timedelta(hours=settings.CLAIM_LINK_HOURS)
        )
    except signing.SignatureExpired as exc:
        raise ClaimLinkError(
            _("Deze uitnodiging is verlopen. Vraag je collega om een nieuwe.")
        ) from exc
    except signing.BadSignature as exc:
        raise ClaimLinkError(_("Deze link klopt niet.")) from exc
    invitation = (
        ColleagueInvitation.objects.select_related("company")
        .filter(pk=data.get("invitation"))
        .first()
    )
    if invitation is None:
        # The signature is ours, so the invitation existed: it was withdrawn since.
        raise ClaimLinkError(
            _(
                "Deze uitnodiging is ingetrokken. Vraag je collega om een nieuwe als je toch "
                "namens het bedrijf wilt reageren."
            )
        )
    if invitation.accepted_at is not None:
        raise ClaimLinkError(_("Deze uitnodiging is al gebruikt."))
    if not EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists():
        # The address is not repeated: whoever opened the link with another account
        # need not learn which colleague was invited.
        raise ClaimLinkError(
            _(
                "Deze uitnodiging is voor een ander e-mailadres dan dat van je account. Log "
                "in met het adres waarop je de uitnodiging kreeg (bevestigd), of maak met "
                "dat adres een account aan."
            )
        )
    return invitation


@transaction.atomic
def withdraw_invitation(invitation: ColleagueInvitation) -> bool:
    """Delete an invitation nobody accepted yet, so its link stops working at once;
    False when it was accepted in the meantime (then it is a colleague to remove)."""
    invitation = ColleagueInvitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if invitation is None:
        return True
    if invitation.accepted_at is not None:
        return False
    invitation.delete()
    return True


@transaction.atomic
def accept_invitation(invitation: ColleagueInvitation, user) -> CompanyRepresentative:
    invitation = ColleagueInvitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if invitation is None:
        # Withdrawn between showing the button and pressing it.
        raise ClaimLinkError(_("Deze uitnodiging is ingetrokken."))
    if invitation.accepted_at is not None:
        raise ClaimLinkError(_("Deze uitnodiging is al gebruikt."))
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    representative, _created = CompanyRepresentative.objects.get_or_create(
        user=user, company=invitation.company
    )
    return representative
