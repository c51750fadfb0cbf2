"""The offer figures of the scores: solved by an accepted offer, carried out on time."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from complaints import services
from scorecards import scores

pytestmark = pytest.mark.django_db

T0 = timezone.make_aware(timezone.datetime(2026, 3, 2, 10, 0))
TODAY = date(2026, 3, 2)


def accepted_offer(make_complaint, representative, consumer, carry_days=7):
    complaint = make_complaint(status="awaiting_company", now=T0)
    offer = services.make_offer(
        complaint,
        representative,
        kind="refund",
        amount=20,
        answer_by=TODAY + timedelta(days=5),
        carry_out_by=TODAY + timedelta(days=carry_days),
        now=T0,
    )
    services.accept_offer(offer, consumer, now=T0 + timedelta(hours=1))
    return complaint, offer


def test_offer_figures_count_as_the_method_says(
    client, make_complaint, company, representative, consumer
):
    with time_machine.travel(T0, tick=False) as traveller:
        on_time, on_time_offer = accepted_offer(make_complaint, representative, consumer)
        late, late_offer = accepted_offer(make_complaint, representative, consumer)
        accepted_offer(make_complaint, representative, consumer)  # never confirmed
        accepted_offer(make_complaint, representative, consumer, carry_days=60)  # not due yet
        without_offer = make_complaint(status="rated", now=T0)  # solved, no offer

        traveller.move_to(T0 + timedelta(days=3))
        services.confirm_offer_carried_out(on_time_offer, representative)
        services.rate(on_time, consumer, grade=8, solved=True)
        traveller.move_to(T0 + timedelta(days=10))
        services.confirm_offer_carried_out(late_offer, representative)
        services.rate(late, consumer, grade=6, solved=True)

        traveller.move_to(T0 + timedelta(days=20))
        score = scores.compute(company, TODAY + timedelta(days=20))

    assert without_offer.rating.solved
    assert score.rated_solved == 3
    assert score.rated_solved_by_offer == 2
    assert (score.offers_due, score.offers_on_time) == (3, 1)
    estimate = score.offers_on_time_estimate
    assert estimate.n == 3 and estimate.interval.low < 1 / 3 < estimate.interval.high

    page = client.get(company.url).content.decode()
    assert "Opgelost met een aangenomen voorstel" in page
    assert "Voorstel op tijd uitgevoerd" in page
    assert "van 3 aangenomen voorstellen" in page


def test_a_disputed_offer_is_neither_on_time_nor_a_solution(
    make_complaint, company, representative, consumer
):
    with time_machine.travel(T0, tick=False) as traveller:
        complaint, offer = accepted_offer(make_complaint, representative, consumer)
        traveller.move_to(T0 + timedelta(days=2))
        services.confirm_offer_carried_out(offer, representative)
        services.report_offer_not_carried_out(offer, consumer)
        score = scores.compute(company, TODAY + timedelta(days=2))

    assert (score.offers_due, score.offers_on_time) == (1, 0)
    assert score.rated_solved_by_offer == 0


def test_without_offers_the_scorecard_shows_no_offer_rows(client, make_complaint, company):
    make_complaint(status="rated")
    score = scores.compute(company)
    assert (score.rated_solved_by_offer, score.offers_due) == (0, 0)
    assert "Voorstel op tijd uitgevoerd" not in client.get(company.url).content.decode()


def make_repair_offer(complaint, representative, at):
    day = timezone.localdate(at)
    return services.make_offer(
        complaint,
        representative,
        kind="repair",
        answer_by=day + timedelta(days=5),
        carry_out_by=day + timedelta(days=9),
        now=at,
    )


def test_an_offer_is_the_company_s_reaction_in_the_scores(
    make_complaint, company, representative, consumer
):
    from complaints import clock

    day = timedelta(days=1)
    with time_machine.travel(T0, tick=False) as traveller:
        only_offer = make_complaint(status="awaiting_company", now=T0)
        late = make_complaint(status="awaiting_company", now=T0)
        offer_then_reaction = make_complaint(status="awaiting_company", now=T0)

        traveller.move_to(T0 + day)
        declined = make_repair_offer(offer_then_reaction, representative, T0 + day)
        traveller.move_to(T0 + 2 * day)
        on_time = make_repair_offer(only_offer, representative, T0 + 2 * day)
        services.decline_offer(declined, consumer, "Liever geld terug.")
        traveller.move_to(T0 + 3 * day)
        services.react(offer_then_reaction, representative, "Dan betalen we het bedrag terug.")

        traveller.move_to(T0 + 15 * day)
        clock.sweep()  # the late complaint's term has passed: unanswered
        traveller.move_to(T0 + 16 * day)
        late_offer = make_repair_offer(late, representative, T0 + 16 * day)

        score = scores.compute(company, TODAY + timedelta(days=16))

    assert (on_time.on_time, declined.on_time, late_offer.on_time) == (True, True, False)
    # Three first answers, each an offer; the late one after a missed term.
    assert score.first_reaction_terms == 3 and score.first_reactions == 3
    assert score.first_reaction_on_time == 2
    assert score.median_first_reaction_hours == 48.0  # of 24, 48 and 384 hours
    # Turns: three offers and one reaction, plus the missed term; the offer and the
    # reaction after its decline are two turns, not one counted twice.
    assert (score.company_turns, score.company_turns_on_time) == (5, 3)


def test_the_method_page_says_an_offer_counts_as_a_reaction(client):
    page = client.get("/pluimen/methode/").content.decode()

    assert "telt dat voorstel als zijn reactie" in page


def test_offers_from_before_the_field_are_backfilled_from_the_table_s_events(
    make_complaint, representative
):
    """The migration's backfill: an offer made while the complaint stood at "unanswered"
    was late, any other in time."""
    import importlib

    from django.apps import apps

    from complaints import clock
    from complaints.models import SettlementOffer

    migration = importlib.import_module("complaints.migrations.0017_offer_on_time")
    with time_machine.travel(T0, tick=False) as traveller:
        in_time = make_repair_offer(
            make_complaint(status="awaiting_company", now=T0), representative, T0
        )
        late_complaint = make_complaint(status="awaiting_company", now=T0)
        traveller.move_to(T0 + timedelta(days=15))
        clock.sweep()
        late = make_repair_offer(late_complaint, representative, T0 + timedelta(days=15))
    SettlementOffer.objects.update(on_time=None)

    migration.backfill(apps, None)

    assert SettlementOffer.objects.get(pk=in_time.pk).on_time is True
    assert SettlementOffer.objects.get(pk=late.pk).on_time is False
