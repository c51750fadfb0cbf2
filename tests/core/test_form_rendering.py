"""Forms as a screen reader meets them: questions with choices are groups with a legend,
help and error texts are tied to their field, and a failed submit says so in the page
title and in a summary at the top that links to each field."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def scope_page(client, consumer, company, data=None):
    client.force_login(consumer)
    url = f"/klacht-indienen/bedrijf/{company.pk}/"
    response = client.post(url, data) if data is not None else client.get(url)
    assert response.status_code == (400 if data is not None else 200)
    return BeautifulSoup(response.content, "html.parser")


def test_radio_questions_are_fieldsets_with_a_legend(client, consumer, company):
    page = scope_page(client, consumer, company)
    radio = page.find("input", {"name": "government"})
    fieldset = radio.find_parent("fieldset")
    assert fieldset is not None
    assert "overheid" in fieldset.find("legend").get_text()
    assert page.title.get_text().startswith("Fout") is False
    assert page.find(attrs={"data-error-summary": True}) is None


def test_help_text_is_what_the_field_points_at(client, consumer, company):
    page = scope_page(client, consumer, company)
    field = page.find("input", {"name": "told_company_how"})
    described = field["aria-describedby"].split()
    assert [page.find(id=ref) for ref in described] != [None]
    assert "klantenservice" in page.find(id=described[0]).get_text()
    group = page.find("input", {"name": "bought_directly"}).find_parent("fieldset")
    assert "tussenpersoon" in page.find(id=group["aria-describedby"]).get_text()


def test_a_failed_submit_titles_the_page_and_links_every_error(client, consumer, company):
    page = scope_page(client, consumer, company, data={})
    assert page.title.get_text().startswith("Fout: ")
    summary = page.find(attrs={"data-error-summary": True})
    assert summary["role"] == "alert" and summary["tabindex"] == "-1"
    links = summary.find_all("a")
    assert len(links) == 4  # the four yes/no questions
    for link in links:
        target = page.find(id=link["href"][1:])
        assert target is not None and target.name == "input"
    group = page.find("input", {"name": "government"}).find_parent("fieldset")
    error = page.find(id=group["aria-describedby"].split()[-1])
    assert "has-error" in group["class"] and error is not None and "Fout" in error.get_text()
    assert page.find(string=lambda s: s and "moet je invullen" in s) is not None
