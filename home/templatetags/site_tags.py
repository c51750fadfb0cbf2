from django import template
from django.utils.safestring import mark_safe
from wagtail.models import Site

from home.footer import footer_links as links_for_site
from home.models import OutOfScopePage

register = template.Library()


@register.simple_tag
def out_of_scope_url(case: str) -> str:
    """The live page for a complaint that does not belong here ("government", "foreign")."""
    page = OutOfScopePage.objects.live().filter(case=case).first()
    return page.url if page else ""


@register.simple_tag(takes_context=True)
def footer_links(context) -> list[dict[str, str]]:
    """Title and URL of each page the footer links to (home.footer)."""
    request = context.get("request")
    site = (
        Site.find_for_request(request)
        if request
        else Site.objects.filter(is_default_site=True).first()
    )
    return links_for_site(site)


@register.simple_tag(takes_context=True)
def current_section(context, prefix: str) -> str:
    """` aria-current="page"` on the menu link of the section the visitor is in."""
    request = context.get("request")
    if request is not None and request.path.startswith(prefix):
        return mark_safe(' aria-current="page"')  # noqa: S308 (a fixed string)
    return ""
