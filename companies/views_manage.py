"""Company self-service: claiming a company page and the "Bedrijfsbeheer" area.

Every view under /bedrijfsbeheer/<company>/ is for that company's approved
representatives only; anyone else gets a 404, so the pages do not even confirm which
companies have representatives."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from companies import services
from companies.forms import (
    ClaimForm,
    ContactAddressesForm,
    CustomerServiceForm,
    InviteColleagueForm,
    ReplyTemplateForm,
)
from companies.models import (
    ColleagueInvitation,
    CompanyClaim,
    CompanyPage,
    CompanyRepresentative,
    ReplyTemplate,
)
from core.ratelimit import ratelimit


def _claim_rate(group, request):
    return settings.CLAIM_RATE


def _company_or_404(company_id) -> CompanyPage:
    return get_object_or_404(CompanyPage.objects.live(), pk=company_id)


def representatives_only(view):
    @wraps(view)
    @login_required
    def wrapped(request, company_id, *args, **kwargs):
        company = get_object_or_404(CompanyPage, pk=company_id)
        if not services.represents(request.user, company):
            raise Http404
        return view(request, company, *args, **kwargs)

    return wrapped


@login_required
def manage_index(request):
    """/bedrijfsbeheer/: the companies you speak for, your claims, and how to start."""
    return TemplateResponse(
        request,
        "companies/manage/index.html",
        {
            "representations": CompanyRepresentative.objects.filter(user=request.user)
            .select_related("company")
            .order_by("company__title"),
            "claims": CompanyClaim.objects.filter(user=request.user)
            .exclude(status=CompanyClaim.Status.APPROVED)
            .select_related("company"),
            "request_url": _request_url(),
        },
    )


def _request_url() -> str:
    from companies.models import CompanyIndexPage

    index = CompanyIndexPage.objects.live().first()
    if index is None:
        return ""
    return index.url + index.reverse_subpage("request_company") + "?vertegenwoordigen=1"


@login_required
@ratelimit(key="user_or_ip", rate=_claim_rate, method="POST", fail_open=False)
def claim_start(request, company_id):
    """The claim form: a work address on the company's domain gets a link."""
    company = _company_or_404(company_id)
    if services.represents(request.user, company):
        return redirect("company_manage", company.pk)
    claim = CompanyClaim.objects.filter(user=request.user, company=company).first()
    if claim is not None and claim.status != CompanyClaim.Status.UNVERIFIED:
        # One claim per person per company: show where it stands.
        return TemplateResponse(
            request, "companies/manage/claim_status.html", {"company": company, "claim": claim}
        )
    form = ClaimForm(request.POST or None, company=company, initial={"email": ""})
    if request.method == "POST" and form.is_valid():
        services.start_claim(
            request.user, company, form.cleaned_data["email"], form.cleaned_data["job_title"]
        )
        return TemplateResponse(
            request,
            "companies/manage/claim_sent.html",
            {"company": company, "email": form.cleaned_data["email"]},
        )
    return TemplateResponse(
        request,
        "companies/manage/claim_form.html",
        {"company": company, "form": form, "claim": claim, "request_url": _request_url()},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def claim_verify(request, token):
    """GET shows a button, POST confirms: mail scanners open links, people press buttons."""
    try:
        claim = services.claim_from_token(token, request.user)
        if request.method == "POST":
            services.verify_claim(claim)
            messages.success(
                request,
                _(
                    "Je e-mailadres is bevestigd. Een moderator bekijkt je claim; je krijgt "
                    "bericht zodra die is beoordeeld."
                ),
            )
            return redirect("manage_index")
    except services.ClaimLinkError as exc:
        return TemplateResponse(
            request, "companies/manage/claim_link_error.html", {"error": str(exc)}, status=400
        )
    return TemplateResponse(request, "companies/manage/claim_verify.html", {"claim": claim})


def _manage_context(company, user, **forms):
    context = {
        "company": company,
        "customer_service_form": CustomerServiceForm(instance=company),
        "contacts_form": ContactAddressesForm(
            initial={"addresses": "\n".join(c.email for c in company.contact_addresses.all())}
        ),
        "template_form": ReplyTemplateForm(company=company),
        "reply_templates": company.reply_templates.all(),
        "colleagues": company.representatives.select_related("user").order_by("created_at"),
        "last_one": company.representatives.count() <= 1,
        "invite_form": InviteColleagueForm(company=company),
        "invitations": company.invitations.filter(accepted_at__isnull=True),
    }
    context.update(forms)
    return context


@representatives_only
def company_manage(request, company):
    return TemplateResponse(
        request, "companies/manage/company.html", _manage_context(company, request.user)
    )


def _invalid(request, company, **forms):
    return TemplateResponse(
        request,
        "companies/manage/company.html",
        _manage_context(company, request.user, **forms),
        status=400,
    )


@require_POST
@representatives_only
def customer_service(request, company):
    form = CustomerServiceForm(request.POST, instance=CompanyPage.objects.get(pk=company.pk))
    if not form.is_valid():
        return _invalid(request, company, customer_service_form=form)
    contacts = [{"name": c.name, "email": c.email} for c in company.contact_addresses.all()]
    fields = {name: form.cleaned_data[name] for name in CustomerServiceForm.Meta.fields}
    services.publish_company_details(company, request.user, fields, contacts)
    messages.success(request, _("De klantenservice op je bedrijfspagina is bijgewerkt."))
    return redirect("company_manage", company.pk)


@require_POST
@representatives_only
def contact_addresses(request, company):
    form = ContactAddressesForm(request.POST)
    if not form.is_valid():
        return _invalid(request, company, contacts_form=form)
    contacts = [{"name": "", "email": email} for email in form.cleaned_data["addresses"]]
    services.publish_company_details(company, request.user, {}, contacts)
    messages.success(request, _("De adressen voor klachtmeldingen zijn opgeslagen."))
    return redirect("company_manage", company.pk)


@require_POST
@representatives_only
def reply_template_add(request, company):
    form = ReplyTemplateForm(request.POST, company=company)
    if not form.is_valid():
        return _invalid(request, company, template_form=form)
    form.save()
    messages.success(request, _("Het sjabloon is opgeslagen."))
    return redirect(reverse("company_manage", args=[company.pk]) + "#sjablonen")


@require_POST
@representatives_only
def reply_template_delete(request, company, template_id):
    get_object_or_404(ReplyTemplate, pk=template_id, company=company).delete()
    messages.success(request, _("Het sjabloon is verwijderd."))
    return redirect(reverse("company_manage", args=[company.pk]) + "#sjablonen")


@require_POST
@representatives_only
def colleague_remove(request, company, representative_id):
    representative = get_object_or_404(CompanyRepresentative, pk=representative_id, company=company)
    if not services.remove_representative(representative):
        messages.error(
            request,
            _("Je bent de laatste vertegenwoordiger van dit bedrijf; die kan niet weg."),
        )
    else:
        messages.success(
            request, _("%(user)s is verwijderd.") % {"user": representative.user.email}
        )
    if representative.user_id == request.user.pk and not services.represents(request.user, company):
        return redirect("manage_index")
    return redirect(reverse("company_manage", args=[company.pk]) + "#collega-s")


@require_POST
@representatives_only
@ratelimit(key="user_or_ip", rate=_claim_rate, method="POST", fail_open=False)
def colleague_invite(request, company):
    form = InviteColleagueForm(request.POST, company=company)
    if not form.is_valid():
        return _invalid(request, company, invite_form=form)
    services.invite_colleague(company, request.user, form.cleaned_data["email"])
    messages.success(
        request,
        _("We hebben %(email)s een uitnodiging gestuurd.") % {"email": form.cleaned_data["email"]},
    )
    return redirect(reverse("company_manage", args=[company.pk]) + "#collega-s")


@require_POST
@representatives_only
def colleague_invitation_withdraw(request, company, invitation_id):
    # Scoped to the company: another company's invitation is a 404 like everything else here.
    invitation = get_object_or_404(ColleagueInvitation, pk=invitation_id, company=company)
    if services.withdraw_invitation(invitation):
        messages.success(
            request,
            _("De uitnodiging voor %(email)s is ingetrokken. De link in de mail werkt niet meer.")
            % {"email": invitation.email},
        )
    else:
        messages.error(
            request,
            _(
                "%(email)s heeft de uitnodiging al geaccepteerd. Moet deze collega niet meer "
                "namens het bedrijf reageren? Verwijder het account dan bij Collega's."
            )
            % {"email": invitation.email},
        )
    return redirect(reverse("company_manage", args=[company.pk]) + "#collega-s")


@login_required
def invitation_accept(request, token):
    """GET shows a button, POST accepts; only with the invited address signed in."""
    try:
        invitation = services.invitation_from_token(token, request.user)
        if request.method == "POST":
            services.accept_invitation(invitation, request.user)
            messages.success(
                request,
                _("Je reageert nu namens %(company)s.") % {"company": invitation.company.title},
            )
            return redirect("company_manage", invitation.company_id)
    except services.ClaimLinkError as exc:
        return TemplateResponse(
            request, "companies/manage/claim_link_error.html", {"error": str(exc)}, status=400
        )
    return TemplateResponse(
        request, "companies/manage/invitation_accept.html", {"invitation": invitation}
    )
