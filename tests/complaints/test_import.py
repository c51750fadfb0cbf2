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


def test_a_line_the_database_refuses_is_refused_alone(tmp_path, capsys, company_index, index):
    lines = [
        line(external_id="eerste"),
        line(external_id="nul", description="Een teken dat PostgreSQL weigert: \u0000"),
        line(external_id="derde"),
    ]

    code, out, err = run(tmp_path, lines, capsys)

    assert code == 1
    assert "regel 2: de database weigerde de regel" in err
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
