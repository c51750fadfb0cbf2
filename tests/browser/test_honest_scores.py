"""A visitor reads a company's figures with their uncertainty and follows the link to
the method page, where the formulas are (MathML, no script)."""

import pytest
from django.utils import timezone

from tests.browser.test_accessibility import axe_violations

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]


@pytest.fixture
def company_with_figures(world):
    from scorecards.models import CompanyScore

    company = world["company"]
    grades = [8, 9, 7, 8, 9, 6, 8, 9, 8, 7]
    CompanyScore.objects.create(
        company=company,
        computed_on=timezone.localdate(),
        first_reaction_terms=10,
        first_reaction_on_time=8,
        company_turns=14,
        company_turns_on_time=11,
        median_first_reaction_hours=30.5,
        first_reactions=10,
        rated=len(grades),
        rated_solved=8,
        grade_sum=sum(grades),
        grade_sum_squares=sum(g * g for g in grades),
        smoothed_grade=7.8,
    )
    return company


def test_a_visitor_sees_the_interval_and_reads_how_it_is_computed(
    live_server, browser, company_with_figures, screenshot
):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()

    page.goto(company_with_figures.url)
    on_time = page.locator(".scorecard div", has_text="Eerste reactie op tijd")
    assert on_time.locator("dd .estimate").inner_text() == "80% (95%-interval 49–94%)"
    grade = page.locator(".scorecard div", has_text="Cijfer voor de afhandeling")
    assert "7,9 (95%-interval 7,2–8,6)" in grade.inner_text()
    screenshot(page, "honest-scores-company")

    page.get_by_role("link", name="Zo rekenen we").click()
    page.wait_for_url("**/pluimen/methode/#onzekerheid")
    assert page.get_by_role("heading", name="Hoe zeker zijn de cijfers?").is_visible()
    wilson = page.locator("#wilson-formule")
    wilson.scroll_into_view_if_needed()
    assert wilson.is_visible()
    # Chromium lays the MathML out as a formula (a fraction taller than a line of text),
    # not as a run of loose symbols.
    box = wilson.locator("math").bounding_box()
    assert box["height"] > 50 and box["width"] > 150
    assert "Wilson-interval" in wilson.locator("figcaption").inner_text()
    assert page.locator("#cijfer-formule math").is_visible()
    screenshot(page, "honest-scores-method")

    # On a phone the formulas scroll in their own box; the page does not.
    page.set_viewport_size({"width": 320, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320


def test_the_figures_and_the_formulas_pass_axe(live_server, browser, company_with_figures):
    # axe is injected as a script, which the site's policy refuses; this context only.
    page = browser.new_context(base_url=live_server.url, bypass_csp=True).new_page()

    for url in (company_with_figures.url, "/pluimen/methode/", "/pluimen/"):
        page.goto(url)
        assert axe_violations(page) == [], url
