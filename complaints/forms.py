from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.models import ComplaintPage, ComplaintPrivateDetails, ContactLogEntry, Topic

YES_NO = [("ja", _("Ja")), ("nee", _("Nee"))]


class DateInput(forms.DateInput):
    """A date picker. Its value must be ISO (2026-10-01): `<input type=date>` reads
    nothing else, and the Dutch display format (01-10-2026) came back empty, so a second
    save wiped the date."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs, format=format)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None, format="%H:%M"):
        super().__init__(attrs, format=format)


def not_in_future(value):
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("Deze datum ligt in de toekomst."))


class ScopeForm(forms.Form):
    """Step 1: does this complaint belong on Klachtenkompas?"""

    government = forms.ChoiceField(
        label=_("Gaat je klacht over de overheid (gemeente, ministerie, UWV, politie, ...)?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    company_is_dutch = forms.ChoiceField(
        label=_("Is het een Nederlands bedrijf?"), choices=YES_NO, widget=forms.RadioSelect
    )
    bought_directly = forms.ChoiceField(
        label=_("Heb je rechtstreeks bij dit bedrijf gekocht of een contract afgesloten?"),
        help_text=_("Dus niet via een tussenpersoon of een ander platform."),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    told_company_first = forms.ChoiceField(
        label=_("Heb je het bedrijf zelf al op de hoogte gebracht?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
    )
    told_company_on = forms.DateField(
        label=_("Wanneer?"), required=False, widget=DateInput, validators=[not_in_future]
    )
    told_company_how = forms.CharField(
        label=_("Hoe?"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld: telefonisch met de klantenservice, per e-mail, in de winkel."),
    )

    def clean(self):
        data = super().clean()
        if data.get("government") == "ja" or data.get("company_is_dutch") == "nee":
            return data  # the view sends these elsewhere
        if data.get("bought_directly") == "nee":
            self.add_error(
                "bought_directly",
                _(
                    "Klachtenkompas is er voor klachten over een bedrijf waar je zelf rechtstreeks klant bent. Klaag bij het bedrijf waar je kocht."
                ),
            )
        if data.get("told_company_first") == "nee":
            self.add_error(
                "told_company_first",
                _(
                    "Meld je klacht eerst bij het bedrijf zelf: vaak is dat de snelste oplossing. Komen jullie er niet uit, kom dan terug."
                ),
            )
        elif data.get("told_company_first") == "ja":
            if not data.get("told_company_on"):
                self.add_error("told_company_on", _("Vul in wanneer je het bedrijf inlichtte."))
            if not data.get("told_company_how"):
                self.add_error("told_company_how", _("Vul in hoe je het bedrijf inlichtte."))
        return data

    def out_of_scope_case(self) -> str | None:
        """Which out-of-scope page to send the consumer to, if any."""
        if self.cleaned_data["government"] == "ja":
            return "government"
        if self.cleaned_data["company_is_dutch"] == "nee":
            return "foreign"
        return None

    def scope_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "company_is_dutch": data["company_is_dutch"] == "ja",
            "bought_directly": data["bought_directly"] == "ja",
            "told_company_first": data["told_company_first"] == "ja",
            "told_company_on": data["told_company_on"],
            "told_company_how": data["told_company_how"],
        }


class ComplaintTextForm(forms.ModelForm):
    """Step 2: the public part."""

    class Meta:
        model = ComplaintPage
        fields = ["topic", "title", "description", "desired_outcome", "incident_date"]
        labels = {
            "title": _("Titel"),
            "description": _("Wat is er gebeurd?"),
            "desired_outcome": _("Wat wil je bereiken?"),
        }
        help_texts = {
            "title": _(
                "Kort en feitelijk, bijvoorbeeld: Pakket als bezorgd gemeld, nooit ontvangen."
            ),
            "description": _(
                "Openbaar. Ongeveer 250 woorden, in een paar korte alinea's. Geen namen, adressen of ordernummers: die horen in het besloten deel."
            ),
            "desired_outcome": _("Openbaar. Eén duidelijke, redelijke oplossing."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 10, "data-writing-aid": "description"}),
            "desired_outcome": forms.Textarea(
                attrs={"rows": 3, "data-writing-aid": "desired_outcome"}
            ),
            "incident_date": DateInput,
        }

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].max_length = 120
        self.fields["title"].widget.attrs["maxlength"] = 120
        for name in ["topic", "title", "description", "desired_outcome"]:
            self.fields[name].required = True
        self.fields["topic"].queryset = Topic.objects.filter(
            Q(sectors__isnull=True) | Q(sectors=company.sector_id)
        ).distinct()
        self.fields["topic"].empty_label = _("Kies een onderwerp")
        self.fields["incident_date"].validators.append(not_in_future)
        if self.instance.title == ComplaintPage.DRAFT_TITLE:
            self.initial["title"] = ""

    def clean_description(self):
        text = self.cleaned_data["description"].strip()
        if len(text.split()) < 15:
            raise forms.ValidationError(
                _("Beschrijf in minstens een paar zinnen wat er is gebeurd.")
            )
        return text


class PrivateDetailsForm(forms.ModelForm):
    """Step 3: what only the company (and moderators) may read."""

    class Meta:
        model = ComplaintPrivateDetails
        fields = ["order_reference", "details"]
        widgets = {"details": forms.Textarea(attrs={"rows": 5})}


class AttachmentForm(forms.Form):
    """One file of evidence; optional, unless the "Bijlage toevoegen" button asks for it
    (EvidenceForms). The content checks are attachments.check_upload's."""

    file = forms.FileField(
        label=_("Bijlage"),
        required=False,
        help_text=_(
            "Foto (JPG, PNG, WebP) of PDF, hooguit 10 MB, hooguit 5 bestanden. Alleen het bedrijf en jij zien bijlagen."
        ),
    )


# A contact moment needs these; the others are extra detail.
CONTACT_NEEDS = ("contacted_on", "channel", "summary")


class ContactLogForm(forms.ModelForm):
    """One contact moment; optional: left empty it stores nothing, partly filled in it
    asks for what is missing."""

    class Meta:
        model = ContactLogEntry
        fields = ["contacted_on", "contacted_at", "channel", "person", "summary", "promised"]
        widgets = {
            "contacted_on": DateInput,
            "contacted_at": TimeInput,
            "summary": forms.Textarea(attrs={"rows": 2}),
            "promised": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, entry_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.entry_required = entry_required
        self.fields["contacted_on"].validators.append(not_in_future)
        self.fields["channel"].choices = [("", _("Kies hoe")), *ContactLogEntry.Channel.choices]
        for field in self.fields.values():
            field.required = False

    def has_entry(self) -> bool:
        """Whether anything of a contact moment was typed."""
        return self.is_bound and any(
            str(self.data.get(self.add_prefix(name), "")).strip() for name in self.fields
        )

    def clean(self):
        data = super().clean()
        if self.entry_required or self.has_entry():
            for name in CONTACT_NEEDS:
                if name not in self.errors and not data.get(name):
                    self.add_error(name, _("Vul dit in om het contactmoment op te slaan."))
        return data

    def entry_fields(self) -> dict | None:
        """The contact moment to store, or None when nothing was typed."""
        if not self.has_entry():
            return None
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class EvidenceForms:
    """The evidence part of one form: an optional file and an optional contact moment.

    The wizard's step 3 (with the private details beside it) and the evidence page after
    submitting use this same pair. `action` is the button pressed: "Bijlage toevoegen"
    needs a file, "Contactmoment toevoegen" a contact moment; any other button stores
    whatever of the two was filled in. `need_any` refuses a post that holds neither.
    """

    ADD_ATTACHMENT = "add_attachment"
    ADD_CONTACT = "add_contact"

    def __init__(self, data=None, files=None, *, action: str = "", need_any: bool = False):
        self.action = action
        self.need_any = need_any
        self.attachment = AttachmentForm(data, files, prefix="upload")
        self.contact = ContactLogForm(
            data, prefix="contact", entry_required=action == self.ADD_CONTACT
        )

    @property
    def is_bound(self) -> bool:
        return self.attachment.is_bound

    def is_valid(self) -> bool:
        # Both validated, so every error shows at once.
        valid = self.attachment.is_valid() & self.contact.is_valid()
        if not valid:
            return False
        if self.action == self.ADD_ATTACHMENT and not self.upload:
            self.attachment.add_error("file", _("Kies eerst een bestand."))
            return False
        if self.need_any and not self.upload and not self.contact.has_entry():
            self.attachment.add_error(
                "file", _("Kies een bestand of vul hieronder een contactmoment in.")
            )
            return False
        return True

    @property
    def upload(self):
        return self.attachment.cleaned_data.get("file")

    def contact_fields(self) -> dict | None:
        return self.contact.entry_fields()
