"""The whole conversation in a real browser, down to the score on the company page."""

import pytest

from tests.browser.conftest import log_in

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]


@pytest.fixture
def published(complaint_of_jan):
    return complaint_of_jan("Modem nooit geleverd")


def test_react_react_solved_graded_and_the_score_changes(
    live_server, browser, smtp_sink, screenshot, published
):
    base = live_server.url
    company_page = f"{base}/bedrijven/polderpost/"
    anonymous = browser.new_context(base_url=base).new_page()
    anonymous.goto(company_page)
    assert "Nog geen cijfers" in anonymous.content()

    company = browser.new_context(base_url=base).new_page()
    log_in(company, base, "rep@polderpost.example")
    company.goto(published.url)
    company.fill("textarea[name=body]", "Excuses! We sturen vandaag een nieuw modem op.")
    company.click("text=Reactie plaatsen")
    company.wait_for_selector("text=Je reactie is geplaatst")

    consumer = browser.new_context(base_url=base).new_page()
    log_in(consumer, base, "jan@example.invalid")
    consumer.goto(published.url)
    assert "Excuses! We sturen vandaag een nieuw modem op." in consumer.content()
    consumer.fill("textarea[name=body]", "Dank u, ik laat het weten als het binnen is.")
    consumer.click("text=Reactie plaatsen")
    consumer.wait_for_selector("text=Je reactie is geplaatst")

    company.goto(published.url)
    company.click("text=Klacht is opgelost")
    company.wait_for_selector("text=Wat er gebeurt als je bevestigt")
    company.click("text=Ja, meld de klacht als opgelost")
    company.wait_for_selector("text=Gemeld als opgelost")

    consumer.goto(published.url)
    consumer.check("input[name=grade][value='9']")
    consumer.check("input[name=solved][value=ja]")
    consumer.fill("textarea[name=comment]", "Snel en netjes opgelost.")
    consumer.click("text=Beoordeling geven")
    consumer.wait_for_selector("text=Bedankt voor je beoordeling")
    screenshot(consumer, "gesprek-beoordeeld")

    anonymous.goto(company_page)
    html = anonymous.content()
    assert "Nog geen cijfers" not in html
    assert "Cijfer voor de afhandeling" in html and "1 cijfer" in html
    screenshot(anonymous, "bedrijf-met-score")

    # Each new reaction was mailed to the other side, over SMTP.
    assert any("Nieuwe reactie" in m["Subject"] for m in smtp_sink.to("jan@example.invalid"))
    assert any("Nieuwe reactie" in m["Subject"] for m in smtp_sink.to("rep@polderpost.example"))
