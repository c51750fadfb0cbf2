"""/mijn-gegevens/: the consumer's copy of their data and the deletion of their account.
Thin: the form checks, complaints.gdpr does the work."""

import tempfile

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from complaints import gdpr
from complaints.forms_account import EraseAccountForm
from complaints.selectors import complaints_of
from core.ratelimit import ratelimit


def _export_rate(group, request):
    return settings.PERSONAL_DATA_EXPORT_RATE


def _erasure_rate(group, request):
    return settings.ACCOUNT_ERASURE_RATE


@never_cache
@login_required
def my_data(request):
    return TemplateResponse(
        request,
        "complaints/my_data.html",
        {
            "complaint_count": complaints_of(request.user).count(),
            "can_erase": gdpr.can_erase(request.user),
            "retention_days": settings.PRIVATE_DATA_RETENTION_DAYS,
        },
    )


@login_required
@require_POST
@ratelimit(key="user", rate=_export_rate, fail_open=False)
def download_data(request):
    """The zip, built in a temporary file (bounded memory) and streamed from there."""
    # Closed by FileResponse once sent; a TemporaryFile leaves nothing on disk.
    out = tempfile.TemporaryFile()  # noqa: SIM115
    gdpr.write_export(request.user, out)
    out.seek(0)
    stamp = timezone.localdate().isoformat()
    response = FileResponse(
        out,
        as_attachment=True,
        filename=f"klachtenkompas-gegevens-{stamp}.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@login_required
@ratelimit(key="user", rate=_erasure_rate, method="POST", fail_open=False)
def erase_account(request):
    if not gdpr.can_erase(request.user):
        return TemplateResponse(request, "complaints/erase_account_refused.html", status=403)
    post = request.method == "POST"
    form = EraseAccountForm(request.POST if post else None, user=request.user)
    if post and form.is_valid():
        gdpr.erase_account(request.user, public_choice=form.cleaned_data["public_complaints"])
        logout(request)
        return redirect("account_erased")
    return TemplateResponse(
        request,
        "complaints/erase_account.html",
        {"form": form, "complaint_count": complaints_of(request.user).count()},
        status=400 if post else 200,
    )


def account_erased(request):
    return TemplateResponse(request, "complaints/account_erased.html")
