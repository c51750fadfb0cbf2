"""A visitor finds the open data: reads what a column means, downloads the complaints
as CSV and checks the download against the checksum the page shows."""

import csv
import gzip
import hashlib
import io
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]


@pytest.fixture
def dumped(world, index, settings, tmp_path, django_user_model):
    from complaints.factories import make_complaint

    settings.OPEN_DATA_DIR = tmp_path / "open-data"
    consumer = django_user_model.objects.create_user("jan", "jan@example.invalid", "x")
    make_complaint(
        company=world["company"],
        consumer=consumer,
        status="awaiting_company",
        title="Pakket kwijt na bezorging",
        private_details="Ordernummer GEHEIM-4411",
    )
    call_command("open_data_dump", stdout=StringIO())
    return world


def test_a_visitor_reads_the_dictionary_and_verifies_a_download(
    live_server, browser, dumped, screenshot
):
    context = browser.new_context(base_url=live_server.url, accept_downloads=True)
    page = context.new_page()
    page.goto("/open-data/")

    assert page.get_by_role("heading", level=1).inner_text() == "Open data"
    dictionary = page.get_by_role("table", name="Kolommen van klachten")
    row = dictionary.get_by_role("row").filter(has_text="desired_outcome")
    assert "Wat de consument van het bedrijf vraagt." in row.inner_text()
    shown = page.locator('code[data-file="klachten.csv.gz"]').inner_text().strip()
    screenshot(page, "open-data")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="klachten.csv.gz").click()
    download = download_info.value
    data = download.path().read_bytes()

    assert download.suggested_filename == "klachten.csv.gz"
    assert hashlib.sha256(data).hexdigest() == shown
    rows = list(csv.DictReader(io.StringIO(gzip.decompress(data).decode(), newline="")))
    assert [r["title"] for r in rows] == ["Pakket kwijt na bezorging"]
    assert b"GEHEIM-4411" not in gzip.decompress(data)
    context.close()


def test_the_open_data_page_passes_axe(live_server, browser, dumped):
    from tests.browser.test_accessibility import axe_violations

    # axe is injected as a script of its own, which the site's policy would refuse.
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    page.goto("/open-data/")

    assert axe_violations(page) == []
    context.close()
