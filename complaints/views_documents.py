"""Downloads for the parties: term calendars, the formal letter, the case pack."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from complaints import documents, services
from complaints.models import ComplaintPage
from core.mail import absolute_url


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def term_calendar(request, pk):
    complaint = get_object_or_404(ComplaintPage.objects.select_related("company"), pk=pk)
    role = services.party_of(request.user, complaint)
    if role is None or complaint.due_at is None:
        raise Http404
    ics = documents.term_calendar(complaint, role, absolute_url(complaint.url or "/"))
    return _download(ics, "text/calendar; charset=utf-8", f"termijn-klacht-{complaint.pk}.ics")


def _own(request, pk) -> ComplaintPage:
    return get_object_or_404(
        ComplaintPage.objects.select_related("company__sector", "private_details"),
        pk=pk,
        consumer=request.user,
    )


@login_required
def letter(request, pk, fmt):
    complaint = _own(request, pk)
    if fmt not in ("pdf", "txt"):
        raise Http404
    if fmt == "pdf":
        return _download(
            documents.letter_pdf(complaint), "application/pdf", f"klachtbrief-{pk}.pdf"
        )
    return _download(
        documents.letter_text(complaint).encode(),
        "text/plain; charset=utf-8",
        f"klachtbrief-{pk}.txt",
    )


@login_required
def case_pack(request, pk):
    complaint = _own(request, pk)
    return _download(
        documents.case_pack_pdf(complaint), "application/pdf", f"dossier-klacht-{pk}.pdf"
    )
