"""A refused reaction or grade shows the page again with the error and what was typed."""

import pytest

from complaints.models import MAX_REACTION_LENGTH
from complaints.states import Status

pytestmark = pytest.mark.django_db


def test_a_too_long_reaction_keeps_the_text_and_stores_nothing(
    client, make_complaint, representative
):
    complaint = make_complaint(status="awaiting_company")
    client.force_login(representative)
    text = "Wij betreuren dit. " * (MAX_REACTION_LENGTH // 10)

    response = client.post(f"/klachten/{complaint.pk}/reageren/", {"body": text})

    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Fout: " in html
    assert "data-error-summary" in html
    assert "Wij betreuren dit. Wij betreuren dit." in html
    assert 'aria-invalid="true"' in html
    assert complaint.reactions.count() == 0
    complaint.refresh_from_db()
    assert complaint.status == Status.AWAITING_COMPANY


def test_a_grade_without_a_choice_keeps_the_comment(client, make_complaint, consumer):
    complaint = make_complaint(status="awaiting_rating")
    client.force_login(consumer)

    response = client.post(
        f"/klachten/{complaint.pk}/beoordelen/", {"comment": "Snel geholpen, dank."}
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Snel geholpen, dank." in html
    assert "data-error-summary" in html
    complaint.refresh_from_db()
    assert complaint.status == Status.AWAITING_RATING


def test_an_outsider_posting_an_empty_reaction_learns_nothing(
    client, make_complaint, other_consumer
):
    complaint = make_complaint(status="awaiting_company")
    client.force_login(other_consumer)

    assert client.post(f"/klachten/{complaint.pk}/reageren/", {"body": ""}).status_code == 404


def test_personal_data_in_a_reaction_asks_the_writer_to_look_again(
    client, make_complaint, consumer
):
    complaint = make_complaint(status="awaiting_consumer")
    before = complaint.reactions.count()
    client.force_login(consumer)
    text = "Bel me gerust op 06-12345678, dan leg ik het uit."

    refused = client.post(f"/klachten/{complaint.pk}/reageren/", {"body": text})

    html = refused.content.decode()
    assert refused.status_code == 400
    assert "noemt een telefoonnummer (06-…)" in html
    assert "06-12345678" in html  # only in the writer's own text box, to edit it
    assert html.count("06-12345678") == 1
    assert 'name="publish_anyway"' in html
    assert complaint.reactions.count() == before

    client.post(f"/klachten/{complaint.pk}/reageren/", {"body": text, "publish_anyway": "on"})

    assert complaint.reactions.latest("created_at").body == text


def test_a_reaction_without_personal_data_does_not_ask(client, make_complaint, consumer):
    complaint = make_complaint(status="awaiting_consumer")
    before = complaint.reactions.count()
    client.force_login(consumer)

    page = client.get(complaint.url).content.decode()
    client.post(f"/klachten/{complaint.pk}/reageren/", {"body": "Dank voor het antwoord."})

    assert 'name="publish_anyway"' not in page
    assert complaint.reactions.count() == before + 1
