"""Settlement offers through the site's forms: who may do what when, hostile requests,
and what the public thread shows."""

from datetime import date, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from complaints import services
from complaints.models import ComplaintEvent, ComplaintPage, SettlementOffer
from complaints.states import Action, Status

pytestmark = pytest.mark.django_db

T0 = timezone.make_aware(timezone.datetime(2026, 3, 2, 10, 0))
TODAY = date(2026, 3, 2)
MESSAGE = "Bericht-alleen-voor-jou-7731"
REASON = "Reden-van-afwijzen-4410"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


@pytest.fixture
def complaint(make_complaint, representative):
    return make_complaint(status="awaiting_company", now=T0)


@pytest.fixture
def stranger(django_user_model):
    return django_user_model.objects.create_user("derde", "derde@example.invalid", "x")


def offer_data(**overrides):
    data = {
        "kind": "refund",
        "amount": "49,95",
        "description": "",
        "answer_by": (TODAY + timedelta(days=7)).isoformat(),
        "carry_out_by": (TODAY + timedelta(days=10)).isoformat(),
        "message": MESSAGE,
    }
    data.update(overrides)
    return data


def as_(client, user):
    client.force_login(user)
    return client


def page_text(client, complaint, user=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(complaint.url).content.decode()


def make_offer(client, complaint, representative, **overrides):
    response = as_(client, representative).post(
        f"/klachten/{complaint.pk}/voorstel/", offer_data(**overrides)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return SettlementOffer.objects.get(complaint=complaint, status="open")


def url(complaint, offer, what):
    return f"/klachten/{complaint.pk}/voorstellen/{offer.pk}/{what}/"


def test_the_company_sees_the_offer_button_and_its_form(client, complaint, representative):
    assert "Doe een voorstel" in page_text(client, complaint, representative)
    response = as_(client, representative).get(f"/klachten/{complaint.pk}/voorstel/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Bedrag in euro" in body and "Antwoord uiterlijk op" in body
    assert "<legend>Wat stel je voor?" in body


@pytest.mark.parametrize("who", ["consumer", "stranger"])
def test_no_one_else_gets_the_offer_form(client, complaint, consumer, stranger, who):
    user = {"consumer": consumer, "stranger": stranger}[who]
    assert "Doe een voorstel" not in page_text(client, complaint, user)
    assert as_(client, user).get(f"/klachten/{complaint.pk}/voorstel/").status_code == 404
    response = client.post(f"/klachten/{complaint.pk}/voorstel/", offer_data())
    assert response.status_code == 404
    assert not SettlementOffer.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client, complaint):
    response = client.post(f"/klachten/{complaint.pk}/voorstel/", offer_data())
    assert response.status_code == 302
    assert "/login" in response["Location"] or "inloggen" in response["Location"]
    assert not SettlementOffer.objects.exists()


def test_a_refused_offer_shows_its_errors_by_the_fields_and_keeps_the_input(
    client, complaint, representative
):
    response = as_(client, representative).post(
        f"/klachten/{complaint.pk}/voorstel/", offer_data(amount="", message="Blijft staan")
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Vul het bedrag in euro in." in body
    assert "Blijft staan" in body
    assert 'aria-describedby="id_amount_helptext id_amount_error"' in body or (
        "id_amount_error" in body
    )
    assert not SettlementOffer.objects.exists()


def test_an_offer_out_of_turn_is_refused(client, complaint, representative):
    make_offer(client, complaint, representative)
    response = as_(client, representative).post(
        f"/klachten/{complaint.pk}/voorstel/", offer_data(), follow=True
    )
    assert "geen voorstel doen" in response.content.decode()
    assert SettlementOffer.objects.count() == 1


def test_the_consumer_sees_the_offer_card_and_no_reaction_form(
    client, complaint, representative, consumer
):
    make_offer(client, complaint, representative)

    body = page_text(client, complaint, consumer)
    assert "deed een voorstel: terugbetaling van €&nbsp;49,95" in body
    assert "Accepteren" in body and "Afwijzen" in body
    assert "Het bedrag mag openbaar zijn" in body
    assert MESSAGE in body
    assert "Reactie plaatsen" not in body
    assert "Beantwoord eerst het voorstel" in body


def test_accepting_with_the_amount_public_shows_it_to_everyone(
    client, complaint, representative, consumer
):
    offer = make_offer(client, complaint, representative)
    response = as_(client, consumer).post(
        url(complaint, offer, "aannemen"), {"amount_public": "on"}
    )
    assert response.status_code == 302

    assert ComplaintPage.objects.get(pk=complaint.pk).status == Status.AWAITING_RATING
    public = page_text(client, complaint)
    assert "deed een voorstel: terugbetaling van €&nbsp;49,95" in public
    assert "Voorstel aangenomen" in public
    assert MESSAGE not in public


def test_accepting_without_consent_keeps_the_amount_between_the_parties(
    client, complaint, representative, consumer
):
    offer = make_offer(client, complaint, representative)
    as_(client, consumer).post(url(complaint, offer, "aannemen"), {})

    public = page_text(client, complaint)
    assert "deed een voorstel: terugbetaling" in public
    assert "Voorstel aangenomen" in public
    assert "49,95" not in public
    assert "49,95" in page_text(client, complaint, representative)
    assert "Uitgevoerd" in page_text(client, complaint, representative)


def test_declining_without_a_reason_shows_the_form_again(
    client, complaint, representative, consumer
):
    offer = make_offer(client, complaint, representative)
    response = as_(client, consumer).post(url(complaint, offer, "afwijzen"), {"reason": ""})
    assert response.status_code == 400
    assert "Waarom wijs je het voorstel af?" in response.content.decode()
    offer.refresh_from_db()
    assert offer.status == "open"


def test_a_decline_is_public_but_its_reason_is_not(client, complaint, representative, consumer):
    offer = make_offer(client, complaint, representative)
    response = as_(client, consumer).post(url(complaint, offer, "afwijzen"), {"reason": REASON})
    assert response.status_code == 302

    public = page_text(client, complaint)
    assert "Voorstel afgewezen" in public
    assert REASON not in public and MESSAGE not in public
    assert REASON in page_text(client, complaint, representative)
    assert ComplaintPage.objects.get(pk=complaint.pk).status == Status.AWAITING_COMPANY


@pytest.mark.parametrize("what", ["aannemen", "afwijzen"])
def test_the_company_cannot_answer_its_own_offer(client, complaint, representative, what):
    offer = make_offer(client, complaint, representative)
    response = as_(client, representative).post(url(complaint, offer, what), {"reason": "x"})
    assert response.status_code == 404
    offer.refresh_from_db()
    assert offer.status == "open"


@pytest.mark.parametrize("what", ["aannemen", "afwijzen", "uitgevoerd", "niet-uitgevoerd"])
def test_strangers_learn_nothing(client, complaint, representative, stranger, what):
    offer = make_offer(client, complaint, representative)
    response = as_(client, stranger).post(url(complaint, offer, what), {"reason": "x"})
    assert response.status_code == 404
    offer.refresh_from_db()
    assert offer.status == "open"


def test_an_offer_is_only_reached_through_its_own_complaint(
    client, complaint, make_complaint, representative, consumer
):
    offer = make_offer(client, complaint, representative)
    other = make_complaint(status="awaiting_consumer", now=T0, slug="andere-klacht")
    response = as_(client, consumer).post(url(other, offer, "aannemen"), {})
    assert response.status_code == 404
    offer.refresh_from_db()
    assert offer.status == "open"


def test_a_double_submit_is_answered_once(client, complaint, representative, consumer):
    offer = make_offer(client, complaint, representative)
    as_(client, consumer).post(url(complaint, offer, "aannemen"), {})
    response = client.post(url(complaint, offer, "aannemen"), {}, follow=True)

    assert "al afgehandeld" in response.content.decode()
    assert ComplaintEvent.objects.filter(action=Action.OFFER_ACCEPTED).count() == 1


def test_a_post_without_the_csrf_token_is_refused(complaint, representative, consumer):
    offer = services.make_offer(
        complaint,
        representative,
        kind="repair",
        answer_by=TODAY + timedelta(days=5),
        carry_out_by=TODAY + timedelta(days=5),
    )
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(consumer)
    assert strict.post(url(complaint, offer, "aannemen"), {}).status_code == 403
    offer.refresh_from_db()
    assert offer.status == "open"


def test_carried_out_then_not_carried_out_through_the_buttons(
    client, complaint, representative, consumer
):
    offer = make_offer(client, complaint, representative)
    as_(client, consumer).post(url(complaint, offer, "aannemen"), {})
    # Only the company confirms; the consumer's "not carried out" waits for it (or the date).
    assert as_(client, consumer).post(url(complaint, offer, "uitgevoerd")).status_code == 404
    assert "Niet uitgevoerd" not in page_text(client, complaint, consumer)

    assert as_(client, representative).post(url(complaint, offer, "uitgevoerd")).status_code == 302
    assert "uitgevoerd volgens het bedrijf" in page_text(client, complaint)
    assert "Niet uitgevoerd" in page_text(client, complaint, consumer)

    assert as_(client, consumer).post(url(complaint, offer, "niet-uitgevoerd")).status_code == 302
    assert ComplaintPage.objects.get(pk=complaint.pk).status == Status.AWAITING_COMPANY
    assert "niet uitgevoerd volgens de consument" in page_text(client, complaint)


def test_a_reaction_while_the_offer_waits_is_refused_with_the_reason(
    client, complaint, representative, consumer
):
    make_offer(client, complaint, representative)
    response = as_(client, consumer).post(
        f"/klachten/{complaint.pk}/reageren/", {"body": "Eerst een vraag."}, follow=True
    )
    assert "Beantwoord eerst het voorstel" in response.content.decode()
    assert not complaint.reactions.exists()


def test_the_pages_api_gives_the_public_offer_facts_only(
    client, complaint, representative, consumer
):
    hidden = make_offer(client, complaint, representative)
    as_(client, consumer).post(url(complaint, hidden, "afwijzen"), {"reason": REASON})
    shown = make_offer(client, complaint, representative, amount="12,50")
    as_(client, consumer).post(url(complaint, shown, "aannemen"), {"amount_public": "on"})
    client.logout()

    response = client.get(f"/api/v2/pages/{complaint.pk}/?fields=offers")

    assert response.status_code == 200
    offers = response.json()["offers"]
    assert [(o["kind"], o["status"], o["amount"]) for o in offers] == [
        ("refund", "declined", None),
        ("refund", "accepted", "12.50"),
    ]
    assert REASON.encode() not in response.content
    assert MESSAGE.encode() not in response.content
