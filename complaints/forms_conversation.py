from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.models import MAX_REACTION_LENGTH


class ReactionForm(forms.Form):
    body = forms.CharField(
        label=_("Je reactie"),
        max_length=MAX_REACTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Openbaar. Blijf feitelijk en beleefd; geen persoonsgegevens."),
    )


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
