"""The headless pages API: live, public pages with their public fields only."""

import json

import pytest

pytestmark = pytest.mark.django_db


def get_json(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def test_company_pages_are_listed_with_their_public_fields(client, company):
    data = get_json(client, "/api/v2/pages/?type=companies.CompanyPage&fields=*")

    assert data["meta"]["total_count"] == 1
    item = data["items"][0]
    assert item["title"] == "Polderpost"
    assert item["kvk_number"] == company.kvk_number
    assert item["sector"] == {"slug": company.sector.slug, "name": company.sector.name}
    for field in [
        "legal_name",
        "website",
        "logo",
        "description",
        "reach",
        "region",
        "participates",
    ]:
        assert field in item
    assert "contact_addresses" not in item


def test_advice_pages_are_listed_with_their_body(client, advice_index):
    from advice.factories import AdvicePageFactory

    AdvicePageFactory(parent=advice_index, title="Bewaar alles", escalation_route="")

    data = get_json(client, "/api/v2/pages/?type=advice.AdvicePage&fields=intro,body")

    assert [i["title"] for i in data["items"]] == ["Bewaar alles"]
    assert data["items"][0]["body"][0]["type"] == "paragraph"


def test_contact_addresses_cannot_be_requested(client, company):
    response = client.get("/api/v2/pages/?type=companies.CompanyPage&fields=contact_addresses")

    assert response.status_code == 400
    assert b"geheim-klachtcontact" not in response.content


def test_no_api_response_contains_a_contact_address(client, company):
    urls = [
        "/api/v2/pages/",
        "/api/v2/pages/?type=companies.CompanyPage&fields=*",
        f"/api/v2/pages/{company.pk}/",
        "/api/v2/pages/?search=polderpost",
        "/api/v2/pages/?search=geheim-klachtcontact",
        "/api/v2/images/",
        "/api/v2/documents/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"geheim-klachtcontact" not in response.content, url


def test_draft_pages_stay_out_of_the_api(client, company):
    company.unpublish()

    data = get_json(client, "/api/v2/pages/?type=companies.CompanyPage")
    assert data["meta"]["total_count"] == 0
    assert client.get(f"/api/v2/pages/{company.pk}/").status_code == 404


def test_contact_addresses_are_not_searchable(client, company):
    data = get_json(client, "/api/v2/pages/?search=geheim-klachtcontact&type=companies.CompanyPage")

    assert data["meta"]["total_count"] == 0
