"""django-allauth's account forms with the site's own Dutch labels and help texts.

allauth's fields carry placeholders that repeat the label (gone when typed, and read
twice by screen readers), an HTML list or link as help text (a list cannot sit in the
help paragraph of includes/field.html), and the identifier field is called "Login".
Each form here keeps allauth's behaviour and only says things the site's way, with the
autocomplete tokens that let a browser or password manager fill the right value.
"""

from __future__ import annotations

from allauth.account import forms as allauth_forms
from django import forms
from django.utils.translation import gettext_lazy as _

PASSWORD_HELP = _(
    "Minstens 8 tekens. Kies iets wat niet op je e-mailadres lijkt, niet alleen uit cijfers "
    "bestaat en niet veel gebruikt wordt, zoals een zin van een paar woorden."
)


def _tidy(form: forms.Form, fields: dict[str, dict]) -> None:
    """Drop allauth's placeholders and set each field's label, help text and
    autocomplete token as given."""
    for name, field in form.fields.items():
        field.widget.attrs.pop("placeholder", None)
        spec = fields.get(name, {})
        if "label" in spec:
            field.label = spec["label"]
        if "help_text" in spec:
            field.help_text = spec["help_text"]
        if "autocomplete" in spec:
            field.widget.attrs["autocomplete"] = spec["autocomplete"]


PASSWORD = _("Wachtwoord")
PASSWORD_AGAIN = _("Wachtwoord nog een keer")


def _new_password(label=PASSWORD, again=PASSWORD_AGAIN) -> dict[str, dict]:
    """The two fields of a new password, as every form that sets one asks for it."""
    return {
        "password1": {"label": label, "help_text": PASSWORD_HELP, "autocomplete": "new-password"},
        "password2": {"label": again, "autocomplete": "new-password"},
    }


def _current_password(label=PASSWORD) -> dict:
    return {"label": label, "help_text": "", "autocomplete": "current-password"}


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _tidy(
            self,
            {
                # One field takes an e-mail address or a user name; "username" is the
                # token password managers pair with the current password.
                "login": {"label": _("E-mailadres of gebruikersnaam"), "autocomplete": "username"},
                "password": _current_password(),
                "remember": {"label": _("Ingelogd blijven op dit apparaat")},
            },
        )


class SignupForm(allauth_forms.SignupForm):
    # allauth's adapter stores a first_name from the form on the new user; the letter to
    # a company starts from it. Never shown on the public site.
    first_name = forms.CharField(
        label=_("Je naam"),
        required=False,
        max_length=150,
        help_text=_("Mag leeg blijven. We zetten je naam alleen in brieven die je zelf downloadt."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    field_order = ["email", "first_name", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _tidy(
            self,
            {
                "email": {
                    "label": _("E-mailadres"),
                    "help_text": _("Hier sturen we een link naartoe om je account te bevestigen."),
                    "autocomplete": "email",
                },
                **_new_password(),
            },
        )
        self.order_fields(self.field_order)


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _tidy(self, {"email": {"label": _("E-mailadres"), "autocomplete": "email"}})


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _tidy(
            self,
            {
                **_new_password(_("Nieuw wachtwoord"), _("Nieuw wachtwoord nog een keer")),
            },
        )


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _tidy(
            self,
            {
                "oldpassword": _current_password(_("Huidig wachtwoord")),
                **_new_password(_("Nieuw wachtwoord"), _("Nieuw wachtwoord nog een keer")),
            },
        )


class SetPasswordForm(allauth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _tidy(
            self,
            {
                **_new_password(),
            },
        )


class AddEmailForm(allauth_forms.AddEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _tidy(self, {"email": {"label": _("Nieuw e-mailadres"), "autocomplete": "email"}})


class ReauthenticateForm(allauth_forms.ReauthenticateForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _tidy(
            self,
            {"password": _current_password()},
        )
