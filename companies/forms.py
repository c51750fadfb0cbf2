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
        widgets = {"note": forms.Textarea(attrs={"rows": 4})}

    def clean_website_url(self):
        if self.cleaned_data.get("website_url"):
            raise forms.ValidationError(_("Dit formulier kon niet worden verwerkt."))
        return ""
