"""Rebuilding and reconciling the complaint index (manage.py search_index)."""

import logging
from collections.abc import Callable

from elasticsearch.helpers import scan

from search.client import get_client
from search.indexing import (
    alias,
    complaint_rows,
    create_index,
    is_indexable,
    new_index_name,
    remove,
    swap_alias,
    sync,
    version_of,
)

logger = logging.getLogger(__name__)


def public_complaints():
    from complaints.models import ComplaintPage
    from complaints.states import PUBLIC_STATUSES

    return ComplaintPage.objects.filter(live=True, status__in=PUBLIC_STATUSES).order_by("pk")


def rebuild(progress: Callable[[int, int], None] | None = None) -> dict:
    """A new index, filled in bulk, then the alias moved in one step; the old index goes.
    Searches keep working on the old index until the swap."""
    client = get_client()
    name = new_index_name()
    create_index(name)
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
    client.indices.refresh(index=name)
    swap_alias(alias(), name)
    logger.info("search index rebuilt as %s: %s", name, counts)
    return {"index": name, **counts}


def reconcile() -> dict:
    """Compare database and index; index what is missing or stale, remove orphans."""
    from complaints.models import ComplaintPage
    from search.indexing import ensure_index

    ensure_index()
    in_index = {
        int(hit["_id"]): hit["_source"].get("change", 0)
        for hit in scan(
            get_client(), index=alias(), _source=["change"], query={"query": {"match_all": {}}}
        )
    }
    versions = public_complaints().values("pk", "changed_at", "last_published_at")
    wanted = {row["pk"]: version_of(row) for row in versions.iterator(chunk_size=5000)}
    missing = [pk for pk in wanted if pk not in in_index]
    stale = [pk for pk, version in wanted.items() if pk in in_index and in_index[pk] < version]
    orphans = [pk for pk in in_index if pk not in wanted]
    fix = list(complaint_rows(ComplaintPage.objects.filter(pk__in=[*missing, *stale, *orphans])))
    found = sync(fix) if fix else {}
    for pk in set(orphans) - {row["pk"] for row in fix}:
        remove(pk)  # no longer in the database at all
    get_client().indices.refresh(index=alias())
    result = {"missing": len(missing), "stale": len(stale), "orphaned": len(orphans), **found}
    logger.info("search index reconciled: %s", result)
    return result


__all__ = ["is_indexable", "rebuild", "reconcile"]
