"""The design pass in a real browser: the focus indicator and reflow on small screens."""

import pytest

from tests.contrast import contrast

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]

# The focused element's outline and the colour behind it: the nearest ancestor with a
# background of its own (the outline is drawn outside the element, on that background).
FOCUS_STYLE = """(el) => {
    const style = getComputedStyle(el);
    let node = el.parentElement, behind = null;
    while (node && !behind) {
        const colour = getComputedStyle(node).backgroundColor;
        if (!/^rgba\\(.*,\\s*0\\)$/.test(colour) && colour !== "transparent") behind = colour;
        node = node.parentElement;
    }
    return {
        colour: style.outlineColor,
        width: parseFloat(style.outlineWidth),
        line: style.outlineStyle,
        behind: behind || "rgb(255, 255, 255)",
        visible: el.matches(":focus-visible"),
    };
}"""


def test_the_focus_outline_stands_out_wherever_it_lands(live_server, browser, site):
    page = browser.new_context(base_url=live_server.url).new_page()
    page.goto("/")
    page.keyboard.press("Tab")  # the skip link: from here on focus counts as keyboard focus
    targets = {
        "skip link": ".skip-link",
        "logo": ".site-header .brand",
        "menu link": ".site-header nav a[href='/bedrijven/']",
        "primary button": ".site-header a.button",
        "footer link": ".site-footer a",
    }
    for name, selector in targets.items():
        element = page.locator(selector).first
        element.focus()
        focus = element.evaluate(FOCUS_STYLE)
        assert focus["visible"], name
        assert focus["line"] == "solid" and focus["width"] >= 2, (name, focus)
        ratio = contrast(focus["colour"], focus["behind"])
        assert ratio >= 3, (
            f"{name}: outline {focus['colour']} on {focus['behind']} is {ratio:.2f}:1"
        )


def _main_pages_world(world, live_server):
    """Data that fills the pages that overflowed on a phone: long tables and facts."""
    from datetime import date, timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from complaints.factories import make_complaint
    from scorecards.models import CompanyScore

    company = world["company"]
    company.website = "https://www.polderpost-pakketdienst-klantenservice.example/contact/klachten"
    company.legal_name = "Polderpost Pakketdienst en Koeriersdiensten Nederland B.V."
    company.save_revision().publish()
    consumer = get_user_model().objects.get(username="ander")
    complaints = [
        make_complaint(company=company, consumer=consumer, status=status, title=title)
        for status, title in [
            ("awaiting_company", "Pakket met een onverwacht lange titel nooit bezorgd bij mij"),
            ("awaiting_consumer", "Retourzending niet verwerkt"),
            ("draft", "Nog niet af"),
        ]
    ]
    make_complaint(
        company=company,
        consumer=consumer,
        status="awaiting_company",
        title="Al drie weken geen antwoord",
        now=timezone.now() - timedelta(days=20),
    )
    CompanyScore.objects.create(
        company=company,
        computed_on=date.today(),
        complaints=12,
        rated=8,
        rated_solved=6,
        grade_sum=60,
        smoothed_grade=7.4,
        first_reaction_terms=10,
        first_reaction_on_time=9,
        verdict="pluim",
    )
    return {
        "anonymous": [
            "/",
            "/bedrijven/",
            company.url,
            complaints[0].url,
            "/zoeken/",
            "/tips/",
            "/pluimen/",
            "/over-ons/",
            "/toegankelijkheid/",
            "/bestaat-niet/",
        ],
        "ander@example.invalid": ["/mijn-klachten/"],
        "rep@polderpost.example": ["/bedrijfsportaal/"],
    }


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_the_main_pages_fit_a_phone_without_sideways_scrolling(
    live_server, browser, world, width, screenshot
):
    from tests.browser.conftest import log_in

    pages = _main_pages_world(world, live_server)
    too_wide = []
    for who, urls in pages.items():
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": 800}
        )
        page = context.new_page()
        if who != "anonymous":
            log_in(page, live_server.url, who)
        for url in urls:
            page.goto(url)
            scroll, inner = page.evaluate(
                "[document.documentElement.scrollWidth, window.innerWidth]"
            )
            if scroll > inner:
                too_wide.append(f"{url} ({who}): {scroll}px in {inner}px")
            if width != 320:
                name = "klacht" if "/klachten/" in url else url.strip("/").replace("/", "-")
                name = name or "home"
                screenshot(page, f"design-{width}-{name}")
        context.close()
    assert not too_wide, "\n".join(too_wide)


def test_wide_tables_scroll_in_their_own_region(live_server, browser, world):
    from tests.browser.conftest import log_in

    _main_pages_world(world, live_server)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 800})
    page = context.new_page()
    log_in(page, live_server.url, "ander@example.invalid")
    for url in ("/pluimen/", "/mijn-klachten/"):
        page.goto(url)
        region = page.locator(".table-scroll").first
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("tabindex") == "0"
        assert region.get_attribute("aria-label") or region.get_attribute("aria-labelledby")
        # The table is wider than the screen, so the region scrolls, not the page.
        assert region.evaluate("(el) => el.scrollWidth > el.clientWidth"), url
    context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_the_menu_folds_on_a_phone_and_opens_by_keyboard(live_server, browser, site, javascript):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 800},
        java_script_enabled=javascript,
    )
    page = context.new_page()
    page.goto("/")
    menu_link = page.locator(".site-header nav a[href='/tips/']")
    toggle = page.locator(".site-header summary")
    assert toggle.is_visible() and toggle.inner_text().strip() == "Menu"
    assert not menu_link.is_visible()
    # One compact row: the logo and the toggle.
    assert page.locator(".site-header").bounding_box()["height"] < 80
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # logo
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    assert menu_link.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "/bedrijven/"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert not menu_link.is_visible()
    # On a wide screen the whole menu shows, without a toggle, with or without JavaScript.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/tips/")
    assert menu_link.is_visible() and not toggle.is_visible()
    assert menu_link.get_attribute("aria-current") == "page"
    context.close()
