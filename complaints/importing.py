"""import_complaints: complaints from another system, one JSON object per line.

Each line is replayed through the state machine at its own timestamps (submitted,
published, each reaction, the grade), then the clock is applied up to now, so terms
and deadlines come out exactly as if the events had happened live. A line that does
not fit is refused with its reason and stores nothing.
"""

import json
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify

from complaints import services, states
from complaints.models import ComplaintPage, ComplaintPrivateDetails, Rating, Topic
from complaints.states import Action, Status

REQUIRED = ("external_id", "company", "topic", "title", "description", "status")


class LineRefused(Exception):
    pass


@dataclass
class Outcome:
    created: bool
    complaint_id: int


def _time(data: dict, key: str, required: bool = False) -> datetime | None:
    value = data.get(key)
    if value in (None, ""):
        if required:
            raise LineRefused(f"{key} ontbreekt")
        return None
    moment = parse_datetime(str(value)) if isinstance(value, str) else None
    if moment is None or timezone.is_naive(moment):
        raise LineRefused(f"{key} is geen datum-tijd met tijdzone: {value!r}")
    if moment > timezone.now():
        raise LineRefused(f"{key} ligt in de toekomst")
    return moment


def parse(raw: str) -> dict:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise LineRefused(f"geen geldige JSON ({exc.msg})") from exc
    if not isinstance(data, dict):
        raise LineRefused("geen JSON-object")
    missing = [key for key in REQUIRED if not data.get(key)]
    if missing:
        raise LineRefused("ontbreekt: " + ", ".join(missing))
    if data["status"] not in Status.values:
        raise LineRefused(f"onbekende status {data['status']!r}")
    company = data["company"]
    if not isinstance(company, dict) or not company.get("name"):
        raise LineRefused("company.name ontbreekt")
    return data


def _consumer(data: dict):
    consumer = data.get("consumer") or {}
    email = (consumer.get("email") or "").strip().lower()
    if not email:
        return None
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(
            username=f"import-{slugify(email)[:130]}",
            email=email,
            first_name=(consumer.get("name") or "")[:150],
        )
        user.set_unusable_password()
        user.save()
    return user


def _replay(complaint: ComplaintPage, data: dict) -> None:
    target = data["status"]
    submitted = _time(data, "submitted_at", required=target != Status.DRAFT)
    published = _time(data, "published_at")
    if target == Status.DRAFT:
        return
    if target == Status.IN_MODERATION:
        services.submit(complaint, complaint.consumer, now=submitted)
        return
    services.transition(complaint, Action.SUBMIT, now=submitted)
    if published is None:
        if target == Status.REJECTED:
            services.transition(
                complaint, Action.REJECT, note="Afgewezen in het vorige systeem.", now=submitted
            )
            return
        if target == Status.WITHDRAWN:
            services.transition(complaint, Action.WITHDRAW, now=submitted)
            return
        raise LineRefused(f"status {target} vraagt om published_at")
    if published < submitted:
        raise LineRefused("published_at ligt voor submitted_at")
    complaint.refresh_from_db()
    complaint.save_revision().publish()
    services.transition(complaint, Action.APPROVE, now=published)
    last = published
    for number, reaction in enumerate(data.get("reactions") or [], start=1):
        at = _time(reaction, "at", required=True)
        if at < last:
            raise LineRefused(f"reactie {number} ligt voor de vorige gebeurtenis")
        _clock_until(complaint, at)
        try:
            services.add_reaction(complaint, reaction.get("by"), reaction.get("body", ""), now=at)
        except (KeyError, services.NotYourTurn) as exc:
            raise LineRefused(
                f"reactie {number} van {reaction.get('by')!r} is niet aan de beurt"
            ) from exc
        except ValidationError as exc:
            raise LineRefused(f"reactie {number}: {' '.join(exc.messages)}") from exc
        last = at
    rating = data.get("rating")
    if rating:
        at = _time(rating, "at", required=True)
        grade = rating.get("grade")
        if not isinstance(grade, int) or not 1 <= grade <= 10:
            raise LineRefused(f"cijfer {grade!r} ligt niet tussen 1 en 10")
        complaint.refresh_from_db()
        if complaint.status != Status.AWAITING_RATING:
            services.transition(complaint, Action.MARK_SOLVED, now=at)
        services.transition(complaint, Action.RATE, now=at)
        Rating.objects.create(
            complaint=complaint,
            grade=grade,
            solved=bool(rating.get("solved")),
            comment=(rating.get("comment") or "")[:2000],
            created_at=at,
        )
        last = at
    if target == Status.WITHDRAWN:
        services.transition(complaint, Action.WITHDRAW, now=last)
        return
    _clock_until(complaint, timezone.now())


def _clock_until(complaint: ComplaintPage, moment: datetime) -> None:
    """What the clock would have done before `moment`: missed terms, then expiry."""
    missed = {
        Status.AWAITING_COMPANY: Action.COMPANY_TERM_MISSED,
        Status.AWAITING_CONSUMER: Action.CONSUMER_TERM_MISSED,
        Status.AWAITING_RATING: Action.RATING_TERM_MISSED,
    }
    complaint.refresh_from_db()
    if complaint.status in missed and complaint.due_at and complaint.due_at < moment:
        services.transition(complaint, missed[complaint.status], now=complaint.due_at)
        complaint.refresh_from_db()
    if (
        complaint.status in states.PUBLIC_STATUSES
        and complaint.expires_at
        and complaint.expires_at < moment
    ):
        services.transition(complaint, Action.EXPIRE, now=complaint.expires_at)


@transaction.atomic
def import_line(data: dict) -> Outcome:
    """One complaint; raises LineRefused (and the transaction stores nothing)."""
    from companies.services import get_or_create_company, get_or_create_sector

    company_data = data["company"]
    try:
        sector = get_or_create_sector(company_data.get("sector") or "Overig")
        company = get_or_create_company(company_data["name"], company_data.get("kvk"), sector)
    except (ValueError, ValidationError) as exc:
        raise LineRefused(f"bedrijf: {exc}") from exc
    topic, _ = Topic.objects.get_or_create(
        slug=slugify(data["topic"])[:100], defaults={"name": data["topic"][:100]}
    )
    public = {
        "title": data["title"][:255],
        "description": data["description"][:5000],
        "desired_outcome": (data.get("desired_outcome") or "")[:1500],
        "topic": topic,
    }
    existing = ComplaintPage.objects.filter(external_id=data["external_id"]).first()
    if existing is not None:
        services.update_draft(existing, public)
        if existing.live:
            existing.save_revision().publish()
        ComplaintPrivateDetails.objects.update_or_create(
            complaint=existing, defaults={"details": (data.get("private_details") or "")[:5000]}
        )
        return Outcome(False, existing.pk)
    complaint = services.start_draft(
        _consumer(data),
        company,
        {"bought_directly": True, "company_is_dutch": True, "told_company_first": True},
    )
    complaint.external_id = data["external_id"]
    services.update_draft(complaint, public)
    complaint.private_details.details = (data.get("private_details") or "")[:5000]
    complaint.private_details.save()
    _replay(complaint, data)
    complaint.refresh_from_db()
    if complaint.status != data["status"]:
        raise LineRefused(
            f"status {data['status']} past niet bij de tijdlijn (die komt uit op {complaint.status})"
        )
    return Outcome(True, complaint.pk)
