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


def test_a_complaint_under_an_offline_company_is_not_served(client, make_complaint, company):
    # The site answers 404 for it (CompanyPage.route); the API followed only the
    # complaint's own `live` and listed, showed and found it.
    complaint = make_complaint("awaiting_company", title="Onder een offline bedrijf")
    company.unpublish()

    listed = get_json(client, "/api/v2/pages/?type=complaints.ComplaintPage&fields=*")
    searched = get_json(client, "/api/v2/pages/?search=offline")
    found = client.get("/api/v2/pages/find/", {"html_path": complaint.url})

    assert listed["meta"]["total_count"] == 0
    assert searched["meta"]["total_count"] == 0
    assert client.get(f"/api/v2/pages/{complaint.pk}/").status_code == 404
    assert found.status_code == 404


def test_a_complaint_of_a_live_company_is_still_served(client, make_complaint):
    complaint = make_complaint("awaiting_company", title="Gewoon online")

    listed = get_json(client, "/api/v2/pages/?type=complaints.ComplaintPage")

    assert [item["id"] for item in listed["items"]] == [complaint.pk]
    assert client.get(f"/api/v2/pages/{complaint.pk}/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        # An offset the database cannot hold (bigint out of range): a 500 before.
        "/api/v2/pages/?offset=99999999999999999999999",
        "/api/v2/images/?offset=99999999999999999999999",
        "/api/v2/documents/?offset=99999999999999999999999",
        # Text where find expects an id, and a search operator Wagtail does not know
        # (both a ValueError, so a 500, before).
        "/api/v2/pages/find/?id=1%20OR%201=1",
        "/api/v2/pages/?search=pakket&search_operator=xor",
        "/api/v2/images/?search=pakket&search_operator=xor",
    ],
)
def test_impossible_parameters_are_a_clear_400(client, site, url):
    response = client.get(url)

    assert response.status_code == 400
    assert "message" in json.loads(response.content)
