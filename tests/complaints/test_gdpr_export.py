"""A consumer downloads everything held about them as one zip; nobody else's data is in
it, and nobody else gets it."""

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints import attachments, gdpr, services
from tests.complaints.parties import give_private_part, png

pytestmark = pytest.mark.django_db

URL = "/mijn-gegevens/download/"
MINE, THEIRS = "EIGEN-TOKEN-51c2", "ANDER-TOKEN-88d4"


@pytest.fixture
def mine(make_complaint, consumer):
    complaint = make_complaint(status="rated", private_details=f"Adres {MINE}", grade=7)
    return give_private_part(complaint, consumer, MINE, f"{MINE}.png")


@pytest.fixture
def theirs(make_complaint, other_consumer):
    complaint = make_complaint(
        status="awaiting_company",
        consumer=other_consumer,
        title=f"Klacht {THEIRS}",
        private_details=f"Adres {THEIRS}",
    )
    return give_private_part(complaint, other_consumer, THEIRS, f"{THEIRS}.png")


def download(client, user):
    client.force_login(user)
    response = client.post(URL)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/zip"
    assert "attachment;" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_zip_holds_the_account_every_complaint_and_the_attachments(
    client, consumer, mine, theirs
):
    archive = download(client, consumer)

    names = archive.namelist()
    assert "gegevens.json" in names and "README.txt" in names
    assert "Je gegevens bij Klachtenkompas" in archive.read("README.txt").decode()
    data = json.loads(archive.read("gegevens.json"))
    # "alerts": what the alerts app holds (tests/alerts/test_personal_data.py).
    assert set(data) == {"created_at", "account", "complaints", "alerts"}
    assert data["account"]["email"] == "jan@example.invalid"
    assert data["account"]["username"] == "jan"
    assert {"name", "date_joined", "last_login", "email_addresses"} <= set(data["account"])
    [complaint] = data["complaints"]
    assert complaint["id"] == mine.pk and complaint["status"] == "rated"
    assert complaint["public"]["title"] == mine.title
    assert complaint["private"]["details"] == f"Adres {MINE}"
    assert complaint["private"]["order_reference"] == MINE
    assert complaint["contact_log"][0]["summary"] == f"Gebeld {MINE}"
    assert [r["party"] for r in complaint["reactions"]] == ["company"]
    assert complaint["rating"]["grade"] == 7
    actions = [e["action"] for e in complaint["events"]]
    assert actions == ["submit", "approve", "company_reacts", "mark_solved", "rate"]
    assert {e["by"] for e in complaint["events"]} <= {"you", "company", "moderator", "clock"}
    [attachment] = complaint["attachments"]
    assert attachment["name"] == f"{MINE}.png"
    path = attachment["file"]
    assert path == f"bijlagen/{mine.pk}/{MINE}.png"
    with mine.attachments.get().file.open("rb") as stored:
        assert archive.read(path) == stored.read()


def test_another_consumers_data_is_never_in_it(client, consumer, mine, theirs):
    archive = download(client, consumer)

    for name in archive.namelist():
        assert THEIRS.encode() not in archive.read(name)
        assert str(theirs.pk) not in name.split("/")[1:2]
    assert b"piet@example.invalid" not in archive.read("gegevens.json")


def test_a_representative_gets_their_own_account_only(client, representative, mine):
    archive = download(client, representative)

    data = json.loads(archive.read("gegevens.json"))
    assert data["complaints"] == []
    assert data["account"]["username"] == representative.username
    assert all(MINE.encode() not in archive.read(name) for name in archive.namelist())


def test_anonymous_visitors_are_sent_to_the_login(client, mine):
    response = client.post(URL)

    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_only_a_post_with_its_csrf_token(client, consumer, mine):
    client.force_login(consumer)
    assert client.get(URL).status_code == 405

    strict = type(client)(enforce_csrf_checks=True)
    strict.force_login(consumer)
    assert strict.post(URL).status_code == 403


def test_it_is_rate_limited(client, consumer, settings):
    settings.PERSONAL_DATA_EXPORT_RATE = "2/h"
    client.force_login(consumer)

    codes = [client.post(URL).status_code for _ in range(3)]

    assert codes == [200, 200, 429]


def test_file_names_cannot_leave_their_folder(make_complaint, consumer, tmp_path):
    complaint = make_complaint(status="draft")
    for name in ("../../etc/passwd.png", "..\\..\\boot.png", "foto.png", "foto.png", ".png"):
        attachments.add_attachment(complaint, SimpleUploadedFile(name, png()), consumer)
    out = io.BytesIO()

    gdpr.write_export(consumer, out)

    names = [n for n in zipfile.ZipFile(out).namelist() if n.startswith("bijlagen/")]
    assert len(names) == 5 and len(set(names)) == 5
    for name in names:
        folder, file = name.rsplit("/", 1)
        assert folder == f"bijlagen/{complaint.pk}"
        assert ".." not in name and "\\" not in name and not file.startswith(".")


def test_the_page_offers_the_download_and_the_deletion(client, consumer):
    client.force_login(consumer)

    page = client.get("/mijn-gegevens/").content.decode()

    assert "Download mijn gegevens" in page and 'action="/mijn-gegevens/download/"' in page
    assert "/mijn-gegevens/account-verwijderen/" in page
    assert "/mijn-gegevens/" in client.get("/mijn-klachten/").content.decode()


def test_a_withdrawn_complaint_is_in_the_copy_too(client, consumer, make_complaint):
    complaint = make_complaint(status="awaiting_company")
    services.withdraw(complaint, consumer)

    data = json.loads(download(client, consumer).read("gegevens.json"))

    assert [c["status"] for c in data["complaints"]] == ["withdrawn"]
