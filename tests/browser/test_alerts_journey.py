"""A visitor follows a company, confirms from the mail, gets the daily digest with the
newly published complaint, and the mail program's one-click unsubscribe ends it."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.browser.conftest import PASSWORD  # noqa: F401  (the world's accounts)

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]

VISITOR = "volger@example.invalid"


def test_follow_confirm_digest_and_one_click_unsubscribe(
    live_server, browser, smtp_sink, screenshot, world, settings, django_user_model
):
    from alerts.models import Subscription
    from complaints import tasks
    from complaints.factories import make_complaint

    settings.SITE_URL = live_server.url
    settings.ALERT_SUBSCRIBE_RATE = "1000/m"
    company = world["company"]
    page = browser.new_context(base_url=live_server.url).new_page()

    page.goto(company.url)
    page.get_by_role("link", name="Volg dit bedrijf").click()
    page.get_by_label("Je e-mailadres").fill(VISITOR)
    page.get_by_role("button", name="Volgen").click()
    page.get_by_text("Als dit adres nog niet volgt").wait_for()
    assert VISITOR not in page.content()
    screenshot(page, "volgen-bedankt")

    [confirmation] = smtp_sink.to(VISITOR)
    link = re.search(r"https?://\S+/alerts/bevestigen/\S+/", smtp_sink.text(confirmation))
    page.goto(link.group(0))
    assert Subscription.objects.get().confirmed_at is None  # opening the link is not enough
    page.get_by_role("button", name="Ja, ik wil dit volgen").click()
    page.get_by_role("heading", name="Je volgt het nu").wait_for()
    assert Subscription.objects.get().confirmed_at is not None

    consumer = django_user_model.objects.create_user("jan", "jan@example.invalid", PASSWORD)
    make_complaint(
        company=company,
        consumer=consumer,
        status="awaiting_company",
        title="Pakket bij de buren afgeleverd",
        now=timezone.now() + timedelta(minutes=1),
    )
    # The schedule's task, run as the cluster would run it the next morning.
    from alerts import services

    assert services.send_digests(now=timezone.now() + timedelta(days=1)) == 1
    tasks.deliver_outbox()

    digest = next(m for m in smtp_sink.to(VISITOR) if "Nieuw op" in m["Subject"])
    assert "Pakket bij de buren afgeleverd" in smtp_sink.text(digest)
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = re.search(r"<(https?://[^>]+)>", digest["List-Unsubscribe"]).group(1)

    # What a mail program does for its "Afmelden" button (RFC 8058): a bare POST.
    response = page.request.post(unsubscribe, form={"List-Unsubscribe": "One-Click"})
    assert response.ok
    assert not Subscription.objects.exists()
    page.goto(unsubscribe)
    page.get_by_text("bestaat niet (meer)").wait_for()
    screenshot(page, "afgemeld")
