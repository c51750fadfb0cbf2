"""The search box suggests companies and recent complaint titles as a WAI-ARIA combobox
with a grouped listbox: by keyboard (type, hear how many suggestions there are, arrow
through them, Escape, Enter) and by mouse; without JavaScript it is a plain search."""

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
    # The companies stand in a group named by its visible heading.
    companies_group = listbox.get_by_role("group", name="Bedrijven")
    assert companies_group.get_by_role("option").count() == 3
    assert listbox.get_by_role("group", name="Klachten").count() == 0
    assert box.get_attribute("aria-expanded") == "true"
    assert page.get_by_role("status").filter(has_text="3 suggesties: 3 bedrijven").count() == 1
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


@pytest.fixture
def complaints(companies):
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from complaints.factories import make_complaint
    from search.client import get_client
    from search.indexing import alias

    consumer = get_user_model().objects.get(username="ander")
    old = make_complaint(
        company=companies,
        consumer=consumer,
        status="awaiting_company",
        title="Wasmachine lekt al maanden",
        now=timezone.now() - timedelta(days=300),
    )
    recent = make_complaint(
        company=companies,
        consumer=consumer,
        status="awaiting_company",
        title="Wasmachine lekt na de reparatie",
    )
    make_complaint(
        company=companies, consumer=consumer, status="withdrawn", title="Wasmachine lekt niet meer"
    )
    get_client().indices.refresh(index=alias())
    return {"recent": recent, "old": old}


def test_a_recent_complaint_title_is_offered_and_opens_by_mouse(
    live_server, browser, complaints, screenshot
):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto("/")
    page.locator("#home-q").fill("wasmachine le")

    group = page.get_by_role("group", name="Klachten")
    group.get_by_role("option").first.wait_for()
    titles = [t.split(" · ")[0] for t in group.get_by_role("option").all_text_contents()]
    # The recent one first; the withdrawn one is not public, so never offered.
    assert titles == ["Wasmachine lekt na de reparatie", "Wasmachine lekt al maanden"]
    assert page.get_by_role("group", name="Bedrijven").count() == 0
    assert page.get_by_role("status").filter(has_text="2 suggesties: 2 klachten").count() == 1
    screenshot(page, "search-suggestions-complaints")

    with page.expect_navigation():
        group.get_by_role("option").first.click()
    assert page.url.endswith(complaints["recent"].url)
    assert page.locator("h1").text_content().strip() == "Wasmachine lekt na de reparatie"
    context.close()


@pytest.fixture
def wasmachinehuis(complaints):
    """A company whose name starts like the complaints' titles, in the company index."""
    from companies.factories import CompanyPageFactory
    from search.companies import rebuild

    CompanyPageFactory(
        parent=complaints["recent"].company.get_parent(), title="Wasmachinehuis", slug="wmh"
    )
    rebuild()


def test_companies_and_complaints_together_keyboard_and_escape(
    live_server, browser, complaints, wasmachinehuis
):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto("/zoeken/")
    box = page.locator("#id_q")
    box.focus()
    page.keyboard.type("wasmachine")

    listbox = page.locator(f"#{box.get_attribute('aria-controls')}")
    listbox.get_by_role("group", name="Klachten").wait_for()
    assert listbox.get_by_role("group", name="Bedrijven").get_by_role(
        "option"
    ).all_text_contents() == ["Wasmachinehuis"]
    assert (
        page.get_by_role("status").filter(has_text="3 suggesties: 1 bedrijf en 2 klachten").count()
        == 1
    )

    page.keyboard.press("Escape")  # closes the list, keeps the text
    assert box.get_attribute("aria-expanded") == "false" and not listbox.is_visible()
    assert box.input_value() == "wasmachine"

    page.keyboard.press("ArrowDown")  # opens again on the first: the company
    assert box.get_attribute("aria-expanded") == "true"
    assert active_option(page) == "Wasmachinehuis"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/wmh/")
    context.close()


def test_submitting_without_a_choice_shows_the_results(live_server, browser, complaints):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto("/")
    page.locator("#home-q").fill("wasmachine lekt")
    page.get_by_role("group", name="Klachten").wait_for()
    with page.expect_navigation():
        page.get_by_role("button", name="Zoeken").click()

    assert "/zoeken/?q=wasmachine+lekt" in page.url
    assert page.locator("#resultaten-kop").text_content() == "2 klachten"
    context.close()


def test_without_javascript_the_box_is_a_plain_search(live_server, browser, complaints):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    box = page.locator("#home-q")
    assert box.get_attribute("role") is None  # no combobox without the script

    box.fill("wasmachine")
    with page.expect_navigation():
        box.press("Enter")

    assert "/zoeken/?q=wasmachine" in page.url
    assert page.locator("#resultaten-kop").text_content() == "2 klachten"
    assert page.locator("[role=listbox]").count() == 0
    context.close()


def test_a_late_answer_to_an_older_query_is_ignored(
    live_server, browser, complaints, wasmachinehuis
):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    held = []

    # The first request (for "wasm") is held back and let through only after the answer
    # to the later text has been shown: a slow network, with the real server's answers.
    def hold_the_first(route):
        if not held and "q=wasm&" not in route.request.url + "&":
            route.continue_()
        elif not held:
            held.append(route)
        else:
            route.continue_()

    page.route("**/api/v2/search/suggest/**", hold_the_first)
    page.goto("/zoeken/")
    box = page.locator("#id_q")
    box.fill("wasm")
    page.wait_for_timeout(400)  # past the debounce: the request for "wasm" is under way
    assert len(held) == 1
    box.fill("wasmachine lekt na de rep")
    listbox = page.locator(f"#{box.get_attribute('aria-controls')}")
    listbox.get_by_role("group", name="Klachten").wait_for()
    expected = listbox.get_by_role("option").all_text_contents()
    assert [t.split(" · ")[0] for t in expected] == ["Wasmachine lekt na de reparatie"]

    with page.expect_response(lambda r: "q=wasm" in r.url and r.url.endswith("wasm")):
        held[0].continue_()
    page.wait_for_timeout(200)

    # "wasm" would have offered the company too; the list still answers the newer text.
    assert listbox.get_by_role("option").all_text_contents() == expected
    assert listbox.get_by_role("group", name="Bedrijven").count() == 0
    context.close()
