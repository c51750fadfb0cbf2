"""The search page and the search API: validate, call the search layer, render."""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_ratelimit.decorators import ratelimit

from search.forms import SearchForm
from search.searching import SearchUnavailable, search

API_RATE = "120/m"


def _newest_from_database(limit=20):
    from complaints.selectors import public_complaints

    return public_complaints()[:limit]


@require_GET
def search_page(request):
    form = SearchForm(request.GET)
    context = {"form": form, "query": request.GET}
    status = 200
    if not form.is_valid():
        context["errors"] = [e for errors in form.errors.values() for e in errors]
        status = 400
    else:
        params = form.params()
        context["params"] = params
        try:
            context["result"] = search(params)
        except SearchUnavailable:
            context["unavailable"] = True
            context["newest"] = _newest_from_database()
    return TemplateResponse(request, "search/search.html", context, status=status)


@require_GET
@ratelimit(key="ip", rate=API_RATE, block=True)
def search_api(request):
    form = SearchForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"error": _("Ongeldige zoekvraag."), "fields": form.errors}, status=400)
    try:
        result = search(form.params())
    except SearchUnavailable:
        return JsonResponse({"error": _("Zoeken is tijdelijk niet beschikbaar.")}, status=503)
    results = [{k: v for k, v in item.items() if k != "status_label"} for item in result.results]
    return JsonResponse({"count": result.count, "results": results, "facets": result.facets})
