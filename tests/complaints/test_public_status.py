"""Pages and the API check the public status and the company, not only `live`.

Since the one-writer work, a complaint is online only in a public status: these tests
reach the other states with a raw UPDATE, bypassing the life cycle on purpose, to show
that the site and the API do not rely on that alone.
"""

import pytest

from complaints.models import ComplaintPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_complaint(make_complaint):
    complaint = make_complaint(status="awaiting_company", title="Zichtbaar of niet")
    assert complaint.live
    return complaint


def served(client, complaint) -> dict:
    """What the site and the API answer for `complaint`."""
    path = f"/bedrijven/{complaint.company.slug}/klachten/{complaint.slug}/"
    listing = client.get("/api/v2/pages/?type=complaints.ComplaintPage").json()
    return {
        "page": client.get(path).status_code,
        "api_detail": client.get(f"/api/v2/pages/{complaint.pk}/").status_code,
        "api_find": client.get("/api/v2/pages/find/", {"html_path": path}).status_code,
        "api_listing": [item["id"] for item in listing["items"]],
        "api_all_pages": complaint.pk
        in [i["id"] for i in client.get("/api/v2/pages/").json()["items"]],
        "api_search": complaint.pk
        in [i["id"] for i in client.get("/api/v2/pages/?search=Zichtbaar").json()["items"]],
    }


def test_a_public_complaint_is_served(client, public_complaint):
    assert served(client, public_complaint) == {
        "page": 200,
        "api_detail": 200,
        "api_find": 302,
        "api_listing": [public_complaint.pk],
        "api_all_pages": True,
        "api_search": True,
    }


HIDDEN = {
    "page": 404,
    "api_detail": 404,
    "api_find": 404,
    "api_listing": [],
    "api_all_pages": False,
    "api_search": False,
}


@pytest.mark.parametrize("status", ["in_moderation", "rejected", "withdrawn", "expired", "draft"])
def test_a_live_page_in_a_status_that_is_not_public_is_not_served(client, public_complaint, status):
    ComplaintPage.objects.filter(pk=public_complaint.pk).update(status=status)

    assert served(client, public_complaint) == HIDDEN


def test_a_complaint_under_an_unpublished_company_is_not_served(client, public_complaint):
    company = public_complaint.company
    company.unpublish()
    public_complaint.refresh_from_db()

    assert served(client, public_complaint) == HIDDEN


def test_nobody_reacts_on_a_complaint_that_is_not_served(client, public_complaint, representative):
    public_complaint.company.unpublish()
    client.force_login(representative)

    response = client.post(f"/klachten/{public_complaint.pk}/reageren/", {"body": "Wij kijken."})

    assert response.status_code == 404
    assert not public_complaint.reactions.exists()


def test_nobody_reports_a_reaction_on_a_complaint_that_is_not_served(
    client, public_complaint, representative, consumer
):
    from complaints import services

    reaction = services.react(public_complaint, representative, "Wij kijken ernaar.")
    public_complaint.company.unpublish()
    client.force_login(consumer)

    response = client.post(f"/reacties/{reaction.pk}/melden/", {"reason": "Klopt niet"})

    assert response.status_code == 404
    assert not reaction.reports.exists()
