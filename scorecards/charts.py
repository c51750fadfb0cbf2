"""Trend charts on company pages, drawn server-side as SVG with pygal (no JavaScript,
no external files)."""

from datetime import date, timedelta
from xml.etree import ElementTree

import pygal
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from pygal.style import Style

MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
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
)


def _months(today: date, count: int = 12) -> list[date]:
    first = today.replace(day=1)
    months = []
    for _ in range(count):
        months.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    return list(reversed(months))


def _chart(kind, title: str, months: list[date], **options):
    chart = kind(
        style=STYLE,
        title=title,
        height=320,
        width=560,
        show_legend=False,
        js=[],
        disable_xml_declaration=True,
        explicit_size=False,
        x_label_rotation=0,
        print_values=False,
        **options,
    )
    chart.x_labels = [f"{MONTHS[m.month - 1]}" for m in months]
    return chart


def _svg(chart) -> str:
    """The chart as inline SVG without pygal's <script> (a configuration object for
    its optional tooltips): the page needs no script, and its Content-Security-Policy
    allows none inline."""
    tree = chart.render_tree()
    for parent in list(tree.iter()):
        for child in list(parent):
            if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    ElementTree.register_namespace("", "http://www.w3.org/2000/svg")
    ElementTree.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    return ElementTree.tostring(tree, encoding="unicode")


def complaints_per_month(company, today: date | None = None) -> str:
    from complaints.selectors import public_complaints

    today = today or timezone.localdate()
    months = _months(today)
    counts = dict(
        public_complaints()
        .filter(company=company, published_at__date__gte=months[0])
        .annotate(month=TruncMonth("published_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    by_month = {m.date() if hasattr(m, "date") else m: n for m, n in counts.items()}
    chart = _chart(pygal.Bar, "Klachten per maand", months)
    chart.add("klachten", [by_month.get(m, 0) for m in months])
    return _svg(chart)


def _monthly_scores(company, months):
    scores = {}
    for score in company.scores.filter(computed_on__gte=months[0]).order_by("computed_on"):
        scores[score.computed_on.replace(day=1)] = score  # the month's last snapshot
    return [scores.get(m) for m in months]


def on_time_trend(company, today: date | None = None) -> str:
    months = _months(today or timezone.localdate())
    chart = _chart(pygal.Line, "Eerste reactie op tijd (%)", months, range=(0, 100))
    chart.add(
        "op tijd",
        [s.first_reaction_on_time_pct if s else None for s in _monthly_scores(company, months)],
    )
    return _svg(chart)


def grade_trend(company, today: date | None = None) -> str:
    months = _months(today or timezone.localdate())
    chart = _chart(pygal.Line, "Gemiddeld cijfer", months, range=(1, 10))
    chart.add("cijfer", [s.mean_grade if s else None for s in _monthly_scores(company, months)])
    return _svg(chart)
