from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.gdpr import KEEP_ANONYMOUS, WITHDRAW


class EraseAccountForm(forms.Form):
    """The choice about public complaints and the password, as allauth asks it before
    other sensitive changes: whoever found an open session cannot delete the account."""

    public_complaints = forms.ChoiceField(
        label=_("Wat moet er met je openbare klachten gebeuren?"),
        choices=[
            (WITHDRAW, _("Trek mijn openbare klachten in: ze verdwijnen van de site")),
            (
                KEEP_ANONYMOUS,
                _(
                    "Laat ze geanonimiseerd staan: de klacht en het gesprek blijven online, "
                    "met “consument (verwijderd)” in plaats van jou"
                ),
            ),
        ],
        widget=forms.RadioSelect,
        help_text=_(
            "Het besloten deel, je bijlagen en je contactmomenten verwijderen we in beide "
            "gevallen. Concepten en klachten die nog niet online stonden ook."
        ),
        error_messages={"required": _("Kies wat er met je openbare klachten moet gebeuren.")},
    )
    password = forms.CharField(
        label=_("Je wachtwoord"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Ter bevestiging dat jij het bent."),
        error_messages={"required": _("Vul je wachtwoord in.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Dit wachtwoord klopt niet."))
        return password
