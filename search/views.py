"""The search page and the search API: validate, call the search layer, render."""

import csv
import io
import itertools
import json

from django.conf import settings
from django.http import JsonResponse, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from elasticsearch import TransportError

from core.ratelimit import ratelimit
from search.companies import matching_company
from search.forms import SearchForm
from search.searching import (
    EXPORT_COLUMNS,
    SearchUnavailable,
    csv_cell,
    export_rows,
    search,
    spelling_suggestion,
)


def _search_rate(group, request):
    return settings.SEARCH_API_RATE


def _export_rate(group, request):
    return settings.EXPORT_RATE


def _export_global_rate(group, request):
    return settings.EXPORT_GLOBAL_RATE


# The search page runs the same query as the search API: one count for both. Reads:
# open when the counters are down.
search_limit = ratelimit(group="search", key="ip", rate=_search_rate, fail_open=True)


def _newest_from_database(limit=20):
    from complaints.selectors import public_complaints

    return public_complaints()[:limit]


@require_GET
@search_limit
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
        if params.q and params.page == 1:
            context["company_match"] = matching_company(params.q)
        try:
            context["result"] = result = search(params)
        except SearchUnavailable:
            context["unavailable"] = True
            context["newest"] = _newest_from_database()
        else:  # a company named outranks a spelling: it already says what was meant
            if params.page == 1 and not context.get("company_match"):
                context["spelling"] = spelling_suggestion(params.q, result.count)
    return TemplateResponse(request, "search/search.html", context, status=status)


@require_GET
@search_limit
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


@require_GET
@ratelimit(group="autocomplete", key="ip", rate=_search_rate, fail_open=True)
def autocomplete_api(request):
    from search.companies import suggest

    prefix = request.GET.get("q", "")[:200]
    if "\x00" in prefix:  # as the search form refuses it (and PostgreSQL cannot hold it)
        return JsonResponse({"error": _("Ongeldige zoekvraag.")}, status=400)
    return JsonResponse(suggest(prefix), safe=False)


@require_GET
@ratelimit(group="autocomplete", key="ip", rate=_search_rate, fail_open=True)
def suggest_api(request):
    """What the search box offers while typing: companies first, then complaint titles.
    The same door, limit and checks as the company autocomplete."""
    from search.suggestions import suggest

    typed = request.GET.get("q", "")[:200]
    if "\x00" in typed:
        return JsonResponse({"error": _("Ongeldige zoekvraag.")}, status=400)
    return JsonResponse(suggest(typed))


# The export reads the whole index: a strict limit per address and one for everyone
# together (so that many addresses cannot add up), closed when the counters are down.
@require_GET
@ratelimit(group="export", key="ip", rate=_export_rate, fail_open=False)
@ratelimit(group="export", key="global", rate=_export_global_rate, fail_open=False)
def export(request, fmt):
    """Open data: the public fields of every matching public complaint, streamed."""
    if fmt not in ("csv", "jsonl"):
        return JsonResponse({"error": _("Kies export.csv of export.jsonl.")}, status=404)
    form = SearchForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"error": _("Ongeldige filters."), "fields": form.errors}, status=400)
    try:
        rows = export_rows(form.params())
        first = next(rows, None)  # fail here, before the response starts, if ES is away
    except TransportError:
        return JsonResponse({"error": _("De export is tijdelijk niet beschikbaar.")}, status=503)
    rows = itertools.chain([first] if first else [], rows)
    if fmt == "jsonl":
        body = (json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        response = StreamingHttpResponse(body, content_type="application/x-ndjson; charset=utf-8")
    else:
        response = StreamingHttpResponse(_csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="klachten.{fmt}"'
    return response


def _csv_lines(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: csv_cell(value) for key, value in row.items()})
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


@require_GET
def openapi(request):
    from search.openapi import spec

    return JsonResponse(spec())
