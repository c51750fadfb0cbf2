"""The moderators' screen for company claims in the Wagtail admin (/admin/bedrijfsclaims/):
verified claims wait here; a moderator approves or refuses with a reason."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _

from companies import services
from companies.domains import registrable_domain
from companies.forms import ClaimDecisionForm
from companies.models import CompanyClaim
from core import roles


def is_moderator(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.groups.filter(name=roles.MODERATORS).exists()
    )


def _moderators_only(view):
    def wrapped(request, *args, **kwargs):
        if not is_moderator(request.user):
            return TemplateResponse(request, "companies/admin/claims_forbidden.html", status=403)
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


def waiting_claims():
    return (
        CompanyClaim.objects.filter(status=CompanyClaim.Status.PENDING)
        .select_related("company", "user")
        .order_by("verified_at", "pk")
    )


@_moderators_only
def claim_list(request):
    decided = (
        CompanyClaim.objects.filter(
            status__in=[CompanyClaim.Status.APPROVED, CompanyClaim.Status.REFUSED]
        )
        .select_related("company", "user", "decided_by")
        .order_by("-decided_at")[:50]
    )
    return TemplateResponse(
        request,
        "companies/admin/claim_list.html",
        {"claims": waiting_claims(), "decided": decided},
    )


@_moderators_only
def claim_review(request, claim_id):
    claim = get_object_or_404(
        CompanyClaim.objects.select_related("company", "user"),
        pk=claim_id,
        status=CompanyClaim.Status.PENDING,
    )
    form = ClaimDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        services.decide_claim(claim, request.user, approve, form.cleaned_data["reason"])
        if approve:
            message = _("%(email)s vertegenwoordigt nu %(company)s.")
        else:
            message = _("De claim van %(email)s op %(company)s is afgewezen.")
        messages.success(request, message % {"email": claim.email, "company": claim.company.title})
        return redirect("company_claims")
    return TemplateResponse(
        request,
        "companies/admin/claim_review.html",
        {
            "claim": claim,
            "form": form,
            "domain": registrable_domain(claim.company.website),
            "colleagues": claim.company.representatives.select_related("user"),
        },
        status=400 if request.method == "POST" else 200,
    )


urlpatterns = [
    path("bedrijfsclaims/", claim_list, name="company_claims"),
    path("bedrijfsclaims/<int:claim_id>/", claim_review, name="company_claim_review"),
]
