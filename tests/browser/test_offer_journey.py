"""A settlement offer in a real browser: the company offers a refund, the consumer
accepts it and lets the amount be public, the company confirms it was carried out, and
the public page shows the accepted offer with its amount."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.conftest import log_in
from tests.browser.test_accessibility import axe_violations

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]


@pytest.fixture
def published(complaint_of_jan):
    return complaint_of_jan("Koffiezetter lekt")


def test_refund_offered_accepted_carried_out_and_shown_with_its_amount(
    live_server, browser, smtp_sink, screenshot, published
):
    base = live_server.url
    today = timezone.localdate()

    # The parties' pages get axe injected, which the Content-Security-Policy would
    # refuse; the visitor's page below keeps the policy.
    company = browser.new_context(base_url=base, bypass_csp=True).new_page()
    log_in(company, base, "rep@polderpost.example")
    company.goto(published.url)
    company.click("text=Doe een voorstel")
    company.wait_for_selector("h1:has-text('Doe een voorstel')")
    assert axe_violations(company) == []
    # Sent empty: every error by its field, and the summary at the top.
    company.click("text=Voorstel versturen")
    company.wait_for_selector(".field-error")
    assert axe_violations(company) == []
    company.check("input[name=kind][value=refund]")
    company.fill("input[name=amount]", "49,95")
    company.fill("input[name=answer_by]", (today + timedelta(days=5)).isoformat())
    company.fill("input[name=carry_out_by]", (today + timedelta(days=10)).isoformat())
    company.fill("textarea[name=message]", "We maken het bedrag binnen een week over.")
    company.click("text=Voorstel versturen")
    company.wait_for_selector("text=Je voorstel staat in het gesprek")

    consumer = browser.new_context(base_url=base, bypass_csp=True).new_page()
    log_in(consumer, base, "jan@example.invalid")
    consumer.goto(published.url)
    assert "We maken het bedrag binnen een week over." in consumer.content()
    consumer.click("summary:has-text('Afwijzen')")
    assert axe_violations(consumer) == []
    # Keyboard only: the checkbox and the accept button are reachable and work.
    consumer.focus("input[name=amount_public]")
    consumer.keyboard.press("Space")
    assert consumer.is_checked("input[name=amount_public]")
    consumer.focus("button:has-text('Accepteren')")
    consumer.keyboard.press("Enter")
    consumer.wait_for_selector("text=Je hebt het voorstel aangenomen")

    company.goto(published.url)
    company.click("button:has-text('Uitgevoerd')")
    company.wait_for_selector("text=Gemeld als uitgevoerd")

    anonymous = browser.new_context(base_url=base).new_page()
    anonymous.goto(published.url)
    card = anonymous.locator("article.offer")
    text = card.inner_text()
    assert "deed een voorstel: terugbetaling van €\xa049,95" in text
    assert "Voorstel aangenomen en uitgevoerd volgens het bedrijf" in text
    assert "We maken het bedrag binnen een week over." not in anonymous.content()
    screenshot(anonymous, "voorstel-aangenomen-openbaar")

    # Each side heard of the other's step, over SMTP.
    assert any("voorstel" in m["Subject"] for m in smtp_sink.to("jan@example.invalid"))
    assert any("aangenomen" in m["Subject"] for m in smtp_sink.to("rep@polderpost.example"))
