"""'Klacht is opgelost' asks for confirmation and says what happens next; report forms on
one page have ids of their own."""

import re

import pytest

from complaints import services
from complaints.states import Status

pytestmark = pytest.mark.django_db


def test_the_button_leads_to_a_confirmation_that_changes_nothing(
    client, make_complaint, representative
):
    complaint = make_complaint(status="awaiting_company")
    client.force_login(representative)

    page = client.get(complaint.url).content.decode()
    confirm = client.get(f"/klachten/{complaint.pk}/opgelost/")

    assert f'href="/klachten/{complaint.pk}/opgelost/"' in page
    html = confirm.content.decode()
    assert confirm.status_code == 200
    assert "Ja, meld de klacht als opgelost" in html
    assert "14 dagen" in html and "cijfer" in html
    # The company has not reacted yet: it is told to explain first.
    assert "Je hebt nog niet gereageerd" in html
    complaint.refresh_from_db()
    assert complaint.status == Status.AWAITING_COMPANY


def test_after_a_reaction_the_warning_is_gone_and_confirming_marks_it_solved(
    client, make_complaint, representative
):
    complaint = make_complaint(status="awaiting_company")
    services.react(complaint, representative, "We hebben het bedrag teruggestort.")
    client.force_login(representative)

    html = client.get(f"/klachten/{complaint.pk}/opgelost/").content.decode()
    response = client.post(f"/klachten/{complaint.pk}/opgelost/", follow=True)

    assert "Je hebt nog niet gereageerd" not in html
    complaint.refresh_from_db()
    assert complaint.status == Status.AWAITING_RATING
    assert "Gemeld als opgelost" in response.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "owner", "other_consumer", "other_company_rep"])
def test_only_the_company_sees_the_confirmation(client, make_complaint, users, role):
    complaint = make_complaint(status="awaiting_company")
    if users[role]:
        client.force_login(users[role])

    response = client.get(f"/klachten/{complaint.pk}/opgelost/")

    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert "/account/login/" in response["Location"]


def test_a_complaint_that_cannot_be_marked_solved_sends_the_company_back(
    client, make_complaint, representative
):
    complaint = make_complaint(status="awaiting_rating")
    client.force_login(representative)

    response = client.get(f"/klachten/{complaint.pk}/opgelost/", follow=True)

    assert "kun je nu niet als opgelost melden" in response.content.decode()


def test_every_report_form_on_a_page_has_ids_of_its_own(
    client, make_complaint, consumer, representative
):
    complaint = make_complaint(status="awaiting_company")
    services.react(complaint, representative, "Eerste reactie van het bedrijf.")
    services.react(complaint, consumer, "Dat klopt niet helemaal.")
    services.react(complaint, representative, "Tweede reactie van het bedrijf.")
    client.force_login(consumer)

    html = client.get(complaint.url).content.decode()

    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert html.count('name="reason"') == 2
