"""django-q2 entry points for the index. They take ids, reload, and are safe to repeat;
when Elasticsearch is away they raise, and django-q2 tries again later."""


def sync_complaints(complaint_ids: list[int]) -> dict:
    from search.indexing import complaint_queryset, ensure_index, remove, sync

    ensure_index()
    complaints = list(complaint_queryset().filter(pk__in=complaint_ids))
    for missing in set(complaint_ids) - {c.pk for c in complaints}:
        remove(missing)  # deleted from the database
    return sync(complaints)


def sync_sweep(token: str) -> dict:
    from search.indexing import complaint_queryset, ensure_index, sync

    ensure_index()
    return sync(complaint_queryset().filter(sweep_token=token).iterator(chunk_size=1000))


def reconcile() -> dict:
    from search.maintenance import reconcile as run

    return run()


def rebuild_companies() -> int:
    from search.companies import rebuild

    return rebuild()
