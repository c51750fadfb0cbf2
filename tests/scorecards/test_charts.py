"""The trend charts count in whole numbers, speak Dutch and come with a text
alternative (a caption and a table of every value)."""

from datetime import date, datetime, time
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from core.dates import MONTH_ABBREVIATIONS
from scorecards import charts
from scorecards.charts import long_month, short_month, whole_ticks

TODAY = date(2026, 10, 15)
SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize(
    ("highest", "ticks"),
    [
        (0, [0, 1]),
        (1, [0, 1]),
        (3, [0, 1, 2, 3]),
        (7, [0, 2, 4, 6, 8]),
        (13, [0, 5, 10, 15]),
        (31, [0, 10, 20, 30, 40]),
        (250, [0, 50, 100, 150, 200, 250]),
    ],
)
def test_axis_ticks_are_whole_numbers(highest, ticks):
    assert whole_ticks(highest) == ticks


@pytest.mark.parametrize(
    ("month", "short", "long"),
    [
        (date(2026, 10, 1), "okt 2026", "oktober 2026"),
        (date(2026, 3, 1), "mrt 2026", "maart 2026"),
        (date(2025, 5, 1), "mei 2025", "mei 2025"),
    ],
)
def test_month_labels_are_dutch(month, short, long):
    assert short_month(month) == short
    assert long_month(month) == long


def axis_labels(svg: str, axis: str) -> list[str]:
    tree = ElementTree.fromstring(svg)
    labels = []
    for group in tree.iter(f"{SVG}g"):
        if group.get("class", "").split()[:2] == ["axis", axis]:
            labels += [t.text for t in group.iter(f"{SVG}text") if t.text]
    return labels


def published_on(make_complaint, day: date, n: int = 1):
    moment = timezone.make_aware(datetime.combine(day, time(10)))
    for i in range(n):
        title = f"Pakket {i + 1} van {day:%d-%m} nooit bezorgd"
        make_complaint(status="awaiting_company", now=moment, notify=False, title=title)


@pytest.mark.django_db
def test_complaints_per_month_counts_whole_and_labels_in_dutch(company, make_complaint):
    published_on(make_complaint, date(2026, 8, 3), n=3)
    published_on(make_complaint, date(2026, 10, 2))

    chart = charts.complaints_per_month(company, today=TODAY)

    assert not chart.empty
    tree = ElementTree.fromstring(chart.svg)
    assert tree.get("aria-hidden") == "true"
    assert not list(tree.iter(f"{SVG}script"))
    assert axis_labels(chart.svg, "y") == ["0", "1", "2", "3"]
    x = axis_labels(chart.svg, "x")
    assert "okt 2026" in x and all(label.split()[0] in MONTH_ABBREVIATIONS for label in x)
    assert chart.rows[0] == ("november 2025", "0")
    assert ("augustus 2026", "3") in chart.rows
    assert chart.rows[-1] == ("oktober 2026", "1")
    assert chart.summary == (
        "4 klachten van november 2025 tot en met oktober 2026; de meeste in augustus 2026 (3)."
    )


@pytest.mark.django_db
def test_without_complaints_or_scores_the_charts_say_so(company):
    for make in (charts.complaints_per_month, charts.on_time_trend, charts.grade_trend):
        chart = make(company, today=TODAY)
        assert chart.empty and not chart.rows
        assert "november 2025 tot en met oktober 2026" in chart.summary


@pytest.fixture
def scores(company):
    from scorecards.models import CompanyScore

    def snapshot(day, on_time, terms, grade_sum, rated):
        return CompanyScore.objects.create(
            company=company,
            computed_on=day,
            first_reaction_terms=terms,
            first_reaction_on_time=on_time,
            rated=rated,
            grade_sum=grade_sum,
            smoothed_grade=7.0,
        )

    snapshot(date(2026, 9, 30), 5, 6, 22, 3)
    snapshot(date(2026, 10, 14), 7, 8, 37, 5)


@pytest.mark.django_db
def test_trends_in_dutch_numbers(company, scores):
    on_time = charts.on_time_trend(company, today=TODAY)
    grade = charts.grade_trend(company, today=TODAY)

    # The table gives each month's interval too (Wilson: 5 of 6, 7 of 8).
    assert on_time.rows[-2:] == [
        ("september 2026", "83% (95%-interval 44–97%)"),
        ("oktober 2026", "88% (95%-interval 53–98%)"),
    ]
    assert on_time.rows[0] == ("november 2025", "—")
    assert axis_labels(on_time.svg, "y") == ["0%", "20%", "40%", "60%", "80%", "100%"]
    # Snapshots without the squares (kept before them) show no invented interval.
    assert grade.rows[-2:] == [
        ("september 2026", "7,3 (interval nog niet berekend)"),
        ("oktober 2026", "7,4 (interval nog niet berekend)"),
    ]
    assert axis_labels(grade.svg, "y") == [str(n) for n in range(1, 11)]
    assert grade.summary.endswith("laatst 7,4 (oktober 2026).")


@pytest.mark.django_db
def test_the_company_page_gives_each_chart_a_caption_and_a_table(client, company, scores):
    html = client.get(company.url).content.decode()

    assert html.count('<figure class="chart') == 3
    assert html.count("<figcaption>") == 3
    assert "Geen gegevens" in html  # no complaints this year
    assert html.count("<summary>Toon de cijfers") == 2
    assert 'role="region" aria-label="Cijfers: eerste reactie op tijd"' in html
    assert '<th scope="row">oktober 2026</th><td class="num">88% (95%-interval 53–98%)</td>' in html
    assert 'aria-hidden="true"' in html


@pytest.mark.django_db
def test_a_chart_is_drawn_once_and_again_only_when_its_figures_change(
    company, make_complaint, monkeypatch
):
    drawn = []
    real_svg = charts._svg
    monkeypatch.setattr(charts, "_svg", lambda chart: drawn.append(1) or real_svg(chart))
    published_on(make_complaint, date(2026, 9, 3))

    first = charts.complaints_per_month(company, today=TODAY)
    again = charts.complaints_per_month(company, today=TODAY)
    published_on(make_complaint, date(2026, 9, 3))
    changed = charts.complaints_per_month(company, today=TODAY)

    # Counting the drawings needs the patch: there is no other way to see pygal's work.
    assert len(drawn) == 2
    assert again.svg == first.svg
    assert changed.svg != first.svg
    assert ("september 2026", "2") in changed.rows


@pytest.mark.django_db
def test_the_company_page_makes_as_many_queries_for_many_complaints_as_for_few(
    client, company, scores, make_complaint
):
    """10 complaints against 10,000: the figures, lists and charts are all set-based."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.sqlcopy import clone_complaints

    def queries():
        client.get(company.url)  # warm: drawn charts and Wagtail's cached paths
        with CaptureQueriesContext(connection) as captured:
            assert client.get(company.url).status_code == 200
        return len(captured)

    open_one = make_complaint(company=company, status="awaiting_company", title="Open klacht")
    rated_one = make_complaint(company=company, status="rated", grade=7, title="Beoordeeld")
    clone_complaints(open_one, 4, open_one.due_at, "awaiting_company")
    clone_complaints(rated_one, 4, open_one.due_at, "rated")
    few = queries()
    clone_complaints(open_one, 4_995, open_one.due_at, "awaiting_company")
    clone_complaints(rated_one, 4_995, open_one.due_at, "rated")
    assert company.complaints.count() == 10_000  # the copies count as the company's
    many = queries()

    assert many == few
