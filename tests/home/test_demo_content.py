"""seed_demo's content: enough of it, idempotent, and every page renders."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from advice.models import AdvicePage
from companies.models import CompanyContactAddress, CompanyPage, CompanyRepresentative, Sector
from complaints.models import Topic
from home.models import OutOfScopePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(site):
    call_command("seed_demo")


def counts():
    return {
        "pages": Page.objects.count(),
        "companies": CompanyPage.objects.count(),
        "sectors": Sector.objects.count(),
        "topics": Topic.objects.count(),
        "advice": AdvicePage.objects.count(),
        "contacts": CompanyContactAddress.objects.count(),
        "reps": CompanyRepresentative.objects.count(),
    }


def test_demo_content_is_complete(seeded):
    assert CompanyPage.objects.live().count() >= 12
    assert Sector.objects.filter(companies__isnull=False).distinct().count() >= 5
    assert Topic.objects.count() >= 10
    assert AdvicePage.objects.filter(escalation_route="").count() >= 6
    routes = set(
        AdvicePage.objects.exclude(escalation_route="").values_list("escalation_route", flat=True)
    )
    assert routes == set(AdvicePage.Route.values)
    assert set(OutOfScopePage.objects.values_list("case", flat=True)) == set(
        OutOfScopePage.Case.values
    )
    for company in CompanyPage.objects.all():
        assert CompanyRepresentative.objects.filter(
            company=company, user__username=f"rep-{company.slug}"
        ).exists()


def test_seed_demo_twice_duplicates_nothing(seeded):
    before = counts()

    call_command("seed_demo")

    assert counts() == before


def test_every_live_page_renders_without_contact_addresses(seeded, client):
    secrets = list(CompanyContactAddress.objects.values_list("email", flat=True))
    assert secrets

    pages = Page.objects.live().filter(depth__gte=2).specific()
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        html = response.content.decode()
        for secret in secrets:
            assert secret not in html, (page.url, secret)
    for url in ["/", "/bedrijven/", "/tips/", "/bedrijven/aanmelden/"]:
        assert client.get(url).status_code == 200


def test_company_index_lists_companies_by_sector(seeded, client):
    html = client.get("/bedrijven/").content.decode()

    for sector in Sector.objects.filter(companies__isnull=False).distinct():
        assert sector.name in html
    for company in CompanyPage.objects.all():
        assert company.url in html


def test_advice_index_separates_articles_and_routes(seeded, client):
    response = client.get("/tips/")

    assert [p.escalation_route for p in response.context["routes"]] == list(AdvicePage.Route.values)
    assert all(not p.escalation_route for p in response.context["articles"])
    assert len(response.context["articles"]) >= 6


def test_demo_complaints_cover_every_status_and_only_public_ones_are_live(seeded):
    from complaints.models import ComplaintPage
    from complaints.states import PUBLIC_STATUSES, Status

    statuses = set(ComplaintPage.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    for complaint in ComplaintPage.objects.all():
        assert complaint.live == (complaint.status in PUBLIC_STATUSES), complaint.status
    in_moderation = ComplaintPage.objects.get(status=Status.IN_MODERATION)
    assert in_moderation.current_workflow_task is not None
