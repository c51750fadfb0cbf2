"""import_complaints: the DESIGN.md line format, replayed through the state machine."""

import json
from datetime import datetime, timedelta

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


def encode(item) -> bytes:
    if isinstance(item, bytes):
        return item
    return (json.dumps(item) if isinstance(item, dict) else item).encode("utf-8")


def run(tmp_path, lines, capsys):
    path = tmp_path / "import.jsonl"
    path.write_bytes(b"\n".join(encode(x) for x in lines) + b"\n")
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


def test_many_lines_make_a_sound_page_tree_with_working_urls(
    tmp_path, capsys, company_index, index, client, admin_client
):
    from wagtail.models import Page

    lines = [
        line(
            external_id=f"reeks-{n}",
            company={"name": f"Bedrijf {n % 3}", "kvk": f"1000000{n % 3}", "sector": "Telecom"},
            consumer={"email": f"Klant{n % 4}@Example.invalid", "name": "Klant"},
        )
        for n in range(12)
    ]

    code, out, err = run(tmp_path, lines, capsys)

    assert code == 0, err
    assert "12 klachten aangemaakt" in out and "12 in de zoekindex" in out
    assert all(not problems for problems in Page.find_problems())  # paths, depth, numchild
    complaint = ComplaintPage.objects.get(external_id="reeks-7")
    assert complaint.get_parent().specific.kvk_number == "10000001"
    assert client.get(complaint.url).status_code == 200
    # No page revision yet: the admin's editor opens the page itself.
    assert admin_client.get(f"/admin/pages/{complaint.pk}/edit/").status_code == 200
    # One consumer per address, case-insensitively; the username does not carry it.
    consumers = {c.consumer for c in ComplaintPage.objects.all()}
    assert len(consumers) == 4
    assert all("example" not in c.username.lower() for c in consumers)


def test_the_history_is_stored_event_by_event(tmp_path, capsys, company_index, index):
    rated = line(
        external_id="beoordeeld",
        status="rated",
        submitted_at=at(60),
        published_at=at(59),
        reactions=[
            {"by": "company", "at": at(30), "body": "Te laat, maar toch: we lossen het op."},
        ],
        rating={"grade": 6, "solved": True, "comment": "Traag", "at": at(10)},
    )

    code, _out, err = run(tmp_path, [rated], capsys)

    assert code == 0, err
    complaint = ComplaintPage.objects.get(external_id="beoordeeld")
    assert list(complaint.events.values_list("action", flat=True)) == [
        "submit",
        "approve",
        "company_term_missed",
        "company_reacts",
        "mark_solved",
        "rate",
    ]
    reaction = complaint.reactions.get()
    assert not reaction.on_time  # after the term ran out, as the live clock would have it
    assert complaint.rating.grade == 6 and complaint.due_at is None
    assert complaint.expires_at == complaint.published_at + timedelta(days=730)


def test_a_complaint_in_moderation_waits_in_the_workflow(
    tmp_path, capsys, company_index, index, client, moderator
):
    waiting = line(external_id="wacht", status="in_moderation", published_at=None, reactions=[])

    code, _out, err = run(tmp_path, [waiting], capsys)

    assert code == 0, err
    complaint = ComplaintPage.objects.get(external_id="wacht")
    assert complaint.current_workflow_state is not None and not complaint.live
    client.force_login(moderator)
    assert complaint.title in client.get("/admin/").content.decode()


def test_a_line_the_database_refuses_is_refused_alone(
    tmp_path, capsys, company_index, index, monkeypatch
):
    from django.db import DataError

    from complaints import importing

    copy = importing.copy_objects

    def failing_copy(model, rows):
        rows = list(rows)
        if any(getattr(row, "external_id", None) == "kapot" for row in rows):
            raise DataError("kunstmatige weigering")
        return copy(model, rows)

    monkeypatch.setattr(importing, "copy_objects", failing_copy)
    lines = [line(external_id="eerste"), line(external_id="kapot"), line(external_id="derde")]

    code, out, err = run(tmp_path, lines, capsys)

    assert code == 1
    assert "regel 2: de database weigerde de regel: kunstmatige weigering" in err
    assert set(ComplaintPage.objects.values_list("external_id", flat=True)) == {"eerste", "derde"}
    assert "2 klachten aangemaakt" in out and "2 in de zoekindex" in out


def test_a_line_repeated_in_one_file_updates_the_first(tmp_path, capsys, company_index, index):
    code, out, err = run(
        tmp_path,
        [line(external_id="twee"), line(external_id="twee", title="Tweede versie")],
        capsys,
    )

    assert code == 0, err
    assert ComplaintPage.objects.get(external_id="twee").title == "Tweede versie"
    assert "1 klachten aangemaakt, 1 bijgewerkt" in out


def test_elasticsearch_down_during_an_import_stores_everything_and_says_so(
    tmp_path, capsys, company_index, settings
):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there

    code, out, err = run(tmp_path, [line()], capsys)

    assert code == 0
    assert ComplaintPage.objects.filter(external_id="arch-000123").exists()
    assert "search_index --reconcile" in err and "0 in de zoekindex" in out


# Stale snapshots: the archive's status at its last event, then our clock ------------


@pytest.mark.parametrize(
    ("stated", "history", "final", "clock_actions"),
    [
        # published 20 days ago, no reaction: the company's term ran out 6 days ago
        ("awaiting_company", {"published_at": at(20), "reactions": []}, "unanswered", 1),
        # the company reacted 20 days ago; the consumer never answered
        ("awaiting_consumer", {"published_at": at(25)}, "closed", 1),
        # the company called it solved at its reaction 20 days ago; no grade came
        ("awaiting_rating", {"published_at": at(25)}, "closed", 1),
        # published 800 days ago: unanswered in the archive, expired by now
        ("unanswered", {"published_at": at(800), "reactions": []}, "expired", 2),
        ("closed", {"published_at": at(800)}, "expired", 2),
    ],
)
def test_a_stale_snapshot_is_moved_on_by_the_clock(
    tmp_path, capsys, company_index, index, stated, history, final, clock_actions
):
    reaction_at = NOW - timedelta(days=20) if stated != "closed" else NOW - timedelta(days=790)
    data = line(
        external_id="oud",
        status=stated,
        submitted_at=(
            datetime.fromisoformat(history["published_at"]) - timedelta(hours=2)
        ).isoformat(),
        reactions=[{"by": "company", "at": reaction_at.isoformat(), "body": "We kijken ernaar."}],
    )
    data.update(history)

    code, out, err = run(tmp_path, [data], capsys)

    assert code == 0, err
    complaint = ComplaintPage.objects.get(external_id="oud")
    assert complaint.status == final
    assert complaint.live == (final != "expired")
    events = list(complaint.events.order_by("created_at", "pk"))
    assert events[-1].to_status == final
    for before, after in zip(events, events[1:], strict=False):  # one unbroken chain
        assert before.to_status == after.from_status
    clock = [e for e in events if e.action.endswith("_missed") or e.action == "expire"]
    assert len(clock) == clock_actions
    assert all(e.created_at < NOW for e in clock)  # stamped when the term passed
    assert f"1 regels door de klok bijgewerkt ({stated} → {final}: 1)" in out


def test_a_status_the_history_cannot_produce_is_refused(tmp_path, capsys, company_index, index):
    lines = [
        # the clock made this unanswered in the archive, which it may say
        line(
            external_id="goed",
            status="unanswered",
            submitted_at=at(21),
            published_at=at(20),
            reactions=[],
        ),
        # the company's term has not run out: unanswered is impossible
        line(external_id="te-vroeg", status="unanswered", published_at=at(4), reactions=[]),
        # no reaction ever: the clock makes it unanswered, never closed
        line(
            external_id="nooit",
            status="closed",
            submitted_at=at(21),
            published_at=at(20),
            reactions=[],
        ),
        # rated without a grade
        line(external_id="zonder-cijfer", status="rated"),
    ]

    code, out, err = run(tmp_path, lines, capsys)

    assert code == 1
    assert "regel 1:" not in err
    assert "regel 2: status unanswered past niet bij de tijdlijn" in err
    assert "regel 3: status closed past niet bij de tijdlijn" in err
    assert "regel 4: status rated past niet bij de tijdlijn" in err
    assert list(ComplaintPage.objects.values_list("external_id", flat=True)) == ["goed"]
    assert "1 klachten aangemaakt" in out and "3 regels geweigerd" in out


# Hostile lines: each refused with its number, the rest loads ------------------------


HOSTILE = {
    "onmogelijke datum": line(submitted_at="2026-02-30T10:00:00+01:00"),
    "datum zonder tijdzone": line(published_at="2026-01-02T10:00:00"),
    "datum als getal": line(submitted_at=1767225600),
    "datum in de toekomst": line(published_at=(NOW + timedelta(days=1)).isoformat()),
    "reactie-datum als lijst": line(reactions=[{"by": "company", "at": [], "body": "Hoi"}]),
    "diep genest": '{"external_id": "diep", "title": ' + "[" * 200_000 + "]" * 200_000 + "}",
    "NUL-teken": line(description="Een teken dat PostgreSQL weigert: \u0000"),
    "losse surrogaat": line(title="Modem \ud800"),
    "ongeldige e-mail": line(consumer={"email": "jan@@example", "name": "Jan"}),
    "e-mail als getal": line(consumer={"email": 12, "name": "Jan"}),
    "by als lijst": line(reactions=[{"by": [], "at": at(3), "body": "Hoi"}]),
    "reactions als object": line(reactions={}),
    "reactie als tekst": line(reactions=["Hoi"]),
    "consumer als tekst": line(consumer="x"),
    "company als lijst": line(company=[]),
    "kvk als getal": line(company={"name": "Voorbeeld Telecom B.V.", "kvk": 12345678}),
    "cijfer als tekst": line(status="rated", rating={"grade": "7", "solved": True, "at": at(1)}),
    "cijfer als kommagetal": line(
        status="rated", rating={"grade": 7.5, "solved": True, "at": at(1)}
    ),
    "cijfer als boolean": line(status="rated", rating={"grade": True, "solved": True, "at": at(1)}),
    "solved als tekst": line(status="rated", rating={"grade": 7, "solved": "nee", "at": at(1)}),
    "rating als lijst": line(status="rated", rating=[7]),
    "titel als getal": line(title=12),
    "titel als lijst": line(title=["Modem"]),
    "titel als object": line(title={"nl": "Modem"}),
    "titel als boolean": line(title=True),
    "titel null": line(title=None),
    "titel alleen spaties": line(title="   "),
    "omschrijving als getal": line(description=5),
    "onderwerp als lijst": line(topic=["Levering"]),
    "besloten deel als object": line(private_details={"order": 1}),
    "onbekende sleutel": line(titel="Tikfout in de sleutel"),
    "onbekende sleutel in reactie": line(
        reactions=[{"by": "company", "at": at(3), "body": "Hoi", "bij": "x"}]
    ),
    "reacties zonder status die ze toelaat": line(status="in_moderation", published_at=None),
    "geen JSON-object": "[1, 2, 3]",
    "tien megabyte": '{"external_id": "groot", "title": "' + "x" * 10_000_000 + '"}',
    "geen UTF-8": b'{"external_id": "latin", "title": "caf\xe9"}',
}


def test_hostile_lines_are_refused_one_by_one(tmp_path, capsys, company_index, index):
    lines = [line(external_id="goed-voor")]
    for n, bad in enumerate(HOSTILE.values()):
        lines.append({**bad, "external_id": f"vijand-{n}"} if isinstance(bad, dict) else bad)
    lines.append(line(external_id="goed-na"))

    code, out, err = run(tmp_path, lines, capsys)

    assert code == 1
    refused = {
        int(row.split(":")[0].split()[1]) for row in err.splitlines() if row.startswith("regel ")
    }
    hostile_numbers = set(range(2, 2 + len(HOSTILE)))
    missing = {list(HOSTILE)[n - 2] for n in hostile_numbers - refused}
    assert not missing, f"not refused: {missing}"
    assert refused == hostile_numbers
    assert set(ComplaintPage.objects.values_list("external_id", flat=True)) == {
        "goed-voor",
        "goed-na",
    }
    assert f"{len(HOSTILE)} regels geweigerd" in out
    assert "NUL" in err and "te lang" in err and "UTF-8" in err and "e-mailadres" in err


# Nothing is cut ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "limit"),
    [
        ({"title": "x" * 256}, "title", 255),
        ({"description": "x" * 5001}, "description", 5000),
        ({"desired_outcome": "x" * 1501}, "desired_outcome", 1500),
        ({"private_details": "x" * 5001}, "private_details", 5000),
        ({"external_id": "x" * 101}, "external_id", 100),
        ({"topic": "x" * 101}, "topic", 100),
        (
            {"company": {"name": "x" * 201, "kvk": "87654321", "sector": "Telecom"}},
            "company.name",
            200,
        ),
        (
            {"company": {"name": "Nieuw B.V.", "kvk": "87654321", "sector": "x" * 101}},
            "company.sector",
            100,
        ),
        ({"consumer": {"email": "jan@example.invalid", "name": "x" * 151}}, "consumer.name", 150),
        (
            {"reactions": [{"by": "company", "at": at(3), "body": "x" * 5001}]},
            "reactions[1].body",
            5000,
        ),
        (
            {
                "status": "rated",
                "rating": {"grade": 7, "solved": True, "comment": "x" * 2001, "at": at(1)},
            },
            "rating.comment",
            2000,
        ),
    ],
)
def test_a_text_over_its_limit_is_refused_not_cut(
    tmp_path, capsys, company_index, index, overrides, field, limit
):
    code, out, err = run(tmp_path, [line(**overrides), line(external_id="goed")], capsys)

    assert code == 1
    assert f"regel 1: {field} is te lang" in err and f"hooguit {limit} tekens" in err
    assert list(ComplaintPage.objects.values_list("external_id", flat=True)) == ["goed"]


# Screening ---------------------------------------------------------------------------


def test_a_flagged_public_line_goes_to_moderation_with_its_history(
    tmp_path, capsys, company_index, index, es, client, moderator
):
    from search.indexing import alias

    flagged = line(external_id="grof", title="Wat een oplichters zijn het")

    code, out, err = run(tmp_path, [flagged, line(external_id="netjes")], capsys)

    assert code == 0, err
    complaint = ComplaintPage.objects.get(external_id="grof")
    assert complaint.status == "in_moderation" and not complaint.live
    assert complaint.screening_hits[0]["term"] == "oplichters"
    assert complaint.current_workflow_state is not None
    # The archive's history is kept; holding it is one more event, now.
    assert list(complaint.events.values_list("action", flat=True)) == [
        "submit",
        "approve",
        "company_reacts",
        "hold",
    ]
    assert complaint.reactions.count() == 1
    assert complaint.published_at is not None and complaint.due_at is None
    assert "1 regels door de automatische controle naar moderatie" in out
    es.indices.refresh(index=alias())
    found = client.get("/api/v2/complaints/search/", {"q": "modem"}).json()
    assert found["count"] == 1
    client.force_login(moderator)
    assert complaint.title in client.get("/admin/").content.decode()


# Re-runs and the clock right after ---------------------------------------------------


def _fingerprint() -> dict:
    from django.db import connection

    tables = {
        "wagtailcore_page": "id",
        "complaints_complaintpage": "page_ptr_id",
        "complaints_complaintevent": "id",
        "complaints_reaction": "id",
        "complaints_rating": "id",
        "complaints_complaintprivatedetails": "id",
        "wagtailcore_revision": "id",
        "wagtailcore_workflowstate": "id",
        "auth_user": "id",
    }
    found = {}
    with connection.cursor() as cursor:
        for table, key in tables.items():
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t.{key}), '')) "  # noqa: S608
                f"FROM {table} t"
            )
            found[table] = cursor.fetchone()
    return found


MIXED = [
    line(external_id="lopend"),
    line(
        external_id="oud",
        status="awaiting_company",
        submitted_at=at(21),
        published_at=at(20),
        reactions=[],
    ),
    line(
        external_id="bijna",
        status="awaiting_company",
        submitted_at=at(13),
        published_at=at(12),
        reactions=[],
    ),
    line(external_id="grof", title="Wat een oplichters zijn het"),
    line(external_id="wacht", status="in_moderation", published_at=None, reactions=[]),
    line(
        external_id="cijfer",
        status="rated",
        rating={"grade": 8, "solved": True, "comment": "Top", "at": at(1)},
    ),
    line(
        external_id="verlopen",
        status="unanswered",
        submitted_at=at(801),
        published_at=at(800),
        reactions=[],
    ),
]


def test_a_second_import_of_the_same_file_changes_nothing(tmp_path, capsys, company_index, index):
    code, _out, err = run(tmp_path, MIXED, capsys)
    assert code == 0, err
    before = _fingerprint()

    code, out, err = run(tmp_path, MIXED, capsys)

    assert code == 0, err
    assert _fingerprint() == before
    assert f"0 klachten aangemaakt, 0 bijgewerkt, {len(MIXED)} ongewijzigd" in out


def test_the_clock_right_after_an_import_has_nothing_to_do(tmp_path, capsys, company_index, index):
    from complaints import clock

    code, _out, err = run(tmp_path, MIXED, capsys)
    assert code == 0, err
    before = _fingerprint()

    result = clock.sweep()

    assert all(count == 0 for count in result.values()), result
    assert _fingerprint() == before


def test_on_another_database_than_postgresql_it_says_so_in_one_line(
    tmp_path, capsys, company_index, monkeypatch
):
    from django.core.management import CommandError
    from django.db import connection

    monkeypatch.setattr(connection, "vendor", "sqlite")
    path = tmp_path / "import.jsonl"
    path.write_text(json.dumps(line()) + "\n")

    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("import_complaints", str(path))
    assert not ComplaintPage.objects.exists()
