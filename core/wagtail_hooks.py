"""Wagtail hooks of the infrastructure: the page cache learns what a page depends on
just before Wagtail serves it (core.pagecache)."""

from wagtail import hooks

from core import pagecache


@hooks.register("before_serve_page")
def declare_cacheable_page(page, request, serve_args, serve_kwargs):
    pagecache.declare_page(page, request)
