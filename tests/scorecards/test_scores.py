"""The scores and the ranking."""

import pytest

from scorecards import scores

pytestmark = pytest.mark.django_db


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


def test_deleting_a_complaint_in_the_admin_takes_it_out_of_the_scores(
    client, admin_user, make_complaint, company, django_capture_on_commit_callbacks
):
    from scorecards.models import CompanyScore

    kept = make_complaint(status="rated", grade=9)
    deleted = make_complaint(status="rated", grade=2)
    scores.compute(company)
    client.force_login(admin_user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/pages/{deleted.pk}/delete/")

    assert response.status_code == 302
    score = CompanyScore.objects.filter(company=company).latest("computed_on")
    assert score.rated == 1 and score.grade_sum == kept.rating.grade == 9
