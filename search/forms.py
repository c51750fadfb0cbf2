"""Validation of search parameters, shared by the page and the API."""

from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.states import PUBLIC_STATUSES
from search.queries import SearchParams

MAX_QUERY = 200
MAX_PAGE = 500
MAX_VALUES = 20


class MultiSlugField(forms.Field):
    """Repeated (?topic=a&topic=b) or comma-separated slugs; unknown ones match nothing."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        values = value if isinstance(value, list | tuple) else [value] if value else []
        slugs = []
        for item in values:
            slugs += [part.strip() for part in str(item).split(",") if part.strip()]
        if len(slugs) > MAX_VALUES:
            raise forms.ValidationError(_("Kies hooguit %(n)d waarden.") % {"n": MAX_VALUES})
        if any(len(s) > 100 for s in slugs):
            raise forms.ValidationError(_("Ongeldige waarde."))
        return tuple(dict.fromkeys(slugs))


class SearchForm(forms.Form):
    q = forms.CharField(required=False, label=_("Zoek in klachten"))
    company = MultiSlugField(required=False)
    topic = MultiSlugField(required=False)
    sector = MultiSlugField(required=False)
    status = MultiSlugField(required=False)
    date_from = forms.DateField(required=False, label=_("Van"))
    date_to = forms.DateField(required=False, label=_("Tot en met"))
    sort = forms.ChoiceField(
        required=False,
        choices=[("relevance", _("meest relevant")), ("newest", _("nieuwste eerst"))],
    )
    page = forms.IntegerField(required=False, min_value=1)

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and hasattr(data, "getlist"):
            data = {
                key: data.getlist(key)
                if key in ("company", "topic", "sector", "status")
                else data.get(key)
                for key in data
            }
        super().__init__(data, *args, **kwargs)

    def clean_q(self):
        q = " ".join((self.cleaned_data.get("q") or "").split())
        if len(q) > MAX_QUERY:
            raise forms.ValidationError(
                _("Je zoekvraag is te lang: hooguit %(n)d tekens.") % {"n": MAX_QUERY}
            )
        return q

    def clean_status(self):
        statuses = self.cleaned_data.get("status") or ()
        return tuple(s for s in statuses if s in PUBLIC_STATUSES) or (
            ("__none__",) if statuses else ()
        )

    def clean_page(self):
        page = self.cleaned_data.get("page") or 1
        if page > MAX_PAGE:
            raise forms.ValidationError(_("Zo ver bladeren kan niet; verfijn je zoekvraag."))
        return page

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("De einddatum ligt voor de begindatum."))
        return data

    def params(self) -> SearchParams:
        data = self.cleaned_data
        return SearchParams(
            q=data.get("q") or "",
            company=data.get("company") or (),
            topic=data.get("topic") or (),
            sector=data.get("sector") or (),
            status=data.get("status") or (),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            sort=data.get("sort") or "relevance",
            page=data.get("page") or 1,
        )
