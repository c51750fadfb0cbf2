"""A consumer takes a copy of their data and deletes their account, keeping their
public complaint online anonymised; afterwards they cannot sign in."""

import io
import json
import zipfile

import pytest

from tests.browser.conftest import PASSWORD, log_in

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]

EMAIL = "ander@example.invalid"


@pytest.fixture
def complaint(world, django_user_model):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from complaints import attachments, services
    from complaints.factories import make_complaint
    from tests.complaints.parties import png

    consumer = django_user_model.objects.get(email=EMAIL)
    complaint = make_complaint(
        company=world["company"], consumer=consumer, status="awaiting_consumer"
    )
    attachments.add_attachment(complaint, SimpleUploadedFile("pakbon.png", png()), consumer)
    services.react(complaint, consumer, "Een nieuw pakket is nog steeds niet gekomen.")
    return complaint


def test_download_then_erase_keeping_the_complaint_anonymised(
    live_server, browser, complaint, screenshot
):
    page = browser.new_context(base_url=live_server.url).new_page()
    log_in(page, live_server.url, EMAIL)
    page.wait_for_load_state()

    page.goto("/mijn-klachten/")
    page.get_by_role("link", name="Mijn gegevens").click()
    page.wait_for_url("**/mijn-gegevens/")
    screenshot(page, "mijn-gegevens")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download mijn gegevens").click()
    download = info.value
    assert download.suggested_filename.endswith(".zip")
    archive = zipfile.ZipFile(io.BytesIO(open(download.path(), "rb").read()))  # noqa: SIM115
    data = json.loads(archive.read("gegevens.json"))
    assert data["account"]["email"] == EMAIL
    assert [c["id"] for c in data["complaints"]] == [complaint.pk]
    assert f"bijlagen/{complaint.pk}/pakbon.png" in archive.namelist()

    page.get_by_role("link", name="Account verwijderen…").click()
    page.wait_for_url("**/mijn-gegevens/account-verwijderen/")
    page.get_by_label("Laat ze geanonimiseerd staan", exact=False).check()
    page.get_by_label("Je wachtwoord").fill(PASSWORD)
    screenshot(page, "account-verwijderen")
    page.get_by_role("button", name="Ja, verwijder mijn account").click()
    page.wait_for_url("**/account-verwijderd/")
    assert page.get_by_role("heading", level=1).inner_text() == "Je account is verwijderd"

    # The complaint stays online, the thread intact, without them.
    page.goto(complaint.url)
    thread = page.locator("#gesprek").inner_text()
    assert "Consument (verwijderd)" in thread and "nog steeds niet gekomen" in thread
    assert EMAIL not in page.content()

    log_in(page, live_server.url, EMAIL)
    page.wait_for_load_state()
    assert "/account/login/" in page.url
    page.goto("/mijn-klachten/")
    assert "/account/login/" in page.url
