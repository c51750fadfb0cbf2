"""import_complaints: the DESIGN.md line format, replayed through the state machine."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from complaints.models import ComplaintPage
from complaints.states import TERM

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def at(days_ago: float) -> str:
    return (NOW - timedelta(days=days_ago)).isoformat()


def line(**overrides) -> dict:
    data = {
        "external_id": "arch-000123",
        "company": {"name": "Voorbeeld Telecom B.V.", "kvk": "12345678", "sector": "Telecom"},
        "topic": "Levering",
        "title": "Modem nooit geleverd",
        "description": "Het modem dat ik bestelde is nooit geleverd, ook niet na twee keer bellen.",
        "desired_outcome": "Levering binnen een week of mijn geld terug.",
        "private_details": "Ordernummer 998877, Kerkstraat 1",
        "status": "awaiting_consumer",
        "submitted_at": at(5),
        "published_at": at(4),
        "consumer": {"email": "jan@example.invalid", "name": "Jan"},
        "reactions": [{"by": "company", "at": at(3), "body": "We sturen een nieuw modem."}],
    }
    data.update(overrides)
    return data


def run(tmp_path, lines, capsys):
    path = tmp_path / "import.jsonl"
    path.write_text("\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines) + "\n")
    code = 0
    try:
        call_command("import_complaints", str(path))
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_line_is_replayed_with_its_own_timestamps(tmp_path, capsys, company_index, index):
    code, out, _err = run(tmp_path, [line()], capsys)

    assert code == 0
    complaint = ComplaintPage.objects.get(external_id="arch-000123")
    assert complaint.status == "awaiting_consumer" and complaint.live
    reaction_at = complaint.reactions.get().created_at
    assert complaint.due_at == reaction_at + TERM  # the consumer's term, from the reaction
    assert complaint.company.kvk_number == "12345678" and complaint.company.sector.name == "Telecom"
    assert complaint.private_details.details.startswith("Ordernummer")
    assert "1 klachten aangemaakt" in out and "1 in de zoekindex" in out


def test_a_rerun_updates_instead_of_duplicating(tmp_path, capsys, company_index, index):
    run(tmp_path, [line()], capsys)

    code, out, _err = run(tmp_path, [line(title="Modem nooit geleverd (bijgewerkt)")], capsys)

    assert code == 0 and "1 bijgewerkt" in out
    assert ComplaintPage.objects.count() == 1
    assert ComplaintPage.objects.get().title == "Modem nooit geleverd (bijgewerkt)"


def test_terms_that_passed_long_ago_are_applied_as_the_clock_would(
    tmp_path, capsys, company_index, index
):
    old = line(
        external_id="oud",
        status="unanswered",
        submitted_at=at(40),
        published_at=at(39),
        reactions=[],
    )
    expired = line(
        external_id="verlopen",
        status="expired",
        submitted_at=at(900),
        published_at=at(899),
        reactions=[],
    )

    code, _out, err = run(tmp_path, [old, expired], capsys)

    assert code == 0, err
    unanswered = ComplaintPage.objects.get(external_id="oud")
    assert (
        unanswered.events.get(action="company_term_missed").created_at
        == unanswered.published_at + TERM
    )
    assert not ComplaintPage.objects.get(external_id="verlopen").live


def test_bad_lines_are_reported_with_their_number_and_store_nothing(
    tmp_path, capsys, company_index, index
):
    lines = [
        line(external_id="goed-1"),
        "{dit is geen json",
        line(external_id="zonder-titel", title=""),
        line(external_id="raar", status="opgelost"),
        line(external_id="toekomst", submitted_at=(NOW + timedelta(days=3)).isoformat()),
        line(
            external_id="verkeerde-beurt",
            reactions=[{"by": "consumer", "at": at(3), "body": "Hallo"}],
        ),
        line(
            external_id="cijfer", status="rated", rating={"grade": 11, "solved": True, "at": at(1)}
        ),
        line(
            external_id="goed-2",
            status="rated",
            rating={"grade": 8, "solved": True, "comment": "Top", "at": at(1)},
        ),
    ]

    code, out, err = run(tmp_path, lines, capsys)

    assert code == 1
    for number in [2, 3, 4, 5, 6, 7]:
        assert f"regel {number}:" in err
    assert "regel 1:" not in err and "regel 8:" not in err
    assert set(ComplaintPage.objects.values_list("external_id", flat=True)) == {"goed-1", "goed-2"}
    assert ComplaintPage.objects.get(external_id="goed-2").rating.grade == 8
    assert "2 klachten aangemaakt" in out and "6 regels geweigerd" in out


def test_the_private_part_of_an_import_is_not_searchable(
    tmp_path, capsys, company_index, index, client, es
):
    from search.indexing import alias

    run(tmp_path, [line(private_details="GEHEIMIMPORT77")], capsys)
    es.indices.refresh(index=alias())

    assert client.get("/api/v2/complaints/search/", {"q": "GEHEIMIMPORT77"}).json()["count"] == 0
    assert client.get("/api/v2/complaints/search/", {"q": "modem"}).json()["count"] == 1
