"""Settlement offers: the table's moves and terms, the services (one door: outbox, index,
scores), the clock's expiry, the thread's forms and what the public sees."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from complaints import clock, services, states
from complaints.models import ComplaintEvent, ComplaintPage, OutboxMessage, SettlementOffer
from complaints.states import Action, Status
from search.indexing import alias

pytestmark = pytest.mark.django_db

T0 = timezone.make_aware(timezone.datetime(2026, 3, 2, 10, 0))
TODAY = date(2026, 3, 2)
COMPANY_CONTACT = "geheim-klachtcontact@polderpost.example"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


@pytest.fixture
def open_complaint(make_complaint, representative):
    return make_complaint(status="awaiting_company", now=T0)


def refund(**overrides):
    fields = {
        "kind": "refund",
        "amount": Decimal("49.95"),
        "description": "",
        "message": "Excuses; wij betalen het terug.",
        "answer_by": TODAY + timedelta(days=7),
        "carry_out_by": TODAY + timedelta(days=10),
    }
    fields.update(overrides)
    return fields


def offered(complaint, representative, **overrides):
    return services.make_offer(complaint, representative, **refund(**overrides))


def reload(complaint):
    return ComplaintPage.objects.get(pk=complaint.pk)


def outbox(template):
    return set(OutboxMessage.objects.filter(template=template).values_list("to_email", flat=True))


# The table ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "source, action, target",
    [
        (Status.AWAITING_COMPANY, Action.OFFER_MADE, Status.AWAITING_CONSUMER),
        (Status.UNANSWERED, Action.OFFER_MADE, Status.AWAITING_CONSUMER),
        (Status.AWAITING_CONSUMER, Action.OFFER_ACCEPTED, Status.AWAITING_RATING),
        (Status.AWAITING_CONSUMER, Action.OFFER_DECLINED, Status.AWAITING_COMPANY),
        (Status.AWAITING_CONSUMER, Action.OFFER_EXPIRED, Status.CLOSED),
        (Status.AWAITING_RATING, Action.OFFER_CARRIED_OUT, Status.AWAITING_RATING),
        (Status.AWAITING_RATING, Action.OFFER_NOT_CARRIED_OUT, Status.AWAITING_COMPANY),
    ],
)
def test_the_offer_moves_in_the_table(source, action, target):
    assert states.target_of(source, action) == target


@pytest.mark.parametrize(
    "source, action",
    [
        (Status.AWAITING_CONSUMER, Action.OFFER_MADE),  # not the company's turn
        (Status.AWAITING_RATING, Action.OFFER_MADE),
        (Status.RATED, Action.OFFER_MADE),
        (Status.CLOSED, Action.OFFER_MADE),
        (Status.AWAITING_COMPANY, Action.OFFER_ACCEPTED),  # nothing to answer
        (Status.AWAITING_RATING, Action.OFFER_DECLINED),
        (Status.RATED, Action.OFFER_NOT_CARRIED_OUT),  # graded: the matter is closed
        (Status.AWAITING_COMPANY, Action.OFFER_CARRIED_OUT),
    ],
)
def test_offer_moves_outside_the_table_are_refused(source, action):
    assert states.target_of(source, action) is None


def test_an_offers_dates_set_its_terms():
    answer, carry = date(2026, 3, 9), date(2026, 3, 20)
    made = states.offer_term(Action.OFFER_MADE, answer_by=answer, carry_out_by=carry)
    accepted = states.offer_term(Action.OFFER_ACCEPTED, answer_by=answer, carry_out_by=carry)

    assert timezone.localtime(made) == timezone.make_aware(timezone.datetime(2026, 3, 10))
    assert accepted == states.end_of_day(carry) + states.TERM
    assert states.offer_term(Action.OFFER_DECLINED, answer_by=answer, carry_out_by=carry) is None


# The offer's own rules ----------------------------------------------------------------


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"amount": None}, "amount"),
        ({"amount": Decimal("0")}, "amount"),
        ({"amount": Decimal("-5")}, "amount"),
        ({"amount": Decimal("100000.01")}, "amount"),
        ({"kind": "repair", "amount": Decimal("10")}, "amount"),
        ({"kind": "other", "amount": None, "description": "  "}, "description"),
        ({"answer_by": TODAY}, "answer_by"),
        ({"answer_by": TODAY - timedelta(days=1)}, "answer_by"),
        ({"answer_by": TODAY + timedelta(days=15)}, "answer_by"),
        ({"carry_out_by": TODAY + timedelta(days=6)}, "carry_out_by"),
        ({"carry_out_by": TODAY + timedelta(days=400)}, "carry_out_by"),
    ],
)
def test_a_bad_offer_is_refused_by_field_and_changes_nothing(
    open_complaint, representative, overrides, field
):
    with pytest.raises(ValidationError) as refused:
        offered(open_complaint, representative, **overrides)

    assert field in refused.value.message_dict
    assert not SettlementOffer.objects.exists()
    assert reload(open_complaint).status == Status.AWAITING_COMPANY


@pytest.mark.parametrize(
    "overrides",
    [
        {"kind": "credit", "amount": Decimal("15")},
        {"kind": "replacement", "amount": None},
        {"kind": "cancellation", "amount": None},
        {"kind": "other", "amount": None, "description": "Een jaar gratis onderhoud."},
        {"answer_by": TODAY + timedelta(days=3), "carry_out_by": TODAY + timedelta(days=3)},
    ],
)
def test_good_offers_of_every_kind_are_made(open_complaint, representative, overrides):
    offer = offered(open_complaint, representative, **overrides)
    assert offer.status == SettlementOffer.State.OPEN


# The services: one door -------------------------------------------------------------------


def test_an_offer_is_a_company_turn_with_the_answer_date_as_the_consumers_term(
    open_complaint, representative, consumer
):
    offer = offered(open_complaint, representative)

    complaint = reload(open_complaint)
    assert complaint.status == Status.AWAITING_CONSUMER
    assert complaint.due_at == states.end_of_day(offer.answer_by)
    assert outbox("offer_made") == {consumer.email}
    event = ComplaintEvent.objects.filter(complaint=complaint).last()
    assert (event.action, event.actor) == (Action.OFFER_MADE, representative)


def test_only_the_company_on_its_turn_makes_an_offer(open_complaint, representative, consumer):
    with pytest.raises(services.NotAParty):
        offered(open_complaint, consumer)
    offered(open_complaint, representative)
    with pytest.raises(services.NotYourTurn):  # a second one before the answer
        offered(open_complaint, representative)
    assert SettlementOffer.objects.count() == 1


def test_accepting_goes_to_the_rating_after_the_carry_out_date_and_tells_the_company(
    open_complaint, representative, consumer
):
    offer = offered(open_complaint, representative)

    accepted = services.accept_offer(offer, consumer, amount_public=True)

    complaint = reload(open_complaint)
    assert complaint.status == Status.AWAITING_RATING
    assert complaint.due_at == states.end_of_day(offer.carry_out_by) + states.TERM
    assert accepted.status == SettlementOffer.State.ACCEPTED
    assert accepted.amount_public
    assert outbox("offer_accepted") == {representative.email, COMPANY_CONTACT}


def test_the_amount_cannot_be_made_public_when_there_is_none(
    open_complaint, representative, consumer
):
    offer = offered(open_complaint, representative, kind="repair", amount=None)
    assert not services.accept_offer(offer, consumer, amount_public=True).amount_public


def test_declining_needs_a_reason_and_gives_the_turn_back(open_complaint, representative, consumer):
    offer = offered(open_complaint, representative)
    with pytest.raises(ValidationError):
        services.decline_offer(offer, consumer, "   ")
    assert reload(open_complaint).status == Status.AWAITING_CONSUMER

    services.decline_offer(offer, consumer, "Ik wil het hele bedrag, met verzendkosten.")

    complaint = reload(open_complaint)
    assert complaint.status == Status.AWAITING_COMPANY
    assert complaint.due_at == T0 + states.TERM
    offer.refresh_from_db()
    assert offer.status == SettlementOffer.State.DECLINED
    assert outbox("offer_declined") == {representative.email, COMPANY_CONTACT}
    # The company may try again.
    assert offered(complaint, representative).status == SettlementOffer.State.OPEN


def test_carried_out_restarts_the_rating_term_and_the_consumer_may_dispute_it(
    open_complaint, representative, consumer, frozen
):
    offer = offered(open_complaint, representative)
    services.accept_offer(offer, consumer)
    with pytest.raises(services.NotAParty):
        services.confirm_offer_carried_out(offer, consumer)
    # Before the date has come and without a confirmation, "not carried out" is premature.
    with pytest.raises(services.OfferClosed):
        services.report_offer_not_carried_out(offer, consumer)

    later = T0 + timedelta(days=9)
    frozen.move_to(later)
    services.confirm_offer_carried_out(offer, representative)
    complaint = reload(open_complaint)
    assert complaint.status == Status.AWAITING_RATING
    assert complaint.due_at == later + states.TERM
    assert outbox("offer_carried_out") == {consumer.email}
    with pytest.raises(services.OfferClosed):  # a double submit
        services.confirm_offer_carried_out(offer, representative)

    services.report_offer_not_carried_out(offer, consumer)
    assert reload(open_complaint).status == Status.AWAITING_COMPANY
    offer.refresh_from_db()
    assert offer.status == SettlementOffer.State.NOT_CARRIED_OUT
    assert outbox("offer_not_carried_out") == {representative.email, COMPANY_CONTACT}


def test_not_carried_out_is_possible_once_the_date_passed_unconfirmed(
    open_complaint, representative, consumer, frozen
):
    offer = offered(open_complaint, representative)
    services.accept_offer(offer, consumer)
    frozen.move_to(T0 + timedelta(days=11))

    services.report_offer_not_carried_out(offer, consumer)

    assert reload(open_complaint).status == Status.AWAITING_COMPANY


def test_an_answered_offer_cannot_be_answered_again(open_complaint, representative, consumer):
    offer = offered(open_complaint, representative)
    services.accept_offer(offer, consumer)
    with pytest.raises(services.OfferClosed):
        services.accept_offer(offer, consumer)
    with pytest.raises(services.OfferClosed):
        services.decline_offer(offer, consumer, "Toch niet.")
    assert ComplaintEvent.objects.filter(action=Action.OFFER_ACCEPTED).count() == 1


def test_the_consumer_answers_the_offer_before_reacting(open_complaint, representative, consumer):
    offered(open_complaint, representative)
    with pytest.raises(services.OfferWaiting):
        services.react(open_complaint, consumer, "Mag ik eerst iets vragen?")
    assert reload(open_complaint).status == Status.AWAITING_CONSUMER


def test_every_offer_move_reaches_the_index_and_the_scores(
    open_complaint, representative, consumer, index, es, django_capture_on_commit_callbacks
):
    from scorecards.models import CompanyScore

    def document():
        es.indices.refresh(index=alias())
        return es.get(index=alias(), id=open_complaint.pk)["_source"]

    with django_capture_on_commit_callbacks(execute=True):
        offer = offered(open_complaint, representative)
    assert document()["status"] == Status.AWAITING_CONSUMER

    with django_capture_on_commit_callbacks(execute=True):
        services.accept_offer(offer, consumer)
    assert document()["status"] == Status.AWAITING_RATING
    assert CompanyScore.objects.filter(company=open_complaint.company).exists()

    CompanyScore.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_offer_carried_out(offer, representative)
    score = CompanyScore.objects.get(company=open_complaint.company)
    assert (score.offers_due, score.offers_on_time) == (1, 1)

    with django_capture_on_commit_callbacks(execute=True):
        services.report_offer_not_carried_out(offer, consumer)
    assert document()["status"] == Status.AWAITING_COMPANY


# The clock -------------------------------------------------------------------------------


def _open_offers(make_complaint, representative, n):
    complaints = []
    for _ in range(n):
        complaint = make_complaint(status="awaiting_company", now=T0)
        offered(complaint, representative)
        complaints.append(complaint)
    return complaints


def test_an_unanswered_offer_expires_at_its_answer_date_and_both_sides_hear(
    make_complaint, representative, consumer
):
    (complaint,) = _open_offers(make_complaint, representative, 1)
    due = reload(complaint).due_at

    clock.sweep(due - timedelta(minutes=1))
    assert reload(complaint).status == Status.AWAITING_CONSUMER

    result = clock.sweep(due + timedelta(minutes=1))
    assert result["offer_expired"] == 1
    assert reload(complaint).status == Status.CLOSED
    offer = SettlementOffer.objects.get()
    assert offer.status == SettlementOffer.State.EXPIRED
    event = ComplaintEvent.objects.filter(complaint=complaint).last()
    assert (event.action, event.created_at) == (Action.OFFER_EXPIRED, due)
    assert outbox("offer_expired") == {representative.email, COMPANY_CONTACT}
    assert outbox("offer_expired_consumer") == {consumer.email}
    # Not counted twice as a missed consumer turn; a second sweep changes nothing.
    assert not ComplaintEvent.objects.filter(action=Action.CONSUMER_TERM_MISSED).exists()
    messages = OutboxMessage.objects.count()
    assert clock.sweep(due + timedelta(minutes=2))["offer_expired"] == 0
    assert OutboxMessage.objects.count() == messages


def test_run_deadlines_reports_expired_offers(make_complaint, representative, frozen, capsys):
    from django.core.management import call_command

    (complaint,) = _open_offers(make_complaint, representative, 1)
    frozen.move_to(reload(complaint).due_at + timedelta(minutes=1))

    call_command("run_deadlines")

    assert "voorstellen verlopen: 1" in capsys.readouterr().out


def test_the_expiry_sweep_takes_the_same_statements_for_one_or_many(make_complaint, representative):
    first = _open_offers(make_complaint, representative, 1)
    moment = reload(first[0]).due_at + timedelta(minutes=1)
    with CaptureQueriesContext(connection) as one:
        assert services.expire_offers(moment) == 1

    _open_offers(make_complaint, representative, 4)
    with CaptureQueriesContext(connection) as many:
        assert services.expire_offers(moment) == 4

    assert len(many) == len(one)
    assert not SettlementOffer.objects.filter(status="open").exists()


def test_an_offer_left_open_by_a_complaint_that_moved_on_lapses(
    open_complaint, representative, consumer
):
    offered(open_complaint, representative)
    services.mark_solved(open_complaint, representative)

    clock.sweep(T0 + timedelta(hours=1))

    assert SettlementOffer.objects.get().status == SettlementOffer.State.EXPIRED
    assert reload(open_complaint).status == Status.AWAITING_RATING


def test_the_consumers_data_export_holds_the_offers_and_their_answers(
    client, open_complaint, representative, consumer
):
    import io
    import json
    import zipfile

    offer = offered(open_complaint, representative)
    services.decline_offer(offer, consumer, "Te weinig voor de moeite.")

    client.force_login(consumer)
    response = client.post("/mijn-gegevens/download/")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    name = next(n for n in archive.namelist() if n.endswith(".json"))
    [complaint] = json.loads(archive.read(name))["complaints"]

    [exported] = complaint["offers"]
    assert exported["kind"] == "refund" and exported["amount"] == "49.95"
    assert exported["status"] == "declined"
    assert exported["decline_reason"] == "Te weinig voor de moeite."
