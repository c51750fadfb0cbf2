"""django-q2 entry points for the index. They take ids, reload, and are safe to repeat;
when Elasticsearch is away they raise, and django-q2 tries again later."""

# Complaints per task when a company, sector or topic changes: bounded time and memory
# per task however many complaints hang under it (the next chunk is a new task).
RELATED_CHUNK = 10_000


def sync_complaints(complaint_ids: list[int]) -> dict:
    from complaints.models import ComplaintPage
    from search.indexing import complaint_rows, ensure_index, remove, sync

    ensure_index()
    rows = list(complaint_rows(ComplaintPage.objects.filter(pk__in=complaint_ids)))
    for missing in set(complaint_ids) - {row["pk"] for row in rows}:
        remove(missing)  # deleted from the database
    return sync(rows)


def sync_sweep(token: str) -> dict:
    from complaints.models import ComplaintPage
    from search.indexing import complaint_rows, ensure_index, sync

    ensure_index()
    swept = ComplaintPage.objects.filter(sweep_token=token)
    return sync(complaint_rows(swept).iterator(chunk_size=2000))


def sync_complaints_of(kind: str, object_id: int, after: int = 0) -> dict:
    """Bring every public complaint of a company, sector or topic, or under a page
    ("page": a moved page's subtree), in line with the database: one chunk of
    RELATED_CHUNK complaints in id order after `after`, then the next chunk as a task of
    its own. Read as rows (search.indexing.ROW_FIELDS), never as page objects."""
    from complaints.models import ComplaintPage
    from complaints.states import PUBLIC_STATUSES
    from core.queue import after_commit
    from search.indexing import complaint_rows, ensure_index, sync

    complaints = ComplaintPage.objects.filter(status__in=PUBLIC_STATUSES)
    if kind == "company":
        complaints = complaints.filter(company_id=object_id)
    elif kind == "sector":
        complaints = complaints.filter(company__sector_id=object_id)
    elif kind == "topic":
        complaints = complaints.filter(topic_id=object_id)
    elif kind == "page":
        from wagtail.models import Page

        page = Page.objects.filter(pk=object_id).only("path").first()
        if page is None:
            return {"indexed": 0, "removed": 0, "skipped": 0}  # deleted since: its own door
        complaints = complaints.filter(path__startswith=page.path)
    else:
        raise ValueError(f"unknown kind {kind!r}")
    ensure_index()
    # Only the ids of this chunk are read first, so the rows' query stays a primary-key
    # lookup whatever the size of the set.
    ids = list(
        complaints.filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[:RELATED_CHUNK]
    )
    if not ids:
        return {"indexed": 0, "removed": 0, "skipped": 0}
    rows = complaint_rows(ComplaintPage.objects.filter(pk__in=ids).order_by("pk"))
    counts = sync(rows.iterator(chunk_size=2000))
    if len(ids) == RELATED_CHUNK:
        after_commit(
            "search.tasks.sync_complaints_of",
            kind,
            object_id,
            ids[-1],
            name=f"search_sync_{kind}",
        )
    return counts


def reconcile() -> dict:
    """The full comparison, labels included (nightly)."""
    from search.maintenance import reconcile as run

    return run()


def reconcile_versions() -> dict:
    """The quick comparison: missing, orphaned and own versions only (hourly)."""
    from search.maintenance import reconcile as run

    return run(labels=False)


def rebuild_companies() -> int:
    # No longer queued by the signal handlers (index_companies is); kept for tasks that a
    # broker may still hold from before.
    from search.companies import rebuild

    return rebuild()


def index_companies(company_ids: list[int]) -> dict:
    from search.companies import index

    return index(company_ids)
