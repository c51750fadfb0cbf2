from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The site's root page. Later issues add search, recent complaints and advice."""

    intro = models.CharField(
        _("introductie"),
        max_length=250,
        blank=True,
        help_text=_("Eén of twee zinnen onder de titel van de homepage."),
    )
    body = RichTextField(
        _("tekst"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul", "h2", "h3"],
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("homepage")
