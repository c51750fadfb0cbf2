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
from django_ratelimit.decorators import ratelimit
from elasticsearch import TransportError

from search.forms import SearchForm
from search.searching import EXPORT_COLUMNS, SearchUnavailable, export_rows, search


def _api_rate(group, request):
    return settings.SEARCH_API_RATE


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
@ratelimit(key="ip", rate=_api_rate, block=True)
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
@ratelimit(key="ip", rate=_api_rate, block=True)
def autocomplete_api(request):
    from search.companies import suggest

    prefix = request.GET.get("q", "")[:200]
    if "\x00" in prefix:  # as the search form refuses it (and PostgreSQL cannot hold it)
        return JsonResponse({"error": _("Ongeldige zoekvraag.")}, status=400)
    return JsonResponse(suggest(prefix), safe=False)


@require_GET
@ratelimit(key="ip", rate="10/m", block=True)
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
        writer.writerow(row)
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


@require_GET
def openapi(request):
    from search.openapi import spec

    return JsonResponse(spec())
