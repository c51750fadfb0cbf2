from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home"

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.signals import (
            page_published,
            page_slug_changed,
            page_unpublished,
            post_page_move,
        )

        from home.footer import forget_footer_links
        from home.models import StandardPage

        # The footer's cached links follow every change an editor can make to them.
        signals = {
            "published": page_published,
            "unpublished": page_unpublished,
            "moved": post_page_move,
            "slug": page_slug_changed,
        }
        for name, signal in signals.items():
            signal.connect(forget_footer_links, dispatch_uid=f"footer-links-{name}")
        post_delete.connect(
            forget_footer_links, sender=StandardPage, dispatch_uid="footer-links-delete"
        )
