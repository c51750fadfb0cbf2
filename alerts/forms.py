from django import forms
from django.utils.translation import gettext_lazy as _


class EmailForm(forms.Form):
    email = forms.EmailField(
        label=_("Je e-mailadres"),
        max_length=254,
        help_text=_("We tonen dit adres nergens en gebruiken het alleen voor deze meldingen."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
