from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from companies import scores
from companies.forms import CompanyRequestForm


def request_company(request, index_page):
    """The "company not listed?" form; requests land in the admin for moderators."""
    form = CompanyRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request,
            _("Bedankt! We bekijken of %(name)s op Klachtenkompas past.")
            % {"name": form.cleaned_data["company_name"]},
        )
        return redirect(index_page.url + index_page.reverse_subpage("request_company"))
    return TemplateResponse(
        request,
        "companies/company_request.html",
        {"page": index_page, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def score_method(request):
    """The public rules behind the figures, pluimen and improvement points."""
    return TemplateResponse(
        request,
        "companies/score_method.html",
        {
            "window_days": scores.WINDOW.days,
            "prior_weight": scores.PRIOR_WEIGHT,
            "min_rated": scores.MIN_RATED,
            "pluim_grade": scores.PLUIM_GRADE,
            "pluim_on_time": scores.PLUIM_ON_TIME,
            "improve_grade": scores.IMPROVE_GRADE,
            "improve_on_time": scores.IMPROVE_ON_TIME,
        },
    )


def ranking(request):
    """/pluimen/: companies with a pluim, and those with an improvement point."""
    from companies.models import CompanyScore

    latest = {}
    for score in CompanyScore.objects.select_related("company").order_by(
        "company_id", "-computed_on"
    ):
        latest.setdefault(score.company_id, score)
    ranked = sorted(
        (s for s in latest.values() if s.smoothed_grade is not None and s.company.live),
        key=lambda s: -s.smoothed_grade,
    )
    return TemplateResponse(
        request,
        "companies/ranking.html",
        {
            "pluimen": [s for s in ranked if s.verdict == "pluim"],
            "improve": [s for s in ranked if s.verdict == "improve"],
            "others": [s for s in ranked if not s.verdict],
            "min_rated": scores.MIN_RATED,
        },
    )


@login_required
def portal(request):
    """/bedrijfsportaal/: a representative's complaints, overdue first."""
    from companies.models import CompanyPage
    from complaints.models import ComplaintPage
    from complaints.states import PUBLIC_STATUSES, Status

    companies = CompanyPage.objects.filter(representatives__user=request.user).distinct()
    if not companies:
        return TemplateResponse(request, "companies/portal_none.html", status=403)
    status = request.GET.get("status", "")
    complaints = (
        ComplaintPage.objects.filter(company__in=companies, status__in=PUBLIC_STATUSES)
        .select_related("company", "topic", "private_details")
        .annotate(
            turn=Case(
                When(status__in=[Status.UNANSWERED, Status.AWAITING_COMPANY], then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("turn", "due_at", "-published_at")
    )
    if status in Status.values:
        complaints = complaints.filter(status=status)
    return TemplateResponse(
        request,
        "companies/portal.html",
        {
            "companies": companies,
            "complaints": complaints[:200],
            "status": status,
            "statuses": [(s, Status(s).label) for s in Status.values if s in PUBLIC_STATUSES],
            "now": timezone.now(),
        },
    )
