"""Every door to a complaint, its company, sector or topic reaches the search index.

Wagtail's own actions (publish, unpublish, delete, move) from the admin, code, the clock
or the importer send signals; so does every save of a company page, sector or topic.
The handlers only queue work (on commit, by id); the tasks reload and are safe to repeat
(search.tasks). A company, sector or topic is compared with its row as it was before
the save, so that an edit of a description does not resync 100,000 complaints.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from companies.signals import companies_changed
from core.queue import after_commit

# What of a company page reaches its complaints' documents (label, URL, sector facet,
# whether they are public at all) and what reaches the company autocomplete.
COMPANY_DOCUMENT_FIELDS = frozenset({"title", "slug", "url_path", "sector", "live"})
COMPANY_SUGGEST_FIELDS = frozenset({"title", "legal_name", "slug", "url_path", "live"})
LABEL_FIELDS = frozenset({"name", "slug"})  # of a sector or a topic


def _sync_enabled() -> bool:
    # The switch bulk work (the importer) turns off because it indexes by itself.
    from complaints import services

    return services.search_sync_on()


def queue_related(kind: str, object_id: int) -> None:
    """Resync every public complaint of a company, sector or topic, or under a page,
    once this commits (search.tasks.sync_complaints_of)."""
    if _sync_enabled():
        after_commit("search.tasks.sync_complaints_of", kind, object_id, name=f"search_sync_{kind}")


def queue_companies(company_ids) -> None:
    """Bring these companies' autocomplete entries up to date once this commits (one
    task per transaction, search.tasks.index_companies)."""
    from search.companies import queue_index

    if _sync_enabled():
        queue_index(company_ids)


# Complaint pages --------------------------------------------------------------------


def on_complaint_changed(sender, instance, **kwargs):
    """Published (also after an edit), unpublished or deleted: the task reloads the row,
    indexes what is public and removes the rest (or what no longer exists)."""
    from complaints.services import queue_search_sync

    queue_search_sync([instance.pk])


def on_page_moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    from companies.models import CompanyPage
    from complaints.models import ComplaintPage

    if issubclass(sender, ComplaintPage):
        on_complaint_changed(sender, instance)
    elif issubclass(sender, CompanyPage):
        queue_companies([instance.pk])  # its URL (one batch with on_saved's)
    elif url_path_before != url_path_after:
        _queue_subtree(instance.pk)


def on_slug_changed(sender, instance, instance_before=None, **kwargs):
    """Wagtail sends this after the commit of a new slug; a company's own slug is a
    watched field of on_saved, and a complaint's slug never changes."""
    from companies.models import CompanyPage
    from complaints.models import ComplaintPage

    if not issubclass(sender, CompanyPage | ComplaintPage):
        _queue_subtree(instance.pk)


def _queue_subtree(page_id: int) -> None:
    # An ancestor of companies moved or got a new slug: every URL beneath it changed in
    # one UPDATE, which sends no signal per page.
    from companies.models import CompanyPage

    queue_related("page", page_id)
    page = Page.objects.filter(pk=page_id).first()
    if page is not None:
        queue_companies(CompanyPage.objects.descendant_of(page).values_list("pk", flat=True))


# Company pages, sectors and topics: compared with the row before the save ------------


def _watched(instance) -> tuple[type, frozenset] | None:
    """The model to read the previous row from and the fields to compare, or None."""
    from companies.models import CompanyPage, Sector
    from complaints.models import Topic

    if isinstance(instance, Sector | Topic):
        return type(instance), LABEL_FIELDS
    if isinstance(instance, CompanyPage) or (
        type(instance) is Page and instance.pk and instance.specific_class is CompanyPage
    ):
        # A plain Page instance (a move, `Page.unpublish()`) holds only Page's fields.
        fields = {f for f in COMPANY_DOCUMENT_FIELDS | COMPANY_SUGGEST_FIELDS if _has(instance, f)}
        return CompanyPage, frozenset(fields)
    return None


def _has(instance, name: str) -> bool:
    try:
        instance._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def remember(sender, instance, raw=False, update_fields=None, **kwargs):
    """pre_save: the values of the watched fields as the database has them now."""
    instance._search_before = None
    watched = _watched(instance) if not raw and instance.pk else None
    if watched is None:
        return
    model, fields = watched
    if update_fields is not None:  # a draft revision saves only its own fields
        fields = fields & set(update_fields)
    if fields:
        attnames = {model._meta.get_field(f).attname: f for f in fields}
        instance._search_before = (
            model.objects.filter(pk=instance.pk).values(*attnames).first(),
            attnames,
        )


def _changed(instance) -> set[str]:
    remembered = instance.__dict__.pop("_search_before", None)
    if not remembered or remembered[0] is None:
        return set()
    before, attnames = remembered
    return {
        name for attname, name in attnames.items() if before[attname] != getattr(instance, attname)
    }


def on_saved(sender, instance, created=False, raw=False, **kwargs):
    from companies.models import Sector
    from complaints.models import Topic

    if raw:
        return
    changed = _changed(instance)
    if isinstance(instance, Sector | Topic):
        if changed:
            queue_related("sector" if isinstance(instance, Sector) else "topic", instance.pk)
        return
    if _watched(instance) is None:
        return
    if created:  # no complaints yet; the autocomplete takes only live companies
        if instance.live:
            queue_companies([instance.pk])
        return
    if changed & COMPANY_DOCUMENT_FIELDS:
        queue_related("company", instance.pk)
    if changed & COMPANY_SUGGEST_FIELDS:
        queue_companies([instance.pk])


def on_company_published(sender, instance, **kwargs):
    # Wagtail's publish and unpublish actions; a save that changed a watched field has
    # already named the company in this transaction, and the batch holds it once.
    queue_companies([instance.pk])


def on_company_deleted(sender, instance, **kwargs):
    # Its complaints (ComplaintPage.company is PROTECT) cannot exist any more: only the
    # autocomplete still knows the company.
    queue_companies([instance.pk])


def on_companies_changed(sender, company_ids, **kwargs):
    # A bulk writer's one call after its work (the importer), whatever its switch says.
    from search.companies import queue_index

    queue_index(company_ids)


def on_synonyms_changed(sender, **kwargs):
    """After the commit: every process rebuilds its synonym table before its next
    search, and stored pages that list complaints (search results among them) go stale."""
    from django.db import transaction

    from core import pagecache
    from search import synonyms

    def changed():
        synonyms.bump_generation()
        synonyms.forget()  # this process at once, even while the shared cache is away
        pagecache.bump(pagecache.COMPLAINTS)

    transaction.on_commit(changed)


def register():
    from companies.models import CompanyPage, Sector
    from complaints.models import ComplaintPage, Topic
    from search.models import SynonymGroup

    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(
            on_synonyms_changed, sender=SynonymGroup, dispatch_uid=f"search_synonyms_{name}"
        )

    for signal, name in (
        (page_published, "published"),
        (page_unpublished, "unpublished"),
        (post_delete, "deleted"),  # also for descendants of a deleted page
    ):
        signal.connect(
            on_complaint_changed, sender=ComplaintPage, dispatch_uid=f"search_complaint_{name}"
        )
    post_page_move.connect(on_page_moved, dispatch_uid="search_page_moved")
    page_slug_changed.connect(on_slug_changed, dispatch_uid="search_page_slug_changed")
    for model in (CompanyPage, Page, Sector, Topic):
        label = model._meta.label_lower
        pre_save.connect(remember, sender=model, dispatch_uid=f"search_remember_{label}")
        post_save.connect(on_saved, sender=model, dispatch_uid=f"search_saved_{label}")
    post_delete.connect(
        on_company_deleted, sender=CompanyPage, dispatch_uid="search_company_deleted"
    )
    for signal, name in ((page_published, "published"), (page_unpublished, "unpublished")):
        signal.connect(
            on_company_published, sender=CompanyPage, dispatch_uid=f"search_company_{name}"
        )
    companies_changed.connect(on_companies_changed, dispatch_uid="search_companies_changed")
    # No post_delete for sectors and topics: PROTECT (CompanyPage.sector,
    # ComplaintPage.topic) refuses to delete one that any document mentions.
