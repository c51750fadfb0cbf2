"""The whole life of a complaint with the keyboard only: no clicks, no filling by
selector. Every control is reached with Tab (so it must be focusable and in a sensible
order), radio buttons are chosen with the arrow keys, buttons and links pressed with
Enter. Going to an address is allowed: a keyboard user types it too."""

import re

import pytest

from tests.browser.conftest import PASSWORD

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]

TITLE = "Wasmachine kapot geleverd en niet opgehaald"


def focused(page, locator) -> bool:
    return page.evaluate("el => document.activeElement === el", locator.element_handle())


def tab_to(page, locator, limit=120):
    """Tab forward until the element has focus; an element Tab never reaches fails."""
    locator.wait_for()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page, locator):
            return
    pytest.fail(f"Tab never reached {locator} on {page.url}")


def type_into(page, locator, text):
    tab_to(page, locator)
    page.keyboard.type(text)


def press(page, locator):
    tab_to(page, locator)
    page.keyboard.press("Enter")


def choose(page, name, value):
    """A radio group: Tab into it, then the arrow keys until the value is chosen."""
    group = page.locator(f"input[type=radio][name={name}]")
    tab_to(page, group.first)
    for _ in range(group.count() + 1):
        if page.evaluate("() => document.activeElement.value") == value:
            page.keyboard.press("Space")
            break
        page.keyboard.press("ArrowDown")
    assert page.locator(f"input[name={name}][value='{value}']").is_checked()


def keyboard_log_in(page, base, path, user_field, login, password=PASSWORD):
    page.goto(f"{base}{path}")
    type_into(page, page.locator(f"input[name={user_field}]"), login)
    page.keyboard.press("Tab")
    if page.evaluate("() => document.activeElement.name") != "password":
        tab_to(page, page.locator("input[name=password]"))
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: path not in url)


@pytest.fixture
def consumer(world, django_user_model):
    from allauth.account.models import EmailAddress

    user = django_user_model.objects.create_user("jan", "jan@example.invalid", PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def test_submit_approve_react_and_grade_with_the_keyboard_only(
    live_server, browser, smtp_sink, screenshot, consumer
):
    base = live_server.url

    # The consumer signs in and writes the complaint.
    page = browser.new_context(base_url=base, locale="nl-NL").new_page()
    keyboard_log_in(page, base, "/account/login/", "login", "jan@example.invalid")
    page.goto(f"{base}/klacht-indienen/")
    type_into(page, page.get_by_label("Bedrijfsnaam"), "polder")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=polder"))
    press(page, page.get_by_role("link", name=re.compile("Polderpost Pakketdienst")))
    page.wait_for_url(re.compile(r"/klacht-indienen/bedrijf/\d+/$"))
    choose(page, "government", "nee")
    choose(page, "company_is_dutch", "ja")
    choose(page, "bought_directly", "ja")
    choose(page, "told_company_first", "ja")
    # A date field takes its parts typed in order (the context's locale is Dutch: dd-mm-jjjj).
    type_into(page, page.locator("input[name=told_company_on]"), "20102026")
    type_into(page, page.locator("input[name=told_company_how]"), "Gebeld met de klantenservice")
    press(page, page.get_by_role("button", name="Volgende stap"))
    page.wait_for_url(re.compile(r"/klacht/$"))

    tab_to(page, page.locator("select[name=topic]"))
    page.keyboard.type("Levering")
    type_into(page, page.locator("input[name=title]"), TITLE)
    type_into(
        page,
        page.locator("textarea[name=description]"),
        "De wasmachine kwam met een gebroken deur. De bezorger nam hem niet mee terug en "
        "de klantenservice zegt dat ik zelf een afspraak moet maken.",
    )
    type_into(
        page,
        page.locator("textarea[name=desired_outcome]"),
        "Ik wil dat de wasmachine wordt opgehaald en vervangen.",
    )
    press(page, page.get_by_role("button", name="Opslaan en verder"))
    page.wait_for_url(re.compile(r"/besloten/$"))
    type_into(page, page.locator("input[name=private-order_reference]"), "BESTEL-4711")
    press(page, page.get_by_role("button", name="Opslaan en verder"))
    page.wait_for_url(re.compile(r"/controleren/$"))
    assert "BESTEL-4711" in page.content()
    press(page, page.get_by_role("button", name="Klacht versturen"))
    page.wait_for_selector("text=Je klacht is verstuurd")

    # The moderator approves it on the review screen.
    admin = browser.new_context(base_url=base).new_page()
    keyboard_log_in(admin, base, "/admin/login/", "username", "moderator")
    press(admin, admin.get_by_role("link", name=re.compile(r"Moderatie \(1\)")))
    admin.wait_for_url(re.compile(r"/admin/moderatie/$"))
    press(admin, admin.get_by_role("link", name=TITLE))
    admin.wait_for_url(re.compile(r"/admin/moderatie/\d+/$"))
    screenshot(admin, "toetsenbord-moderatie-beoordelen")
    press(admin, admin.get_by_role("button", name="Goedkeuren"))
    admin.wait_for_selector("text=Goedgekeurd")

    # The company's representative lands on the portal, opens the complaint and reacts.
    company = browser.new_context(base_url=base).new_page()
    keyboard_log_in(company, base, "/account/login/", "login", "rep@polderpost.example")
    company.wait_for_url(re.compile(r"/bedrijfsportaal/$"))
    press(company, company.get_by_role("link", name=TITLE))
    type_into(
        company,
        company.locator("textarea[name=body]"),
        "Excuses. We halen de wasmachine donderdag op en leveren dezelfde dag een nieuwe.",
    )
    press(company, company.get_by_role("button", name="Reactie plaatsen"))
    company.wait_for_selector("text=Je reactie is geplaatst")
    press(company, company.get_by_role("link", name=re.compile("Klacht is opgelost")))
    company.wait_for_selector("text=Wat er gebeurt als je bevestigt")
    screenshot(company, "opgelost-bevestigen")
    press(company, company.get_by_role("button", name="Ja, meld de klacht als opgelost"))
    company.wait_for_selector("text=Gemeld als opgelost")

    # The consumer grades the handling.
    page.goto(company.url.split("#")[0])
    choose(page, "grade", "8")
    choose(page, "solved", "ja")
    type_into(page, page.locator("textarea[name=comment]"), "Snel en netjes opgelost.")
    press(page, page.get_by_role("button", name="Beoordeling geven"))
    page.wait_for_selector("text=Cijfer")
    assert re.search(r"Cijfer\s*8", page.locator(".rating").inner_text())
    screenshot(page, "toetsenbord-beoordeeld")
