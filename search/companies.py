"""The company autocomplete index: kept up to date company by company (`queue_index`,
one task per transaction with every company it changed), rebuilt whole on demand."""

import logging
import re
import threading
import unicodedata
from difflib import SequenceMatcher

from django.db import transaction
from elasticsearch import ApiError, NotFoundError, TransportError
from elasticsearch.helpers import bulk

from core.queue import after_commit
from search.client import get_client, index_name, index_settings
from search.documents import COMPANIES, CompanyDocument
from search.indexing import swap_alias
from search.queries import build_company_lookup

logger = logging.getLogger(__name__)
SUGGESTIONS = 10


def alias() -> str:
    return index_name(COMPANIES)


def _inputs(company) -> list[str]:
    # The trade name, its words (so "Telecom" finds "NoordNet Telecom") and the legal name.
    words = [w for w in company.title.replace("&", " ").split() if len(w) > 2]
    return list(dict.fromkeys([company.title, company.legal_name, *words]))


def _document(company) -> dict:
    # Public fields only: the autocomplete answers anyone.
    return {
        "slug": company.slug,
        "name": company.title,
        "url": company.url,
        "suggest": {"input": _inputs(company)},
    }


def rebuild() -> int:
    """Index every live company into a fresh index and swap the alias."""
    from django.utils import timezone

    from companies.models import CompanyPage

    client = get_client()
    name = f"{alias()}-{timezone.now():%Y%m%d%H%M%S%f}"
    CompanyDocument._index.clone(name).settings(**index_settings()).create(using=client)
    companies = CompanyPage.objects.live().public()
    count, _errors = bulk(
        client,
        (
            {
                "_index": name,
                "_id": c.pk,
                "_source": _document(c),
            }
            for c in companies
        ),
        refresh=True,
    )
    swap_alias(alias(), name)
    return count


def suggest(prefix: str) -> list[dict]:
    """[{slug, name, url}] for a typed prefix; from the database if Elasticsearch is away."""
    prefix = " ".join(prefix.split())[:60]
    if not prefix:
        return []
    try:
        response = (
            get_client()
            .options(request_timeout=3)
            .search(
                index=alias(),
                suggest={
                    "companies": {
                        "prefix": prefix,
                        "completion": {
                            "field": "suggest",
                            "size": SUGGESTIONS,
                            "skip_duplicates": True,
                            "fuzzy": {"fuzziness": "AUTO"},
                        },
                    }
                },
                source=["slug", "name", "url"],
            )
        )
    except NotFoundError:  # no company index built yet (a fresh install)
        return _from_database(prefix)
    except (TransportError, ApiError) as exc:
        _unavailable(exc, "autocomplete")
        return _from_database(prefix)
    options = response["suggest"]["companies"][0]["options"]
    return [{k: o["_source"][k] for k in ("slug", "name", "url")} for o in options]


def _unavailable(exc, what: str) -> None:
    """Elasticsearch away (no connection) or its shards away (a node down, a 5xx): the
    database answers instead. A refused query (4xx) is our bug and is raised."""
    if isinstance(exc, ApiError) and exc.meta.status < 500:
        raise exc
    logger.warning("%s: Elasticsearch unavailable (%s), answering from the database", what, exc)


def _from_database(prefix: str) -> list[dict]:
    from companies.models import CompanyPage

    companies = (
        CompanyPage.objects.live().public().filter(title__icontains=prefix).order_by("title")
    )
    return [{"slug": c.slug, "name": c.title, "url": c.url} for c in companies[:SUGGESTIONS]]


def index(company_ids) -> dict:
    """Bring these companies' entries in line with the database: live public companies
    are (re)written, the rest (unpublished, private, deleted) removed. Safe to repeat."""
    from companies.models import CompanyPage

    client = get_client()
    if not client.indices.exists_alias(name=alias()):
        # No company index yet (a fresh install): the first one holds every company.
        return {"indexed": rebuild(), "removed": 0}
    ids = set(company_ids)
    live = list(CompanyPage.objects.live().public().filter(pk__in=ids))
    gone = ids - {c.pk for c in live}
    actions = [{"_index": alias(), "_id": c.pk, "_source": _document(c)} for c in live]
    actions += [{"_op_type": "delete", "_index": alias(), "_id": pk} for pk in sorted(gone)]
    # A delete of an entry that is not there (never indexed, or removed before) is done.
    # The refresh makes the change suggestible at once; the index is small.
    bulk(client, actions, ignore_status=(404,), refresh=True)
    return {"indexed": len(live), "removed": len(gone)}


class _Batch:
    def __init__(self):
        self.ids: set[int] = set()
        self.done = False

    def flush(self) -> None:
        if self.done:  # an earlier hook of this transaction took every id
            return
        self.done = True
        after_commit("search.tasks.index_companies", sorted(self.ids), name="search_companies")


_pending = threading.local()


def queue_index(company_ids) -> None:
    """Index (or remove) these companies once the transaction commits: one task for all
    the companies a transaction changes, however many signals name them.

    Every call adds a commit hook; the first hook that runs queues the whole batch and the
    others find it done. A batch is shared only while a hook of it is still pending in
    this transaction: after a rollback (which drops the hooks) the next transaction starts
    a batch of its own, so no id outlives the transaction that named it."""
    ids = {int(pk) for pk in company_ids}
    if not ids:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        after_commit("search.tasks.index_companies", sorted(ids), name="search_companies")
        return
    batch = getattr(_pending, "batch", None)
    if (
        batch is None
        or batch.done
        or not any(hook[1] == batch.flush for hook in connection.run_on_commit)
    ):
        batch = _pending.batch = _Batch()
    batch.ids |= ids
    transaction.on_commit(batch.flush)


# Words that are part of a registered name but not of how people call a company.
LEGAL_FORMS = {"bv", "nv", "vof", "cv", "nl", "com", "holding", "groep"}
# How alike two names must be (difflib's ratio) to count as "close": one or two typos
# in a name of ordinary length.
CLOSE = 0.85
# A single word typed that matches the first word of a longer name ("polderpost" for
# "Polderpost Pakketdienst") must be at least this long, so "huis" is not a company.
MIN_FIRST_WORD = 5


def _name_words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\b)", "", folded)  # "b.v." -> "bv."
    words = re.findall(r"[a-z0-9]+", folded)
    return [w for w in words if w not in LEGAL_FORMS]


def name_matches(query: str, name: str) -> bool:
    """Whether a search text names this company: the same name (ignoring case, accents,
    punctuation and legal forms), the name with a typo or two, or the distinctive first
    word of a longer name."""
    typed, named = _name_words(query), _name_words(name)
    if not typed or not named:
        return False
    typed_text, named_text = " ".join(typed), " ".join(named)
    if typed_text == named_text:
        return True
    if SequenceMatcher(None, typed_text, named_text).ratio() >= CLOSE:
        return True
    return (
        len(typed) == 1
        and len(named) > 1
        and len(typed_text) >= MIN_FIRST_WORD
        and SequenceMatcher(None, typed_text, named[0]).ratio() >= CLOSE
    )


def matching_company(query: str) -> dict | None:
    """{slug, name, url} of the company a search text names, or None. From the company
    index; from the database (exact names only) when Elasticsearch is away."""
    query = " ".join(query.split())[:100]
    if not query:
        return None
    try:
        response = (
            get_client()
            .options(request_timeout=3)
            .search(index=alias(), body=build_company_lookup(query))
        )
        candidates = [hit["_source"] for hit in response["hits"]["hits"]]
    except NotFoundError:
        candidates = _from_database(query)
    except (TransportError, ApiError) as exc:
        _unavailable(exc, "company lookup")
        candidates = _from_database(query)
    # The best-scored candidate that passes the closer rule.
    return next((c for c in candidates if name_matches(query, c["name"])), None)
