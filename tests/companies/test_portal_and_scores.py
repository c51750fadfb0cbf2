"""The company portal, the scores and the ranking."""

import pytest

from companies import scores

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


def test_scores_follow_the_published_rules(make_complaint, company):
    for grade in [9, 9, 8, 9, 10, 8]:
        make_complaint(status="rated", grade=grade)
    make_complaint(status="unanswered")

    score = scores.compute(company)

    assert score.rated == 6 and score.grade_sum == 53
    assert score.first_reaction_terms == 7 and score.first_reaction_on_time == 6
    assert score.first_reaction_on_time_pct == 86
    assert score.company_turns == 7 and score.company_turns_on_time == 6
    mean = scores.site_mean_grade(score_since(score))
    assert score.smoothed_grade == round(
        (scores.PRIOR_WEIGHT * mean + 53) / (scores.PRIOR_WEIGHT + 6), 2
    )
    assert score.verdict == "pluim"


def score_since(score):
    from datetime import datetime, timedelta

    from django.utils import timezone

    day_after = timezone.make_aware(datetime.combine(score.computed_on, datetime.min.time()))
    return day_after + timedelta(days=1) - scores.WINDOW


def test_too_few_grades_earn_no_verdict(make_complaint, company):
    for _ in range(scores.MIN_RATED - 1):
        make_complaint(status="rated", grade=10)

    assert scores.compute(company).verdict == ""


def test_the_ranking_and_the_method_page(client, make_complaint, company):
    for grade in [2, 3, 2, 4, 3]:
        make_complaint(status="rated", grade=grade)
    scores.compute(company)

    ranking = client.get("/pluimen/").content.decode()
    method = client.get("/pluimen/methode/").content.decode()

    assert "Verbeterpunten" in ranking and company.title in ranking
    assert f"minstens {scores.MIN_RATED} beoordeelde klachten" in method
