"""What complaints asks of the apps above it, without importing them (layers: see
CONVENTIONS.md). They answer through Wagtail hooks registered in their wagtail_hooks.py;
the functions here ask every registered hook and combine the answers."""

from wagtail import hooks

# fn(case) -> the URL of the live page for a complaint that does not belong here
# ("government", "foreign"), or "" (home: its out-of-scope pages).
OUT_OF_SCOPE_URL = "complaints_out_of_scope_url"

# fn(routes) -> {route: page}: the live pages that explain these escalation routes
# (advice: its advice pages).
ESCALATION_ROUTE_PAGES = "complaints_escalation_route_pages"


def out_of_scope_url(case: str) -> str:
    for answer in hooks.get_hooks(OUT_OF_SCOPE_URL):
        url = answer(case)
        if url:
            return url
    return ""


def escalation_route_pages(routes: list[str]) -> dict:
    pages = {}
    for answer in hooks.get_hooks(ESCALATION_ROUTE_PAGES):
        pages.update(answer(routes))
    return pages
