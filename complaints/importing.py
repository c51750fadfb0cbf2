"""import_complaints: complaints from another system, one JSON object per line.

Two stages, both in the state machine's own terms:

1. `plan` checks a line and replays its history in memory through `states.Lifecycle`
   (the transition table and the terms it starts) at the line's own timestamps; so
   terms, missed terms and the two-year expiry come out exactly as if the events had
   happened live. A line that does not fit is refused here, with its reason, before
   anything is written.
2. `Importer.write` stores a batch of planned lines in one transaction: the pages,
   their events, reactions, grades and private parts with PostgreSQL's COPY. Should the
   database refuse a batch, it is written again line by line, so that only the line at
   fault is refused and stores nothing.

The stated status is the archive's snapshot at the line's last event. The replay gives
the status at that event (the latest of submitted_at, published_at, the reactions and
the grade); the archive's clock may have moved it on since (a missed term, the expiry),
and such moves carry no timestamp in the line. So a stated status is accepted when it
is the status at the last event or one the clock reaches from there before now, and
refused when the history can never produce it. Then our clock runs up to now: a stale
`awaiting_company` becomes `unanswered`, stamped when its term passed, and the summary
says how many lines the clock moved. A company's "solved" has no moment in the line:
for a grade it is placed at the grade, for a stated `awaiting_rating` at the last event.

Nothing is cut: every text is checked against its model field's `max_length` and a
longer one refuses the line. A hostile line (wrong types, impossible or naive dates,
NUL characters, lone surrogates, invalid UTF-8, nesting too deep for the parser,
lines over MAX_LINE_BYTES, unknown keys) is refused by its number; the run goes on.
Unknown keys are refused rather than ignored: a misspelt "desired_outcom" would
otherwise drop its text without a word.

Public text is screened as a submitted complaint's is (`services.screen_complaint`).
A line that would go live with flagged text keeps its whole history (events,
reactions, grade, published_at and so its expiry date) and is then held: one more
move, `hold`, stamped at the import, takes it to `in_moderation` and the moderation
workflow, off the public site and out of the search index. A moderator's approval
publishes it again as `awaiting_company` with a fresh company term (the state machine's
approval; the thread's earlier turn is not restored); a rejection asks the consumer to
adapt it, as for any complaint.

A re-run updates the public text and the private part of lines whose text changed
and leaves every other line alone, so importing the same file twice changes nothing.
A changed text that the screening flags is not put on a live complaint: that line is
refused. Reminders whose moment passed before the import count as sent (they were,
live), so the next sweep has nothing to do for imported complaints.

The file is streamed: one batch is in memory at a time, however long the file.
Notifications are not sent for imported history.
"""

import hashlib
import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from types import SimpleNamespace
from typing import BinaryIO

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import DatabaseError, connection, transaction
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify
from treebeard.exceptions import PathOverflow
from wagtail.models import Page

from companies.models import CompanyPage, Sector
from companies.signals import companies_changed
from complaints import search_index, services
from complaints.clock import REMIND_BEFORE
from complaints.models import (
    ComplaintEvent,
    ComplaintPage,
    ComplaintPrivateDetails,
    Rating,
    Reaction,
    Topic,
)
from complaints.screening import screen
from complaints.states import (
    PUBLIC_STATUSES,
    Action,
    Lifecycle,
    Status,
    TransitionNotAllowed,
    target_of,
)
from core import pagecache
from core.bulk import copy_objects, reserve_ids

logger = logging.getLogger(__name__)

BATCH_SIZE = 2000
# A complaint with its longest texts and a long thread stays far below this; a line
# over it is refused before it is parsed.
MAX_LINE_BYTES = 1024 * 1024
# Dates before this are typing errors (and would not survive a time-zone shift).
EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
STATUSES = frozenset(Status.values)
REJECTED_NOTE = "Afgewezen in het vorige systeem."
HOLD_NOTE = "Bij de import door de automatische controle gemarkeerd: {fields}."

KEYS = {
    "external_id",
    "company",
    "topic",
    "title",
    "description",
    "desired_outcome",
    "private_details",
    "status",
    "submitted_at",
    "published_at",
    "consumer",
    "reactions",
    "rating",
}
COMPANY_KEYS = {"name", "kvk", "sector"}
CONSUMER_KEYS = {"email", "name"}
REACTION_KEYS = {"by", "at", "body"}
RATING_KEYS = {"grade", "solved", "comment", "at"}


def _max(model, name: str) -> int:
    return model._meta.get_field(name).max_length


class _Limits:
    """The longest text each part of a line may have: the model fields' max_length."""

    def __init__(self):
        User = get_user_model()
        self.external_id = _max(ComplaintPage, "external_id")
        self.title = _max(ComplaintPage, "title")
        self.description = _max(ComplaintPage, "description")
        self.desired_outcome = _max(ComplaintPage, "desired_outcome")
        self.private_details = _max(ComplaintPrivateDetails, "details")
        self.topic = _max(Topic, "name")
        # The name is the company page's title and its legal name.
        self.company_name = min(_max(CompanyPage, "title"), _max(CompanyPage, "legal_name"))
        self.company_kvk = _max(CompanyPage, "kvk_number")
        self.company_sector = _max(Sector, "name")
        self.consumer_email = _max(User, "email")
        self.consumer_name = _max(User, "first_name")
        self.reaction_body = _max(Reaction, "body")
        self.rating_comment = _max(Rating, "comment")
        self.status = _max(ComplaintPage, "status")


@cache
def limits() -> _Limits:
    """Read from the models once, when first needed (the apps are loaded by then)."""
    return _Limits()


class LineRefused(Exception):
    pass


@dataclass
class Planned:
    """One line, checked, with the history it replays to."""

    number: int
    external_id: str
    company: dict
    topic: str
    public: dict
    private: str
    consumer: tuple[str, str] | None  # (e-mail, name)
    stated: str = ""
    lifecycle: Lifecycle = field(default_factory=Lifecycle)
    events: list[tuple] = field(default_factory=list)  # (action, from, to, at, note)
    reactions: list[dict] = field(default_factory=list)
    rating: dict | None = None
    hits: list[dict] = field(default_factory=list)  # the screening of the public text
    clock_moved: tuple[str, str] | None = None  # (stated, after the clock)
    held: bool = False  # flagged by the screening: in moderation instead of live

    def move(self, action: str, at: datetime, note: str = "") -> None:
        try:
            source = self.lifecycle.apply(action, at, note)
        except TransitionNotAllowed as exc:
            raise LineRefused(
                f"{Action(action).label} kan niet vanuit status {exc.status}"
            ) from exc
        self.events.append((action, source, self.lifecycle.status, at, note))

    def clock_until(self, moment: datetime) -> list[str]:
        """The clock's moves before `moment`; returns the statuses they reached."""
        reached = []
        for action, source, at in self.lifecycle.clock_until(moment):
            target = target_of(source, action)
            self.events.append((action, source, target, at, ""))
            reached.append(str(target))
        return reached


@dataclass
class Summary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0
    indexed: int = 0
    index_error: str = ""
    moved: Counter = field(default_factory=Counter)  # (stated, now) -> lines
    held: int = 0


# Stage 0: the file, a line at a time -----------------------------------------------


def read_lines(handle: BinaryIO, limit: int = MAX_LINE_BYTES) -> Iterator[str | LineRefused]:
    """The lines of a binary file, decoded one by one: a line that is too long or not
    UTF-8 comes as a LineRefused, and never more than `limit` bytes are held."""
    first = True
    while raw := handle.readline(limit + 1):
        if len(raw) > limit and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # the rest of it, unread
                raw = handle.readline(64 * 1024)
            yield LineRefused(f"de regel is te lang (meer dan {limit // 1024} KiB)")
            continue
        if first and raw.startswith(b"\xef\xbb\xbf"):  # a byte-order mark
            raw = raw[3:]
        first = False
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield LineRefused(f"geen geldige UTF-8 (byte {exc.start + 1}: {exc.reason})")


# Stage 1: a line, checked and replayed in memory -----------------------------------


def _kind(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "een boolean"
    if isinstance(value, int | float):
        return "een getal"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een object"
    return "een tekst"


def _show(value) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _object(value, path: str, keys: set[str]) -> dict:
    if not isinstance(value, dict):
        raise LineRefused(f"{path} is geen object maar {_kind(value)}")
    unknown = sorted(set(value) - keys)
    if unknown:
        prefix = "" if path == "de regel" else f"{path}."
        raise LineRefused(
            "onbekende sleutel(s): " + ", ".join(_show(prefix + key) for key in unknown[:5])
        )
    return value


def _text(
    data: dict, key: str, path: str, limit: int, required: bool = False, strip: bool = False
) -> str:
    """A text as it will be stored (stripped when `strip`), or LineRefused; never cut."""
    value = data.get(key)
    if value is None:
        if required:
            raise LineRefused(f"{path} ontbreekt")
        return ""
    if not isinstance(value, str):
        raise LineRefused(f"{path} is geen tekst maar {_kind(value)}")
    if strip:
        value = value.strip()
    if required and not value.strip():
        raise LineRefused(f"{path} is leeg")
    if "\x00" in value:  # PostgreSQL's text cannot hold it
        raise LineRefused(f"{path} bevat een NUL-teken")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise LineRefused(f"{path} bevat een ongeldig teken (een losse surrogaat)") from exc
    if len(value) > limit:
        raise LineRefused(f"{path} is te lang: {len(value)} tekens, hooguit {limit} tekens")
    return value


def _time(data: dict, key: str, path: str, now: datetime, required=False) -> datetime | None:
    value = data.get(key)
    if value is None or value == "":
        if required:
            raise LineRefused(f"{path} ontbreekt")
        return None
    if not isinstance(value, str):
        raise LineRefused(f"{path} is geen datum-tijd maar {_kind(value)}")
    try:
        moment = parse_datetime(value)
    except ValueError as exc:  # well-formed, but no such day or hour
        raise LineRefused(f"{path} is geen bestaande datum-tijd: {_show(value)}") from exc
    if moment is None or timezone.is_naive(moment):
        raise LineRefused(f"{path} is geen datum-tijd met tijdzone: {_show(value)}")
    if moment > now:
        raise LineRefused(f"{path} ligt in de toekomst")
    if moment < EARLIEST:
        raise LineRefused(f"{path} ligt voor {EARLIEST.year}")
    return moment


def parse(raw: str) -> dict:
    """The line as a JSON object with only known keys; raises LineRefused."""
    try:
        data = json.loads(raw)
    except RecursionError as exc:
        raise LineRefused("te diep genest") from exc
    except json.JSONDecodeError as exc:
        raise LineRefused(f"geen geldige JSON ({exc.msg})") from exc
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        raise LineRefused(f"geen bruikbare JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise LineRefused(f"geen JSON-object maar {_kind(data)}")
    return _object(data, "de regel", KEYS)


def _company(data: dict) -> dict:
    company = _object(data.get("company"), "company", COMPANY_KEYS)
    kvk = _text(company, "kvk", "company.kvk", limits().company_kvk) or None
    if kvk is not None:
        try:
            CompanyPage._meta.get_field("kvk_number").run_validators(kvk)
        except ValidationError as exc:
            raise LineRefused(f"company.kvk: {' '.join(exc.messages)}") from exc
    return {
        "name": _text(company, "name", "company.name", limits().company_name, required=True),
        "kvk": kvk,
        "sector": _text(company, "sector", "company.sector", limits().company_sector) or "Overig",
    }


def _consumer(data: dict) -> tuple[str, str] | None:
    if data.get("consumer") is None:
        return None
    consumer = _object(data["consumer"], "consumer", CONSUMER_KEYS)
    email = _text(
        consumer, "email", "consumer.email", limits().consumer_email, required=True, strip=True
    ).lower()
    try:
        EmailValidator()(email)
    except ValidationError as exc:
        raise LineRefused(f"consumer.email is geen geldig e-mailadres: {_show(email)}") from exc
    return email, _text(consumer, "name", "consumer.name", limits().consumer_name)


def plan(number: int, raw: str, now: datetime) -> Planned:
    """The line as the state machine would have lived it; raises LineRefused."""
    data = parse(raw)
    limit = limits()
    external_id = _text(data, "external_id", "external_id", limit.external_id, required=True)
    status = _text(data, "status", "status", limit.status, required=True)
    if status not in STATUSES:
        raise LineRefused(f"onbekende status {_show(status)}")
    line = Planned(
        number=number,
        external_id=external_id,
        company=_company(data),
        topic=_text(data, "topic", "topic", limit.topic, required=True),
        public={
            "title": _text(data, "title", "title", limit.title, required=True),
            "description": _text(
                data, "description", "description", limit.description, required=True
            ),
            "desired_outcome": _text(
                data, "desired_outcome", "desired_outcome", limit.desired_outcome
            ),
        },
        private=_text(data, "private_details", "private_details", limit.private_details),
        consumer=_consumer(data),
        stated=status,
    )
    # The same screening as a submitted complaint's (it reads only these attributes).
    line.hits = services.screen_complaint(SimpleNamespace(**line.public))
    _replay(line, data, now)
    if line.hits and line.lifecycle.status in PUBLIC_STATUSES:
        fields = ", ".join(sorted({hit["field"] for hit in line.hits}))
        line.move(Action.HOLD, now, HOLD_NOTE.format(fields=fields))
        line.held = True
    return line


def _replay(line: Planned, data: dict, now: datetime) -> None:
    target = line.stated
    reactions = data.get("reactions")
    if reactions is None:
        reactions = []
    elif not isinstance(reactions, list):
        raise LineRefused(f"reactions is geen lijst maar {_kind(reactions)}")
    rating = data.get("rating")
    if rating is not None:
        rating = _object(rating, "rating", RATING_KEYS)
    if target == Status.DRAFT:
        _nothing_after_submission(target, reactions, rating)
        return
    submitted = _time(data, "submitted_at", "submitted_at", now, required=True)
    published = _time(data, "published_at", "published_at", now)
    line.move(Action.SUBMIT, submitted)
    if target == Status.IN_MODERATION:
        _nothing_after_submission(target, reactions, rating)
        return
    if published is None:
        _nothing_after_submission(target, reactions, rating)
        if target == Status.REJECTED:
            line.move(Action.REJECT, submitted, REJECTED_NOTE)
        elif target == Status.WITHDRAWN:
            line.move(Action.WITHDRAW, submitted)
        else:
            raise LineRefused(f"status {target} vraagt om published_at")
        return
    if published < submitted:
        raise LineRefused("published_at ligt voor submitted_at")
    line.move(Action.APPROVE, published)
    last = published
    for number, reaction in enumerate(reactions, start=1):
        last = _replay_reaction(line, number, reaction, last, now)
    if rating is not None:
        last = _replay_rating(line, rating, last, now)
    if target == Status.WITHDRAWN:
        line.move(Action.WITHDRAW, last)
        return
    if (
        target == Status.AWAITING_RATING
        and target_of(line.lifecycle.status, Action.MARK_SOLVED) is not None
    ):
        line.move(Action.MARK_SOLVED, last)
    # The stated status is the archive's snapshot: the status at the last event, or
    # one the clock reaches from there before now.
    at_last = str(line.lifecycle.status)
    reached = [at_last, *line.clock_until(now)]
    if target not in reached:
        later = f", daarna door de klok {' en '.join(reached[1:])}" if reached[1:] else ""
        raise LineRefused(
            f"status {target} past niet bij de tijdlijn (die komt uit op {at_last} bij de "
            f"laatste gebeurtenis, {last:%Y-%m-%d %H:%M}{later})"
        )
    if target != reached[-1]:
        line.clock_moved = (target, reached[-1])


def _nothing_after_submission(status: str, reactions: list, rating) -> None:
    if reactions or rating is not None:
        raise LineRefused(f"status {status} zonder publicatie kan geen reacties of cijfer hebben")


def _replay_reaction(line: Planned, number: int, reaction, last: datetime, now) -> datetime:
    path = f"reactions[{number}]"
    reaction = _object(reaction, path, REACTION_KEYS)
    by = reaction.get("by")
    action = services.REACT_ACTIONS.get(by) if isinstance(by, str) else None
    if action is None:
        raise LineRefused(f"{path}.by is company of consumer, niet {_show(by)}")
    at = _time(reaction, "at", f"{path}.at", now, required=True)
    if at < last:
        raise LineRefused(f"{path} ligt voor de vorige gebeurtenis")
    # Stripped, as services.check_text does with a live reaction.
    body = _text(
        reaction, "body", f"{path}.body", limits().reaction_body, required=True, strip=True
    )
    line.clock_until(at)
    hits = screen({"body": ("reactie", body)})
    row = {
        "party": by,
        "body": body,
        "created_at": at,
        "due_at": line.lifecycle.due_at,
        "on_time": line.lifecycle.reaction_on_time(at),
        "visibility": Reaction.Visibility.PENDING if hits else Reaction.Visibility.VISIBLE,
        "screening_hits": hits,
    }
    try:
        line.move(action, at)
    except LineRefused as exc:
        raise LineRefused(f"{path} van {by!r} is niet aan de beurt") from exc
    line.reactions.append(row)
    return at


def _replay_rating(line: Planned, rating: dict, last: datetime, now) -> datetime:
    at = _time(rating, "at", "rating.at", now, required=True)
    if at < last:
        raise LineRefused("rating ligt voor de vorige gebeurtenis")
    grade = rating.get("grade")
    if not isinstance(grade, int) or isinstance(grade, bool) or not 1 <= grade <= 10:
        raise LineRefused(f"rating.grade {_show(grade)} is geen geheel getal van 1 tot en met 10")
    solved = rating.get("solved")
    if not isinstance(solved, bool):
        raise LineRefused(f"rating.solved is true of false, niet {_show(solved)}")
    comment = _text(rating, "comment", "rating.comment", limits().rating_comment, strip=True)
    # When the company called it solved is not in the line: just before the grade.
    if line.lifecycle.status != Status.AWAITING_RATING:
        line.move(Action.MARK_SOLVED, at)
    line.move(Action.RATE, at)
    line.rating = {"grade": grade, "solved": solved, "comment": comment, "created_at": at}
    return at


# Stage 2: batches into the database ------------------------------------------------


@dataclass
class Written:
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)
    moved: Counter = field(default_factory=Counter)  # (stated, now) -> new lines
    held: list[tuple[int, str]] = field(default_factory=list)  # new lines held, and why

    def add(self, other: "Written") -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.refused += other.refused
        self.moved += other.moved
        self.held += other.held


class Importer:
    """Writes planned lines in batches; remembers companies and topics between them."""

    def __init__(self, now: datetime):
        self.now = now
        self.content_type_id = ContentType.objects.get_for_model(ComplaintPage).pk
        self.companies: dict[str, object] = {}
        self.topics: dict[str, object] = {}
        self.touched_companies: set[int] = set()

    def write(self, batch: list[Planned]) -> Written:
        """The batch in one transaction; when the database refuses it, line by line."""
        try:
            with transaction.atomic():
                return self._write(batch)
        except DatabaseError as exc:
            self.companies.clear()  # what the failed transaction made is gone
            self.topics.clear()
            if len(batch) == 1:
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                return Written(
                    refused=[(batch[0].number, f"de database weigerde de regel: {reason}")]
                )
        written = Written()
        for line in batch:
            written.add(self.write([line]))
        return written

    def _write(self, batch: list[Planned]) -> Written:
        written = Written()
        resolved = []
        for line in batch:
            try:
                resolved.append((line, self._company(line.company), self._topic(line.topic)))
            except LineRefused as exc:
                written.refused.append((line.number, str(exc)))
        existing = {
            external_id: (pk, company_id)
            for external_id, pk, company_id in ComplaintPage.objects.filter(
                external_id__in=[line.external_id for line, _c, _t in resolved]
            ).values_list("external_id", "pk", "company_id")
        }
        new = [item for item in resolved if item[0].external_id not in existing]
        old = [
            (line, topic, existing[line.external_id][0])
            for line, _c, topic in resolved
            if line.external_id in existing
        ]
        self._create(new, written)
        self._update(old, written)
        updated = set(written.updated)
        self.touched_companies.update(
            company_id for pk, company_id in existing.values() if pk in updated
        )
        return written

    # References -------------------------------------------------------------------

    def _company(self, data: dict):
        from companies.services import get_or_create_company, get_or_create_sector

        key = data["kvk"] or data["name"].casefold()
        if key not in self.companies:
            try:
                with transaction.atomic():
                    sector = get_or_create_sector(data["sector"])
                    self.companies[key] = get_or_create_company(data["name"], data["kvk"], sector)
            except (ValueError, ValidationError) as exc:
                message = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                raise LineRefused(f"bedrijf: {message}") from exc
        return self.companies[key]

    def _topic(self, name: str):
        slug = slugify(name)[:100]
        if not slug:
            raise LineRefused(f"onderwerp {name!r} heeft geen bruikbare naam")
        if slug not in self.topics:
            self.topics[slug], _ = Topic.objects.get_or_create(slug=slug, defaults={"name": name})
        return self.topics[slug]

    def _consumers(self, lines: Iterable[Planned]) -> dict[str, int]:
        """Consumers by e-mail address (case-insensitive), made when unknown; they get
        no password and sign in by resetting it."""
        User = get_user_model()
        names = {line.consumer[0]: line.consumer[1] for line in lines if line.consumer}
        found = dict(
            User.objects.annotate(upper=Upper("email"))
            .filter(upper__in=[email.upper() for email in names])
            .values_list("upper", "pk")
        )
        ids = {email: found[email.upper()] for email in names if email.upper() in found}
        new = [
            User(
                # Not the address itself: usernames show up in the admin and in logs.
                username="import-" + hashlib.sha256(email.encode()).hexdigest()[:24],
                email=email,
                first_name=name,
                password=make_password(None),
            )
            for email, name in names.items()
            if email not in ids
        ]
        for user in User.objects.bulk_create(new):
            ids[user.email] = user.pk
        return ids

    # New complaints -----------------------------------------------------------------

    def _create(self, items: list[tuple], written: Written) -> None:
        if not items:
            return
        consumers = self._consumers(line for line, _c, _t in items)
        ids = iter(reserve_ids(Page, len(items)))
        pages, by_company = [], {}
        for line, company, topic in items:
            page = self._page(next(ids), line, company, topic, consumers)
            pages.append((line, page))
            by_company.setdefault(company.pk, (company, []))[1].append(page)
        self._place(by_company)
        copy_objects(Page, (page for _line, page in pages))
        copy_objects(ComplaintPage, (page for _line, page in pages))
        copy_objects(
            ComplaintPrivateDetails,
            ({"complaint_id": page.pk, "details": line.private} for line, page in pages),
        )
        copy_objects(
            ComplaintEvent,
            (
                {
                    "complaint_id": page.pk,
                    "action": action,
                    "from_status": source,
                    "to_status": target,
                    "note": note,
                    "created_at": at,
                }
                for line, page in pages
                for action, source, target, at, note in line.events
            ),
        )
        copy_objects(
            Reaction,
            ({"complaint_id": page.pk, **row} for line, page in pages for row in line.reactions),
        )
        copy_objects(
            Rating,
            ({"complaint_id": page.pk, **line.rating} for line, page in pages if line.rating),
        )
        for line, page in pages:
            if line.lifecycle.status == Status.IN_MODERATION:
                self._to_moderation(page.pk)
            if line.held:
                written.held.append((line.number, _terms(line.hits)))
            if line.clock_moved:
                written.moved[line.clock_moved] += 1
        self.touched_companies.update(by_company)
        written.created += [page.pk for _line, page in pages]

    def _page(self, pk: int, line: Planned, company, topic, consumers: dict):
        lifecycle = line.lifecycle
        live = lifecycle.status in PUBLIC_STATUSES
        published = lifecycle.published_at
        # A reminder whose moment passed before now went out live: the sweep skips it.
        due = lifecycle.due_at
        reminded = due if due is not None and due <= self.now + REMIND_BEFORE else None
        consumer_id = consumers.get(line.consumer[0]) if line.consumer else None
        return ComplaintPage(
            id=pk,
            page_ptr_id=pk,
            content_type_id=self.content_type_id,
            locale_id=company.locale_id,
            slug=services.new_slug(),
            draft_title=line.public["title"],
            live=live,
            # Withdrawn or expired after publication: unpublished, as Wagtail does it.
            has_unpublished_changes=not live,
            first_published_at=published,
            last_published_at=published,
            owner_id=consumer_id,
            consumer_id=consumer_id,
            company_id=company.pk,
            topic_id=topic.pk,
            external_id=line.external_id,
            bought_directly=True,
            company_is_dutch=True,
            told_company_first=True,
            screening_hits=line.hits,
            reminded_for=reminded,
            **line.public,
            **lifecycle.values(),
        )

    @staticmethod
    def _place(by_company: dict[int, tuple]) -> None:
        """Tree positions under each company page, as treebeard's add_child gives them,
        for many children at once: the company rows are locked, and their last
        children found, with one statement each."""
        parents = {
            page.pk: page
            for page in Page.objects.select_for_update()
            .filter(pk__in=list(by_company))
            .only("path", "depth", "url_path", "numchild")
        }
        intervals = {pk: Page._get_children_path_interval(p.path) for pk, p in parents.items()}
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT v.id, (
                    SELECT c.path FROM wagtailcore_page c
                    WHERE c.path BETWEEN v.low AND v.high AND c.depth = v.depth
                    ORDER BY c.path DESC LIMIT 1)
                FROM unnest(%s::int[], %s::text[], %s::text[], %s::int[])
                    AS v(id, low, high, depth)
                """,
                [
                    list(parents),
                    [intervals[pk][0] for pk in parents],
                    [intervals[pk][1] for pk in parents],
                    [parents[pk].depth + 1 for pk in parents],
                ],
            )
            last_paths = dict(cursor.fetchall())
            for pk, parent in parents.items():
                children = by_company[pk][1]
                last = last_paths.get(pk)
                step = Page._str2int(last[-Page.steplen :]) if last else 0
                if step + len(children) >= len(Page.alphabet) ** Page.steplen:
                    raise PathOverflow(f"te veel klachten onder {parent.pk}")
                for child in children:
                    step += 1
                    child.depth = parent.depth + 1
                    child.path = Page._get_path(parent.path, child.depth, step)
                    child.numchild = 0
                    child.set_url_path(parent)
            cursor.execute(
                """
                UPDATE wagtailcore_page SET numchild = numchild + v.added
                FROM unnest(%s::int[], %s::int[]) AS v(id, added)
                WHERE wagtailcore_page.id = v.id
                """,
                [list(parents), [len(by_company[pk][1]) for pk in parents]],
            )

    @staticmethod
    def _to_moderation(pk: int) -> None:
        """A complaint that was waiting for moderation, or is held because the screening
        flagged it, waits in our workflow too (its screening_hits are on the row)."""
        page = ComplaintPage.objects.get(pk=pk)
        page.save_revision(user=page.consumer, log_action=False)
        page.get_workflow().start(page, page.consumer)

    # Re-runs: changed public text and private parts are brought up to date ---------

    def _update(self, items: list[tuple], written: Written) -> None:
        if not items:
            return
        current = {
            row["pk"]: row
            for row in ComplaintPage.objects.filter(pk__in=[pk for _l, _t, pk in items]).values(
                "pk", "live", "status", "topic_id", "private_details__details", *PUBLIC_FIELDS
            )
        }
        changed = []
        for line, topic, pk in items:
            row = current[pk]
            if (
                all(row[name] == line.public[name] for name in PUBLIC_FIELDS)
                and row["topic_id"] == topic.pk
                and (row["private_details__details"] or "") == line.private
            ):
                written.unchanged += 1
            elif line.hits and row["live"] and _public_changed(row, line):
                written.refused.append(
                    (
                        line.number,
                        "de nieuwe openbare tekst is door de automatische controle gemarkeerd "
                        f"({_terms(line.hits)}); de gepubliceerde klacht is niet bijgewerkt",
                    )
                )
            else:
                changed.append((line, topic, pk))
        if not changed:
            return
        pages = [
            ComplaintPage(
                page_ptr_id=pk,
                id=pk,
                topic_id=topic.pk,
                draft_title=line.public["title"],
                # The screening of the text now on the page, as a submission stores it.
                screening_hits=line.hits if _public_changed(current[pk], line) else None,
                **line.public,
            )
            for line, topic, pk in changed
        ]
        Page.objects.bulk_update(pages, ["title", "draft_title"])
        ComplaintPage.objects.bulk_update(pages, ["description", "desired_outcome", "topic"])
        rescreened = [page for page in pages if page.screening_hits is not None]
        ComplaintPage.objects.bulk_update(rescreened, ["screening_hits"])
        pks = [pk for _l, _t, pk in changed]
        details = {
            d.complaint_id: d for d in ComplaintPrivateDetails.objects.filter(complaint_id__in=pks)
        }
        for line, _topic, pk in changed:
            details.setdefault(pk, ComplaintPrivateDetails(complaint_id=pk)).details = line.private
        ComplaintPrivateDetails.objects.bulk_update(
            [d for d in details.values() if d.pk], ["details"]
        )
        ComplaintPrivateDetails.objects.bulk_create([d for d in details.values() if not d.pk])
        # Pages that have revisions (edited in the admin since) get one with the new text.
        for page in ComplaintPage.objects.filter(pk__in=pks, latest_revision__isnull=False):
            revision = page.save_revision(log_action=False)
            if page.live:
                revision.publish(log_action=False)
        written.updated += pks


PUBLIC_FIELDS = ("title", "description", "desired_outcome")


def _public_changed(row: dict, line: Planned) -> bool:
    return any(row[name] != line.public[name] for name in PUBLIC_FIELDS)


def _terms(hits: list[dict]) -> str:
    return ", ".join(sorted({f"{hit['field']}: {hit['term']}" for hit in hits}))


# The whole file -----------------------------------------------------------------------


def run(
    lines: Iterable[str | LineRefused],
    *,
    refused: Callable[[int, str], None],
    held: Callable[[int, str], None] | None = None,
    progress: Callable[[int, Summary], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> Summary:
    """Plan, write and index a stream of lines (from `read_lines`), a batch at a time.
    Each batch goes to the search index from a helper thread while the next one is read
    and written. `refused` hears of every refused line, `held` of every new line the
    screening sent to moderation."""
    summary = Summary()
    now = timezone.now()
    importer = Importer(now)
    index = search_index.bulk_indexer()

    def refuse(number: int, reason: str) -> None:
        summary.refused += 1
        refused(number, reason)

    def flush(batch: list[Planned], number: int) -> None:
        written = importer.write(batch)
        for line_number, reason in written.refused:
            refuse(line_number, reason)
        summary.created += len(written.created)
        summary.updated += len(written.updated)
        summary.unchanged += written.unchanged
        summary.moved += written.moved
        summary.held += len(written.held)
        if held:
            for line_number, terms in written.held:
                held(line_number, terms)
        index.add([*written.created, *written.updated])
        if progress:
            progress(number, summary)

    batch: list[Planned] = []
    in_batch: set[str] = set()
    number = 0
    with services.notifications_enabled(False), services.search_sync_enabled(False):
        for number, raw in enumerate(lines, start=1):
            if isinstance(raw, LineRefused):
                refuse(number, str(raw))
                continue
            if not raw.strip():
                continue
            try:
                line = plan(number, raw, now)
            except LineRefused as exc:
                refuse(number, str(exc))
                continue
            except Exception as exc:
                # Whatever else a line can do to the checks, it stops only that line;
                # the traceback goes to the log so that a bug in them is seen.
                logger.exception("import_complaints: line %s", number)
                refuse(number, f"onverwachte fout bij het controleren ({type(exc).__name__})")
                continue
            if line.external_id in in_batch:  # twice in one batch: the second updates
                flush(batch, number - 1)
                batch, in_batch = [], set()
            batch.append(line)
            in_batch.add(line.external_id)
            if len(batch) >= batch_size:
                flush(batch, number)
                batch, in_batch = [], set()
        if batch:
            flush(batch, number)
    summary.indexed, summary.index_error = index.close()
    _recompute_scores(importer.touched_companies)
    # The companies the lines named, new ones included, reach the company autocomplete
    # in one bulk task (their per-save sync was off with the complaints').
    companies_changed.send(sender=Importer, company_ids=[c.pk for c in importer.companies.values()])
    # An import may touch any number of complaints and companies: every cached page.
    pagecache.bump_on_commit(pagecache.SITE)
    return summary


def _recompute_scores(company_ids: Iterable[int]) -> None:
    from complaints.signals import queue_recompute

    for company_id in company_ids:
        queue_recompute(company_id)
