"""Honest scores: intervals stored by the recomputation and shown on the pages, shared
places in the ranking, the formulas on the method page."""

import re

import pytest
from django.utils.html import strip_tags

from scorecards import scores
from scorecards.models import CompanyScore

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return re.sub(r"\s+", " ", strip_tags(response.content.decode()))


def test_the_recomputation_keeps_what_the_grade_interval_needs(make_complaint, company):
    for grade in [9, 9, 8, 9, 10, 8]:
        make_complaint(status="rated", grade=grade)

    scores.compute(company)

    score = CompanyScore.objects.get(company=company)
    assert score.grade_sum == 53 and score.grade_sum_squares == 471
    interval = score.grade_estimate.interval
    # mean 8.83, s = 0.753, t(5) = 2.571: 8.83 +- 0.79
    assert round(interval.low, 2) == 8.04 and round(interval.high, 2) == 9.62
    assert score.solved_estimate.interval.high == 1.0  # all six called it solved


def test_a_rating_through_the_service_recomputes_with_the_squares(
    make_complaint, company, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_complaint(status="rated", grade=6)
        make_complaint(status="rated", grade=8)

    score = CompanyScore.objects.filter(company=company).latest("computed_on")
    assert (score.rated, score.grade_sum, score.grade_sum_squares) == (2, 14, 100)


def test_the_company_page_shows_each_figure_with_its_interval(client, make_complaint, company):
    for grade in [9, 7, 8, 9, 10, 8]:
        make_complaint(status="rated", grade=grade)
    scores.compute(company)

    page = text_of(client.get(company.url))

    assert "Opgelost volgens consument 100% (95%-interval 61–100%)" in page
    assert "Eerste reactie op tijd 100% (95%-interval 61–100%)" in page
    assert "Gemiddelde zonder weging: 8,5 (95%-interval 7,4–9,6)" in page
    assert "onzeker" not in page


def test_few_grades_are_called_uncertain_in_words(client, make_complaint, company):
    make_complaint(status="rated", grade=8)
    scores.compute(company)

    page = text_of(client.get(company.url))

    assert "8,0 (te weinig gegevens voor een interval) onzeker: nog weinig beoordelingen" in page
    assert "100% (95%-interval 21–100%) onzeker: nog weinig beoordelingen" in page


def _scored(company_index, title, grades):
    """A company with a crafted score: exactly these grades."""
    from companies.factories import CompanyPageFactory

    company = CompanyPageFactory(parent=company_index, title=title)
    score = CompanyScore(
        company=company,
        computed_on="2026-06-01",
        rated=len(grades),
        rated_solved=len(grades),
        grade_sum=sum(grades),
        grade_sum_squares=sum(g * g for g in grades),
        smoothed_grade=sum(grades) / len(grades),
    )
    score.verdict = scores.verdict(score)
    score.save()
    return company


def test_the_ranking_only_separates_companies_whose_intervals_do_not_overlap(client, company_index):
    from scorecards.selectors import ranking

    _scored(company_index, "Bravo", [9, 9, 9, 8, 9, 9, 8, 9])  # about 8.4-9.1
    _scored(company_index, "Alfa", [9, 8, 7, 9, 8, 9, 8, 9])  # about 7.7-9.0: overlaps Bravo
    _scored(company_index, "Charlie", [3, 4, 3, 4, 3, 4, 3, 4])  # far below both
    _scored(company_index, "Delta", [2, 9])  # too few grades for a place

    rows = ranking()
    placed = [
        (row.score.company.title, row.rank, row.shared)
        for key in ("pluimen", "others", "improve")
        for row in rows[key]
    ]

    assert sorted(placed, key=lambda p: (p[1], p[0])) == [
        ("Alfa", 1, True),
        ("Bravo", 1, True),
        ("Charlie", 3, False),
    ]
    assert [row.score.company.title for row in rows["few"]] == ["Delta"]
    page = text_of(client.get("/pluimen/"))
    assert "gedeeld 1e Alfa" in page and "gedeeld 1e Bravo" in page
    assert "3e Charlie" in page and "gedeeld 3e Charlie" not in page
    assert "geen plaats Delta" in page


def test_the_method_page_explains_the_interval_with_its_formulas(client):
    response = client.get("/pluimen/methode/")
    html = response.content.decode()
    page = text_of(response)

    assert "8 van de 10 klachten op tijd beantwoord geeft 80% (95%-interval 49–94%)" in page
    assert html.count('<math display="block">') == 2
    assert 'id="wilson-formule"' in html and 'id="cijfer-formule"' in html
    assert "Waarom bedrijven een plaats delen" in page
    assert 'href="/api/v2/scores/monthly.csv"' in html
