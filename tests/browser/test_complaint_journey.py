"""The whole journey of a complaint, as people click through it in a real browser."""

import re

import pytest

from tests.browser.conftest import PASSWORD, log_in

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]

PRIVATE = "ORDER-PRIVE-99881"


def test_register_submit_moderate_publish_and_read_privately(
    live_server, browser, smtp_sink, screenshot, world, tmp_path
):
    base = live_server.url
    evidence = tmp_path / "kassabon.png"
    from PIL import Image

    Image.new("RGB", (40, 30), "white").save(evidence)

    # A visitor registers and verifies the address with the link from the e-mail.
    visitor = browser.new_context(base_url=base, accept_downloads=True)
    page = visitor.new_page()
    page.goto("/account/signup/")
    page.fill("input[name=email]", "jan@example.invalid")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.click("form button[type=submit]")
    [verification] = smtp_sink.to("jan@example.invalid")
    link = re.search(
        r"https?://\S+/account/confirm-email/\S+/", smtp_sink.text(verification)
    ).group(0)
    page.goto(link)
    page.click("form button[type=submit]")

    # ... and writes the complaint in the wizard.
    page.goto("/klacht-indienen/?q=polder")
    page.click("text=Polderpost Pakketdienst")
    for name, value in [
        ("government", "nee"),
        ("company_is_dutch", "ja"),
        ("bought_directly", "ja"),
        ("told_company_first", "ja"),
    ]:
        page.check(f"input[name={name}][value={value}]")
    page.fill("input[name=told_company_on]", "2026-10-20")
    page.fill("input[name=told_company_how]", "Telefonisch met de klantenservice")
    page.click("text=Volgende stap")
    page.select_option("select[name=topic]", label="Levering")
    page.fill("input[name=title]", "Pakket als bezorgd gemeld, nooit ontvangen")
    page.fill(
        "textarea[name=description]",
        "Mijn pakket staat sinds 2 november als bezorgd, maar ik was thuis en er is niet aangebeld. "
        "Bij de buren is niets afgegeven en de klantenservice verwijst me naar de webwinkel.",
    )
    page.fill("textarea[name=desired_outcome]", "Ik wil dat het pakket alsnog wordt bezorgd.")
    screenshot(page, "wizard-2-klacht")
    page.click("text=Opslaan en verder")
    # Step 3 is one form: the private details typed first survive adding a file.
    page.fill("input[name=private-order_reference]", PRIVATE)
    page.fill("textarea[name=private-details]", "Lindenlaan 14, Amersfoort")
    page.set_input_files("input[name=upload-file]", str(evidence))
    page.get_by_role("button", name="Bijlage toevoegen").click()
    page.wait_for_selector("text=Bijlage kassabon.png toegevoegd.")
    assert page.get_by_role("link", name="kassabon.png").is_visible()
    assert page.input_value("input[name=private-order_reference]") == PRIVATE
    assert page.input_value("textarea[name=private-details]") == "Lindenlaan 14, Amersfoort"
    screenshot(page, "wizard-3-besloten")
    page.get_by_role("button", name="Opslaan en verder").click()
    page.wait_for_url(re.compile(r"/controleren/$"))
    screenshot(page, "wizard-4-controleren")
    complaint_id = int(re.search(r"/klacht-indienen/(\d+)/", page.url).group(1))
    page.click("text=Klacht versturen")
    page.wait_for_selector("text=Je klacht is verstuurd")
    screenshot(page, "mijn-klachten")

    # The moderator approves it in the Wagtail admin.
    staff = browser.new_context(base_url=base)
    admin = staff.new_page()
    admin.goto("/admin/login/")
    admin.fill("input[name=username]", "moderator")
    admin.fill("input[name=password]", PASSWORD)
    admin.click("button[type=submit]")
    # The menu item "Moderatie (1)" leads to the waiting list, the list to the review
    # screen with everything on one page; one button approves, by keyboard.
    admin.get_by_role("link", name=re.compile(r"Moderatie \(1\)")).click()
    admin.wait_for_url(re.compile(r"/admin/moderatie/$"))
    screenshot(admin, "moderatie-lijst")
    admin.click("text=Pakket als bezorgd gemeld, nooit ontvangen")
    admin.wait_for_url(re.compile(rf"/admin/moderatie/{complaint_id}/$"))
    assert PRIVATE in admin.content()  # the private part, for the moderator
    screenshot(admin, "moderatie-beoordelen")
    approve = admin.get_by_role("button", name="Goedkeuren")
    approve.focus()
    admin.keyboard.press("Enter")
    admin.wait_for_url(re.compile(r"/admin/moderatie/$"))
    admin.wait_for_selector("text=Goedgekeurd")
    assert "geen toegang" not in admin.content().lower()
    screenshot(admin, "moderatie-na-goedkeuren")

    # The complaint is public, without its private part.
    anonymous = browser.new_context(base_url=base).new_page()
    anonymous.goto("/bedrijven/polderpost/")
    anonymous.click("text=Pakket als bezorgd gemeld, nooit ontvangen")
    public_url = anonymous.url
    html = anonymous.content()
    assert "wacht op reactie bedrijf" in html.lower()
    assert PRIVATE not in html and "Lindenlaan" not in html and "kassabon" not in html
    screenshot(anonymous, "openbare-klacht")

    # The company's representative sees the private part and downloads the attachment.
    company = browser.new_context(base_url=base, accept_downloads=True).new_page()
    log_in(company, base, "rep@polderpost.example")
    company.goto(public_url)
    assert PRIVATE in company.content()
    screenshot(company, "klacht-voor-bedrijf")
    with company.expect_download() as download:
        company.click("text=kassabon.png")
    assert download.value.suggested_filename == "kassabon.png"
    attachment_url = company.locator("text=kassabon.png").get_attribute("href")

    # Another consumer gets a 404 on the attachment.
    stranger = browser.new_context(base_url=base).new_page()
    log_in(stranger, base, "ander@example.invalid")
    response = stranger.request.get(attachment_url)
    assert response.status == 404

    # The company was told by e-mail, without the private part.
    [notice] = smtp_sink.to("rep@polderpost.example")
    assert "Nieuwe klacht" in notice["Subject"]
    assert PRIVATE not in smtp_sink.text(notice)
