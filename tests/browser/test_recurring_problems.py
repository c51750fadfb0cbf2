"""A visitor sees on a company's page the problem its complaints keep coming back to,
clicks it and reads those complaints: the search filtered to the company and the word."""

import pytest

from tests.search.test_problems import BACKGROUND, POLDERPOST

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]


@pytest.fixture
def complained(world, index, es, generous_rate_limits, django_user_model):
    from companies.factories import CompanyPageFactory, SectorFactory
    from complaints.factories import make_complaint
    from search.indexing import alias

    company = world["company"]
    consumer = django_user_model.objects.create_user("klager", "klager@example.invalid", "x")
    others = SectorFactory(name="Energie")
    elsewhere = CompanyPageFactory(parent=company.get_parent(), title="Stroomlijn", sector=others)
    for subject, texts in ((company, POLDERPOST), (elsewhere, BACKGROUND)):
        for title, description in texts:
            make_complaint(
                company=subject,
                consumer=consumer,
                status="awaiting_company",
                title=title,
                description=description,
                notify=False,
            )
    es.indices.refresh(index=alias())
    return company


def test_a_visitor_follows_a_recurring_problem_to_the_complaints(
    live_server, browser, complained, screenshot
):
    page = browser.new_context(base_url=live_server.url).new_page()
    page.goto(complained.url)

    section = page.get_by_role("region", name="Problemen die vaker terugkomen")
    problem = section.get_by_role("link", name="wachttijd", exact=True)
    assert problem.is_visible()
    item = section.get_by_role("listitem").filter(has=page.get_by_text("wachttijd", exact=True))
    assert item.inner_text().endswith("in 6 klachten")
    screenshot(page, "recurring-problems")

    problem.click()

    page.wait_for_url("**/zoeken/?q=wachttijd&company=polderpost")
    assert page.locator("#id_q").input_value() == "wachttijd"
    results = page.locator("main").inner_text()
    assert "Telefonisch onbereikbaar" in results
    assert "Factuur klopt niet" not in results
