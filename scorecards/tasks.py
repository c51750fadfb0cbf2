"""django-q2 entry points for scorecards."""


def recompute_scores(company_id: int | None = None) -> int:
    from companies.models import CompanyPage
    from scorecards.scores import compute, compute_all

    if company_id is None:
        return compute_all()
    company = CompanyPage.objects.filter(pk=company_id).first()
    if company is not None:
        compute(company)
    return 1
