"""/bedrijfsportaal/: the complaints of the companies a representative speaks for."""

from django.contrib.auth.decorators import login_required
from django.db.models import Case, IntegerField, Value, When
from django.template.response import TemplateResponse
from django.utils import timezone

from companies.models import CompanyPage
from complaints.models import ComplaintPage
from complaints.permissions import COMPANY, private_part_readers
from complaints.states import PUBLIC_STATUSES, Status


@login_required
def portal(request):
    """/bedrijfsportaal/: a representative's complaints, overdue first."""
    companies = CompanyPage.objects.filter(representatives__user=request.user).distinct()
    if not companies:
        return TemplateResponse(request, "complaints/portal_none.html", status=403)
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
    complaints = list(complaints[:200])
    for complaint in complaints:
        complaint.private_visible = COMPANY in private_part_readers(complaint.status)
    return TemplateResponse(
        request,
        "complaints/portal.html",
        {
            "companies": companies,
            "complaints": complaints,
            "status": status,
            "statuses": [(s, Status(s).label) for s in Status.values if s in PUBLIC_STATUSES],
            "now": timezone.now(),
        },
    )
