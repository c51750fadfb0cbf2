"""django-q2 entry points for the index. They take ids, reload, and are safe to repeat;
when Elasticsearch is away they raise, and django-q2 tries again later."""


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


def reconcile() -> dict:
    from search.maintenance import reconcile as run

    return run()


def rebuild_companies() -> int:
    from search.companies import rebuild

    return rebuild()
