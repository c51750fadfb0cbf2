"""Writing the complaint index: one complaint, many at once, and the index itself.

Only public complaints (live, in a public status) are in the index, with their public
fields; anything else is removed. Every write carries the complaint's change version
(external_gte), so a late or repeated task cannot put back an older state.
"""

import contextlib
import hashlib
import json
import logging
import queue
import threading
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from itertools import islice

from django.utils import timezone
from elasticsearch import ConflictError, NotFoundError
from elasticsearch.helpers import streaming_bulk

from complaints.states import PUBLIC_STATUSES
from search.client import get_client, index_name, index_settings
from search.documents import COMPLAINTS, ComplaintDocument

logger = logging.getLogger(__name__)


def alias() -> str:
    return index_name(COMPLAINTS)


def new_index_name() -> str:
    return f"{alias()}-{timezone.now():%Y%m%d%H%M%S%f}"


def mapping_version() -> str:
    """A fingerprint of the index's analysis and mapping as the code defines them (the
    word lists included): an index made under another one searches differently."""
    body = json.dumps(ComplaintDocument._index.to_dict(), sort_keys=True, default=str)
    return hashlib.sha256(body.encode()).hexdigest()[:16]


def create_index(name: str, **settings) -> None:
    """settings: index settings beyond index_settings(), e.g. a rebuild's refresh_interval."""
    client = get_client()
    index = ComplaintDocument._index.clone(name).settings(**index_settings(), **settings)
    index.create(using=client)
    client.indices.put_mapping(index=name, meta={"mapping_version": mapping_version()})


def live_mapping_version() -> str | None:
    """The fingerprint the index behind the alias was made with; None without an index
    (or for one made before fingerprints)."""
    try:
        mappings = get_client().indices.get_mapping(index=alias())
    except NotFoundError:
        return None
    metas = [m["mappings"].get("_meta", {}) for m in mappings.values()]
    return metas[0].get("mapping_version") if metas else None


def swap_alias(alias_name: str, new_index: str) -> None:
    """Point `alias_name` at `new_index` in one atomic step and drop what it pointed at."""
    client = get_client()
    old = (
        list(client.indices.get_alias(name=alias_name))
        if client.indices.exists_alias(name=alias_name)
        else []
    )
    if not old and client.indices.exists(index=alias_name):
        client.indices.delete(index=alias_name)  # a plain index where the alias belongs
    client.indices.update_aliases(
        actions=[
            *({"remove": {"index": o, "alias": alias_name}} for o in old),
            {"add": {"index": new_index, "alias": alias_name}},
        ]
    )
    for index in old:
        client.indices.delete(index=index)


def ensure_index() -> str:
    """The alias, created with a first index behind it when there is none."""
    client = get_client()
    if not client.indices.exists_alias(name=alias()):
        name = new_index_name()
        create_index(name)
        client.indices.put_alias(index=name, name=alias())
    return alias()


# What a document is made of: read with .values(), no page models (fast enough to
# rebuild a million complaints at close to raw bulk speed). The company, its sector and
# the topic are read with it, labels and timestamps both: a rename reaches the document
# and outranks what was indexed before.
ROW_FIELDS = (
    "pk",
    "title",
    "description",
    "desired_outcome",
    "status",
    "live",
    "published_at",
    "url_path",
    "company__slug",
    "company__title",
    "company__live",
    "company__sector__slug",
    "company__sector__name",
    "topic__slug",
    "topic__name",
    "own_micros",
    "foreign_micros",
)

# The moments whose change makes a complaint's own version (not its company's, sector's
# or topic's): what reconcile compares besides the labels.
OWN_MOMENTS = ("changed_at", "last_published_at")
# The latest change of the company page, its sector or the topic.
FOREIGN_MOMENTS = ("company__last_published_at", "company__sector__updated_at", "topic__updated_at")
# What a document takes from other objects, compared by reconcile (search.maintenance).
LABEL_FIELDS = (
    "url_path",
    "company__slug",
    "company__title",
    "company__sector__slug",
    "company__sector__name",
    "topic__slug",
    "topic__name",
)


def complaint_rows(queryset):
    """The rows documents are made of, for a queryset of complaints."""
    return queryset.annotate(
        own_micros=own_micros(), foreign_micros=_micros_of(FOREIGN_MOMENTS)
    ).values(*ROW_FIELDS)


def own_micros():
    """The complaint's own version as a column (see own_version)."""
    return _micros_of(OWN_MOMENTS)


def _micros_of(fields):
    """The latest of these moments (_EPOCH for those not set) as whole microseconds since
    1970, computed by the database. A bigint is read many times faster than a timestamp,
    which Django's time-zone loader parses in Python (the rebuild's rows took twice as
    long with five timestamps, BENCHMARKS.md); EXTRACT(EPOCH) is numeric, so the number
    is exact."""
    from django.db.models import BigIntegerField, Func, Value
    from django.db.models.functions import Coalesce, Greatest

    epoch = Value(_EPOCH)
    return Func(
        Greatest(*(Coalesce(field, epoch) for field in fields)),
        template="(EXTRACT(EPOCH FROM %(expressions)s) * 1000000)::bigint",
        output_field=BigIntegerField(),
    )


def is_indexable(row: Mapping) -> bool:
    """Public on the site: a live complaint in a public status, under a live company
    (an unpublished company takes its complaints out of search and export)."""
    return row["live"] and row["status"] in PUBLIC_STATUSES and row["company__live"]


_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def own_version(row: Mapping) -> int:
    """The complaint's own part of the version (its transitions and publications)."""
    return row["own_micros"]


def version_of(row: Mapping) -> int:
    """Monotonic per complaint, for external_gte writes: the microsecond of the latest
    change to the complaint, its company page, the company's sector or its topic, so
    that a rename outranks the documents written before it. A removal counts one
    microsecond more than the state it removes: an unpublish moves no timestamp, and a
    late write of the still-live state (same version) must not bring the document back.
    A change that moves nothing (a page move) writes with an equal version, which
    external_gte accepts."""
    return _version(row, is_indexable(row))


def _version(row: Mapping, indexable: bool) -> int:
    version = max(row["own_micros"], row["foreign_micros"])
    return version if indexable else version + 1


def site_root_path() -> str:
    """The url_path of the site's root page ("/home/"), for turning a page's url_path
    into its URL without a site lookup per complaint."""
    from wagtail.models import Site

    site = Site.objects.select_related("root_page").get(is_default_site=True)
    return site.root_page.url_path


def public_url(row: Mapping, root_path: str) -> str:
    if row["url_path"].startswith(root_path):
        return "/" + row["url_path"][len(root_path) :]
    from wagtail.models import Page  # a page outside the default site: ask Wagtail

    return Page.objects.get(pk=row["pk"]).url or ""


def _label(slug, name) -> dict | None:
    return {"slug": slug, "name": name} if slug else None


def to_document(row: Mapping, root_path: str, version: int | None = None) -> dict:
    """The public fields, and nothing else: the private part, attachments, contact log
    and e-mail addresses live in other models and are not in ROW_FIELDS."""
    return {
        "pk": row["pk"],
        "title": row["title"],
        "description": row["description"],
        "desired_outcome": row["desired_outcome"],
        "company": _label(row["company__slug"], row["company__title"]),
        "topic": _label(row["topic__slug"], row["topic__name"]),
        "sector": _label(row["company__sector__slug"], row["company__sector__name"]),
        "status": row["status"],
        "published_at": row["published_at"],
        "url": public_url(row, root_path),
        "change": version_of(row) if version is None else version,
        "company_suggest": {"input": [row["company__title"]], "weight": 1},
    }


def actions(rows: Iterable[Mapping], index: str | None = None) -> Iterator[dict]:
    index = index or alias()
    root_path = site_root_path()
    for row in rows:
        indexable = is_indexable(row)
        version = _version(row, indexable)
        base = {
            "_index": index,
            "_id": row["pk"],
            "version": version,
            "version_type": "external_gte",
        }
        if indexable:
            yield {**base, "_op_type": "index", "_source": to_document(row, root_path, version)}
        else:
            yield {**base, "_op_type": "delete"}


def sync(rows: Iterable[Mapping], index: str | None = None, overlap: bool = False) -> dict:
    """Index or remove each complaint as its row says; stale versions are skipped.

    With `overlap` the bulk requests go out from helper threads (BulkSender) while this
    one goes on reading rows and building documents, so that the database and
    Elasticsearch work at the same time."""
    operations = actions(rows, index)
    if overlap:
        sender = BulkSender()
        try:
            sender.put(operations)
        finally:
            counts = sender.close()
        if sender.error:
            raise sender.error
    else:
        counts = _bulk(operations)
    return counts


def _bulk(operations: Iterable[dict]) -> dict:
    counts = {"indexed": 0, "removed": 0, "skipped": 0}
    for ok, item in streaming_bulk(
        get_client(), operations, raise_on_error=False, chunk_size=BULK_CHUNK
    ):
        op, result = next(iter(item.items()))
        status = result.get("status")
        if ok:
            counts["indexed" if op == "index" else "removed"] += 1
        elif status in (404, 409):  # nothing to remove, or a newer version is in place
            counts["skipped"] += 1
        else:
            raise RuntimeError(
                f"indexing complaint {result.get('_id')} failed: {result.get('error')}"
            )
    return counts


BULK_CHUNK = 500
_DONE = object()


class BulkSender:
    """Bulk requests from helper threads, fed chunk by chunk through a short queue: the
    caller reads the database (Django's connections belong to their thread) while
    Elasticsearch indexes, and memory stays bounded however many rows pass. With several
    threads requests are being answered while the next are being serialised, so
    Elasticsearch is never left waiting for us (three measured best here, BENCHMARKS.md).

    When a request fails, `error` holds why and later operations are dropped; the
    caller decides what that means (a rebuild fails, an import says to reconcile)."""

    def __init__(self, threads: int = 3):
        self.error: Exception | None = None
        self.counts = {"indexed": 0, "removed": 0, "skipped": 0}
        self._lock = threading.Lock()
        self._queue: queue.Queue = queue.Queue(maxsize=2 * threads)
        self._threads = [
            threading.Thread(target=self._send, name=f"search-bulk-{n}", daemon=True)
            for n in range(threads)
        ]
        for thread in self._threads:
            thread.start()

    def put(self, operations: Iterable[dict]) -> None:
        operations = iter(operations)
        while self.error is None and (chunk := list(islice(operations, BULK_CHUNK))):
            self._queue.put(chunk)

    def close(self) -> dict:
        for _thread in self._threads:
            self._queue.put(_DONE)  # one each
        for thread in self._threads:
            thread.join()
        return self.counts

    def _received(self) -> Iterator[dict]:
        while (chunk := self._queue.get()) is not _DONE:
            yield from chunk

    def _send(self) -> None:
        try:
            counts = _bulk(self._received())
        except Exception as exc:  # handed to the caller through self.error
            self.error = exc
            while self._queue.get() is not _DONE:  # let the caller finish
                pass
            return
        with self._lock:
            for key, value in counts.items():
                self.counts[key] += value


class ImportIndexer:
    """The bulk import's complaints into the index, beside its batches (BulkSender
    threads); when Elasticsearch is away the import goes on and `close` says why, so
    that the operator reconciles later."""

    def __init__(self):
        from elasticsearch import TransportError

        self.sender, self.error = None, ""
        try:
            ensure_index()
        except TransportError as exc:
            self.error = str(exc)
        else:
            self.sender = BulkSender()

    def add(self, complaint_ids: list[int]) -> None:
        from complaints.models import ComplaintPage

        if self.sender and complaint_ids:
            self.sender.put(
                actions(complaint_rows(ComplaintPage.objects.filter(pk__in=complaint_ids)))
            )

    def close(self) -> tuple[int, str]:
        """(documents indexed, why indexing stopped or "")."""
        if self.sender is None:
            return 0, self.error
        counts = self.sender.close()
        return counts["indexed"], str(self.sender.error) if self.sender.error else ""


def remove(complaint_id: int) -> None:
    with contextlib.suppress(NotFoundError, ConflictError):  # already gone
        get_client().delete(index=alias(), id=complaint_id)
