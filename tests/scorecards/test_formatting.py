"""Dutch numbers and durations, and the pages that show them."""

from datetime import timedelta

import pytest
from django.template import Context, Template

from scorecards.formatting import count, decimal, duration, hours, percent


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (7.4, 1, "7,4"),
        (7.44, 1, "7,4"),
        (7.45, 1, "7,5"),  # half up, not to even
        (7.0, 1, "7,0"),
        (6.25, 2, "6,25"),
        (1250, 0, "1.250"),
        (1250.55, 1, "1.250,6"),
        (1234567, 0, "1.234.567"),
        (2.5, 0, "3"),
        (-0.01, 1, "0,0"),
        (0, 0, "0"),
        (None, 1, "—"),
    ],
)
def test_decimal(value, places, text):
    assert decimal(value, places) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(0, "0"), (3, "3"), (3.0, "3"), (1250, "1.250"), (None, "—")],
)
def test_count_is_whole(value, text):
    assert count(value) == text


@pytest.mark.parametrize(("value", "text"), [(83, "83%"), (0, "0%"), (100, "100%"), (None, "—")])
def test_percent(value, text):
    assert percent(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "—"),
        (0, "minder dan een uur"),
        (timedelta(minutes=59), "minder dan een uur"),
        (timedelta(hours=1), "1 uur"),
        (timedelta(hours=1, minutes=29), "1 uur"),
        (timedelta(hours=1, minutes=30), "2 uur"),
        (timedelta(hours=3), "3 uur"),
        (timedelta(hours=23, minutes=20), "23 uur"),
        (timedelta(hours=23, minutes=40), "1 dag"),
        (timedelta(days=1, hours=4), "1 dag en 4 uur"),
        (timedelta(days=2), "2 dagen"),
        (timedelta(days=2, hours=1), "2 dagen en 1 uur"),
        (timedelta(days=2, hours=23, minutes=40), "3 dagen"),
        (timedelta(days=3, hours=11), "3 dagen"),
        (timedelta(days=3, hours=12), "4 dagen"),
        (timedelta(days=14), "14 dagen"),
        (5400, "2 uur"),  # seconds
        (timedelta(hours=-2), "minder dan een uur"),  # clock skew: never negative
    ],
)
def test_duration(value, text):
    assert duration(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "—"), (0.0, "minder dan een uur"), (0.3, "minder dan een uur"), (28, "1 dag en 4 uur")],
)
def test_hours_as_stored_in_the_scores(value, text):
    assert hours(value) == text


def test_the_template_filters():
    template = Template(
        "{% load figures %}{{ g|decimal:1 }}|{{ n|count }}|{{ p|percent }}|{{ h|hours }}|"
        "{{ d|duration }}"
    )
    context = Context({"g": 7.45, "n": 1250.0, "p": 83, "h": 0.2, "d": timedelta(days=2)})
    assert template.render(context) == "7,5|1.250|83%|minder dan een uur|2 dagen"


# On the pages ----------------------------------------------------------------------


@pytest.fixture
def score(company):
    from django.utils import timezone

    from scorecards.models import CompanyScore

    return CompanyScore.objects.create(
        company=company,
        computed_on=timezone.localdate(),
        complaints=9,
        first_reaction_terms=8,
        first_reaction_on_time=7,
        company_turns=12,
        company_turns_on_time=10,
        median_first_reaction_hours=0.4,
        first_reactions=8,
        rated=6,
        rated_solved=5,
        grade_sum=44,
        smoothed_grade=7.36,
        verdict="",
    )


@pytest.mark.django_db
def test_the_company_page_shows_dutch_figures(client, score, company):
    html = client.get(company.url).content.decode()
    card = html[html.index('<dl class="scorecard">') :]
    card = card[: card.index("</dl>")]

    assert "0 uur" not in card
    assert "minder dan een uur" in card
    assert "7,4 " in card  # smoothed grade
    assert '<span class="estimate-value">7,3</span>' in card  # 44 / 6, unweighted
    assert "88%" in card  # 7 of 8, first reactions on time
    assert "7.3" not in card and "7.4" not in card


@pytest.mark.django_db
def test_the_ranking_shows_dutch_figures_in_a_scroll_region(client, score):
    html = client.get("/pluimen/").content.decode()

    assert '<td class="num">7,4</td>' in html
    assert 'class="table-scroll" tabindex="0" role="region"' in html
    assert 'aria-label="Overige bedrijven met cijfers"' in html


@pytest.mark.django_db
def test_the_method_page_writes_thresholds_with_a_comma(client):
    html = client.get("/pluimen/methode/").content.decode()

    assert "gewogen cijfer 7,5 of hoger" in html
    assert "lager dan 5,5" in html
    assert "7.5" not in html and "5.5" not in html
