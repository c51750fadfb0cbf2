"""At 320 px the company page and the ranking reflow: wide charts and tables scroll in
their own labelled box, the page itself never scrolls sideways."""

from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]

OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const main = document.querySelector("main");
    const wide = [...main.querySelectorAll("*")]
        .filter(el => !el.closest(".table-scroll, .chart-image, .visually-hidden"))
        .filter(el => el.getBoundingClientRect().right > width + 1)
        .map(el => el.tagName + "." + el.className);
    return {width, scroll: main.scrollWidth, wide};
}"""


@pytest.fixture
def company_with_figures(world):
    from scorecards.models import CompanyScore

    company = world["company"]
    company.customer_service_url = "https://polderpost.example/klantenservice/contactformulier"
    company.customer_service_phone = "0900-1234567"
    company.save_revision().publish()
    today = timezone.localdate()
    for months_back in range(6):
        CompanyScore.objects.create(
            company=company,
            computed_on=today - timedelta(days=30 * months_back),
            first_reaction_terms=10,
            first_reaction_on_time=8,
            company_turns=14,
            company_turns_on_time=11,
            median_first_reaction_hours=30.5,
            first_reactions=10,
            rated=6,
            rated_solved=4,
            grade_sum=41,
            smoothed_grade=6.9,
        )
    return company


def test_the_company_page_and_ranking_fit_320_px(
    live_server, browser, company_with_figures, screenshot
):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 800})
    page = context.new_page()

    for url, name in [(company_with_figures.url, "company-320"), ("/pluimen/", "ranking-320")]:
        page.goto(url)
        result = page.evaluate(OVERFLOW)
        screenshot(page, name)
        assert result["wide"] == [], result
        assert result["scroll"] <= result["width"], result

    # The chart's numbers open by keyboard and their table scrolls in its own region.
    page.goto(company_with_figures.url)
    summary = page.locator("summary", has_text="Toon de cijfers").first
    summary.focus()
    page.keyboard.press("Enter")
    region = page.get_by_role("region", name="Cijfers: eerste reactie op tijd")
    assert region.is_visible()
    assert region.get_attribute("tabindex") == "0"
    assert page.evaluate(OVERFLOW)["wide"] == []
    context.close()

    for width, name in [(390, "company-390"), (1280, "company-desktop")]:
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": 900}
        )
        page = context.new_page()
        page.goto(company_with_figures.url)
        screenshot(page, name)
        assert page.evaluate(OVERFLOW)["wide"] == [], width
        context.close()
