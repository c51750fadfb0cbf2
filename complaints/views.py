"""The complaint wizard, "Mijn klachten" and attachment downloads. Thin: forms validate,
services write, selectors read."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from companies.models import CompanyPage
from companies.selectors import out_of_scope_match
from complaints import attachments, services
from complaints import writing_aid as aid
from complaints.forms import ComplaintTextForm, EvidenceForms, PrivateDetailsForm, ScopeForm
from complaints.hooks import out_of_scope_url
from complaints.models import Attachment, ComplaintPage, ComplaintPrivateDetails
from complaints.permissions import can_see_private_part
from complaints.selectors import complaints_of
from complaints.states import EDITABLE, EVIDENCE_AFTER_SUBMIT, EVIDENCE_OPEN, Status
from core.ratelimit import ratelimit

STEPS = [
    ("wizard_scope", gettext_lazy("Bedrijf")),
    ("wizard_text", gettext_lazy("Je klacht")),
    ("wizard_private", gettext_lazy("Besloten deel")),
    ("wizard_review", gettext_lazy("Controleren")),
]


def _editable(request, pk) -> ComplaintPage:
    """The user's own complaint while it may still be edited; anything else is a 404."""
    return get_object_or_404(
        ComplaintPage.objects.select_related("company", "topic"),
        pk=pk,
        consumer=request.user,
        status__in=EDITABLE,
    )


def step_context(current: str) -> dict:
    """Where the consumer is: "Stap 2 van 4" in the page title and the step heading, so
    that each step's title differs and a screen reader hears the progress."""
    number = [name for name, _label in STEPS].index(current) + 1
    where = _("Stap %(n)d van %(total)d") % {"n": number, "total": len(STEPS)}
    return {
        "steps": STEPS,
        "current": current,
        "step_where": where,
        "step_title": f"{where}: {dict(STEPS)[current]}",
    }


def _render(request, template, context, status=200):
    return TemplateResponse(
        request, template, {**step_context(context["current"]), **context}, status=status
    )


def _private_details(complaint) -> ComplaintPrivateDetails:
    return ComplaintPrivateDetails.objects.get_or_create(complaint=complaint)[0]


@login_required
def wizard_start(request):
    query = request.GET.get("q", "").strip()[:100]
    companies = CompanyPage.objects.live().public().select_related("sector").order_by("title")
    if query:
        companies = companies.filter(title__icontains=query) | companies.filter(
            legal_name__icontains=query
        )
    # "Belastingdienst", "gemeente Utrecht", "Amazon": not a Dutch company; say where to go.
    elsewhere = out_of_scope_match(query) if query else None
    return _render(
        request,
        "complaints/wizard/start.html",
        {
            "query": query,
            "companies": companies[:30],
            "elsewhere": elsewhere,
            "elsewhere_url": out_of_scope_url(elsewhere.case) if elsewhere else "",
            "current": "wizard_scope",
        },
    )


def _draft_rate(group, request):
    return settings.DRAFT_CREATE_RATE


@login_required
@ratelimit(key="user", rate=_draft_rate, method="POST", fail_open=False)
def wizard_scope(request, company_id):
    company = get_object_or_404(CompanyPage.objects.live().public(), pk=company_id)
    form = ScopeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        elsewhere = form.out_of_scope_case()
        if elsewhere:
            return redirect(out_of_scope_url(elsewhere) or "/")
        draft = services.start_draft(request.user, company, form.scope_fields())
        return redirect("wizard_text", pk=draft.pk)
    return _render(
        request,
        "complaints/wizard/scope.html",
        {"form": form, "company": company, "current": "wizard_scope"},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def wizard_text(request, pk):
    complaint = _editable(request, pk)
    form = ComplaintTextForm(
        request.POST if request.method == "POST" else None,
        instance=complaint,
        company=complaint.company,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_draft(complaint, form.cleaned_data)
        except services.NotEditable:
            messages.error(
                request, _("Deze klacht is al verstuurd en kan nu niet meer worden gewijzigd.")
            )
            return redirect("my_complaints")
        return redirect("wizard_private", pk=complaint.pk)
    data = form.data if form.is_bound else form.initial
    writing = aid.check(*(data.get(name, "") or "" for name in aid.PUBLIC_FIELDS))
    return _render(
        request,
        "complaints/wizard/text.html",
        {"form": form, "complaint": complaint, "writing": writing, "current": "wizard_text"},
        status=400 if request.method == "POST" else 200,
    )


def _evidence_saved_message(request, attachment, entry) -> None:
    if attachment:
        messages.success(
            request, _("Bijlage %(name)s toegevoegd.") % {"name": attachment.original_name}
        )
    if entry:
        messages.success(request, _("Contactmoment toegevoegd."))


@login_required
def wizard_private(request, pk):
    """Step 3: the private details and the evidence on one form, so that no button
    throws away what was typed elsewhere on it. Every button stores everything filled
    in; the two "toevoegen" buttons come back here, "Opslaan en verder" goes on."""
    complaint = _editable(request, pk)
    details = _private_details(complaint)
    post = request.method == "POST"
    action = request.POST.get("action", "") if post else ""
    private_form = PrivateDetailsForm(
        request.POST if post else None, instance=details, prefix="private"
    )
    evidence = EvidenceForms(
        request.POST if post else None, request.FILES if post else None, action=action
    )
    if post and private_form.is_valid() & evidence.is_valid():
        try:
            attachment, entry = services.save_evidence(
                complaint,
                request.user,
                private={name: private_form.cleaned_data[name] for name in private_form.fields},
                upload=evidence.upload,
                contact=evidence.contact_fields(),
            )
        except ValidationError as error:
            evidence.attachment.add_error("file", error)
        except services.NotEditable:
            messages.error(
                request, _("Deze klacht is al verstuurd en kan nu niet meer worden gewijzigd.")
            )
            return redirect("my_complaints")
        else:
            _evidence_saved_message(request, attachment, entry)
            kind, _sep, ident = action.partition(":")
            if kind in REMOVERS:
                # A remove button sits in this same form: what was typed is kept too.
                return REMOVERS[kind](request, complaint, ident)
            if action in (EvidenceForms.ADD_ATTACHMENT, EvidenceForms.ADD_CONTACT):
                messages.success(request, _("Wat je hebt ingevuld is opgeslagen."))
                return redirect("wizard_private", pk=complaint.pk)
            return redirect("wizard_review", pk=complaint.pk)
    return _render(
        request,
        "complaints/wizard/private.html",
        {
            "complaint": complaint,
            "private_form": private_form,
            "attachment_form": evidence.attachment,
            "contact_form": evidence.contact,
            "attachments": complaint.attachments.all(),
            "contact_log": complaint.contact_log.all(),
            "current": "wizard_private",
        },
        status=400 if post else 200,
    )


def _submit_rate(group, request):
    return settings.COMPLAINT_SUBMIT_RATE


@login_required
@ratelimit(key="user", rate=_submit_rate, method="POST", fail_open=False)
def wizard_review(request, pk):
    complaint = _editable(request, pk)
    problems = []
    if complaint.title == ComplaintPage.DRAFT_TITLE or not complaint.description:
        problems.append(_("Je klacht heeft nog geen titel of beschrijving (stap 2)."))
    if not complaint.desired_outcome:
        problems.append(_("Zeg wat je wilt bereiken (stap 2)."))
    if request.method == "POST" and not problems:
        services.submit(complaint, request.user)
        messages.success(
            request,
            _("Je klacht is verstuurd. Een moderator kijkt ernaar; je krijgt bericht per e-mail."),
        )
        return redirect("my_complaints")
    return _render(
        request,
        "complaints/wizard/review.html",
        {
            "complaint": complaint,
            "private_details": _private_details(complaint),
            "attachments": complaint.attachments.all(),
            "contact_log": complaint.contact_log.all(),
            "problems": problems,
            "warnings": aid.review_warnings(*(getattr(complaint, f) for f in aid.PUBLIC_FIELDS)),
            "current": "wizard_review",
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def remove_attachment(request, pk, attachment_id):
    return _remove_attachment(request, _editable(request, pk), attachment_id)


@login_required
@require_POST
def remove_contact(request, pk, entry_id):
    return _remove_contact(request, _editable(request, pk), entry_id)


def _remove_attachment(request, complaint, attachment_id):
    try:
        attachment = Attachment.objects.get(pk=attachment_id, complaint=complaint)
    except (Attachment.DoesNotExist, ValidationError) as exc:  # not a UUID: not found
        raise Http404 from exc
    attachments.delete_attachment(attachment)
    messages.success(request, _("Bijlage verwijderd."))
    return redirect("wizard_private", pk=complaint.pk)


def _remove_contact(request, complaint, entry_id):
    if not str(entry_id).isdigit():
        raise Http404
    get_object_or_404(complaint.contact_log, pk=entry_id).delete()
    messages.success(request, _("Contactmoment verwijderd."))
    return redirect("wizard_private", pk=complaint.pk)


# Step 3's remove buttons: action "remove_attachment:<id>" or "remove_contact:<id>".
REMOVERS = {"remove_attachment": _remove_attachment, "remove_contact": _remove_contact}


@login_required
@require_POST
def writing_aid(request):
    """The writing aid's hints as JSON, for the live update beside the text. A POST: the
    draft text is personal and stays out of query strings and access logs."""
    limits = {"title": 500, "description": 20000, "desired_outcome": 5000}
    writing = aid.check(*(request.POST.get(name, "")[: limits[name]] for name in aid.PUBLIC_FIELDS))
    return JsonResponse(
        {
            "words": writing.words,
            "count": {"level": writing.count.level, "message": writing.count.message},
            "hints": [
                {"level": h.level, "message": h.message, "field": h.field} for h in writing.hints
            ],
        }
    )


@login_required
def my_complaints(request):
    return TemplateResponse(
        request,
        "complaints/my_complaints.html",
        {
            "complaints": complaints_of(request.user),
            "editable": EDITABLE,
            "evidence_open": EVIDENCE_AFTER_SUBMIT,
        },
    )


@login_required
def add_evidence(request, pk):
    """Evidence after submitting: the same form and the same service as step 3, for the
    consumer's own complaint while states.EVIDENCE_AFTER_SUBMIT allows; a 404 for
    anyone else. The private details themselves stay as they were sent."""
    complaint = get_object_or_404(
        ComplaintPage.objects.select_related("company"),
        pk=pk,
        consumer=request.user,
        status__in=EVIDENCE_OPEN,
    )
    if complaint.status in EDITABLE:
        return redirect("wizard_private", pk=complaint.pk)
    post = request.method == "POST"
    evidence = EvidenceForms(
        request.POST if post else None,
        request.FILES if post else None,
        action=request.POST.get("action", "") if post else "",
        need_any=True,
    )
    if post and evidence.is_valid():
        try:
            attachment, entry = services.save_evidence(
                complaint,
                request.user,
                upload=evidence.upload,
                contact=evidence.contact_fields(),
            )
        except ValidationError as error:
            evidence.attachment.add_error("file", error)
        except services.NotEditable:
            messages.error(request, _("Bij deze klacht kun je geen bewijs meer toevoegen."))
            return redirect("my_complaints")
        else:
            _evidence_saved_message(request, attachment, entry)
            return redirect("add_evidence", pk=complaint.pk)
    return TemplateResponse(
        request,
        "complaints/add_evidence.html",
        {
            "complaint": complaint,
            "attachment_form": evidence.attachment,
            "contact_form": evidence.contact,
            "attachments": complaint.attachments.all(),
            "contact_log": complaint.contact_log.all(),
        },
        status=400 if post else 200,
    )


@login_required
def delete_draft(request, pk):
    """GET asks "Weet je zeker…" and shows what goes; POST deletes. Only the owner's
    draft: anyone else gets a 404, the owner of a sent complaint a refusal."""
    complaint = get_object_or_404(
        ComplaintPage.objects.select_related("company"), pk=pk, consumer=request.user
    )
    refusal = _("Alleen een concept kun je verwijderen. Een verstuurde klacht kun je intrekken.")
    if complaint.status != Status.DRAFT:
        messages.error(request, refusal)
        return redirect("my_complaints")
    if request.method == "POST":
        try:
            services.delete_draft(complaint, request.user)
        except services.NotDeletable:
            messages.error(request, refusal)
        else:
            messages.success(request, _("Je concept is verwijderd, met alles wat erbij hoorde."))
        return redirect("my_complaints")
    return TemplateResponse(
        request,
        "complaints/delete_draft.html",
        {
            "complaint": complaint,
            "has_title": complaint.title != ComplaintPage.DRAFT_TITLE,
            "private_details": _private_details(complaint),
            "attachments": complaint.attachments.all(),
            "contact_count": complaint.contact_log.count(),
        },
    )


@login_required
@require_POST
def withdraw(request, pk):
    complaint = get_object_or_404(ComplaintPage, pk=pk, consumer=request.user)
    try:
        services.withdraw(complaint, request.user)
    except services.TransitionNotAllowed:
        messages.error(request, _("Deze klacht kan niet meer worden ingetrokken."))
    else:
        messages.success(request, _("Je klacht is ingetrokken en staat niet meer online."))
    return redirect("my_complaints")


def download_attachment(request, attachment_id):
    """Only for the consumer, the company's representatives and moderators; a 404 for
    everyone else, so nobody learns that the file exists."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("complaint__company"), pk=attachment_id
    )
    if not can_see_private_part(request.user, attachment.complaint):
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
