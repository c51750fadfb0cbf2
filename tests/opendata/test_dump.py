"""The nightly dump: what it writes, that it holds only public data, and how it is
published (atomically, the previous one kept)."""

import csv
import gzip
import hashlib
import io
import json
from io import StringIO

import pytest
from django.core.management import call_command

from opendata.dictionary import COMPLAINTS, OFFER_COLUMNS, SCORES
from search.searching import EXPORT_COLUMNS
from tests.opendata.conftest import HIDDEN_MARKS, TOKEN

pytestmark = pytest.mark.django_db

DATA_FILES = [
    "klachten.jsonl.gz",
    "klachten.csv.gz",
    "bedrijfsscores.jsonl.gz",
    "bedrijfsscores.csv.gz",
]


def dump() -> str:
    out = StringIO()
    call_command("open_data_dump", stdout=out)
    return out.getvalue()


def current(open_data_dir):
    return (open_data_dir / "current").resolve()


def unpacked(path) -> str:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return handle.read()


def test_the_command_writes_every_file_with_matching_checksums_and_counts(world, open_data_dir):
    output = dump()

    directory = current(open_data_dir)
    manifest = json.loads((directory / "manifest.json").read_text())
    assert manifest["licence"] == "CC0-1.0"
    assert manifest["generated_at"]
    assert [f["name"] for f in manifest["files"]] == DATA_FILES
    rows = {f["name"]: f["rows"] for f in manifest["files"]}
    assert rows == {
        "klachten.jsonl.gz": 3,
        "klachten.csv.gz": 3,
        "bedrijfsscores.jsonl.gz": 2,
        "bedrijfsscores.csv.gz": 2,
    }
    sums = {}
    for line in (directory / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ")
        sums[name] = digest
    for entry in manifest["files"]:
        path = directory / entry["name"]
        assert entry["size"] == path.stat().st_size
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert sums[entry["name"]] == entry["sha256"]
        text = unpacked(path)  # a readable gzip
        if entry["format"] == "jsonl":
            assert len([json.loads(line) for line in text.splitlines()]) == entry["rows"]
        else:
            assert len(list(csv.DictReader(io.StringIO(text, newline="")))) == entry["rows"]
    assert "klachten: 3 rijen geschreven" in output
    assert "bedrijfsscores: 2 rijen geschreven" in output


def test_the_columns_are_the_exports_and_the_dictionarys(world, open_data_dir):
    dump()
    directory = current(open_data_dir)

    complaints_header = unpacked(directory / "klachten.csv.gz").splitlines()[0].split(",")
    scores_header = unpacked(directory / "bedrijfsscores.csv.gz").splitlines()[0].split(",")
    first_score = json.loads(unpacked(directory / "bedrijfsscores.jsonl.gz").splitlines()[0])

    assert complaints_header == [*EXPORT_COLUMNS, *OFFER_COLUMNS] == COMPLAINTS.names
    assert scores_header == SCORES.names == list(first_score)


def test_the_complaints_are_the_public_ones_with_the_api_exports_fields(
    world, open_data_dir, client
):
    dump()
    text = unpacked(current(open_data_dir) / "klachten.jsonl.gz")
    rows = [json.loads(line) for line in text.splitlines()]
    api = b"".join(client.get("/api/v2/complaints/export.jsonl").streaming_content).decode()

    # The export's fields; the dump adds the offer outcome (test_..._offer_outcome).
    assert [{k: r[k] for k in EXPORT_COLUMNS} for r in rows] == [
        json.loads(line) for line in api.splitlines()
    ]
    assert [r["id"] for r in rows] == sorted(c.pk for c in world["public"])


def test_nothing_private_or_hidden_is_in_any_file(world, open_data_dir, company):
    dump()

    directory = current(open_data_dir)
    everything = "".join(
        unpacked(p) if p.suffix == ".gz" else p.read_text() for p in directory.iterdir()
    )
    assert "Pakket nooit bezorgd" in everything  # the check reads real content
    for mark in (TOKEN, *HIDDEN_MARKS):
        assert mark not in everything
    assert "@" not in everything  # no e-mail address: consumer, representative, contact
    assert "jan" not in everything.lower().split()  # the consumer's user name
    assert "private" not in everything


def test_the_scores_carry_the_public_figures(world, open_data_dir, company):
    dump()
    text = unpacked(current(open_data_dir) / "bedrijfsscores.jsonl.gz")
    rows = {r["company_slug"]: r for r in map(json.loads, text.splitlines())}

    mine = rows[company.slug]
    assert mine["company_name"] == "Polderpost"
    assert mine["company_url"] == company.url
    assert mine["computed_on"] == "2026-11-30"
    assert (mine["rated"], mine["solved_pct"], mine["mean_grade"]) == (4, 75, 7.5)
    assert mine["first_reaction_on_time_pct"] == 50
    assert mine["verdict"] == "pluim"
    assert rows[world["other"].slug]["mean_grade"] is None


def test_the_csv_neutralises_formulas_and_the_jsonl_keeps_the_text(published, open_data_dir):
    published(title="=HYPERLINK(1) werkt niet", desired_outcome="@SUM(A1) terug")
    dump()
    directory = current(open_data_dir)

    row = next(csv.DictReader(io.StringIO(unpacked(directory / "klachten.csv.gz"), newline="")))
    line = json.loads(unpacked(directory / "klachten.jsonl.gz").splitlines()[0])

    assert row["title"] == "'=HYPERLINK(1) werkt niet"
    assert row["desired_outcome"] == "'@SUM(A1) terug"
    assert line["title"] == "=HYPERLINK(1) werkt niet"


def test_each_run_replaces_the_dump_and_keeps_only_the_previous_one(world, open_data_dir):
    dump()
    first = current(open_data_dir)
    dump()
    second = current(open_data_dir)
    dump()
    third = current(open_data_dir)

    published = sorted(p for p in open_data_dir.iterdir() if p.name.startswith("dump-"))
    assert len({first, second, third}) == 3
    assert published == [second, third]
    assert not [p for p in open_data_dir.iterdir() if p.name.startswith(".tmp-")]
    # Nothing changed in between: the same bytes, so the same checksums every night.
    assert (second / "SHA256SUMS").read_text() == (third / "SHA256SUMS").read_text()


def test_the_nightly_task_is_scheduled_by_migrate_and_writes_the_dump(world, open_data_dir):
    from django_q.models import Schedule

    from opendata.tasks import dump as task

    schedule = Schedule.objects.get(func="opendata.tasks.dump")
    assert schedule.schedule_type == Schedule.CRON and schedule.repeats == -1

    assert task()["klachten.csv.gz"] == 3
    assert (open_data_dir / "current" / "manifest.json").exists()


def test_a_fresh_site_dumps_empty_files(site, open_data_dir):
    dump()
    directory = current(open_data_dir)

    assert unpacked(directory / "klachten.csv.gz").splitlines() == [",".join(COMPLAINTS.names)]
    assert unpacked(directory / "klachten.jsonl.gz") == ""


def test_a_second_run_waits_for_the_first(site, open_data_dir):
    """Runs take turns (a lock): one pruning while the other is between its rename and
    its switch would remove the dump about to be published."""
    import fcntl
    import threading

    from django.db import connection

    from opendata.dump import write_dump

    def run():
        try:
            write_dump()
        finally:
            connection.close()  # this thread's own connection

    open_data_dir.mkdir(parents=True)
    with open(open_data_dir / ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a run in progress
        waiting = threading.Thread(target=run)
        waiting.start()
        waiting.join(timeout=1.5)
        assert waiting.is_alive()
        assert not (open_data_dir / "current").exists()
    waiting.join(timeout=60)

    assert not waiting.is_alive()
    assert (open_data_dir / "current" / "manifest.json").exists()


def test_a_directory_reached_through_a_symlink_keeps_its_dumps(site, settings, tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "linked").symlink_to(tmp_path / "real")
    settings.OPEN_DATA_DIR = tmp_path / "linked"

    dump()
    dump()

    kept = [p for p in (tmp_path / "real").iterdir() if p.name.startswith("dump-")]
    assert len(kept) == 2
    assert (tmp_path / "linked" / "current" / "manifest.json").exists()


def test_each_complaint_carries_the_outcome_of_its_offers(
    world, published, open_data_dir, representative, consumer, client
):
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from complaints import services

    today = timezone.localdate()

    def offer(complaint, kind, **fields):
        return services.make_offer(
            complaint,
            representative,
            kind=kind,
            message="GEHEIM-BERICHT van het bedrijf",
            answer_by=today + timedelta(days=5),
            carry_out_by=today + timedelta(days=9),
            **fields,
        )

    shown = world["public"][0]  # "Pakket nooit bezorgd"
    services.accept_offer(
        offer(shown, "refund", amount=Decimal("49.95")), consumer, amount_public=True
    )
    kept_private = published(title="Modem kapot geleverd")
    services.accept_offer(offer(kept_private, "credit", amount=Decimal("30")), consumer)
    second_try = published(title="Abonnement loopt door")
    services.decline_offer(offer(second_try, "repair"), consumer, "GEHEIM-REDEN van de consument")
    offer(second_try, "cancellation")

    dump()

    directory = current(open_data_dir)
    jsonl = {
        r["title"]: r
        for r in map(json.loads, unpacked(directory / "klachten.jsonl.gz").splitlines())
    }
    csv_rows = {
        r["title"]: r
        for r in csv.DictReader(io.StringIO(unpacked(directory / "klachten.csv.gz"), newline=""))
    }

    def outcome(row):
        return tuple(row[name] for name in OFFER_COLUMNS)

    assert outcome(jsonl["Pakket nooit bezorgd"]) == (1, "refund", "accepted", "49.95")
    assert outcome(jsonl["Modem kapot geleverd"]) == (1, "credit", "accepted", None)
    assert outcome(jsonl["Abonnement loopt door"]) == (2, "cancellation", "open", None)
    assert outcome(jsonl["Factuur twee keer betaald"]) == (0, "", "", None)
    assert outcome(csv_rows["Pakket nooit bezorgd"]) == ("1", "refund", "accepted", "49.95")
    assert outcome(csv_rows["Modem kapot geleverd"]) == ("1", "credit", "accepted", "")
    assert outcome(csv_rows["Factuur twee keer betaald"]) == ("0", "", "", "")
    everything = "".join(unpacked(p) for p in directory.iterdir() if p.suffix == ".gz")
    assert "30.00" not in everything and "GEHEIM" not in everything

    page = client.get("/open-data/").content.decode()
    assert "<code>offer_amount</code>" in page and "refund (terugbetaling)" in page
    assert "not_carried_out (niet uitgevoerd volgens consument)" in page


def test_the_offer_outcome_costs_no_query_per_complaint(
    world, published, django_assert_max_num_queries
):
    from opendata.dump import complaint_records

    for number in range(3):
        published(title=f"Nog een klacht {number}")

    with django_assert_max_num_queries(3):
        assert len(list(complaint_records())) == 6
