"""The company portal (/bedrijfsportaal/)."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_portal_lists_the_companys_complaints_its_turn_first(
    client, make_complaint, representative
):
    waiting = make_complaint(status="awaiting_consumer", title="Wacht op de consument")
    turn = make_complaint(status="awaiting_company", title="Uw beurt nu")
    make_complaint(status="draft", title="Nog een concept")
    client.force_login(representative)

    html = client.get("/bedrijfsportaal/").content.decode()

    assert html.index(turn.title) < html.index(waiting.title)
    assert "Nog een concept" not in html


def test_the_portal_is_for_representatives_only(client, consumer, make_complaint):
    make_complaint(status="awaiting_company", title="Niet voor jou")
    client.force_login(consumer)

    response = client.get("/bedrijfsportaal/")

    assert response.status_code == 403
    assert "Niet voor jou" not in response.content.decode()


def test_the_portal_shows_only_the_representatives_own_companies(
    client, make_complaint, company_index, representative
):
    from companies.factories import CompanyPageFactory
    from complaints.factories import make_complaint as factory

    other = CompanyPageFactory(parent=company_index, title="Ander bedrijf")
    factory(
        company=other, consumer=representative, status="awaiting_company", title="Over een ander"
    )
    client.force_login(representative)

    assert "Over een ander" not in client.get("/bedrijfsportaal/").content.decode()


def test_the_portal_leads_to_company_management_and_alerts(client, representative):
    client.force_login(representative)

    html = client.get("/bedrijfsportaal/").content.decode()

    assert 'href="/bedrijfsbeheer/"' in html
    assert 'href="/alerts/bedrijf/"' in html
