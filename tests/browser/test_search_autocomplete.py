"""The search box suggests companies as a WAI-ARIA combobox, used here by keyboard only:
type, hear how many suggestions there are, arrow through them, Escape, Enter."""

import pytest

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]


@pytest.fixture
def companies(world, index, generous_rate_limits):
    from companies.factories import CompanyPageFactory
    from search.companies import rebuild

    parent = world["company"].get_parent()
    CompanyPageFactory(parent=parent, title="Polderbouw Keukens", slug="polderbouw")
    CompanyPageFactory(parent=parent, title="Polderland Energie", slug="polderland")
    CompanyPageFactory(parent=parent, title="Zonnestroom Holland", slug="zonnestroom")
    rebuild()
    return world["company"]  # Polderpost Pakketdienst


def active_option(page):
    return page.evaluate(
        """() => {
            const id = document.activeElement.getAttribute("aria-activedescendant");
            return id ? document.getElementById(id).textContent : null;
        }"""
    )


def test_choosing_a_company_by_keyboard(live_server, browser, companies, screenshot):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto("/zoeken/")

    # Reach the search box with Tab, as a keyboard user does.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_q":
            break
    box = page.locator("#id_q")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    listbox_id = box.get_attribute("aria-controls")

    page.keyboard.type("polder")
    listbox = page.locator(f"#{listbox_id}")
    listbox.wait_for(state="visible")
    options = listbox.get_by_role("option")
    assert options.count() == 3
    assert box.get_attribute("aria-expanded") == "true"
    assert page.get_by_role("status").filter(has_text="3 suggesties").count() == 1
    assert active_option(page) is None  # typing alone chooses nothing

    page.keyboard.press("ArrowDown")
    first = active_option(page)
    page.keyboard.press("ArrowDown")
    second = active_option(page)
    page.keyboard.press("ArrowUp")
    assert active_option(page) == first and first != second
    page.keyboard.press("ArrowUp")  # from the first, round to the last
    assert active_option(page) == options.nth(2).text_content()
    assert page.locator("[role=option][aria-selected=true]").count() == 1
    screenshot(page, "search-autocomplete")

    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert not listbox.is_visible()
    assert box.input_value() == "polder"  # Escape closes the list, the text stays
    assert page.evaluate("document.activeElement.id") == "id_q"

    # Open again, choose Polderpost, and land on its page.
    page.keyboard.press("ArrowDown")
    while active_option(page) != "Polderpost Pakketdienst":
        page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(companies.url)
    assert page.locator("h1").text_content() == "Polderpost Pakketdienst"
    context.close()


def test_enter_without_a_choice_searches(live_server, browser, companies):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto("/zoeken/")
    page.locator("#id_q").focus()

    page.keyboard.type("polderpost")
    page.locator("[role=listbox] [role=option]").first.wait_for()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "/zoeken/?q=polderpost" in page.url
    assert page.get_by_text("Bedoel je het bedrijf").is_visible()
    context.close()
