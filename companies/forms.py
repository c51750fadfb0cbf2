from django import forms
from django.utils.translation import gettext_lazy as _

from companies.domains import email_domain, email_on_domain, is_free_mail, registrable_domain
from companies.models import CompanyPage, CompanyRequest, ReplyTemplate


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


class CompanyDomainMixin:
    """For a form with an `email` field that must be an address on the company's own
    domain. Subclasses set `domain_help_text` and word their own refusals."""

    domain_help_text = ""

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.company = company
        self.domain = registrable_domain(company.website)
        if self.domain:
            self.fields["email"].help_text = self.domain_help_text % {"domain": self.domain}

    def domain_problem(self, email: str) -> str:
        """Why the address cannot speak for the company: "free_mail" (its host says
        nothing about an employer), "no_domain" (the company has no domain of its own to
        check against), "off_domain"; "" when it can."""
        if is_free_mail(email_domain(email)):
            return "free_mail"
        if not self.domain or is_free_mail(self.domain):
            return "no_domain"
        if not email_on_domain(email, self.domain):
            return "off_domain"
        return ""


class ClaimForm(CompanyDomainMixin, forms.Form):
    """A work address on the company's own domain: the link mailed there is the proof."""

    email = forms.EmailField(
        label=_("Je e-mailadres op het werk"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    job_title = forms.CharField(
        label=_("Je functie"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    domain_help_text = _(
        "Een adres dat eindigt op @%(domain)s (of een subdomein daarvan). We sturen er "
        "een link naartoe om te bevestigen dat het van jou is."
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        problem = self.domain_problem(email)
        if problem == "free_mail":
            raise forms.ValidationError(
                _(
                    "Een adres bij %(domain)s zegt niets over je werkgever. Gebruik je "
                    "e-mailadres van het bedrijf zelf."
                )
                % {"domain": email_domain(email)}
            )
        if problem == "no_domain":
            raise forms.ValidationError(
                _(
                    "We kennen geen eigen website van %(company)s, dus we kunnen je adres niet "
                    "controleren. Mail de redactie, dan helpen we je verder."
                )
                % {"company": self.company.title}
            )
        if problem:
            raise forms.ValidationError(
                _("Gebruik een adres dat eindigt op @%(domain)s, het domein van %(company)s.")
                % {"domain": self.domain, "company": self.company.title}
            )
        return email


class ClaimDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("approve", _("Goedkeuren")), ("refuse", _("Afwijzen"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reden van afwijzing"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Alleen bij afwijzen. De aanvrager krijgt deze reden per e-mail."),
    )

    def clean(self):
        cleaned = super().clean()
        cleaned["reason"] = (cleaned.get("reason") or "").strip()
        if cleaned.get("decision") == "refuse" and not cleaned["reason"]:
            self.add_error("reason", _("Schrijf op waarom je de claim afwijst."))
        return cleaned


class CustomerServiceForm(forms.ModelForm):
    class Meta:
        model = CompanyPage
        fields = [
            "customer_service_phone",
            "customer_service_url",
            "customer_service_email",
            "customer_service_hours",
        ]
        widgets = {
            "customer_service_phone": forms.TextInput(attrs={"autocomplete": "off", "type": "tel"}),
            "customer_service_url": forms.URLInput(attrs={"autocomplete": "off"}),
            "customer_service_email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "customer_service_hours": forms.TextInput(attrs={"autocomplete": "off"}),
        }


MAX_CONTACT_ADDRESSES = 10


class ContactAddressesForm(forms.Form):
    """The private addresses, one a line: simple without JavaScript."""

    addresses = forms.CharField(
        label=_("Adressen voor meldingen van nieuwe klachten"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "autocomplete": "off"}),
        help_text=_("Eén e-mailadres per regel. Nooit openbaar."),
    )

    def clean_addresses(self):
        validator = forms.EmailField()
        found = []
        for line in self.cleaned_data["addresses"].splitlines():
            line = line.strip()
            if not line:
                continue
            try:
                found.append(validator.clean(line).lower())
            except forms.ValidationError as exc:
                raise forms.ValidationError(
                    _("%(line)s is geen geldig e-mailadres.") % {"line": line}
                ) from exc
        found = list(dict.fromkeys(found))
        if len(found) > MAX_CONTACT_ADDRESSES:
            # Every new complaint is mailed to each of them: no mailing list.
            raise forms.ValidationError(
                _("Geef hooguit %(max)d adressen op; je gaf er %(count)d.")
                % {"max": MAX_CONTACT_ADDRESSES, "count": len(found)}
            )
        return found


class ReplyTemplateForm(forms.ModelForm):
    class Meta:
        model = ReplyTemplate
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "title": _("Zo kies je het sjabloon straks, bijvoorbeeld 'Eerste reactie'."),
            "body": _("Je kunt de tekst daarna per klacht aanpassen voordat je hem plaatst."),
        }

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.company = company

    def clean_title(self):
        # The form leaves out the company, so Django would skip the unique constraint.
        title = self.cleaned_data["title"].strip()
        same = ReplyTemplate.objects.filter(company=self.instance.company, title__iexact=title)
        if same.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Er is al een sjabloon met deze naam."))
        return title


class InviteColleagueForm(CompanyDomainMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres van je collega"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    domain_help_text = _(
        "Ook een adres op @%(domain)s. Je collega krijgt een link en logt in of maakt "
        "een account aan met dit adres."
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if self.domain_problem(email):
            raise forms.ValidationError(
                _("Nodig alleen collega's uit met een adres op @%(domain)s.")
                % {"domain": self.domain or _("het domein van het bedrijf")}
            )
        return email
