"""The portal says in words where each term stands: an overdue row is not marked by a
background colour alone."""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from complaints.templatetags.complaint_tags import company_term


def row_of(html: str, title: str) -> str:
    rows = re.findall(r"<tr[^>]*>.*?</tr>", html, re.S)
    return next(row for row in rows if title in row)


@pytest.mark.django_db
def test_an_overdue_row_says_so_in_words_and_is_marked(client, make_complaint, representative):
    make_complaint(
        status="awaiting_company",
        title="Al lang gewacht",
        now=timezone.now() - timedelta(days=20),
    )
    make_complaint(status="awaiting_company", title="Net binnen")
    make_complaint(status="awaiting_consumer", title="Aan de consument")
    client.force_login(representative)

    html = client.get("/bedrijfsportaal/").content.decode()

    overdue = row_of(html, "Al lang gewacht")
    assert 'class="overdue"' in overdue
    assert "Termijn verlopen" in overdue
    fresh = row_of(html, "Net binnen")
    assert "overdue" not in fresh and "Termijn verlopen" not in fresh
    assert re.search(r"nog 1[34] dagen", fresh)
    assert "jouw beurt" in fresh
    waiting = row_of(html, "Aan de consument")
    assert "overdue" not in waiting and "beurt van de consument" in waiting
    assert not re.search(r"\bu(w)?\b", html.split("<main", 1)[1].split("</main>")[0])


def complaint(status, due_in=None):
    now = timezone.now()
    return SimpleNamespace(status=status, due_at=now + due_in if due_in is not None else None)


@pytest.mark.parametrize(
    ("status", "due_in", "expected"),
    [
        ("awaiting_company", timedelta(hours=30), {"overdue": False, "days_left": 2}),
        ("awaiting_company", timedelta(hours=2), {"overdue": False, "days_left": 1}),
        ("awaiting_company", timedelta(minutes=-1), {"overdue": True, "days_left": None}),
        ("unanswered", None, {"overdue": True, "days_left": None}),
        ("awaiting_consumer", timedelta(days=-3), None),
        ("rated", None, None),
    ],
)
def test_company_term(status, due_in, expected):
    item = complaint(status, due_in)
    assert company_term(item, item.due_at - due_in if due_in is not None else None) == expected
