"""/open-data/ (what is published, under which licence, with the data dictionary), the
files themselves, and the Atom feeds."""

import dataclasses
import hashlib
from datetime import datetime

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.ratelimit import ratelimit
from opendata import dictionary
from opendata.dump import LICENCE_URL, current_dir, read_manifest
from opendata.feeds import CompanyFeed, SearchFeed

CONTENT_TYPES = {
    ".gz": "application/gzip",
    ".json": "application/json",
    "SHA256SUMS": "text/plain; charset=utf-8",
}


@require_safe
def open_data_page(request):
    manifest = read_manifest()
    files = {f["name"]: f for f in manifest["files"]} if manifest else {}
    datasets = [
        {"dataset": dataset, "files": [files[n] for n in dataset.file_names() if n in files]}
        for dataset in dictionary.DATASETS
    ]
    context = {
        "manifest": manifest,
        "generated_at": _parse(manifest["generated_at"]) if manifest else None,
        "datasets": datasets,
        "licence_url": LICENCE_URL,
        "sums_name": dictionary.SUMS,
        "manifest_name": dictionary.MANIFEST,
    }
    return TemplateResponse(request, "opendata/open_data.html", context)


def _parse(moment: str) -> datetime:
    return datetime.fromisoformat(moment)


@require_safe
def open_data_file(request, filename):
    # Only the published names: nothing else in (or above) the directory can be asked for.
    if filename not in dictionary.FILE_NAMES:
        return JsonResponse({"error": _("Dit bestand bestaat niet.")}, status=404)
    directory = current_dir()
    manifest = read_manifest(directory) if directory else None
    if directory is None or manifest is None:
        return JsonResponse(
            {"error": _("Er is nog geen export; de eerste verschijnt na de nachtelijke run.")},
            status=404,
        )
    path = directory / filename
    try:
        handle = open(path, "rb")  # noqa: SIM115 (FileResponse closes it)
    except FileNotFoundError:
        return JsonResponse({"error": _("Dit bestand bestaat niet.")}, status=404)
    described = {f["name"]: f for f in manifest["files"]}
    if filename in described:
        digest = described[filename]["sha256"]
    else:  # the manifest and the checksums: small, hashed as they are served
        digest = hashlib.sha256(handle.read()).hexdigest()
        handle.seek(0)
    etag = f'"{digest}"'
    last_modified = int(_parse(manifest["generated_at"]).timestamp())
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        handle.close()
        return not_modified
    suffix = filename if filename == dictionary.SUMS else path.suffix
    response = FileResponse(
        handle,
        as_attachment=filename.endswith(".gz"),
        filename=filename,
        content_type=CONTENT_TYPES[suffix],
    )
    # Served as stored: a .gz is the download itself, so no Content-Encoding that would
    # make a browser unpack it on the way.
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=3600)
    return response


@require_safe
def company_feed(request, company):
    """/bedrijven/<company>/feed/: a plain URL in front of Wagtail's, as CompanyPage may
    not import complaints (a higher layer) to route to a feed of its own."""
    from companies.models import CompanyPage

    # The slug is unique among one parent's children only: the page at this very URL.
    path = f"/bedrijven/{company}/"
    pages = CompanyPage.objects.live().public().filter(slug=company)
    page = next((p for p in pages if p.get_url(request) == path), None)
    if page is None:
        raise Http404
    return CompanyFeed()(request, company=page)


def _search_rate(group, request):
    return settings.SEARCH_API_RATE


@require_safe
@ratelimit(group="search", key="ip", rate=_search_rate, fail_open=True)
def search_feed(request):
    """/zoeken/feed/?q=&company=...: the search page's newest results as Atom, with the
    same validation (400) and the same search layer (503 while it is away)."""
    from search.forms import SearchForm
    from search.searching import SearchUnavailable, search

    form = SearchForm(request.GET)
    if not form.is_valid():
        errors = " ".join(e for errors in form.errors.values() for e in errors)
        return _plain(_("Ongeldige zoekopdracht: %(errors)s") % {"errors": errors}, 400)
    # The first page only, and by default what is new rather than what fits best: what
    # a feed reader asks for again and again.
    params = dataclasses.replace(form.params(), page=1, sort=request.GET.get("sort") or "newest")
    try:
        result = search(params)
    except SearchUnavailable:
        return _plain(_("Zoeken is tijdelijk niet beschikbaar. Probeer het later opnieuw."), 503)
    return SearchFeed()(request, result=result, query=params.q)


def _plain(text: str, status: int) -> HttpResponse:
    return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
