from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail import hooks

from companies.forms import CompanyRequestForm
from companies.selectors import out_of_scope_match
from core import pagecache
from core.ratelimit import ratelimit


def _request_rate(group, request):
    return settings.COMPANY_REQUEST_RATE


# A write that anyone may do: per account or address, closed when the counters are down.
@ratelimit(key="user_or_ip", rate=_request_rate, method="POST", fail_open=False)
def request_company(request, index_page):
    """The "company not listed?" form; requests land in the admin for moderators."""
    form = CompanyRequestForm(request.POST if request.method == "POST" else None)
    represent = request.GET.get("vertegenwoordigen") == "1"
    elsewhere = None
    if request.method == "POST" and form.is_valid():
        # A government body or a foreign company is not added: say where to go instead.
        elsewhere = out_of_scope_match(form.cleaned_data["company_name"])
    if elsewhere:
        form.add_error(
            "company_name",
            _("%(name)s kun je hier niet aanmelden: lees hieronder waar je terechtkunt.")
            % {"name": form.cleaned_data["company_name"]},
        )
    elif request.method == "POST" and form.is_valid():
        request_row = form.save(commit=False)
        # From the claim flow ("Staat je bedrijf er niet bij?"): the moderator who adds
        # the company knows who wants to speak for it and can point them to the claim.
        if represent:
            request_row.wants_to_represent = True
            request_row.requester = request.user if request.user.is_authenticated else None
        request_row.save()
        messages.success(
            request,
            _("Bedankt! We bekijken of %(name)s op Klachtenkompas past.")
            % {"name": form.cleaned_data["company_name"]},
        )
        return redirect(
            index_page.url
            + index_page.reverse_subpage("request_company")
            + ("?vertegenwoordigen=1" if represent else "")
        )
    return TemplateResponse(
        request,
        "companies/company_request.html",
        {
            "page": index_page,
            "form": form,
            "elsewhere": elsewhere,
            "elsewhere_name": form.data.get("company_name", ""),
            "represent": represent,
        },
        status=400 if request.method == "POST" else 200,
    )


def sector_page(request, index_page, sector_slug):
    """A sector's companies, and what higher apps add (its recurring problems)."""
    from companies.models import SECTOR_PAGE_CONTEXT, Sector

    sector = get_object_or_404(Sector, slug=sector_slug)
    # What the higher apps add is drawn from the complaints of many companies.
    pagecache.depends_on(request, pagecache.COMPLAINTS)
    context = {
        "page": index_page,
        "sector": sector,
        "companies": index_page.companies().filter(sector=sector),
    }
    for add_to_context in hooks.get_hooks(SECTOR_PAGE_CONTEXT):
        add_to_context(sector, request, context)
    return TemplateResponse(request, "companies/sector_page.html", context)
