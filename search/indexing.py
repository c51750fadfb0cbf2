"""Writing the complaint index: one complaint, many at once, and the index itself.

Only public complaints (live, in a public status) are in the index, with their public
fields; anything else is removed. Every write carries the complaint's change version
(external_gte), so a late or repeated task cannot put back an older state.
"""

import contextlib
import logging
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from django.utils import timezone
from elasticsearch import ConflictError, NotFoundError
from elasticsearch.helpers import streaming_bulk

from search.client import get_client, index_name
from search.documents import COMPLAINTS, ComplaintDocument

logger = logging.getLogger(__name__)


def alias() -> str:
    return index_name(COMPLAINTS)


def new_index_name() -> str:
    return f"{alias()}-{timezone.now():%Y%m%d%H%M%S%f}"


def create_index(name: str) -> None:
    ComplaintDocument._index.clone(name).create(using=get_client())


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


def complaint_queryset():
    from complaints.models import ComplaintPage

    return ComplaintPage.objects.select_related("company__sector", "topic")


def is_indexable(complaint) -> bool:
    from complaints.states import PUBLIC_STATUSES

    return complaint.live and complaint.status in PUBLIC_STATUSES


def version_of(complaint) -> int:
    moments = [m for m in (complaint.changed_at, complaint.last_published_at) if m]
    latest = max(moments) if moments else datetime(2000, 1, 1, tzinfo=UTC)
    return int(latest.timestamp() * 1_000_000)


def site_root_path() -> str:
    """The url_path of the site's root page ("/home/"), for turning a page's url_path
    into its URL without a site lookup per complaint."""
    from wagtail.models import Site

    site = Site.objects.select_related("root_page").get(is_default_site=True)
    return site.root_page.url_path


def public_url(complaint, root_path: str | None = None) -> str:
    root_path = root_path or site_root_path()
    if complaint.url_path.startswith(root_path):
        return "/" + complaint.url_path[len(root_path) :]
    return complaint.url or ""


def to_document(complaint, root_path: str | None = None) -> dict:
    """The public fields, and nothing else: the private part, attachments, contact log
    and e-mail addresses live in other models and never pass through here."""
    company, topic = complaint.company, complaint.topic
    sector = company.sector
    return {
        "pk": complaint.pk,
        "title": complaint.title,
        "description": complaint.description,
        "desired_outcome": complaint.desired_outcome,
        "company": {"slug": company.slug, "name": company.title},
        "topic": {"slug": topic.slug, "name": topic.name} if topic else None,
        "sector": {"slug": sector.slug, "name": sector.name} if sector else None,
        "status": complaint.status,
        "published_at": complaint.published_at,
        "url": public_url(complaint, root_path),
        "change": version_of(complaint),
        "company_suggest": {"input": [company.title], "weight": 1},
    }


def actions(complaints: Iterable, index: str | None = None) -> Iterator[dict]:
    index = index or alias()
    root_path = site_root_path()
    for complaint in complaints:
        base = {
            "_index": index,
            "_id": complaint.pk,
            "version": version_of(complaint),
            "version_type": "external_gte",
        }
        if is_indexable(complaint):
            yield {**base, "_op_type": "index", "_source": to_document(complaint, root_path)}
        else:
            yield {**base, "_op_type": "delete"}


def sync(complaints: Iterable, index: str | None = None, refresh: bool = False) -> dict:
    """Index or remove each complaint as its state says; stale versions are skipped."""
    counts = {"indexed": 0, "removed": 0, "skipped": 0}
    for ok, item in streaming_bulk(
        get_client(),
        actions(complaints, index),
        raise_on_error=False,
        chunk_size=500,
        refresh=refresh,
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


def remove(complaint_id: int) -> None:
    with contextlib.suppress(NotFoundError, ConflictError):  # already gone
        get_client().delete(index=alias(), id=complaint_id)
