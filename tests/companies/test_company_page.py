"""A company page leads to a complaint about that company, and first to its own
customer service."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from companies.factories import CompanyPageFactory
from companies.models import CompanyPage

pytestmark = pytest.mark.django_db

ROUTE = {
    "customer_service_url": "https://polderpost.example/contact",
    "customer_service_phone": "020-1234567",
    "customer_service_email": "service@polderpost.example",
    "customer_service_hours": "Werkdagen 9.00 tot 17.00 uur",
}


@pytest.fixture
def company_with_route(company_index):
    return CompanyPageFactory(parent=company_index, title="Polderpost", **ROUTE)


def test_the_page_has_a_complaint_button_for_this_company(client, company):
    html = client.get(company.url).content.decode()

    wizard = reverse("wizard_scope", kwargs={"company_id": company.pk})
    assert f'<a class="button" href="{wizard}">Klacht indienen over Polderpost</a>' in html


def test_the_customer_service_route_is_shown_with_working_links(client, company_with_route):
    html = client.get(company_with_route.url).content.decode()

    assert "Eerst zelf contact opnemen?" in html
    assert 'href="https://polderpost.example/contact"' in html
    assert '<a href="tel:+31201234567">020-1234567</a>' in html
    assert 'href="mailto:service@polderpost.example"' in html
    assert "Werkdagen 9.00 tot 17.00 uur" in html
    # The route comes before the complaints: the consumer tells the company first.
    assert html.index("Eerst zelf contact opnemen?") < html.index("Klachten over Polderpost")


def test_without_a_route_the_page_points_to_the_website(client, company):
    html = client.get(company.url).content.decode()

    assert "Eerst zelf contact opnemen?" in html
    assert "tel:" not in html
    assert "de website van Polderpost" not in html  # the factory's company has no website

    company.website = "https://polderpost.example"
    company.save_revision().publish()
    html = client.get(company.url).content.decode()
    assert "de website van Polderpost" in html


def test_the_pages_api_adds_the_customer_service_fields(client, company_with_route):
    data = client.get(f"/api/v2/pages/{company_with_route.pk}/").json()

    for name, value in ROUTE.items():
        assert data[name] == value
    # The private complaint contacts stay out.
    assert "contact_addresses" not in data


# The editor's side ---------------------------------------------------------------


def company_form(page, **overrides):
    data = {
        "title": page.title,
        "slug": page.slug,
        "legal_name": page.legal_name,
        "kvk_number": page.kvk_number,
        "website": "",
        "description": rich_text("<p>Pakketten.</p>"),
        "sector": page.sector_id,
        "reach": "national",
        "region": "",
        "in_scope_confirmed": "on",
        "participates": "on",
        "contact_addresses": inline_formset([]),
        "customer_service_url": "",
        "customer_service_phone": "",
        "customer_service_email": "",
        "customer_service_hours": "",
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_the_editor_sees_a_customer_service_panel(client, editor, company):
    client.force_login(editor)

    html = client.get(f"/admin/pages/{company.pk}/edit/").content.decode()

    assert "Klantenservice (openbaar)" in html
    for name in ROUTE:
        assert f'name="{name}"' in html


def test_the_editor_saves_a_route(client, editor, company):
    client.force_login(editor)

    response = client.post(f"/admin/pages/{company.pk}/edit/", company_form(company, **ROUTE))

    assert response.status_code == 302, response.context["form"].errors
    page = CompanyPage.objects.get(pk=company.pk)
    for name, value in ROUTE.items():
        assert getattr(page, name) == value


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("customer_service_url", "http://polderpost.example/contact"),
        ("customer_service_url", "ftp://polderpost.example/"),
        ("customer_service_phone", "+44 20 7946 0958"),
        ("customer_service_phone", "12345"),
        ("customer_service_email", "geen-adres"),
    ],
)
def test_a_bad_route_is_a_form_error(client, editor, company, field, value):
    client.force_login(editor)

    response = client.post(
        f"/admin/pages/{company.pk}/edit/", company_form(company, **{field: value})
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert getattr(CompanyPage.objects.get(pk=company.pk), field) == ""


def test_the_demo_companies_have_valid_routes(home_page):
    from companies import demo

    companies = demo.load()["companies"]

    with_route = [c for c in companies if c.has_customer_service]
    assert len(with_route) == len(demo.CUSTOMER_SERVICE)
    for page in with_route:
        page.full_clean()
        assert page.customer_service_url.startswith("https://")
        assert page.customer_service_tel.startswith("tel:+31")
