"""The small form before the letter: who sends it, and from where."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})\s*$")


class LetterForm(forms.Form):
    """The consumer's name and address for the sender block. Used for this one letter
    and stored nowhere: the account has no place for an address, and the complaint's
    data must not grow a copy of it."""

    FORMATS = [
        ("pdf", _("PDF, om af te drukken")),
        ("txt", _("Tekst, om te kopiëren in een e-mail")),
    ]

    name = forms.CharField(
        label=_("Je naam"), max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    street = forms.CharField(
        label=_("Straat en huisnummer"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=10,
        help_text=_("Bijvoorbeeld 1234 AB."),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    place = forms.CharField(
        label=_("Woonplaats"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    fmt = forms.ChoiceField(
        label=_("Hoe wil je de brief?"), choices=FORMATS, initial="pdf", widget=forms.RadioSelect
    )

    def clean_postcode(self):
        match = POSTCODE.match(self.cleaned_data["postcode"])
        if not match:
            raise forms.ValidationError(
                _("Vul een Nederlandse postcode in: vier cijfers en twee letters, zoals 1234 AB.")
            )
        return f"{match.group(1)} {match.group(2).upper()}"
