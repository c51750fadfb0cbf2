"""Settlement offers in the Wagtail admin: a read-only panel on the complaint's edit view,
the moderators' report of all offers and their review screen. Moderators see kind,
amount, how it ended and the dates; never the company's message nor the consumer's
reason for declining."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from complaints import services

pytestmark = pytest.mark.django_db

REASON = "GEHEIM-REDEN: te weinig voor twee maanden zonder internet"
MESSAGE = "GEHEIM-BERICHT: onze excuses voor het ongemak"


@pytest.fixture
def with_offers(make_complaint, representative, consumer):
    """A public complaint with a declined refund and then an accepted repair."""
    complaint = make_complaint(status="awaiting_company")
    today = timezone.localdate()
    refund = services.make_offer(
        complaint,
        representative,
        kind="refund",
        amount=Decimal("49.95"),
        message=MESSAGE,
        answer_by=today + timedelta(days=5),
        carry_out_by=today + timedelta(days=9),
    )
    services.decline_offer(refund, consumer, REASON)
    repair = services.make_offer(
        complaint,
        representative,
        kind="repair",
        description="Monteur komt langs",
        answer_by=today + timedelta(days=5),
        carry_out_by=today + timedelta(days=12),
    )
    services.accept_offer(repair, consumer)
    return complaint


def assert_shows_the_offers_without_private_texts(html):
    assert "terugbetaling" in html and "49,95" in html and "niet openbaar" in html
    assert "reparatie" in html and "Monteur komt langs" in html
    assert "afgewezen" in html and "aangenomen" in html
    assert "GEHEIM-REDEN" not in html and "GEHEIM-BERICHT" not in html


def test_the_edit_view_shows_the_offers_read_only(admin_client, with_offers):
    html = admin_client.get(f"/admin/pages/{with_offers.pk}/edit/").content.decode()

    assert "Voorstellen van het bedrijf" in html
    assert_shows_the_offers_without_private_texts(html)
    assert 'href="/admin/voorstellen/"' in html
    # Read-only: no form field of the offers in the page's form.
    assert 'name="decline_reason"' not in html and 'name="amount"' not in html


def test_a_complaint_without_offers_says_so(admin_client, make_complaint):
    complaint = make_complaint(status="awaiting_company")

    html = admin_client.get(f"/admin/pages/{complaint.pk}/edit/").content.decode()

    assert "geen voorstel gedaan" in html


def test_moderators_get_the_report_of_all_offers(client, moderator, with_offers, company):
    client.force_login(moderator)

    response = client.get("/admin/voorstellen/")

    assert response.status_code == 200
    html = response.content.decode()
    assert_shows_the_offers_without_private_texts(html)
    assert company.title in html and with_offers.title in html
    assert f'href="/admin/moderatie/{with_offers.pk}/"' in html
    # Nothing to add or change here.
    assert "/add/" not in html and "/edit/" not in html


def test_the_report_filters_by_status(client, moderator, with_offers):
    client.force_login(moderator)

    html = client.get("/admin/voorstellen/?status=declined").content.decode()

    assert "terugbetaling" in html and "Monteur komt langs" not in html


def test_the_report_exports_without_the_private_texts(client, moderator, with_offers):
    client.force_login(moderator)

    response = client.get("/admin/voorstellen/?export=csv")

    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "refund" in body and "49.95" in body and "repair" in body
    assert "GEHEIM" not in body


def test_the_report_is_in_the_moderators_reports_menu(client, moderator, editor):
    # The sidebar's menu is JSON in a script element.
    item = '"url": "/admin/voorstellen/"'
    client.force_login(moderator)
    assert item in client.get("/admin/").content.decode()

    client.force_login(editor)
    assert item not in client.get("/admin/").content.decode()


def test_only_moderators_see_the_report(client, editor, consumer, representative, with_offers):
    assert client.get("/admin/voorstellen/").status_code == 302  # to the admin login

    for user in (editor, representative, consumer):
        client.force_login(user)
        response = client.get("/admin/voorstellen/")
        assert response.status_code in (302, 403), user
        assert "terugbetaling" not in response.content.decode()

    # Wagtail turns the refusal into a redirect to the dashboard with a message.
    client.force_login(editor)
    for url in ("/admin/voorstellen/", "/admin/voorstellen/resultaten/"):
        response = client.get(url)
        assert (response.status_code, response.url) == (302, "/admin/")


def test_the_review_screen_of_a_public_complaint_shows_its_offers(client, moderator, with_offers):
    client.force_login(moderator)

    html = client.get(f"/admin/moderatie/{with_offers.pk}/").content.decode()

    assert "Voorstellen van het bedrijf" in html
    assert_shows_the_offers_without_private_texts(html)


def test_a_withdrawn_complaint_s_offer_is_listed_without_a_link(
    client, moderator, with_offers, consumer
):
    services.withdraw(with_offers, consumer)
    client.force_login(moderator)

    html = client.get("/admin/voorstellen/").content.decode()

    assert "terugbetaling" in html and with_offers.title in html
    assert f'href="/admin/moderatie/{with_offers.pk}/"' not in html
