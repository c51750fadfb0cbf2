"""Following a company or a saved search: double opt-in, neutral answers, the digest,
unsubscribing (page and RFC 8058 one-click), Mijn meldingen and the rate limit."""

import logging
import time
from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from alerts import services
from alerts.models import Subscription
from alerts.views import NEUTRAL, NEUTRAL_MINE
from complaints.models import OutboxMessage
from complaints.outbox import deliver_due

pytestmark = pytest.mark.django_db

ADDRESS = "volger-geheim@example.nl"


def alert_mails():
    """The outbox rows of this app (the complaint notifications share the outbox)."""
    return OutboxMessage.objects.filter(template__startswith="alerts/")


def follow(client, company, email=ADDRESS):
    return client.post(reverse("alerts:follow_company", args=[company.slug]), {"email": email})


def confirmed(company, email=ADDRESS, hours_ago=1):
    services.subscribe(email, company=company)
    subscription = Subscription.objects.get(email=email)
    services.confirm(subscription.confirm_token, now=timezone.now() - timedelta(hours=hours_ago))
    subscription.refresh_from_db()
    return subscription


def test_the_company_page_links_to_the_follow_form(client, company):
    page = client.get(company.url)
    assert reverse("alerts:follow_company", args=[company.slug]) in page.content.decode()
    form = client.get(reverse("alerts:follow_company", args=[company.slug]))
    assert form.status_code == 200
    assert 'name="email"' in form.content.decode()


def test_following_answers_neutrally_and_mails_a_confirmation(client, company):
    first = follow(client, company)
    again = follow(client, company)

    assert NEUTRAL in first.content.decode() and NEUTRAL in again.content.decode()
    assert ADDRESS not in first.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.email == ADDRESS and subscription.confirmed_at is None
    mails = alert_mails().filter(to_email=ADDRESS)
    assert mails.count() == 1  # one confirmation a day, however often the form is sent
    assert subscription.confirm_token in mails.get().text


def test_a_confirmed_address_gets_the_same_answer_and_no_mail(client, company):
    confirmed(company)
    alert_mails().all().delete()

    response = follow(client, company)

    assert NEUTRAL in response.content.decode()
    assert not alert_mails().exists()


def test_a_bad_address_is_refused_with_an_error(client, company):
    response = follow(client, company, email="geen-adres")
    assert response.status_code == 400
    assert not Subscription.objects.exists()


def test_confirm_get_only_shows_a_button_and_post_confirms(client, company):
    follow(client, company)
    subscription = Subscription.objects.get()
    url = reverse("alerts:confirm", args=[subscription.confirm_token])

    page = client.get(url)
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None
    assert "Ja, ik wil dit volgen" in page.content.decode()

    client.post(url)
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None
    assert client.post(reverse("alerts:confirm", args=["verzonnen"])).status_code == 404


def test_unconfirmed_subscriptions_get_no_digest(client, company, make_complaint):
    follow(client, company)
    make_complaint(status="awaiting_company", title="Nooit bevestigd")

    assert services.send_digests(now=timezone.now() + services.SETTLE + timedelta(minutes=1)) == 0
    assert not alert_mails().filter(subject__contains="Nieuw").exists()


def test_the_digest_lists_new_public_complaints_and_reactions_once(company, make_complaint):
    from complaints import services as complaint_services

    subscription = confirmed(company)
    alert_mails().all().delete()
    complaint = make_complaint(status="awaiting_company", title="Factuur klopt niet")
    complaint_services.add_reaction(complaint, "company", "We zoeken het voor je uit.")
    make_complaint(status="in_moderation", title="Nog in moderatie")
    now = timezone.now() + services.SETTLE + timedelta(minutes=1)

    assert services.send_digests(now=now) == 1
    mail = alert_mails().get()
    assert mail.to_email == ADDRESS
    assert "Factuur klopt niet" in mail.text
    assert "Op: Factuur klopt niet" in mail.text
    assert f"{complaint.url}#reactie-" in mail.text and "Reactie van het bedrijf" in mail.text
    assert "We zoeken het voor je uit" not in mail.text  # titles and links, not the text
    assert "Nog in moderatie" not in mail.text
    assert "Ordernummer" not in mail.text  # the private part stays out
    assert (
        f"/alerts/afmelden/{subscription.unsubscribe_token}/>" in mail.headers["List-Unsubscribe"]
    )
    assert mail.role == "subscriber" and mail.template == "alerts/email/digest"

    # A rerun the same day sends nothing, even with something new in between.
    make_complaint(status="awaiting_company", title="Tweede klacht", now=now)
    assert services.send_digests(now=now + timedelta(minutes=5)) == 0
    assert alert_mails().count() == 1
    # The next day's digest has what came after the first one, and only that.
    assert services.send_digests(now=now + timedelta(days=1)) == 1
    second = alert_mails().exclude(pk=mail.pk).get()
    assert "Tweede klacht" in second.text and "Factuur klopt niet" not in second.text


def test_the_digest_groups_new_reactions_under_older_complaints(company, make_complaint):
    from complaints import services as complaint_services
    from complaints.models import Reaction

    old = make_complaint(status="awaiting_company", title="Oude klacht over bezorging")
    quiet = make_complaint(status="awaiting_company", title="Klacht zonder nieuws")
    subscription = confirmed(company, hours_ago=0)
    alert_mails().delete()
    later = timezone.now() + timedelta(minutes=1)
    first = complaint_services.add_reaction(old, "company", "Wij bellen je morgen.", now=later)
    second = complaint_services.add_reaction(old, "consumer", "Graag voor tienen.", now=later)
    hidden = complaint_services.add_reaction(quiet, "company", "Verborgen tekst.", now=later)
    Reaction.objects.filter(pk=hidden.pk).update(visibility=Reaction.Visibility.HIDDEN)

    assert services.send_digests(now=later + services.SETTLE + timedelta(minutes=1)) == 1
    text = alert_mails().get().text
    assert "Nieuwe klachten" not in text  # both complaints were there before
    assert "Op: Oude klacht over bezorging" in text
    assert f"#reactie-{first.pk}" in text and f"#reactie-{second.pk}" in text
    assert "Reactie van het bedrijf" in text and "Reactie van de consument" in text
    assert "Klacht zonder nieuws" not in text and f"#reactie-{hidden.pk}" not in text
    assert "Wij bellen" not in text and "Ordernummer" not in text
    assert subscription.unsubscribe_token in text


def test_a_screened_reaction_is_in_the_digest_after_a_moderator_shows_it(
    company, make_complaint, moderator
):
    from complaints import services as complaint_services

    complaint = make_complaint(status="awaiting_company", title="Klacht over de levering")
    confirmed(company, hours_ago=0)
    alert_mails().delete()
    later = timezone.now() + timedelta(minutes=1)
    held = complaint_services.add_reaction(complaint, "company", "Wat een klotedag.", now=later)
    assert held.visibility == "pending"
    first_run = later + services.SETTLE + timedelta(minutes=1)
    assert services.send_digests(now=first_run) == 0  # nothing public yet

    with time_machine.travel(first_run + timedelta(hours=1), tick=False):
        complaint_services.moderate_reaction(held, moderator, visibility="visible")
    next_day = first_run + timedelta(days=1)
    assert services.send_digests(now=next_day) == 1
    assert f"#reactie-{held.pk}" in alert_mails().get().text
    # Shown once: the day after it is not new any more.
    assert services.send_digests(now=next_day + timedelta(days=1)) == 0


def test_nothing_new_sends_nothing(company):
    confirmed(company)
    alert_mails().all().delete()
    assert services.send_digests(now=timezone.now()) == 0
    assert not alert_mails().exists()


def test_the_sent_digest_carries_rfc_8058_headers(company, make_complaint, smtp_sink):
    subscription = confirmed(company)
    alert_mails().all().delete()
    make_complaint(status="awaiting_company", title="Kapotte wasmachine")
    services.send_digests(now=timezone.now() + services.SETTLE + timedelta(minutes=1))

    assert deliver_due()["sent"] >= 1  # the complaint's own notifications go too
    (message,) = smtp_sink.to(ADDRESS)
    url = f"/alerts/afmelden/{subscription.unsubscribe_token}/"
    assert url in message["List-Unsubscribe"] and "mailto:" in message["List-Unsubscribe"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Message-ID"].startswith(f"<outbox-{alert_mails().get().pk}.")
    assert "Kapotte wasmachine" in smtp_sink.text(message)


def test_one_click_unsubscribe_needs_no_csrf_and_is_idempotent(company):
    from django.test import Client

    subscription = confirmed(company)
    client = Client(enforce_csrf_checks=True)
    url = reverse("alerts:unsubscribe", args=[subscription.unsubscribe_token])

    assert client.post(url, {"iets": "anders"}).status_code == 400
    assert Subscription.objects.exists()
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Subscription.objects.exists()
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200


def test_unsubscribe_page_shows_a_button_and_its_post_unsubscribes(client, company):
    subscription = confirmed(company)
    url = reverse("alerts:unsubscribe", args=[subscription.unsubscribe_token])

    page = client.get(url)
    assert "Meld mij af" in page.content.decode()
    assert Subscription.objects.exists()  # a GET changes nothing
    done = client.post(url, {"afmelden": "ja"})
    assert "Je bent afgemeld" in done.content.decode()
    assert not Subscription.objects.exists()
    assert client.get(url).status_code == 404


def test_mine_link_is_mailed_and_lists_the_subscriptions(client, company):
    confirmed(company)
    services.subscribe("iemand-anders@example.nl", company=company)
    alert_mails().all().delete()

    known = client.post(reverse("alerts:mine_request"), {"email": ADDRESS})
    unknown = client.post(reverse("alerts:mine_request"), {"email": "onbekend@example.nl"})
    assert NEUTRAL_MINE in known.content.decode() and NEUTRAL_MINE in unknown.content.decode()
    mail = alert_mails().get()
    assert mail.to_email == ADDRESS
    link = next(word for word in mail.text.split() if "/alerts/mijn-meldingen/" in word)
    assert ADDRESS not in link

    page = client.get(link.split("127.0.0.1:8000", 1)[-1])
    body = page.content.decode()
    assert page.status_code == 200
    assert company.title in body and "Afmelden" in body
    assert ADDRESS not in body and "iemand-anders" not in body
    assert body.count("/alerts/afmelden/") == 1


def test_a_forged_or_expired_mine_link_is_refused(client, company, settings):
    confirmed(company)
    token = services.mine_token(ADDRESS)

    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(reverse("alerts:mine", args=[forged])).status_code == 403
    other_salt = signing.dumps(services._address_hash(ADDRESS), salt="iets-anders")
    assert client.get(reverse("alerts:mine", args=[other_salt])).status_code == 403

    assert client.get(reverse("alerts:mine", args=[token])).status_code == 200
    settings.ALERTS_MINE_LINK_MAX_AGE = 1
    time.sleep(2.1)  # signatures carry whole seconds
    assert client.get(reverse("alerts:mine", args=[token])).status_code == 403


def test_follow_forms_are_rate_limited(client, company, settings):
    settings.ALERT_SUBSCRIBE_RATE = "2/h"
    assert follow(client, company, "a@example.nl").status_code == 200
    assert follow(client, company, "b@example.nl").status_code == 200
    assert follow(client, company, "c@example.nl").status_code == 429
    assert client.post(reverse("alerts:mine_request"), {"email": "a@example.nl"}).status_code == 429
    assert client.get(reverse("alerts:mine_request")).status_code == 200  # reading is free


def test_addresses_stay_out_of_the_logs(client, company, make_complaint, caplog, smtp_sink):
    caplog.set_level(logging.DEBUG)
    follow(client, company)
    subscription = Subscription.objects.get()
    client.post(reverse("alerts:confirm", args=[subscription.confirm_token]))
    make_complaint(status="awaiting_company")
    services.send_digests(now=timezone.now() + services.SETTLE + timedelta(minutes=1))
    deliver_due()
    client.post(reverse("alerts:mine_request"), {"email": ADDRESS})
    client.post(
        reverse("alerts:unsubscribe", args=[subscription.unsubscribe_token]),
        {"List-Unsubscribe": "One-Click"},
    )

    assert smtp_sink.to(ADDRESS)
    # The test's own SMTP server (aiosmtpd, "mail.log") logs its recipients; the site not.
    ours = [r.getMessage() for r in caplog.records if not r.name.startswith("mail.log")]
    assert ours and not [line for line in ours if "volger-geheim" in line]


def test_erasing_an_account_forgets_what_its_address_follows(company, consumer):
    from complaints import gdpr

    services.subscribe(consumer.email.upper(), company=company)
    confirmed(company)  # someone else's subscription stays
    assert Subscription.objects.filter(email=consumer.email.lower()).exists()

    gdpr.erase_account(consumer, public_choice=gdpr.KEEP_ANONYMOUS)

    assert list(Subscription.objects.values_list("email", flat=True)) == [ADDRESS]
    assert not alert_mails().filter(to_email__iexact=consumer.email).exists()


def test_alert_mails_are_listed_and_inspected_in_the_outbox_admin(
    client, company, django_user_model
):
    services.subscribe(ADDRESS, company=company)
    mail = alert_mails().get()
    admin = django_user_model.objects.create_superuser("beheer", "b@example.invalid", "x")
    client.force_login(admin)

    listing = client.get("/admin/complaints/outboxmessage/?role=subscriber")
    assert listing.status_code == 200
    assert "alerts/email/confirm" in listing.content.decode()
    inspect = client.get(f"/admin/complaints/outboxmessage/inspect/{mail.pk}/")
    assert inspect.status_code == 200
    assert mail.subject in inspect.content.decode()
