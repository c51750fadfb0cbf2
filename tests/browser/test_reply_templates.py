"""A representative fills the reaction box from a reply template: with JavaScript on
choosing it, without JavaScript through the "Sjabloon invoegen" button."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.browser.test_accessibility import axe_violations

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]

FIRST = "Beste klant,\n\nDank je voor je melding. We zoeken uit wat er met je pakket is gebeurd."
REFUND = "We storten het bedrag deze week terug op je rekening."


@pytest.fixture
def awaiting_company(world, django_user_model):
    from allauth.account.models import EmailAddress

    from companies.models import ReplyTemplate
    from complaints.factories import make_complaint

    company = world["company"]
    ReplyTemplate.objects.create(company=company, title="Eerste reactie", body=FIRST)
    ReplyTemplate.objects.create(company=company, title="Terugbetaling", body=REFUND)
    consumer = django_user_model.objects.create_user("jan", "jan@example.invalid", "x")
    EmailAddress.objects.create(user=consumer, email=consumer.email, verified=True, primary=True)
    return make_complaint(company=company, consumer=consumer, status="awaiting_company")


def representative_page(browser, base, **options):
    page = browser.new_context(base_url=base, **options).new_page()
    log_in(page, base, "rep@polderpost.example")
    page.wait_for_url(lambda url: "/account/login/" not in url)
    return page


def test_choosing_a_template_fills_the_box(live_server, browser, awaiting_company):
    page = representative_page(browser, live_server.url)
    page.goto(awaiting_company.url)
    box = page.locator("#id_body")

    # The script takes over the server round trip.
    expect(page.get_by_role("button", name="Sjabloon invoegen")).to_be_hidden()

    page.get_by_label("Kies een sjabloon").select_option(label="Eerste reactie")

    assert box.input_value() == FIRST
    assert page.evaluate("document.activeElement.id") == "id_body"

    # Typed text is only replaced when the writer agrees.
    box.fill("Mijn eigen begin.")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_label("Kies een sjabloon").select_option(label="Terugbetaling")
    assert box.input_value() == "Mijn eigen begin."

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_label("Kies een sjabloon").select_option(label="Eerste reactie")
    assert box.input_value() == FIRST

    # The text can be adjusted per complaint before it is posted.
    box.press("End")
    box.type(" Je hoort binnen twee dagen van ons.")
    page.get_by_role("button", name="Reactie plaatsen").click()
    page.wait_for_selector("text=Je reactie is geplaatst")

    assert "Je hoort binnen twee dagen van ons." in page.content()
    awaiting_company.refresh_from_db()
    assert awaiting_company.status == "awaiting_consumer"


def test_without_javascript_the_button_inserts_the_template(live_server, browser, awaiting_company):
    page = representative_page(browser, live_server.url, java_script_enabled=False)
    page.goto(awaiting_company.url)
    box = page.locator("#id_body")
    assert box.input_value() == ""

    page.get_by_label("Kies een sjabloon").select_option(label="Terugbetaling")
    assert box.input_value() == ""  # nothing happens without the script...
    with page.expect_navigation():
        page.get_by_role("button", name="Sjabloon invoegen").click()

    assert page.locator("#id_body").input_value() == REFUND  # ...until the server fills it

    page.locator("#id_body").fill(REFUND + " Excuses voor het wachten.")
    with page.expect_navigation():
        page.get_by_role("button", name="Reactie plaatsen").click()

    assert "Je reactie is geplaatst" in page.content()
    assert "Excuses voor het wachten." in page.content()


def test_the_reaction_form_with_templates_passes_axe(live_server, browser, awaiting_company):
    page = representative_page(browser, live_server.url, bypass_csp=True)
    page.goto(awaiting_company.url)
    page.get_by_label("Kies een sjabloon").select_option(label="Eerste reactie")
    assert page.locator("#id_body").input_value() == FIRST

    assert axe_violations(page) == []
