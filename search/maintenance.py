"""Rebuilding and reconciling the complaint index (manage.py search_index)."""

import logging
from collections.abc import Callable

from elasticsearch.helpers import scan

from search.client import get_client
from search.indexing import (
    LABEL_FIELDS,
    alias,
    complaint_rows,
    create_index,
    is_indexable,
    live_mapping_version,
    mapping_version,
    new_index_name,
    own_micros,
    own_version,
    public_url,
    remove,
    site_root_path,
    swap_alias,
    sync,
)

logger = logging.getLogger(__name__)
FIX_CHUNK = 2000


def public_complaints():
    from complaints.models import ComplaintPage
    from complaints.states import PUBLIC_STATUSES

    # The same rule as search.indexing.is_indexable, as a query.
    return ComplaintPage.objects.filter(
        live=True, status__in=PUBLIC_STATUSES, company__live=True
    ).order_by("pk")


REBUILD_REFRESH_INTERVAL = "-1"


def rebuild(progress: Callable[[int, int], None] | None = None) -> dict:
    """A new index, filled in bulk, then the alias moved in one step; the old index goes.
    Searches keep working on the old index until the swap."""
    client = get_client()
    name = new_index_name()
    # No periodic refreshes while the new index fills: nothing searches it before the
    # swap, and each refresh writes a small segment that has to be merged again
    # (BENCHMARKS.md). Set back to the default before the swap.
    create_index(name, refresh_interval=REBUILD_REFRESH_INTERVAL)
    total = public_complaints().count()
    done = 0
    counts = {"indexed": 0, "removed": 0, "skipped": 0}

    def rows():
        nonlocal done
        for row in complaint_rows(public_complaints()).iterator(chunk_size=2000):
            done += 1
            if progress and (done % 1000 == 0 or done == total):
                progress(done, total)
            yield row

    result = sync(rows(), index=name, overlap=True)
    counts.update(result)
    # None removes the setting: the index refreshes as any other from now on, so that
    # the changes written after the swap become searchable.
    client.indices.put_settings(index=name, settings={"index": {"refresh_interval": None}})
    client.indices.refresh(index=name)
    swap_alias(alias(), name)
    logger.info("search index rebuilt as %s: %s", name, counts)
    return {"index": name, **counts}


def index_is_current() -> bool:
    """Whether the index behind the alias exists and was made under the code's analysis
    and mapping (a release that changes them needs a rebuild: search_index --upgrade)."""
    return live_mapping_version() == mapping_version()


def _label_key(company: dict | None, topic: dict | None, sector: dict | None, url: str) -> int:
    """What a document took from other objects, as one number (both sides are hashed in
    the same process, so the comparison holds; a million of them fit in memory)."""
    parts = (company or {}, topic or {}, sector or {})
    return hash((url, *((p.get("slug"), p.get("name")) for p in parts)))


def _row_label_key(row, root_path: str) -> int:
    def label(slug_field, name_field):
        return {"slug": row[slug_field], "name": row[name_field]} if row[slug_field] else None

    return _label_key(
        label("company__slug", "company__title"),
        label("topic__slug", "topic__name"),
        label("company__sector__slug", "company__sector__name"),
        public_url(row, root_path),
    )


def reconcile(labels: bool = True) -> dict:
    """Compare database and index; index what is missing or stale, remove orphans.

    Stale is a document older than its complaint's own last change, or (with `labels`)
    one whose company, sector, topic or URL differ from the database: a rename whose
    resync was lost. The version alone cannot say that, since it also moves when an
    editor publishes a company's description, which changes no document."""
    from complaints.models import ComplaintPage
    from search.indexing import ensure_index

    ensure_index()
    fields = ["change", "company", "topic", "sector", "url"] if labels else ["change"]
    in_index = {}
    for hit in scan(
        get_client(), index=alias(), _source=fields, query={"query": {"match_all": {}}}
    ):
        source = hit["_source"]
        key = (
            _label_key(
                source.get("company"),
                source.get("topic"),
                source.get("sector"),
                source.get("url", ""),
            )
            if labels
            else None
        )
        in_index[int(hit["_id"])] = (source.get("change", 0), key)
    root_path = site_root_path() if labels else ""
    values = ["pk", "own_micros", *(LABEL_FIELDS if labels else ())]
    rows = public_complaints().annotate(own_micros=own_micros()).values(*values)
    wanted = {
        row["pk"]: (own_version(row), _row_label_key(row, root_path) if labels else None)
        for row in rows.iterator(chunk_size=5000)
    }
    missing = [pk for pk in wanted if pk not in in_index]
    stale = [
        pk
        for pk, (version, key) in wanted.items()
        if pk in in_index and (in_index[pk][0] < version or in_index[pk][1] != key)
    ]
    orphans = [pk for pk in in_index if pk not in wanted]
    found = {"indexed": 0, "removed": 0, "skipped": 0}
    fix = [*missing, *stale, *orphans]
    in_database = set()
    for start in range(0, len(fix), FIX_CHUNK):  # a lost rename may touch 100,000
        rows = list(
            complaint_rows(ComplaintPage.objects.filter(pk__in=fix[start : start + FIX_CHUNK]))
        )
        in_database.update(row["pk"] for row in rows)
        for name, count in sync(rows).items():
            found[name] += count
    for pk in set(orphans) - in_database:
        remove(pk)  # no longer in the database at all
    get_client().indices.refresh(index=alias())
    result = {"missing": len(missing), "stale": len(stale), "orphaned": len(orphans), **found}
    logger.info("search index reconciled: %s", result)
    return result


__all__ = ["is_indexable", "rebuild", "reconcile", "index_is_current"]
