"""Open data: the scores per company per month (CC0), streamed as CSV and JSON Lines."""

import csv
import io
import json
from datetime import datetime

import pytest
from django.utils import timezone

from scorecards.opendata import MONTHLY_COLUMNS, MONTHLY_FIELDS

pytestmark = pytest.mark.django_db


def at(year, month, day):
    return timezone.make_aware(datetime(year, month, day, 12))


def csv_rows(client, **extra):
    response = client.get("/api/v2/scores/monthly.csv", **extra)
    body = b"".join(response.streaming_content).decode()
    return response, list(csv.DictReader(io.StringIO(body, newline="")))


def jsonl_rows(client):
    response = client.get("/api/v2/scores/monthly.jsonl")
    lines = b"".join(response.streaming_content).decode().splitlines()
    return response, [json.loads(line) for line in lines]


def test_rows_per_company_and_month_of_public_complaints_only(client, make_complaint, company):
    make_complaint(status="rated", grade=9, now=at(2026, 1, 10))
    make_complaint(status="rated", grade=5, now=at(2026, 1, 20))
    make_complaint(status="unanswered", now=at(2026, 1, 25))
    make_complaint(status="awaiting_company", now=at(2026, 3, 5))
    # Never public, or no longer: none of these count anywhere.
    make_complaint(status="withdrawn", now=at(2026, 1, 11))
    make_complaint(status="in_moderation", now=at(2026, 1, 12))
    make_complaint(status="expired", now=at(2026, 3, 6))

    response, rows = jsonl_rows(client)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-ndjson")
    assert [(r["company_slug"], r["month"]) for r in rows] == [
        (company.slug, "2026-01"),
        (company.slug, "2026-03"),
    ]
    january, march = rows
    assert list(january) == MONTHLY_COLUMNS
    assert january["company_name"] == "Polderpost"
    assert january["complaints"] == 3
    assert (january["first_reaction_terms"], january["first_reaction_on_time"]) == (3, 2)
    assert january["first_reaction_on_time_share"] == 0.6667
    assert january["first_reaction_on_time_share_low"] == 0.2077  # Wilson, 2 of 3
    assert january["first_reaction_on_time_share_high"] == 0.9385
    assert (january["rated"], january["solved"], january["solved_share"]) == (2, 1, 0.5)
    assert january["mean_grade"] == 7.0
    # Two grades, 9 and 5: s = 2.83, t(1) = 12.7, cut to the scale.
    assert (january["mean_grade_low"], january["mean_grade_high"]) == (1, 10)
    assert march["complaints"] == 1 and march["first_reaction_terms"] == 0
    assert march["first_reaction_on_time_share"] is None and march["mean_grade"] is None


def test_the_csv_has_the_stable_columns_and_says_its_licence(client, make_complaint):
    make_complaint(status="rated", grade=8, now=at(2026, 2, 3))

    response, rows = csv_rows(client)

    assert response["Content-Type"].startswith("text/csv")
    assert response["X-License"] == "CC0-1.0"
    assert 'rel="license"' in response["Link"] and "publicdomain/zero/1.0" in response["Link"]
    assert "attachment" in response["Content-Disposition"]
    assert list(rows[0]) == MONTHLY_COLUMNS
    assert rows[0]["month"] == "2026-02" and rows[0]["mean_grade"] == "8.0"
    assert rows[0]["mean_grade_low"] == ""  # one grade: no interval, an empty cell


def test_nothing_private_is_published(client, make_complaint, consumer):
    secret = "GEHEIM-ordernummer-771"
    make_complaint(status="rated", private_details=secret, now=at(2026, 2, 3))

    _, rows = csv_rows(client)
    body = json.dumps(rows)

    assert secret not in body and consumer.email not in body and "@" not in body


def test_the_csv_neutralises_spreadsheet_formulas(client, company_index, consumer):
    from companies.factories import CompanyPageFactory
    from complaints.factories import make_complaint

    evil = CompanyPageFactory(parent=company_index, title='=HYPERLINK("x","Klik")', slug="evil")
    make_complaint(company=evil, consumer=consumer, status="awaiting_company", now=at(2026, 2, 3))

    _, rows = csv_rows(client)
    _, items = jsonl_rows(client)

    assert rows[0]["company_name"] == "'" + '=HYPERLINK("x","Klik")'
    assert items[0]["company_name"] == '=HYPERLINK("x","Klik")'  # programs get the text as is


def test_the_monthly_scores_are_rate_limited_like_the_export(client, settings):
    settings.EXPORT_RATE = "2/10m"

    codes = [
        client.get("/api/v2/scores/monthly.csv", REMOTE_ADDR="198.51.100.9").status_code
        for _ in range(3)
    ]

    assert codes == [200, 200, 429]


def test_an_unknown_format_is_not_found(client):
    assert client.get("/api/v2/scores/monthly.xml").status_code == 404


def test_the_openapi_description_matches_the_live_rows(client, make_complaint):
    import jsonschema_rs  # schemathesis's validator (requirements-dev)

    make_complaint(status="rated", grade=8, now=at(2026, 2, 3))
    make_complaint(status="unanswered", now=at(2026, 4, 3))
    spec = client.get("/api/v2/openapi.json").json()
    schema = spec["components"]["schemas"]["MonthlyScore"]

    _, rows = jsonl_rows(client)

    assert schema["required"] == MONTHLY_COLUMNS
    # The properties are the columns' own schemas, in the columns' order: one source.
    assert list(schema["properties"]) == MONTHLY_COLUMNS
    assert schema["properties"] == MONTHLY_FIELDS
    assert {"/api/v2/scores/monthly.csv", "/api/v2/scores/monthly.jsonl"} <= set(spec["paths"])
    for row in rows:
        jsonschema_rs.validate(schema, row)


def test_a_new_column_is_described_in_the_openapi_schema_at_once(client, monkeypatch):
    """The schema is built from MONTHLY_FIELDS when asked for, not copied from it."""
    monkeypatch.setitem(MONTHLY_FIELDS, "offers_due", {"type": "integer", "minimum": 0})

    schema = client.get("/api/v2/openapi.json").json()["components"]["schemas"]["MonthlyScore"]

    assert schema["required"][-1] == "offers_due"
    assert schema["properties"]["offers_due"] == {"type": "integer", "minimum": 0}
