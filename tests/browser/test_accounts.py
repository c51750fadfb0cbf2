"""Signing up and in, in a real browser: the error summary takes focus and speaks Dutch,
a representative lands on the portal, and the pages fit a 390 px screen."""

import pytest

from tests.browser.conftest import PASSWORD

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_weak_password_is_refused_in_dutch_with_focus_on_the_summary(
    live_server, browser, world, screenshot
):
    page = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}
    ).new_page()
    page.goto("/account/signup/")
    assert fits(page)
    page.fill("input[name=email]", "nieuw@example.invalid")
    page.fill("input[name=password1]", "12345678")
    page.fill("input[name=password2]", "12345678")
    page.keyboard.press("Enter")

    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert "Dit wachtwoord bestaat alleen uit cijfers" in summary.inner_text()
    assert page.title().startswith("Fout: Account aanmaken")
    assert fits(page)
    screenshot(page, "account-aanmaken-fout-390")

    # The summary's link leads to the field.
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.name") == "password1"


def test_a_representative_signs_in_by_keyboard_and_lands_on_the_portal(
    live_server, browser, world, screenshot
):
    page = browser.new_context(base_url=live_server.url).new_page()
    page.goto("/account/login/")
    screenshot(page, "inloggen")
    page.get_by_label("E-mailadres of gebruikersnaam").focus()
    page.keyboard.type("rep@polderpost.example")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")

    page.wait_for_url("**/bedrijfsportaal/")
    assert "Polderpost Pakketdienst" in page.content()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_home_page_fits_and_leads_to_a_complaint(
    live_server, browser, world, screenshot, width
):
    page = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    ).new_page()
    page.goto("/")

    assert fits(page)
    screenshot(page, f"home-{width}")
    page.get_by_role("link", name="Klacht indienen").first.click()
    page.wait_for_url("**/account/login/**")
