"""Trend charts on company pages, drawn server-side as SVG with pygal (no JavaScript,
no external files).

Each chart comes with its own text alternative: a caption that says what it shows and a
table with every value, so the picture itself is hidden from assistive technology."""

import copy
import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from xml.etree import ElementTree

import pygal
from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from pygal.style import Style

from core.dates import month_label
from scorecards.formatting import count, decimal, estimate, percent

NO_DATA = "Geen gegevens"
# Part of every drawn chart's cache key: raise it when the drawing changes (style, size),
# so that pictures drawn by the old code are not served after a deploy.
SVG_VERSION = 2
STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#1d2330",
    foreground_strong="#1d2330",
    foreground_subtle="#d6dbe4",
    colors=("#0b5cab", "#1d5b2c", "#8a4b00"),
    font_family="system-ui, sans-serif",
    label_font_size=16,
    major_label_font_size=16,
    title_font_size=20,
    no_data_font_size=20,
)


@dataclass
class Chart:
    """A chart and its text alternative. `svg` is empty when there is nothing to draw."""

    title: str
    value_heading: str
    summary: str
    rows: list[tuple[str, str]] = field(default_factory=list)  # (month, formatted value)
    svg: str = ""
    legend: str = ""  # what the picture's marks mean, said under it

    @property
    def empty(self) -> bool:
        return not self.svg


def short_month(month: date) -> str:
    """ "okt 2026": the axis label."""
    return month_label(month, short=True)


def long_month(month: date) -> str:
    """ "oktober 2026": the table's row heading."""
    return month_label(month)


def _months(today: date, count: int = 12) -> list[date]:
    first = today.replace(day=1)
    months = []
    for _ in range(count):
        months.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    return list(reversed(months))


def whole_ticks(highest: int, most: int = 6) -> list[int]:
    """Whole-number axis ticks from 0 to at least `highest`, at most `most` + 1 of them:
    a count of complaints is never 2,5."""
    step, multipliers = 1, [2, 2.5, 2]  # 1, 2, 5, 10, 20, 50, 100 ...
    while highest / step > most:
        step = int(step * multipliers[0])
        multipliers.append(multipliers.pop(0))
    top = -(-max(highest, 1) // step) * step
    return list(range(0, top + 1, step))


def _chart(kind, title: str, months: list[date], y_labels: list, formatter, **options):
    chart = kind(
        style=STYLE,
        # No title in the picture: the figure's caption carries it, once.
        title=None,
        height=300,
        # Room for the last month's label, which is centred on the last point.
        margin_right=36,
        width=560,
        show_legend=False,
        js=[],
        disable_xml_declaration=True,
        explicit_size=False,
        x_label_rotation=0,
        print_values=False,
        no_data_text=NO_DATA,
        y_labels=y_labels,
        value_formatter=formatter,
        # "okt 2026" under every second month, counted back from the latest: all twelve
        # would overlap at this width (the table lists each one).
        x_labels_major=[short_month(m) for m in months[::-1][::2]],
        show_minor_x_labels=False,
        truncate_label=-1,
        **options,
    )
    chart.x_labels = [short_month(m) for m in months]
    return chart


def _svg(chart) -> str:
    """The chart as inline SVG, hidden from assistive technology (the figure's caption
    and table say the same in words), without pygal's <script> (a configuration object
    for its optional tooltips): the page needs no script, and its Content-Security-Policy
    allows none inline."""
    tree = chart.render_tree()
    for parent in list(tree.iter()):
        for child in list(parent):
            if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    tree.set("aria-hidden", "true")
    tree.set("focusable", "false")
    ElementTree.register_namespace("", "http://www.w3.org/2000/svg")
    ElementTree.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    return ElementTree.tostring(tree, encoding="unicode")


# How long a drawn chart stays in the shared cache. Its key is its figures, so a change
# in them is a new key at once; this only bounds what unused pictures take up.
DRAWN_FOR = 7 * 24 * 3600


def _drawn(kind: str, months: list[date], values: list, draw) -> str:
    """The SVG for these figures, drawn once. pygal's drawing is most of a company page's
    work; the same figures give the same picture, so every later view (on any process)
    reads it from the shared cache. Nothing to invalidate: other figures, other key."""
    figures = repr((SVG_VERSION, kind, [m.isoformat() for m in months], values))
    key = "scorecards:chart:" + hashlib.sha256(figures.encode()).hexdigest()
    svg = cache.get(key)
    if svg is None:
        svg = draw()
        cache.set(key, svg, DRAWN_FOR)
    return svg


def _period(months: list[date]) -> str:
    return f"{long_month(months[0])} tot en met {long_month(months[-1])}"


def complaints_per_month(company, today: date | None = None) -> Chart:
    from complaints.selectors import public_complaints

    today = today or timezone.localdate()
    months = _months(today)
    # From local midnight of the first month, as a moment: a range on the column itself,
    # so the (company, published_at) index serves it (a filter on its local date cannot).
    since = timezone.make_aware(datetime.combine(months[0], time.min))
    counts = dict(
        public_complaints()
        .filter(company=company, published_at__gte=since)
        # Without its newest-first ordering: ordered fields join the GROUP BY, and every
        # complaint would be a month of its own.
        .order_by()
        .annotate(month=TruncMonth("published_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    by_month = {m.date() if hasattr(m, "date") else m: n for m, n in counts.items()}
    values = [by_month.get(m, 0) for m in months]
    title = "Klachten per maand"
    total = sum(values)
    if not total:
        return Chart(title, "Klachten", f"Geen openbare klachten van {_period(months)}.")
    busiest = max(range(len(months)), key=lambda i: (values[i], i))
    summary = (
        f"{count(total)} klacht{'en' if total != 1 else ''} van {_period(months)}; "
        f"de meeste in {long_month(months[busiest])} ({count(values[busiest])})."
    )

    def draw():
        chart = _chart(pygal.Bar, title, months, whole_ticks(max(values)), count)
        chart.add("klachten", values)
        return _svg(chart)

    rows = [(long_month(m), count(v)) for m, v in zip(months, values, strict=True)]
    return Chart(title, "Klachten", summary, rows, _drawn("per-month", months, values, draw))


def _monthly_scores(company, months):
    scores = {}
    for score in company.scores.filter(computed_on__gte=months[0]).order_by("computed_on"):
        scores[score.computed_on.replace(day=1)] = score  # the month's last snapshot
    return [scores.get(m) for m in months]


# The look of a month whose figure rests on few observations ("onzeker"): an open dot,
# so the picture marks it as the scorecard and the table do in words.
UNCERTAIN_DOT = {
    "class": "dot reactive tooltip-trigger uncertain",
    "style": "fill: #fff; stroke-width: 2",
}
UNCERTAIN_ROW = ", onzeker: nog weinig gegevens"
# Under the picture, what its marks mean; each part only when the chart has such a mark.
INTERVAL_LEGEND = "De verticale lijnen geven per maand het 95%-interval."
UNCERTAIN_LEGEND = "Een open rondje betekent onzeker: nog weinig gegevens."


def _point(value, estimate, scale: float):
    """A month's point for pygal: the figure, with its 95% interval as an error bar
    (pygal's manual confidence interval) when there is one, and an open dot when the
    month has few observations. Rounded, so that the cache key does not carry float
    noise; the bar is drawn at the precision the table gives."""
    if value is None:
        return None
    point = {"value": value}
    if estimate is not None and estimate.interval is not None:
        low = round(estimate.interval.low * scale, 1)
        high = round(estimate.interval.high * scale, 1)
        point["ci"] = {"low": low, "high": high}
    if estimate is not None and estimate.few:
        point["node"] = dict(UNCERTAIN_DOT)
    return point


def _trend(
    title, heading, months, values, y_labels, axis_format, value_format, estimates=None, scale=1
) -> Chart:
    """estimates: each month's scorecards.intervals.Estimate (or None); the table gives
    the value with its interval, and the chart draws the interval as a bar. `scale`
    turns the interval into the chart's unit (100 for a share drawn as a percentage)."""
    known = [(m, v) for m, v in zip(months, values, strict=True) if v is not None]
    if not known:
        return Chart(title, heading, f"Nog geen cijfers van {_period(months)}.")
    last_month, last = known[-1]
    summary = (
        f"Per maand, {_period(months)}; laatst {value_format(last)} ({long_month(last_month)})."
    )
    if estimates is None:
        estimates = [None] * len(months)
    points = [_point(v, e, scale) for v, e in zip(values, estimates, strict=True)]

    def draw():
        chart = _chart(
            pygal.Line,
            title,
            months,
            y_labels,
            axis_format,
            range=(y_labels[0], y_labels[-1]),
            # Large enough for an open dot to read as open.
            dots_size=4,
        )
        # pygal keeps the metadata dicts it is given and writes into them while drawing.
        chart.add(heading.lower(), copy.deepcopy(points))
        return _svg(chart)

    row_texts = [
        value_format(v) if e is None else estimate(e) + (UNCERTAIN_ROW if e.few else "")
        for v, e in zip(values, estimates, strict=True)
    ]
    rows = [(long_month(m), text) for m, text in zip(months, row_texts, strict=True)]
    legend = []
    if any(p and "ci" in p for p in points):
        legend.append(INTERVAL_LEGEND)
    if any(p and "node" in p for p in points):
        legend.append(UNCERTAIN_LEGEND)
    return Chart(
        title,
        heading,
        summary,
        rows,
        _drawn(title, months, points, draw),
        legend=" ".join(legend),
    )


def on_time_trend(company, today: date | None = None) -> Chart:
    months = _months(today or timezone.localdate())
    snapshots = _monthly_scores(company, months)
    return _trend(
        "Eerste reactie op tijd",
        "Op tijd",
        months,
        [s.first_reaction_on_time_pct if s else None for s in snapshots],
        [0, 20, 40, 60, 80, 100],
        percent,
        percent,
        [s.first_reaction_estimate if s else None for s in snapshots],
        scale=100,
    )


def grade_trend(company, today: date | None = None) -> Chart:
    months = _months(today or timezone.localdate())
    snapshots = _monthly_scores(company, months)
    return _trend(
        "Gemiddeld cijfer",
        "Cijfer",
        months,
        [s.mean_grade if s else None for s in snapshots],
        list(range(1, 11)),
        count,
        lambda v: decimal(v, 1),
        [s.grade_estimate if s else None for s in snapshots],
    )
