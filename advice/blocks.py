"""StreamField blocks for advice pages."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("kop"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("niveau"), choices=[("h2", _("kop 2")), ("h3", _("kop 3"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Kop")
        template = "blocks/heading_block.html"


class TipListBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titel"), required=False, max_length=120)
    style = blocks.ChoiceBlock(
        label=_("weergave"),
        choices=[
            ("bullets", _("opsomming")),
            ("numbered", _("genummerde stappen")),
            ("checklist", _("checklist")),
        ],
        default="bullets",
    )
    items = blocks.ListBlock(blocks.CharBlock(label=_("tip"), max_length=300), label=_("tips"))

    class Meta:
        icon = "list-ul"
        label = _("Tiplijst")
        template = "blocks/tip_list_block.html"


LINK_HELP = _(
    "Een pad op deze site dat met / begint, zoals /klacht-indienen/, of een adres op een "
    "andere site dat met https:// begint. Voor een pagina van deze site: kies hem hierboven."
)


def validate_link(value: str) -> None:
    """A relative path on this site ("/klacht-indienen/") or an absolute https URL."""
    if not value:
        return
    if value.startswith("/"):
        if value.startswith("//") or "\\" in value or any(c.isspace() for c in value):
            raise ValidationError(_("Dit pad klopt niet: begin met één / en gebruik geen spaties."))
        return
    if value.lower().startswith("https://"):
        URLValidator(schemes=["https"], message=_("Dit adres klopt niet."))(value)
        return
    raise ValidationError(
        _("Vul een pad in dat met / begint (zoals /klacht-indienen/) of een adres met https://.")
    )


class LinkBlock(blocks.CharBlock):
    """A link target typed by hand: a path on this site or an https address elsewhere.
    (Wagtail's URLBlock takes absolute URLs only, so an internal path failed.)"""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("help_text", LINK_HELP)
        kwargs.setdefault("validators", [validate_link])
        super().__init__(**kwargs)

    def clean(self, value):
        return super().clean((value or "").strip())


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titel"), max_length=120)
    text = blocks.TextBlock(label=_("tekst"), required=False, max_length=400)
    page = blocks.PageChooserBlock(label=_("pagina"), required=False)
    url = LinkBlock(label=_("of een adres"), required=False)
    button_label = blocks.CharBlock(label=_("knoptekst"), max_length=60)

    class Meta:
        icon = "pick"
        label = _("Oproep tot actie")
        template = "blocks/call_to_action_block.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            error = ValidationError(_("Kies een pagina óf vul een adres in (precies één)."))
            raise StructBlockValidationError(block_errors={"page": error})
        return value


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("citaat"), max_length=600)
    attribution = blocks.CharBlock(label=_("wie"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Citaat")
        template = "blocks/quote_block.html"


class AdviceLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("tip"), page_type="advice.AdvicePage")
    text = blocks.CharBlock(
        label=_("waarom lezen"), required=False, max_length=200, help_text=_("Eén zin.")
    )

    class Meta:
        icon = "link"
        label = _("Verwijzing naar een andere tip")
        template = "blocks/advice_link_block.html"


class FactsBlock(blocks.StructBlock):
    """The facts that matter for a route: who it is for, when, what it costs."""

    who = blocks.TextBlock(label=_("voor wie"), max_length=400)
    when = blocks.TextBlock(label=_("wanneer"), max_length=400)
    cost = blocks.TextBlock(label=_("kosten"), max_length=400)
    how = blocks.TextBlock(label=_("hoe"), required=False, max_length=400)
    website = blocks.URLBlock(label=_("website"), required=False)

    class Meta:
        icon = "info-circle"
        label = _("Feiten op een rij")
        template = "blocks/facts_block.html"


class AdviceStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Alinea"), features=PARAGRAPH_FEATURES, template="blocks/paragraph_block.html"
    )
    heading = HeadingBlock()
    tip_list = TipListBlock()
    call_to_action = CallToActionBlock()
    quote = QuoteBlock()
    advice_link = AdviceLinkBlock()
    facts = FactsBlock()
