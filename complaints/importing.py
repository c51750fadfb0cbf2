"""import_complaints: complaints from another system, one JSON object per line.

Two stages, both in the state machine's own terms:

1. `plan` checks a line and replays its history in memory through `states.Lifecycle`
   (the transition table and the terms it starts) at the line's own timestamps, then
   the clock up to now; so terms, missed terms and the two-year expiry come out exactly
   as if the events had happened live. A line that does not fit is refused here, with
   its reason, before anything is written.
2. `Importer.write` stores a batch of planned lines in one transaction: the pages,
   their events, reactions, grades and private parts with PostgreSQL's COPY. Should the
   database refuse a batch, it is written again line by line, so that only the line at
   fault is refused and stores nothing.

The file is streamed: one batch is in memory at a time, however long the file.
Notifications are not sent for imported history.
"""

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify
from treebeard.exceptions import PathOverflow
from wagtail.models import Page

from complaints import services
from complaints.models import (
    MAX_REACTION_LENGTH,
    ComplaintEvent,
    ComplaintPage,
    ComplaintPrivateDetails,
    Rating,
    Reaction,
    Topic,
)
from complaints.screening import screen
from complaints.states import PUBLIC_STATUSES, Action, Lifecycle, Status, TransitionNotAllowed
from core.bulk import copy_objects, reserve_ids

REQUIRED = ("external_id", "company", "topic", "title", "description", "status")
BATCH_SIZE = 2000
REJECTED_NOTE = "Afgewezen in het vorige systeem."


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
    lifecycle: Lifecycle = field(default_factory=Lifecycle)
    events: list[tuple] = field(default_factory=list)  # (action, from, to, at, note)
    reactions: list[dict] = field(default_factory=list)
    rating: dict | None = None

    def move(self, action: str, at: datetime, note: str = "") -> None:
        try:
            source = self.lifecycle.apply(action, at, note)
        except TransitionNotAllowed as exc:
            raise LineRefused(
                f"{Action(action).label} kan niet vanuit status {exc.status}"
            ) from exc
        self.events.append((action, source, self.lifecycle.status, at, note))

    def clock_until(self, moment: datetime) -> None:
        for action, source, at in self.lifecycle.clock_until(moment):
            self.events.append((action, source, self.lifecycle.status, at, ""))


@dataclass
class Summary:
    created: int = 0
    updated: int = 0
    refused: int = 0
    indexed: int = 0
    index_error: str = ""


# Stage 1: a line, checked and replayed in memory -----------------------------------


def _time(data: dict, key: str, now: datetime, required: bool = False) -> datetime | None:
    value = data.get(key)
    if value in (None, ""):
        if required:
            raise LineRefused(f"{key} ontbreekt")
        return None
    moment = parse_datetime(value) if isinstance(value, str) else None
    if moment is None or timezone.is_naive(moment):
        raise LineRefused(f"{key} is geen datum-tijd met tijdzone: {value!r}")
    if moment > now:
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
    if not all(isinstance(data[key], str) for key in REQUIRED if key != "company"):
        raise LineRefused("external_id, topic, title, description en status zijn tekst")
    if data["status"] not in Status.values:
        raise LineRefused(f"onbekende status {data['status']!r}")
    company = data["company"]
    if not isinstance(company, dict) or not company.get("name"):
        raise LineRefused("company.name ontbreekt")
    return data


def plan(number: int, raw: str, now: datetime) -> Planned:
    """The line as the state machine would have lived it; raises LineRefused."""
    data = parse(raw)
    consumer = data.get("consumer") or {}
    email = (consumer.get("email") or "").strip().lower() if isinstance(consumer, dict) else ""
    line = Planned(
        number=number,
        external_id=data["external_id"][:100],
        company={
            "name": str(data["company"]["name"])[:255],
            "kvk": str(data["company"].get("kvk") or "") or None,
            "sector": str(data["company"].get("sector") or "Overig"),
        },
        topic=data["topic"],
        public={
            "title": data["title"][:255],
            "description": data["description"][:5000],
            "desired_outcome": str(data.get("desired_outcome") or "")[:1500],
        },
        private=str(data.get("private_details") or "")[:5000],
        consumer=(email, str(consumer.get("name") or "")[:150]) if email else None,
    )
    _replay(line, data, now)
    if line.lifecycle.status != data["status"]:
        raise LineRefused(
            f"status {data['status']} past niet bij de tijdlijn "
            f"(die komt uit op {line.lifecycle.status})"
        )
    return line


def _replay(line: Planned, data: dict, now: datetime) -> None:
    target = data["status"]
    if target == Status.DRAFT:
        return
    submitted = _time(data, "submitted_at", now, required=True)
    published = _time(data, "published_at", now)
    line.move(Action.SUBMIT, submitted)
    if target == Status.IN_MODERATION:
        return
    if published is None:
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
    reactions = data.get("reactions") or []
    if not isinstance(reactions, list):
        raise LineRefused("reactions is geen lijst")
    for number, reaction in enumerate(reactions, start=1):
        last = _replay_reaction(line, number, reaction, last, now)
    if data.get("rating"):
        last = _replay_rating(line, data["rating"], now)
    if target == Status.WITHDRAWN:
        line.move(Action.WITHDRAW, last)
    else:
        line.clock_until(now)


def _replay_reaction(line: Planned, number: int, reaction, last: datetime, now) -> datetime:

    if not isinstance(reaction, dict):
        raise LineRefused(f"reactie {number} is geen JSON-object")
    at = _time(reaction, "at", now, required=True)
    if at < last:
        raise LineRefused(f"reactie {number} ligt voor de vorige gebeurtenis")
    action = services.REACT_ACTIONS.get(reaction.get("by"))
    if action is None:
        raise LineRefused(
            f"reactie {number}: 'by' is company of consumer, niet {reaction.get('by')!r}"
        )
    try:
        body = services.check_text(str(reaction.get("body") or ""), MAX_REACTION_LENGTH)
    except ValidationError as exc:
        raise LineRefused(f"reactie {number}: {' '.join(exc.messages)}") from exc
    line.clock_until(at)
    hits = screen({"body": ("reactie", body)})
    row = {
        "party": reaction["by"],
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
        raise LineRefused(f"reactie {number} van {reaction['by']!r} is niet aan de beurt") from exc
    line.reactions.append(row)
    return at


def _replay_rating(line: Planned, rating, now) -> datetime:
    if not isinstance(rating, dict):
        raise LineRefused("rating is geen JSON-object")
    at = _time(rating, "at", now, required=True)
    grade = rating.get("grade")
    if not isinstance(grade, int) or isinstance(grade, bool) or not 1 <= grade <= 10:
        raise LineRefused(f"cijfer {grade!r} ligt niet tussen 1 en 10")
    # When the company called it solved is not in the line: just before the grade.
    if line.lifecycle.status != Status.AWAITING_RATING:
        line.move(Action.MARK_SOLVED, at)
    line.move(Action.RATE, at)
    line.rating = {
        "grade": grade,
        "solved": bool(rating.get("solved")),
        "comment": str(rating.get("comment") or "")[:2000],
        "created_at": at,
    }
    return at


# Stage 2: batches into the database ------------------------------------------------


@dataclass
class Written:
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)


class Importer:
    """Writes planned lines in batches; remembers companies and topics between them."""

    def __init__(self):
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
            result = self.write([line])
            written.created += result.created
            written.updated += result.updated
            written.refused += result.refused
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
        self.touched_companies.update(company_id for _pk, company_id in existing.values())
        written.created = self._create(new)
        written.updated = self._update(old)
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
            self.topics[slug], _ = Topic.objects.get_or_create(
                slug=slug, defaults={"name": name[:100]}
            )
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

    def _create(self, items: list[tuple]) -> list[int]:
        if not items:
            return []
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
        self.touched_companies.update(by_company)
        return [page.pk for _line, page in pages]

    def _page(self, pk: int, line: Planned, company, topic, consumers: dict):
        lifecycle = line.lifecycle
        live = lifecycle.status in PUBLIC_STATUSES
        published = lifecycle.published_at
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
        """A complaint that was waiting for moderation waits in our workflow too."""

        page = ComplaintPage.objects.get(pk=pk)
        page.screening_hits = services.screen_complaint(page)
        ComplaintPage.objects.filter(pk=pk).update(screening_hits=page.screening_hits)
        page.save_revision(user=page.consumer, log_action=False)
        page.get_workflow().start(page, page.consumer)

    # Re-runs: the public text and the private part are brought up to date -------------

    def _update(self, items: list[tuple]) -> list[int]:
        if not items:
            return []
        pages = [
            ComplaintPage(page_ptr_id=pk, id=pk, topic_id=topic.pk, **line.public)
            for line, topic, pk in items
        ]
        for page in pages:
            page.draft_title = page.title
        Page.objects.bulk_update(pages, ["title", "draft_title"])
        ComplaintPage.objects.bulk_update(pages, ["description", "desired_outcome", "topic"])
        details = {
            d.complaint_id: d
            for d in ComplaintPrivateDetails.objects.filter(
                complaint_id__in=[pk for _l, _t, pk in items]
            )
        }
        for line, _topic, pk in items:
            details.setdefault(pk, ComplaintPrivateDetails(complaint_id=pk)).details = line.private
        ComplaintPrivateDetails.objects.bulk_update(
            [d for d in details.values() if d.pk], ["details"]
        )
        ComplaintPrivateDetails.objects.bulk_create([d for d in details.values() if not d.pk])
        # Pages that have revisions (edited in the admin since) get one with the new text.
        for page in ComplaintPage.objects.filter(
            pk__in=[pk for _l, _t, pk in items], latest_revision__isnull=False
        ):
            revision = page.save_revision(log_action=False)
            if page.live:
                revision.publish(log_action=False)
        return [pk for _l, _t, pk in items]


# The whole file -----------------------------------------------------------------------


def run(
    lines: Iterable[str],
    *,
    refused: Callable[[int, str], None],
    progress: Callable[[int, Summary], None] | None = None,
    batch_size: int = BATCH_SIZE,
) -> Summary:
    """Plan, write and index a stream of lines, a batch at a time. Each batch goes to
    the search index from a helper thread while the next one is read and written."""
    summary = Summary()
    importer = Importer()
    now = timezone.now()
    index = _Indexing()

    def refuse(number: int, reason: str) -> None:
        summary.refused += 1
        refused(number, reason)

    def flush(batch: list[Planned], number: int) -> None:
        written = importer.write(batch)
        for line_number, reason in written.refused:
            refuse(line_number, reason)
        summary.created += len(written.created)
        summary.updated += len(written.updated)
        index.add([*written.created, *written.updated])
        if progress:
            progress(number, summary)

    batch: list[Planned] = []
    in_batch: set[str] = set()
    number = 0
    with services.notifications_enabled(False), services.search_sync_enabled(False):
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            try:
                line = plan(number, raw, now)
            except LineRefused as exc:
                refuse(number, str(exc))
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
    return summary


class _Indexing:
    """The imported complaints into the search index, beside the import; when
    Elasticsearch is away the import goes on and says to reconcile later."""

    def __init__(self):
        from elasticsearch import TransportError

        from complaints.search_index import BulkSender, ensure_index

        self.sender, self.error = None, ""
        try:
            ensure_index()
        except TransportError as exc:
            self.error = str(exc)
        else:
            self.sender = BulkSender()

    def add(self, complaint_ids: list[int]) -> None:
        from complaints.search_index import actions, complaint_rows

        if self.sender and complaint_ids:
            rows = complaint_rows(ComplaintPage.objects.filter(pk__in=complaint_ids))
            self.sender.put(actions(rows))

    def close(self) -> tuple[int, str]:
        if self.sender is None:
            return 0, self.error
        counts = self.sender.close()
        if self.sender.error:
            return counts["indexed"], str(self.sender.error)
        return counts["indexed"], ""


def _recompute_scores(company_ids: Iterable[int]) -> None:
    from complaints.signals import queue_recompute

    for company_id in company_ids:
        queue_recompute(company_id)
