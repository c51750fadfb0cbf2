"""Editors work on company pages and topics in the Wagtail admin; bad input is refused."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from companies.models import CompanyPage, CompanyRequest
from complaints.models import Topic

pytestmark = pytest.mark.django_db


def company_form(sector, **overrides):
    data = {
        "title": "Zeewind Reizen",
        "slug": "zeewind-reizen",
        "legal_name": "Zeewind Reizen B.V.",
        "kvk_number": "12345678",
        "website": "https://zeewind.example",
        "description": rich_text("<p>Reizen.</p>"),
        "sector": sector.pk,
        "reach": "national",
        "region": "",
        "in_scope_confirmed": "on",
        "participates": "on",
        "contact_addresses": inline_formset(
            [{"name": "Klachten", "email": "klachten@zeewind.example"}]
        ),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_company(client, parent, data):
    return client.post(f"/admin/pages/add/companies/companypage/{parent.pk}/", data)


@pytest.fixture
def sector():
    from companies.factories import SectorFactory

    return SectorFactory(name="Reizen", slug="reizen")


def test_an_editor_publishes_a_company_page(client, editor, company_index, sector):
    client.force_login(editor)

    response = add_company(client, company_index, company_form(sector))

    assert response.status_code == 302, response.context["form"].errors
    page = CompanyPage.objects.get(kvk_number="12345678")
    assert page.live
    assert page.get_parent().specific == company_index
    assert [a.email for a in page.contact_addresses.all()] == ["klachten@zeewind.example"]


@pytest.mark.parametrize("kvk", ["1234567", "123456789", "1234 5678", "abcdefgh", ""])
def test_an_invalid_kvk_number_is_a_form_error_and_nothing_is_saved(
    client, editor, company_index, sector, kvk
):
    client.force_login(editor)

    response = add_company(client, company_index, company_form(sector, kvk_number=kvk))

    assert response.status_code == 200
    assert "kvk_number" in response.context["form"].errors
    assert not CompanyPage.objects.exists()


def test_a_duplicate_kvk_number_is_a_form_error(client, editor, company, sector):
    client.force_login(editor)

    response = add_company(
        client, company.get_parent(), company_form(sector, kvk_number=company.kvk_number)
    )

    assert response.status_code == 200
    assert "kvk_number" in response.context["form"].errors
    assert CompanyPage.objects.count() == 1


def test_a_regional_company_needs_its_region_and_the_scope_must_be_confirmed(
    client, editor, company_index, sector
):
    client.force_login(editor)
    data = company_form(sector, reach="regional", region="")
    del data["in_scope_confirmed"]

    response = add_company(client, company_index, data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "region" in errors and "in_scope_confirmed" in errors
    assert not CompanyPage.objects.exists()


def test_moderators_do_not_edit_content(client, moderator, company):
    client.force_login(moderator)

    assert client.get(f"/admin/pages/{company.pk}/edit/").status_code in (302, 403)
    assert client.get(
        f"/admin/pages/add/companies/companypage/{company.get_parent().pk}/"
    ).status_code in (302, 403)


def test_editors_edit_company_and_advice_pages(client, editor, company, advice_index):
    client.force_login(editor)

    assert client.get(f"/admin/pages/{company.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/add/advice/advicepage/{advice_index.pk}/").status_code == 200


def test_a_topic_with_a_duplicate_slug_is_refused(client, editor):
    from complaints.factories import TopicFactory

    TopicFactory(name="Levering", slug="levering")
    client.force_login(editor)

    response = client.post(
        "/admin/complaints/topic/create/",
        {"name": "Bezorging", "slug": "levering", "description": "", "sort_order": "0"},
    )

    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    assert Topic.objects.count() == 1


def test_an_editor_adds_a_topic_tied_to_a_sector(client, editor, sector):
    client.force_login(editor)

    response = client.post(
        "/admin/complaints/topic/create/",
        {"name": "Annulering", "slug": "annulering", "sectors": [sector.pk], "sort_order": "3"},
    )

    assert response.status_code == 302
    topic = Topic.objects.get(slug="annulering")
    assert list(topic.sectors.all()) == [sector]
    assert not topic.is_general


def test_company_requests_are_for_moderators(client, moderator, editor):
    CompanyRequest.objects.create(company_name="Fietsenhandel Wiel", requester_email="a@b.invalid")

    client.force_login(moderator)
    response = client.get("/admin/companies/companyrequest/")
    assert response.status_code == 200
    assert "Fietsenhandel Wiel" in response.content.decode()

    client.force_login(editor)
    assert client.get("/admin/companies/companyrequest/").status_code in (302, 403)


def test_the_preview_of_a_company_page_renders(client, editor, company, sector):
    from django.urls import reverse

    client.force_login(editor)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(company.pk,))
    data = company_form(
        sector, title="Polderpost Nieuw", kvk_number=company.kvk_number, slug=company.slug
    )

    posted = client.post(url, data)
    assert posted.json()["is_valid"] is True
    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Polderpost Nieuw" in html
    assert "klachten@zeewind.example" not in html
