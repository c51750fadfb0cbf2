"""Dates on the site read as Dutch words in full: "3 oktober 2026", not "3 okt 2026"."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
DUTCH_MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def test_no_template_abbreviates_a_month():
    abbreviated = []
    for template in TEMPLATES.rglob("*.*"):
        for fmt in re.findall(r"\|date:\s*[\"']([^\"']*)[\"']", template.read_text()):
            # M: "okt", b: "okt", N: "okt.", E: the locale's alternative month name.
            if set(fmt) & set("MbNE"):
                abbreviated.append(f"{template.relative_to(TEMPLATES)}: {fmt}")
    assert not abbreviated


def test_the_site_speaks_dutch():
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.USE_I18N


@pytest.mark.django_db
def test_my_complaints_and_the_portal_show_the_term_in_full_dutch(
    client, make_complaint, consumer, representative
):
    complaint = make_complaint(status="awaiting_company")
    due = timezone.localtime(complaint.due_at)
    expected = f"{due.day} {DUTCH_MONTHS[due.month - 1]} {due.year}"
    client.force_login(consumer)
    assert expected in client.get("/mijn-klachten/").content.decode()
    client.force_login(representative)
    assert expected in client.get("/bedrijfsportaal/").content.decode()
