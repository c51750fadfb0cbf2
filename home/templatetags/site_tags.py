from django import template

from home.models import OutOfScopePage

register = template.Library()


@register.simple_tag
def out_of_scope_url(case: str) -> str:
    """The live page for a complaint that does not belong here ("government", "foreign")."""
    page = OutOfScopePage.objects.live().filter(case=case).first()
    return page.url if page else ""
