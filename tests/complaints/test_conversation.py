"""Reactions, turns, solved and grades: through the services and the site's forms."""

import pytest
from django.core.exceptions import ValidationError

from complaints import services
from complaints.models import OutboxMessage, Reaction
from complaints.states import Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_complaint(make_complaint, representative):
    return make_complaint(status="awaiting_company")


def post(client, user, url, data=None):
    client.force_login(user)
    return client.post(url, data or {})


def test_the_parties_take_turns_and_each_reaction_goes_to_the_other_side(
    client, open_complaint, consumer, representative
):
    complaint = open_complaint

    response = post(
        client,
        representative,
        f"/klachten/{complaint.pk}/reageren/",
        {"body": "Wij zoeken het uit."},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.AWAITING_CONSUMER
    to_consumer = OutboxMessage.objects.get(template="company_reacted")
    assert to_consumer.to_email == consumer.email

    post(client, consumer, f"/klachten/{complaint.pk}/reageren/", {"body": "Dank, ik wacht af."})
    complaint.refresh_from_db()
    assert complaint.status == Status.AWAITING_COMPANY
    to_company = set(
        OutboxMessage.objects.filter(template="consumer_reacted").values_list("to_email", flat=True)
    )
    assert to_company == {representative.email, "geheim-klachtcontact@polderpost.example"}
    assert [r.party for r in complaint.reactions.all()] == ["company", "consumer"]


def test_out_of_turn_reactions_are_refused_and_store_nothing(client, open_complaint, consumer):
    response = post(
        client, consumer, f"/klachten/{open_complaint.pk}/reageren/", {"body": "Hallo?"}
    )
    assert response.status_code == 302
    follow = client.get(open_complaint.url)

    assert not Reaction.objects.exists()
    assert "niet jouw beurt" in follow.content.decode()
    open_complaint.refresh_from_db()
    assert open_complaint.status == Status.AWAITING_COMPANY


def test_no_third_party_can_post(client, open_complaint, django_user_model):
    stranger = django_user_model.objects.create_user("derde", "derde@example.invalid", "x")

    for url in ["reageren", "opgelost", "beoordelen"]:
        response = post(
            client,
            stranger,
            f"/klachten/{open_complaint.pk}/{url}/",
            {"body": "Ik ook!", "grade": 9, "solved": "ja"},
        )
        assert response.status_code == 404, url
    assert not Reaction.objects.exists()
    assert "Ik ook!" not in client.get(open_complaint.url).content.decode()


@pytest.mark.parametrize("body", ["", "   ", "x" * 5001])
def test_empty_or_oversized_reactions_are_refused(open_complaint, representative, body):
    with pytest.raises(ValidationError):
        services.react(open_complaint, representative, body)

    assert not Reaction.objects.exists()
    open_complaint.refresh_from_db()
    assert open_complaint.status == Status.AWAITING_COMPANY


def test_a_late_company_reaction_is_kept_as_late(make_complaint, representative):
    complaint = make_complaint(status="unanswered")

    reaction = services.react(complaint, representative, "Sorry voor de late reactie.")

    assert not reaction.on_time
    complaint.refresh_from_db()
    assert complaint.status == Status.AWAITING_CONSUMER


def test_a_flagged_reaction_waits_for_a_moderator(
    client, open_complaint, representative, consumer, moderator
):
    reaction = services.react(open_complaint, representative, "U bent een sukkel.")

    assert reaction.visibility == Reaction.Visibility.PENDING
    client.force_login(consumer)
    assert "sukkel" not in client.get(open_complaint.url).content.decode()
    client.force_login(representative)
    assert "sukkel" in client.get(open_complaint.url).content.decode()

    services.moderate_reaction(reaction, moderator, visibility="hidden", note="Scheldwoord")
    client.logout()
    html = client.get(open_complaint.url).content.decode()
    assert "sukkel" not in html and "Scheldwoord" in html


def test_either_party_can_report_a_reaction_once(client, open_complaint, representative, consumer):
    reaction = services.react(open_complaint, representative, "Wij lossen het op.")

    post(client, consumer, f"/reacties/{reaction.pk}/melden/", {"reason": "Klopt niet"})
    post(client, consumer, f"/reacties/{reaction.pk}/melden/", {"reason": "Nog eens"})

    assert reaction.reports.count() == 1


def test_solved_then_graded_closes_and_updates_the_score(
    client, make_complaint, consumer, representative, django_capture_on_commit_callbacks
):
    complaint = make_complaint(status="awaiting_consumer")
    post(client, representative, f"/klachten/{complaint.pk}/opgelost/")
    complaint.refresh_from_db()
    assert complaint.status == Status.AWAITING_RATING

    with django_capture_on_commit_callbacks(execute=True):
        post(
            client,
            consumer,
            f"/klachten/{complaint.pk}/beoordelen/",
            {"grade": "8", "solved": "ja", "comment": "Netjes"},
        )

    complaint.refresh_from_db()
    assert complaint.status == Status.RATED
    assert complaint.rating.grade == 8 and complaint.rating.solved
    score = complaint.company.scores.get()
    assert score.rated == 1 and score.rated_solved == 1
    assert "Cijfer <strong>8</strong>" in client.get(complaint.url).content.decode()


@pytest.mark.parametrize("grade", ["0", "11", "-3", "acht", ""])
def test_a_grade_outside_one_to_ten_is_refused(client, make_complaint, consumer, grade):
    complaint = make_complaint(status="awaiting_rating")

    post(
        client, consumer, f"/klachten/{complaint.pk}/beoordelen/", {"grade": grade, "solved": "ja"}
    )

    complaint.refresh_from_db()
    assert complaint.status == Status.AWAITING_RATING
    assert not hasattr(complaint, "rating") or complaint.rating is None


def test_the_service_refuses_a_grade_outside_the_scale(make_complaint, consumer):
    complaint = make_complaint(status="awaiting_rating")

    with pytest.raises(ValidationError):
        services.rate(complaint, consumer, grade=11, solved=True)


def test_not_solved_continues_the_thread(make_complaint, consumer):
    complaint = make_complaint(status="awaiting_rating")

    services.react(
        complaint, consumer, "Het is nog niet opgelost: het pakket is er nog steeds niet."
    )

    complaint.refresh_from_db()
    assert complaint.status == Status.AWAITING_COMPANY


def test_no_party_sees_the_others_email_address(
    client, make_complaint, consumer, representative, django_capture_on_commit_callbacks
):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        complaint = make_complaint(status="awaiting_rating")
        services.react(complaint, consumer, "Nog niet opgelost.")
    for message in mail.outbox:
        text = message.body + "".join(alt[0] for alt in message.alternatives)
        if message.to == [consumer.email]:
            assert representative.email not in text and "geheim-klachtcontact" not in text
        else:
            assert consumer.email not in text
    for user in (consumer, representative):
        client.force_login(user)
        html = client.get(complaint.url).content.decode()
        other = representative.email if user == consumer else consumer.email
        assert other not in html
