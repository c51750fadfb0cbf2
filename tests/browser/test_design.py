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
