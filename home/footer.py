"""The links in the site footer: the live standard pages with "show in menus" on, in the
order of the page tree. Kept in the cache, because every page shows them; any publish,
unpublish, move or delete of a page empties it."""

from django.core.cache import cache

from home.models import StandardPage

CACHE_KEY = "home:footer-links:{site_id}"
CACHE_SECONDS = 60 * 60


def footer_links(site) -> list[dict[str, str]]:
    if site is None:
        return []
    key = CACHE_KEY.format(site_id=site.pk)
    links = cache.get(key)
    if links is None:
        pages = (
            StandardPage.objects.live()
            .public()
            .in_site(site)
            .filter(show_in_menus=True)
            .order_by("path")
        )
        links = [{"title": page.title, "url": page.get_url(current_site=site)} for page in pages]
        cache.set(key, links, CACHE_SECONDS)
    return links


def forget_footer_links(**kwargs) -> None:
    from wagtail.models import Site

    cache.delete_many(
        [CACHE_KEY.format(site_id=pk) for pk in Site.objects.values_list("pk", flat=True)]
    )
