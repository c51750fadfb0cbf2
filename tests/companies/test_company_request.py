import pytest

from companies.models import CompanyRequest

pytestmark = pytest.mark.django_db

URL = "/bedrijven/aanmelden/"


def test_the_form_is_shown_in_dutch(client, company_index):
    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Bedrijf aanmelden" in html
    assert 'name="requester_email"' in html


def test_a_request_is_stored_for_the_moderators(client, company_index):
    response = client.post(
        URL,
        {
            "company_name": "Fietsenhandel Wiel",
            "kvk_number": "87654321",
            "city": "Zwolle",
            "requester_email": "jan@example.invalid",
        },
        follow=True,
    )

    assert response.status_code == 200
    assert "Bedankt" in response.content.decode()
    request = CompanyRequest.objects.get()
    assert request.company_name == "Fietsenhandel Wiel"
    assert request.status == CompanyRequest.Status.NEW


@pytest.mark.parametrize(
    "data, field",
    [
        ({"company_name": "", "requester_email": "jan@example.invalid"}, "company_name"),
        ({"company_name": "X", "requester_email": "geen-adres"}, "requester_email"),
        (
            {"company_name": "X", "requester_email": "j@example.invalid", "kvk_number": "12"},
            "kvk_number",
        ),
    ],
)
def test_bad_input_gets_a_clear_error_and_stores_nothing(client, company_index, data, field):
    response = client.post(URL, data)

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert 'role="alert"' in response.content.decode()
    assert not CompanyRequest.objects.exists()


def test_a_filled_trap_field_stores_nothing(client, company_index):
    response = client.post(
        URL,
        {"company_name": "Spam", "requester_email": "s@example.invalid", "website_url": "x"},
    )

    assert response.status_code == 400
    assert not CompanyRequest.objects.exists()


def test_the_requesters_address_never_appears_on_the_site(client, company_index):
    CompanyRequest.objects.create(company_name="Wiel", requester_email="verborgen@example.invalid")

    for url in ["/", "/bedrijven/", URL]:
        assert "verborgen@example.invalid" not in client.get(url).content.decode()
