from django import forms
from django.utils.translation import gettext_lazy as _

from complaints import personal_data
from complaints.models import MAX_REACTION_LENGTH, SettlementOffer
from complaints.models.offers import MAX_OFFER_TEXT


class ReactionForm(forms.Form):
    body = forms.CharField(
        label=_("Je reactie"),
        max_length=MAX_REACTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Openbaar. Blijf feitelijk en beleefd; geen persoonsgegevens."),
    )
    # Asked only when the text holds what looks like personal data: a reaction is public
    # at once, so the writer looks again first (a company's own service number may stay).
    publish_anyway = forms.BooleanField(
        label=_("Ik heb het nagekeken: plaats mijn reactie zo"),
        required=False,
        help_text=_("Alleen als het geen gegevens zijn van jou of van een ander persoon."),
    )

    # The company's reply templates (companies.ReplyTemplate), for its representatives only.
    reply_template = forms.ModelChoiceField(
        label=_("Kies een sjabloon"),
        queryset=None,
        required=False,
        empty_label=_("geen sjabloon"),
        help_text=_("Vult het tekstvak; pas de tekst daarna aan deze klacht aan."),
    )

    def __init__(self, *args, reply_templates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.personal_data = personal_data.find(self.data.get("body", "")) if self.is_bound else []
        if not self.personal_data:
            del self.fields["publish_anyway"]
        if reply_templates is not None and reply_templates.exists():
            self.fields["reply_template"].queryset = reply_templates
            self.order_fields(["reply_template", "body"])
            # For static/js/reply-templates.js, which fills the box on choosing.
            self.template_bodies = {str(t.pk): t.body for t in reply_templates}
        else:
            del self.fields["reply_template"]

    def template_text(self) -> str | None:
        """The chosen template's text ("Sjabloon invoegen", for browsers without JS)."""
        field = self.fields.get("reply_template")
        if field is None:
            return None
        try:
            chosen = field.clean(self.data.get("reply_template"))
        except forms.ValidationError:
            return None
        return chosen.body if chosen else None

    def clean(self):
        cleaned = super().clean()
        if self.personal_data and not cleaned.get("publish_anyway"):
            for finding in self.personal_data[:5]:
                self.add_error(
                    "body",
                    _(
                        "Je reactie noemt %(what)s (%(excerpt)s). Reacties zijn meteen openbaar: "
                        "haal het weg, of vink hieronder aan dat het zo mag."
                    )
                    % {"what": finding.label, "excerpt": finding.excerpt},
                )
        return cleaned


class RatingForm(forms.Form):
    grade = forms.TypedChoiceField(
        label=_("Welk cijfer geef je de afhandeling?"),
        choices=[(i, str(i)) for i in range(1, 11)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    solved = forms.TypedChoiceField(
        label=_("Is je klacht opgelost?"),
        choices=[("ja", _("Ja")), ("nee", _("Nee"))],
        coerce=lambda value: value == "ja",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Toelichting (openbaar)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Wat is er mis met deze reactie?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OfferForm(forms.Form):
    """The company's settlement offer; the rules between the fields (an amount only for
    money, dates in order) are the model's, checked by the service."""

    kind = forms.ChoiceField(
        label=_("Wat stel je voor?"),
        choices=SettlementOffer.Kind.choices,
        widget=forms.RadioSelect,
    )
    amount = forms.DecimalField(
        label=_("Bedrag in euro"),
        required=False,
        max_digits=9,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("Alleen bij een terugbetaling of een tegoed, bijvoorbeeld 24,95."),
    )
    description = forms.CharField(
        label=_("Omschrijving"),
        required=False,
        max_length=MAX_OFFER_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat je precies doet; nodig bij 'iets anders'."),
    )
    answer_by = forms.DateField(
        label=_("Antwoord uiterlijk op"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Minstens 3 en hooguit 14 dagen vanaf vandaag. Zo lang heeft de consument."),
    )
    carry_out_by = forms.DateField(
        label=_("Uitgevoerd uiterlijk op"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Op of na de antwoorddatum."),
    )
    message = forms.CharField(
        label=_("Bericht aan de consument (niet openbaar)"),
        required=False,
        max_length=MAX_OFFER_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AcceptOfferForm(forms.Form):
    amount_public = forms.BooleanField(
        label=_("Het bedrag mag openbaar zijn"),
        required=False,
        help_text=_("Anders zien bezoekers alleen dat je het voorstel hebt aangenomen."),
    )


class DeclineOfferForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom wijs je het voorstel af?"),
        max_length=MAX_OFFER_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Alleen het bedrijf leest je reden."),
    )
