"""A consumer's rights over their own data, and the clock's retention of private parts.

- `write_export`: everything the platform holds about one account, as a zip (JSON, a
  README and the attachments), written to a file so memory stays bounded.
- `erase_account`: the account goes; private parts, attachments and contact logs go;
  public complaints are withdrawn through the life cycle or stay, anonymised, by the
  consumer's choice; queued mail to them is dropped.
- `purge_private_data`: the sweep's step that deletes private parts (and clears the
  reasons for declining offers) a set time (PRIVATE_DATA_RETENTION_DAYS) after a
  complaint ended, in a fixed number of statements.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import zipfile
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from wagtail.actions.delete_page import DeletePageAction
from wagtail.models import Page, PageLogEntry

from complaints import services, states
from complaints.models import (
    Attachment,
    ComplaintPage,
    ComplaintPrivateDetails,
    ContactLogEntry,
    OutboxMessage,
    SettlementOffer,
)
from complaints.models.complaint import complaint_page_tags
from complaints.states import Action, Status
from complaints.storage import private_storage
from core import pagecache

logger = logging.getLogger(__name__)

# The statuses after which a complaint has ended for good: its private part is kept
# PRIVATE_DATA_RETENTION_DAYS after the last move (changed_at), then deleted.
ENDED = (Status.RATED, Status.CLOSED, Status.WITHDRAWN, Status.EXPIRED)

# Never on the public site: erasing the account deletes these complaints whole.
NEVER_PUBLIC = (Status.DRAFT, Status.IN_MODERATION, Status.REJECTED)

WITHDRAW, KEEP_ANONYMOUS = "withdraw", "keep_anonymous"

README = """Je gegevens bij Klachtenkompas
==============================

Dit archief bevat alles wat Klachtenkompas over je account bewaart, zoals het was op
het moment dat je het downloadde ({made}).

gegevens.json
    Je account (gebruikersnaam, e-mailadressen, naam, datums) en al je klachten. Per
    klacht: het openbare deel (titel, tekst, wat je wilt bereiken), het besloten deel
    (referentienummer en toelichting), de status en het verloop (elke stap met datum),
    de reacties van jou en van het bedrijf, je beoordeling en je contactmomenten met
    het bedrijf. Bij elke bijlage staat waar je het bestand in dit archief vindt.
    Onder "alerts": de bedrijven en zoekopdrachten die je met je e-mailadres volgt, en
    of je als vertegenwoordiger van een bedrijf directe meldingen krijgt.

bijlagen/<klachtnummer>/
    De bestanden die je als bewijs bij een klacht hebt gevoegd. Foto's zijn bij het
    uploaden opnieuw opgeslagen zonder verborgen gegevens zoals je locatie.

Het JSON-bestand kun je openen met een teksteditor of inlezen in een ander programma.
Namen van medewerkers van het bedrijf en van moderatoren staan er niet in: dat zijn
niet jouw gegevens.
"""


# -- the copy -------------------------------------------------------------------------


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def safe_filename(name: str, fallback: str = "bijlage") -> str:
    """A file name that cannot leave its folder in the zip: no path, no control or odd
    characters, not hidden, not too long."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[^\w.-]+", "_", name, flags=re.ASCII).strip("._")[:100]
    return name or fallback


def _party(actor_id, user, complaint) -> str:
    """Who made a move, without naming anyone but the consumer."""
    if actor_id is None:
        return "clock"
    if actor_id == user.pk:
        return "you"
    if complaint.company.representatives.filter(user_id=actor_id).exists():
        return "company"
    return "moderator"


def _complaint_data(complaint: ComplaintPage, user, attachment_paths: dict) -> dict:
    private = ComplaintPrivateDetails.objects.filter(complaint=complaint).first()
    rating = getattr(complaint, "rating", None)
    return {
        "id": complaint.pk,
        "company": complaint.company.title,
        "topic": complaint.topic.name if complaint.topic else None,
        "status": complaint.status,
        "status_label": str(complaint.status_label),
        "url": complaint.full_url if complaint.live else None,
        "submitted_at": _iso(complaint.submitted_at),
        "published_at": _iso(complaint.published_at),
        "due_at": _iso(complaint.due_at),
        "expires_at": _iso(complaint.expires_at),
        "public": {
            "title": complaint.title,
            "description": complaint.description,
            "desired_outcome": complaint.desired_outcome,
            "incident_date": _iso(complaint.incident_date),
            "bought_directly": complaint.bought_directly,
            "company_is_dutch": complaint.company_is_dutch,
            "told_company_first": complaint.told_company_first,
            "told_company_on": _iso(complaint.told_company_on),
            "told_company_how": complaint.told_company_how,
        },
        "private": {
            "order_reference": private.order_reference if private else "",
            "details": private.details if private else "",
        },
        "contact_log": [
            {
                "date": _iso(entry.contacted_on),
                "time": _iso(entry.contacted_at),
                "channel": entry.channel,
                "person": entry.person,
                "summary": entry.summary,
                "promised": entry.promised,
            }
            for entry in complaint.contact_log.all()
        ],
        "attachments": [
            {
                "name": attachment.original_name,
                "content_type": attachment.content_type,
                "size": attachment.size,
                "uploaded_at": _iso(attachment.created_at),
                "file": attachment_paths.get(attachment.pk),
            }
            for attachment in complaint.attachments.all()
        ],
        "reactions": [
            {
                "party": reaction.party,
                "created_at": _iso(reaction.created_at),
                "body": reaction.body,
                "on_time": reaction.on_time,
                "visibility": reaction.visibility,
            }
            for reaction in complaint.reactions.all()
        ],
        # The company's offers and the consumer's answers (their reason for declining
        # is their own text; the company's message was addressed to them).
        "offers": [
            {
                "kind": offer.kind,
                "amount": str(offer.amount) if offer.amount is not None else None,
                "description": offer.description,
                "message": offer.message,
                "answer_by": offer.answer_by.isoformat(),
                "carry_out_by": offer.carry_out_by.isoformat(),
                "status": offer.status,
                "decline_reason": offer.decline_reason,
                "amount_public": offer.amount_public,
                "created_at": _iso(offer.created_at),
                "answered_at": _iso(offer.answered_at),
            }
            for offer in complaint.offers.order_by("created_at", "pk")
        ],
        "rating": (
            {
                "grade": rating.grade,
                "solved": rating.solved,
                "comment": rating.comment,
                "created_at": _iso(rating.created_at),
            }
            if rating
            else None
        ),
        "events": [
            {
                "action": event.action,
                "from": event.from_status,
                "to": event.to_status,
                "at": _iso(event.created_at),
                "by": _party(event.actor_id, user, complaint),
            }
            for event in complaint.events.all()
        ],
    }


def _account_data(user) -> dict:
    from allauth.account.models import EmailAddress

    return {
        "username": user.get_username(),
        "email": user.email,
        "name": user.get_full_name(),
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
    }


def _other_apps_data(user) -> dict:
    """What higher apps (alerts) hold about the account, through a signal: complaints
    may not import them."""
    from complaints.signals import personal_data_wanted

    sections: dict = {}
    addresses = _addresses_of(user)
    for _receiver, answer in personal_data_wanted.send(sender=None, user=user, addresses=addresses):
        sections.update(answer or {})
    return sections


def write_export(user, out) -> None:
    """Write the zip of everything held about `user` to the binary file `out`.

    Only `user`'s own complaints (ComplaintPage.consumer); the attachments are copied
    from storage in chunks, so a large file never sits in memory whole."""
    now = timezone.now()
    complaints = list(
        ComplaintPage.objects.filter(consumer=user)
        .select_related("company", "topic")
        .order_by("pk")
    )
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        data = []
        for complaint in complaints:
            paths = {}
            used: set[str] = set()
            for number, attachment in enumerate(complaint.attachments.all(), start=1):
                name = safe_filename(attachment.original_name)
                if name in used:
                    name = f"{number}-{name}"
                used.add(name)
                path = f"bijlagen/{complaint.pk}/{name}"
                try:
                    with attachment.file.open("rb") as source, archive.open(path, "w") as target:
                        shutil.copyfileobj(source, target, 64 * 1024)
                except FileNotFoundError:
                    logger.warning("personal data export: attachment %s has no file", attachment.pk)
                    continue
                paths[attachment.pk] = path
            data.append(_complaint_data(complaint, user, paths))
        document = {
            "created_at": now.isoformat(),
            "account": _account_data(user),
            "complaints": data,
            **_other_apps_data(user),
        }
        archive.writestr("gegevens.json", json.dumps(document, ensure_ascii=False, indent=2))
        archive.writestr("README.txt", README.format(made=now.strftime("%d-%m-%Y %H:%M UTC")))
    logger.info("personal data export for user %s: %d complaints", user.pk, len(complaints))


# -- private parts: shared by the erasure and the clock ----------------------------------


def delete_private_parts(complaints: QuerySet) -> dict:
    """Delete the private details, attachments and contact logs of `complaints` (a
    queryset of ComplaintPage), one DELETE each whatever their number: raw statements,
    because Django's queryset delete() reads every row first once any model has a
    delete signal receiver. The attachments' files leave storage once the transaction
    commits (what complaints.signal_handlers.on_attachment_deleted does per row)."""
    query, params = complaints.values("pk").query.sql_with_params()
    counts = {}
    with connection.cursor() as cursor:
        for key, model in (
            ("private_details", ComplaintPrivateDetails),
            ("contact_log", ContactLogEntry),
        ):
            cursor.execute(
                f"DELETE FROM {model._meta.db_table} WHERE complaint_id IN ({query})",  # noqa: S608 (model's own table)
                params,
            )
            counts[key] = cursor.rowcount
        # RETURNING: the file names come back from the same statement, so no second read.
        cursor.execute(
            f"DELETE FROM {Attachment._meta.db_table} "  # noqa: S608 (the model's own table)
            f"WHERE complaint_id IN ({query}) RETURNING file",
            params,
        )
        files = [row[0] for row in cursor.fetchall()]
    counts["attachments"] = len(files)
    if files:
        storage = private_storage()
        transaction.on_commit(lambda: [storage.delete(name) for name in files if name])
    return counts


@transaction.atomic
def purge_private_data(now: datetime | None = None) -> int:
    """The clock's retention: private parts of complaints that ended (ENDED) more than
    PRIVATE_DATA_RETENTION_DAYS ago are deleted, and the consumer's reasons for
    declining offers are cleared. Set-based and idempotent; returns how many rows went
    (details, contact moments, attachments and cleared reasons together)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.PRIVATE_DATA_RETENTION_DAYS)
    ended = ComplaintPage.objects.filter(status__in=ENDED, changed_at__lte=cutoff)
    counts = delete_private_parts(ended)
    # The consumer's reason for declining an offer was written to the company only: a
    # private part like the others. One UPDATE with the complaints as a subquery.
    counts["decline_reasons"] = (
        SettlementOffer.objects.filter(complaint__in=ended.values("pk"))
        .exclude(decline_reason="")
        .update(decline_reason="")
    )
    total = sum(counts.values())
    if total:
        logger.info("retention: deleted %s", counts)
    return total


# -- erasure ---------------------------------------------------------------------------


class CannotErase(Exception):
    """Staff and company representatives delete their account through the team: their
    account carries more than their own data."""


def can_erase(user) -> bool:
    from companies.models import CompanyRepresentative

    # Moderators and editors are staff through their Wagtail groups, not is_staff.
    return not (
        user.is_staff
        or user.is_superuser
        or user.has_perm("wagtailadmin.access_admin")
        or CompanyRepresentative.objects.filter(user=user).exists()
    )


def _addresses_of(user) -> list[str]:
    from allauth.account.models import EmailAddress

    found = {user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)}
    return sorted({address.lower() for address in found if address})


def _delete_never_public(complaint: ComplaintPage, user) -> None:
    """A complaint nobody else has seen goes whole, through Wagtail's page deletion (as
    services.delete_draft); one still in moderation is withdrawn first, which ends its
    moderation task through the life cycle."""
    if complaint.status == Status.IN_MODERATION:
        services.withdraw(complaint, user)
    pk = complaint.pk
    page = ComplaintPage.objects.get(pk=pk)
    DeletePageAction(page, user=user).execute(skip_permission_checks=True)
    PageLogEntry.objects.filter(page_id=pk).update(label=f"klacht {pk} (verwijderd)", data={})


def _end_sessions(user_id: int) -> None:
    """Delete the account's sessions in the database (other browsers, other devices).
    Django keeps no index of sessions by user, so the live ones are read in chunks; an
    erasure is rare, and a deleted user's session would no longer log anyone in, but
    it should not linger either."""
    from django.contrib.sessions.models import Session

    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        return
    live = Session.objects.filter(expire_date__gt=timezone.now())
    doomed = [
        session.pk
        for session in live.iterator(chunk_size=2000)
        if session.get_decoded().get("_auth_user_id") == str(user_id)
    ]
    Session.objects.filter(pk__in=doomed).delete()


@transaction.atomic
def erase_account(user, *, public_choice: str) -> dict:
    """Delete `user`'s account and what it holds, in one transaction.

    public_choice: WITHDRAW takes every public complaint offline through the life cycle
    (WITHDRAW where the table allows it, else ERASE); KEEP_ANONYMOUS leaves it online
    without its consumer, shown as "consument (verwijderd)", so the company keeps the
    thread. Either way private parts, attachments and contact logs go; complaints that
    were never public go whole. Nothing here logs an address or a name: ids only."""
    from allauth.account.models import EmailAddress
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    if public_choice not in (WITHDRAW, KEEP_ANONYMOUS):
        raise ValueError(public_choice)
    if not can_erase(user):
        raise CannotErase
    user_id = user.pk
    addresses = _addresses_of(user)
    identifiers = [user.get_username(), *addresses]
    counts = {"deleted": 0, "withdrawn": 0, "kept": 0}

    for complaint in list(ComplaintPage.objects.select_for_update().filter(consumer=user)):
        never_public = complaint.status in NEVER_PUBLIC or (
            complaint.status == Status.WITHDRAWN and complaint.published_at is None
        )
        if never_public:
            _delete_never_public(complaint, user)
            counts["deleted"] += 1
        elif states.is_public(complaint.status) and public_choice == WITHDRAW:
            if states.target_of(complaint.status, Action.WITHDRAW):
                services.withdraw(complaint, user)
            else:
                services.transition(complaint, Action.ERASE, actor=user)
            counts["withdrawn"] += 1
        else:
            counts["kept"] += 1

    remaining = ComplaintPage.objects.filter(consumer=user)
    remaining_ids = list(remaining.values_list("pk", flat=True))
    counts.update(delete_private_parts(remaining))
    # Their own words to the company when declining an offer are theirs too.
    SettlementOffer.objects.filter(complaint_id__in=remaining_ids).exclude(
        decline_reason=""
    ).update(decline_reason="")
    # Detached: the thread stays for the company, with nobody behind "Consument".
    remaining.update(consumer=None, consumer_erased=True)
    Page.objects.filter(pk__in=remaining_ids, owner=user).update(owner=None)
    Page.objects.filter(pk__in=remaining_ids, locked_by=user).update(locked=False, locked_by=None)

    # Mail waiting for (or sent to) any of their addresses: nothing goes out any more,
    # and the outbox keeps no address of theirs.
    counts["outbox"] = (
        OutboxMessage.objects.annotate(address=Lower("to_email"))
        .filter(address__in=addresses)
        .delete()[0]
    )
    # django-axes keeps the identifier typed at failed logins.
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__in=identifiers).delete()
    EmailAddress.objects.filter(user=user).delete()
    _end_sessions(user_id)
    user.delete()

    tags = [pagecache.COMPLAINTS]
    for complaint_id, company_id in ComplaintPage.objects.filter(pk__in=remaining_ids).values_list(
        "pk", "company_id"
    ):
        tags += complaint_page_tags(complaint_id, company_id)
    pagecache.bump_on_commit(*tags)
    services.queue_search_sync(remaining_ids)
    logger.info("account %s erased: %s", user_id, counts)
    return counts
