"""Keep the company autocomplete in step with company pages."""

from wagtail.signals import page_published, page_unpublished


def on_company_change(sender, instance, **kwargs):
    from search.companies import queue_rebuild

    queue_rebuild()


def register():
    from companies.models import CompanyPage

    page_published.connect(
        on_company_change, sender=CompanyPage, dispatch_uid="search_company_published"
    )
    page_unpublished.connect(
        on_company_change, sender=CompanyPage, dispatch_uid="search_company_unpublished"
    )
