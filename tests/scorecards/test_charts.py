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
    # Snapshots without the squares (kept before them) show no invented interval; three
    # grades are few.
    assert grade.rows[-2:] == [
        ("september 2026", "7,3 (interval nog niet berekend), onzeker: nog weinig gegevens"),
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


def y_scale(svg: str):
    """From the y axis' first and last guide lines: a function from a chart value to
    its vertical position in the picture."""
    tree = ElementTree.fromstring(svg)
    guides = []
    for group in tree.iter(f"{SVG}g"):
        if group.get("class", "").split()[:2] == ["axis", "y"]:
            for guide in group.findall(f"{SVG}g"):
                path, text = guide.find(f"{SVG}path"), guide.find(f"{SVG}text")
                number = float(text.text.rstrip("%").replace(",", "."))
                guides.append((number, float(path.get("d").split()[1])))
    (v0, y0), (v1, y1) = guides[0], guides[-1]
    return lambda value: y0 + (value - v0) * (y1 - y0) / (v1 - v0)


def bars(svg: str) -> list[tuple[float, float, float]]:
    """Each drawn interval as (x, top y, bottom y), from pygal's error-bar paths
    ("M x top L x+7 top M x top L x-7 top M x top L x bottom ...")."""
    tree = ElementTree.fromstring(svg)
    found = []
    for group in tree.iter(f"{SVG}g"):
        if group.get("class") == "ci":
            numbers = [
                float(n)
                for n in group.find(f"{SVG}path")
                .get("d")
                .replace("M", " ")
                .replace("L", " ")
                .split()
            ]
            found.append((numbers[0], numbers[1], numbers[11]))
    return found


def dots(svg: str) -> list[tuple[float, str]]:
    tree = ElementTree.fromstring(svg)
    return [
        (float(c.get("cx")), c.get("class"))
        for c in tree.iter(f"{SVG}circle")
        if "dot" in c.get("class", "")
    ]


@pytest.fixture
def graded(company):
    """Two months with the squares of the grades kept: September few (3 grades: 6, 7, 9),
    October enough (6 grades: 5, 6, 7, 7, 8, 9); August a single grade (8)."""
    from scorecards.models import CompanyScore

    def snapshot(day, on_time, terms, grades):
        return CompanyScore.objects.create(
            company=company,
            computed_on=day,
            first_reaction_terms=terms,
            first_reaction_on_time=on_time,
            rated=len(grades),
            grade_sum=sum(grades),
            grade_sum_squares=sum(g * g for g in grades),
            smoothed_grade=7.0,
        )

    snapshot(date(2026, 8, 31), 1, 1, [8])
    snapshot(date(2026, 9, 30), 5, 6, [6, 7, 9])
    snapshot(date(2026, 10, 14), 7, 8, [5, 6, 7, 7, 8, 9])


@pytest.mark.django_db
def test_the_on_time_chart_draws_each_months_interval(company, graded):
    from scorecards.intervals import wilson

    chart = charts.on_time_trend(company, today=TODAY)

    y = y_scale(chart.svg)
    drawn = bars(chart.svg)
    # August (1 of 1), September (5 of 6), October (7 of 8): a bar each, in month order.
    assert len(drawn) == 3
    for (_, top, bottom), (on_time, terms) in zip(drawn, [(1, 1), (5, 6), (7, 8)], strict=True):
        interval = wilson(on_time, terms)
        assert top == pytest.approx(y(round(100 * interval.high, 1)), abs=0.01)
        assert bottom == pytest.approx(y(round(100 * interval.low, 1)), abs=0.01)
    # September's bar: 44% to 97%, around its dot.
    x, top, bottom = drawn[1]
    assert bottom == pytest.approx(y(43.6), abs=0.01) and top == pytest.approx(y(97.0), abs=0.01)
    assert x == pytest.approx(dots(chart.svg)[1][0], abs=0.01)
    # August rests on a single reaction: drawn, with its (wide) bar, as an open dot.
    assert drawn[0][2] == pytest.approx(y(20.7), abs=0.01)
    assert [cls.split()[-1] for _, cls in dots(chart.svg)] == [
        "uncertain",
        "tooltip-trigger",
        "tooltip-trigger",
    ]
    assert chart.rows[-3:] == [
        ("augustus 2026", "100% (95%-interval 21–100%), onzeker: nog weinig gegevens"),
        ("september 2026", "83% (95%-interval 44–97%)"),
        ("oktober 2026", "88% (95%-interval 53–98%)"),
    ]
    assert chart.legend == (
        "De verticale lijnen geven per maand het 95%-interval. "
        "Een open rondje betekent onzeker: nog weinig gegevens."
    )


@pytest.mark.django_db
def test_the_grade_chart_draws_the_t_interval_and_no_bar_for_a_single_grade(company, graded):
    from scorecards.intervals import mean_interval

    chart = charts.grade_trend(company, today=TODAY)

    y = y_scale(chart.svg)
    drawn = bars(chart.svg)
    # August has one grade: its dot is drawn (open), but there is no interval to draw.
    assert len(drawn) == 2
    assert len(dots(chart.svg)) == 3
    september = mean_interval(3, 22, 36 + 49 + 81)
    october = mean_interval(6, 42, 25 + 36 + 49 + 49 + 64 + 81)
    for (_, top, bottom), interval in zip(drawn, [september, october], strict=True):
        assert top == pytest.approx(y(round(interval.high, 1)), abs=0.01)
        assert bottom == pytest.approx(y(round(interval.low, 1)), abs=0.01)
    # September's t interval (2 degrees of freedom) is cut to the scale at 10.
    assert drawn[0][1] == pytest.approx(y(10), abs=0.01)
    assert [cls.split()[-1] for _, cls in dots(chart.svg)] == [
        "uncertain",
        "uncertain",
        "tooltip-trigger",
    ]
    assert chart.rows[-3:] == [
        (
            "augustus 2026",
            "8,0 (te weinig gegevens voor een interval), onzeker: nog weinig gegevens",
        ),
        ("september 2026", "7,3 (95%-interval 3,5–10,0), onzeker: nog weinig gegevens"),
        ("oktober 2026", "7,0 (95%-interval 5,5–8,5)"),
    ]


@pytest.mark.django_db
def test_a_trend_chart_is_drawn_again_when_only_its_interval_changes(company):
    """83% of 6 and 83% of 12 are the same point with different bars: not the same
    picture from the cache."""
    from scorecards.models import CompanyScore

    score = CompanyScore.objects.create(
        company=company,
        computed_on=date(2026, 10, 14),
        first_reaction_terms=6,
        first_reaction_on_time=5,
    )
    narrow_before = charts.on_time_trend(company, today=TODAY)
    score.first_reaction_terms, score.first_reaction_on_time = 12, 10
    score.save()
    after = charts.on_time_trend(company, today=TODAY)

    assert after.svg != narrow_before.svg
    (_, top_before, bottom_before), (_, top_after, bottom_after) = bars(narrow_before.svg) + bars(
        after.svg
    )
    assert bottom_after - top_after < bottom_before - top_before


@pytest.mark.django_db
def test_the_company_page_explains_the_bars_under_the_chart(client, company, graded):
    html = client.get(company.url).content.decode()

    assert html.count('<p class="chart-legend meta">') == 2
    assert '<g class="ci">' in html
