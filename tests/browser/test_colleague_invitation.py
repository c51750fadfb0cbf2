"""A representative invites a colleague, thinks better of it and withdraws the
invitation; the colleague's link then says so."""

import re
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import PASSWORD, log_in
from tests.browser.test_accessibility import axe_violations

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]

COLLEAGUE = "bas@polderpost.example"


def test_invite_then_withdraw_and_the_link_is_dead(live_server, browser, world, django_user_model):
    from allauth.account.models import EmailAddress

    from complaints.models import OutboxMessage

    company = world["company"]
    company.website = "https://www.polderpost.example"
    company.save_revision().publish()

    rep = browser.new_context(base_url=live_server.url, bypass_csp=True).new_page()
    log_in(rep, live_server.url, "rep@polderpost.example")
    rep.wait_for_url(lambda url: "/account/login/" not in url)
    rep.goto(f"/bedrijfsbeheer/{company.pk}/")
    rep.get_by_label("E-mailadres van je collega").fill(COLLEAGUE)
    rep.get_by_role("button", name="Uitnodiging sturen").click()
    rep.wait_for_selector(f"text=We hebben {COLLEAGUE} een uitnodiging gestuurd.")

    withdraw = rep.get_by_role("button", name=f"Intrekken uitnodiging voor {COLLEAGUE}")
    assert withdraw.is_visible()
    assert axe_violations(rep) == []

    withdraw.click()
    rep.wait_for_selector(f"text=De uitnodiging voor {COLLEAGUE} is ingetrokken.")
    assert rep.get_by_role("button", name=re.compile("Intrekken")).count() == 0

    link = OutboxMessage.objects.get(to_email=COLLEAGUE).context["accept_url"]
    bas = django_user_model.objects.create_user("bas", COLLEAGUE, PASSWORD)
    EmailAddress.objects.create(user=bas, email=COLLEAGUE, verified=True, primary=True)
    colleague = browser.new_context(base_url=live_server.url).new_page()
    log_in(colleague, live_server.url, COLLEAGUE)
    colleague.wait_for_url(lambda url: "/account/login/" not in url)
    response = colleague.goto(urlsplit(link).path)

    assert response.status == 400
    assert "Deze uitnodiging is ingetrokken" in colleague.content()
    assert not company.representatives.filter(user=bas).exists()
