"""Downloads for the parties: term calendars, the formal letter, the case pack."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from complaints import documents, services
from complaints.forms_documents import LetterForm
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
def letter(request, pk):
    """The letter needs a sender: a small form, prefilled with the account's name; the
    address is used for this download only and stored nowhere."""
    complaint = _own(request, pk)
    if request.method == "POST":
        form = LetterForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            sender = documents.Sender(
                name=data["name"],
                street=data["street"],
                postcode=data["postcode"],
                place=data["place"],
            )
            return _letter_download(complaint, sender, data["fmt"])
        status = 400
    else:
        form = LetterForm(initial={"name": request.user.get_full_name()})
        status = 200
    response = render(
        request,
        "complaints/letter_form.html",
        {"form": form, "complaint": complaint},
        status=status,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _letter_download(complaint, sender, fmt: str) -> HttpResponse:
    if fmt == "pdf":
        content = documents.letter_pdf(complaint, sender)
        response = _download(content, "application/pdf", f"klachtbrief-{complaint.pk}.pdf")
    else:
        content = documents.letter_text(complaint, sender).encode()
        response = _download(
            content, "text/plain; charset=utf-8", f"klachtbrief-{complaint.pk}.txt"
        )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def letter_format(request, pk, fmt):
    """The old download addresses (brief.pdf, brief.txt) lead to the form."""
    _own(request, pk)
    if fmt not in ("pdf", "txt"):
        raise Http404
    return redirect("letter", pk=pk)


@login_required
def case_pack(request, pk):
    complaint = _own(request, pk)
    return _download(
        documents.case_pack_pdf(complaint), "application/pdf", f"dossier-klacht-{pk}.pdf"
    )
