"""A person claims their company's page with a work address, confirms it from the mail,
a moderator approves in the Wagtail admin, and the new representative adds a reply
template and the customer-service number that the company page then shows."""

import re
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import PASSWORD, log_in

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]

WORK_ADDRESS = "ander@polderpost.nl"


def test_claim_verify_approve_and_manage(live_server, browser, world, smtp_sink, screenshot):
    from complaints.outbox import deliver_due

    company = world["company"]
    company.website = "https://www.polderpost.nl"
    company.save_revision().publish()

    person = browser.new_context(base_url=live_server.url).new_page()
    log_in(person, live_server.url, "ander@example.invalid")
    person.wait_for_load_state()
    person.goto(company.url)
    person.get_by_role("link", name="Is dit jouw bedrijf? Beheer deze pagina").click()
    person.wait_for_url(f"**/bedrijfsbeheer/claimen/{company.pk}/")
    person.get_by_label("Je e-mailadres op het werk").fill(WORK_ADDRESS)
    person.get_by_label("Je functie").fill("Hoofd klantenservice")
    screenshot(person, "claim-formulier")
    person.get_by_role("button", name="Stuur mij de link").click()
    person.wait_for_selector("text=Kijk in je mail")

    # The mail leaves through the outbox (delivered on commit; a sweep finds nothing
    # left), over SMTP, with the link in it.
    deliver_due()
    mail = smtp_sink.text(smtp_sink.to(WORK_ADDRESS)[0])
    link = re.search(r"https?://\S+/bedrijfsbeheer/bevestigen/\S+/", mail).group(0)
    person.goto(urlsplit(link).path)
    person.get_by_role("button", name="Ja, dit adres is van mij").click()
    person.wait_for_selector("text=Een moderator bekijkt je claim")

    staff = browser.new_context(base_url=live_server.url)
    admin = staff.new_page()
    admin.goto("/admin/login/")
    admin.fill("input[name=username]", "moderator")
    admin.fill("input[name=password]", PASSWORD)
    admin.click("button[type=submit]")
    admin.get_by_role("link", name=re.compile(r"Bedrijfsclaims \(1\)")).click()
    admin.wait_for_url(re.compile(r"/admin/bedrijfsclaims/$"))
    admin.get_by_role("link", name=WORK_ADDRESS).click()
    admin.get_by_label("Goedkeuren").check()
    screenshot(admin, "claim-beoordelen")
    admin.get_by_role("button", name="Besluit opslaan").click()
    admin.wait_for_url(re.compile(r"/admin/bedrijfsclaims/$"))
    admin.wait_for_selector("text=vertegenwoordigt nu")

    person.goto(f"/bedrijfsbeheer/{company.pk}/")
    person.get_by_label("Naam").fill("Eerste reactie")
    person.get_by_label("Tekst").fill(
        "Dank voor je bericht. We nemen binnen twee dagen contact op."
    )
    person.get_by_role("button", name="Sjabloon opslaan").click()
    person.wait_for_selector("text=Het sjabloon is opgeslagen.")
    person.get_by_label("Telefoon klantenservice").fill("020-1234567")
    person.get_by_role("button", name="Klantenservice opslaan").click()
    person.wait_for_selector("text=De klantenservice op je bedrijfspagina is bijgewerkt.")
    screenshot(person, "bedrijfsbeheer")

    visitor = browser.new_context(base_url=live_server.url).new_page()
    visitor.goto(company.url)
    service = visitor.locator("#klantenservice").locator("xpath=..").inner_text()
    assert "020-1234567" in service
    assert WORK_ADDRESS not in visitor.content()
