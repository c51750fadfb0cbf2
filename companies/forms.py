from django import forms
from django.utils.translation import gettext_lazy as _

from companies.models import CompanyRequest


class CompanyRequestForm(forms.ModelForm):
    # A field people do not see; bots fill it in.
    website_url = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = CompanyRequest
        fields = ["company_name", "website", "kvk_number", "city", "note", "requester_email"]
        labels = {"requester_email": _("Jouw e-mailadres")}
        help_texts = {
            "requester_email": _("We mailen je als het bedrijf is toegevoegd. Nooit openbaar."),
            "kvk_number": _("Als je het weet: 8 cijfers."),
        }
        # The requester's own address is filled in by the browser; the company's name,
        # website and place are not the requester's, so the browser must not offer the
        # person's own organisation, site or home town there.
        widgets = {
            "company_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "website": forms.URLInput(attrs={"autocomplete": "off"}),
            "kvk_number": forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
            "city": forms.TextInput(attrs={"autocomplete": "off"}),
            "note": forms.Textarea(attrs={"rows": 4}),
            "requester_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def clean_website_url(self):
        if self.cleaned_data.get("website_url"):
            raise forms.ValidationError(_("Dit formulier kon niet worden verwerkt."))
        return ""
