"""A consumer deletes their account: private parts, attachments and contact logs go;
public complaints are withdrawn or stay anonymised, by their choice; nothing of them is
left in the index, the open data, the outbox or the project's logs."""

import logging
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings

from complaints import gdpr
from complaints.models import (
    Attachment,
    ComplaintEvent,
    ComplaintPage,
    ComplaintPrivateDetails,
    ContactLogEntry,
    OutboxMessage,
)
from complaints.states import Action, Status
from tests.complaints.parties import give_private_part

pytestmark = pytest.mark.django_db

URL = "/mijn-gegevens/account-verwijderen/"
EMAIL, SURNAME, TOKEN = "jan@example.invalid", "Achternaamvanjan", "WEGTOKEN-3b7e"


@pytest.fixture
def named_consumer(consumer):
    consumer.first_name, consumer.last_name = "Jan", SURNAME
    consumer.save()
    EmailAddress.objects.create(user=consumer, email=EMAIL, verified=True, primary=True)
    return consumer


@pytest.fixture
def complaints(make_complaint, named_consumer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = {
            status: make_complaint(status=status, private_details=f"Adres {TOKEN}")
            for status in ("draft", "in_moderation", "rejected", "awaiting_consumer", "rated")
        }
    give_private_part(made["awaiting_consumer"], named_consumer, TOKEN, "bon.png")
    return made


def files_of(complaints) -> list[Path]:
    return [
        Path(settings.PRIVATE_MEDIA_ROOT) / a.file.name
        for a in Attachment.objects.filter(complaint__in=complaints)
    ]


def erase(client, user, choice, capture, password="x"):
    client.force_login(user)
    with capture(execute=True):
        return client.post(URL, {"public_complaints": choice, "password": password})


def test_the_page_asks_for_the_choice_and_the_password(client, named_consumer):
    client.force_login(named_consumer)

    page = client.get(URL).content.decode()

    assert "Weet je zeker dat je je account wilt verwijderen?" in page
    assert "<legend>Wat moet er met je openbare klachten gebeuren?" in page
    assert 'value="withdraw"' in page and 'value="keep_anonymous"' in page
    assert 'type="password"' in page and 'autocomplete="current-password"' in page


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"public_complaints": "withdraw", "password": "fout"}, "Dit wachtwoord klopt niet."),
        ({"password": "x"}, "Kies wat er met je openbare klachten moet gebeuren."),
    ],
)
def test_nothing_happens_without_the_password_and_the_choice(
    client, named_consumer, complaints, data, error
):
    client.force_login(named_consumer)

    response = client.post(URL, data)

    assert response.status_code == 400 and error in response.content.decode()
    assert type(named_consumer).objects.filter(pk=named_consumer.pk).exists()
    assert ComplaintPage.objects.filter(consumer=named_consumer).count() == 5


def test_kept_anonymised_the_company_keeps_the_thread(
    client, named_consumer, complaints, representative, django_capture_on_commit_callbacks
):
    public, rated = complaints["awaiting_consumer"], complaints["rated"]
    files = files_of([public])
    assert files and all(f.exists() for f in files)

    response = erase(client, named_consumer, "keep_anonymous", django_capture_on_commit_callbacks)

    assert response.status_code == 302 and response["Location"] == "/account-verwijderd/"
    assert not type(named_consumer).objects.filter(pk=named_consumer.pk).exists()
    assert not EmailAddress.objects.filter(email=EMAIL).exists()
    # Never public: gone whole.
    never_public = [complaints[s].pk for s in ("draft", "in_moderation", "rejected")]
    assert not ComplaintPage.objects.filter(pk__in=never_public).exists()
    # Public: still online, in the same status, without its consumer.
    for complaint in (public, rated):
        kept = ComplaintPage.objects.get(pk=complaint.pk)
        assert kept.live and kept.status == complaint.status
        assert kept.consumer_id is None and kept.owner_id is None and kept.consumer_erased
    assert not ComplaintPrivateDetails.objects.exists()
    assert not ContactLogEntry.objects.exists() and not Attachment.objects.exists()
    assert not any(f.exists() for f in files)

    visitor = client.get(public.url).content.decode()
    assert "Consument (verwijderd)" not in visitor  # no consumer reaction on the thread yet
    assert SURNAME not in visitor and EMAIL not in visitor and TOKEN not in visitor
    client.force_login(representative)
    seen = client.get(public.url).content.decode()
    assert "Polderpost" in seen and TOKEN not in seen
    assert "Dank voor uw bericht" in seen  # the company's own reaction is still there


def test_the_consumers_reactions_show_as_consument_verwijderd(
    client, named_consumer, make_complaint, representative, django_capture_on_commit_callbacks
):
    from complaints import services

    complaint = make_complaint(status="awaiting_consumer")
    services.react(complaint, named_consumer, "Dat is niet genoeg, ik wil mijn geld terug.")

    erase(client, named_consumer, "keep_anonymous", django_capture_on_commit_callbacks)

    client.logout()
    for viewer in (None, representative):
        if viewer:
            client.force_login(viewer)
        page = client.get(complaint.url).content.decode()
        assert "Consument (verwijderd)" in page and "ik wil mijn geld terug" in page
        assert SURNAME not in page and EMAIL not in page


def test_withdrawn_through_the_life_cycle_and_out_of_the_index(
    client, named_consumer, complaints, es, index, django_capture_on_commit_callbacks
):
    from search.indexing import ensure_index
    from search.tasks import sync_complaints

    ensure_index()
    public, rated = complaints["awaiting_consumer"], complaints["rated"]
    sync_complaints([public.pk, rated.pk])
    es.indices.refresh(index=index)
    assert es.exists(index=index, id=public.pk) and es.exists(index=index, id=rated.pk)

    erase(client, named_consumer, "withdraw", django_capture_on_commit_callbacks)

    for complaint, action in ((public, Action.WITHDRAW), (rated, Action.ERASE)):
        withdrawn = ComplaintPage.objects.get(pk=complaint.pk)
        assert withdrawn.status == Status.WITHDRAWN and not withdrawn.live
        assert withdrawn.consumer_id is None
        event = ComplaintEvent.objects.filter(complaint=withdrawn).last()
        assert (event.action, event.to_status) == (action, Status.WITHDRAWN)
        assert client.get(complaint.url).status_code == 404
    es.indices.refresh(index=index)
    assert not es.exists(index=index, id=public.pk) and not es.exists(index=index, id=rated.pk)


def test_kept_in_the_index_without_anything_of_the_consumer(
    client, named_consumer, complaints, es, index, django_capture_on_commit_callbacks
):
    from search.indexing import ensure_index
    from search.tasks import sync_complaints

    ensure_index()
    public = complaints["awaiting_consumer"]

    erase(client, named_consumer, "keep_anonymous", django_capture_on_commit_callbacks)
    sync_complaints([public.pk])
    es.indices.refresh(index=index)

    source = str(es.get(index=index, id=public.pk)["_source"])
    assert SURNAME not in source and EMAIL not in source and TOKEN not in source
    export = b"".join(client.get("/api/v2/complaints/export.jsonl").streaming_content)
    assert str(public.pk).encode() in export
    assert EMAIL.encode() not in export and SURNAME.encode() not in export


def test_no_mail_to_them_stays_in_the_outbox(
    client, named_consumer, complaints, django_capture_on_commit_callbacks
):
    assert OutboxMessage.objects.filter(to_email=EMAIL).exists()

    erase(client, named_consumer, "withdraw", django_capture_on_commit_callbacks)

    assert not OutboxMessage.objects.filter(to_email__iexact=EMAIL).exists()


def test_they_can_no_longer_sign_in(client, named_consumer, complaints):
    client.force_login(named_consumer)
    client.post(URL, {"public_complaints": "withdraw", "password": "x"})

    for login in (EMAIL, "jan"):
        response = client.post("/account/login/", {"login": login, "password": "x"})
        assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert client.get("/mijn-klachten/").status_code == 302


@pytest.mark.parametrize("choice", ["withdraw", "keep_anonymous"])
def test_nothing_logged_during_erasure_names_them(
    client, named_consumer, complaints, caplog, choice, django_capture_on_commit_callbacks
):
    with caplog.at_level(logging.DEBUG):
        erase(client, named_consumer, choice, django_capture_on_commit_callbacks)

    assert caplog.records  # the erasure is logged, by ids
    for record in caplog.records:
        text = record.getMessage()
        assert EMAIL not in text and SURNAME not in text and TOKEN not in text


def test_representatives_and_staff_cannot_erase_themselves(client, representative, moderator):
    client.force_login(representative)
    assert client.post(URL, {"public_complaints": "withdraw", "password": "x"}).status_code == 403
    assert type(representative).objects.filter(pk=representative.pk).exists()
    with pytest.raises(gdpr.CannotErase):
        moderator.is_staff = True
        gdpr.erase_account(moderator, public_choice=gdpr.WITHDRAW)


@pytest.mark.parametrize("role", ["moderator", "editor"])
def test_moderators_and_editors_cannot_erase_themselves(client, request, role):
    # Their staff rights come from their Wagtail group; is_staff stays False.
    user = request.getfixturevalue(role)
    assert not user.is_staff
    client.force_login(user)

    answer = client.post(URL, {"public_complaints": "withdraw", "password": "x"})

    assert answer.status_code == 403
    assert type(user).objects.filter(pk=user.pk).exists()
    assert not gdpr.can_erase(user)
    with pytest.raises(gdpr.CannotErase):
        gdpr.erase_account(user, public_choice=gdpr.WITHDRAW)


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.post(URL, {"public_complaints": "withdraw", "password": "x"})

    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_their_sessions_on_other_devices_end_too(
    client, named_consumer, other_consumer, complaints, django_capture_on_commit_callbacks
):
    from django.contrib.sessions.models import Session
    from django.test import Client

    elsewhere, bystander = Client(), Client()
    elsewhere.force_login(named_consumer)
    bystander.force_login(other_consumer)
    their_key, other_key = elsewhere.session.session_key, bystander.session.session_key

    erase(client, named_consumer, "withdraw", django_capture_on_commit_callbacks)

    assert not Session.objects.filter(session_key=their_key).exists()
    assert Session.objects.filter(session_key=other_key).exists()
    assert elsewhere.get("/mijn-klachten/").status_code == 302
    assert bystander.get("/mijn-klachten/").status_code == 200


def test_their_reasons_for_declining_offers_go_too(make_complaint, consumer, representative):
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from complaints import services

    complaint = make_complaint(status="awaiting_company", consumer=consumer)
    today = timezone.localdate()
    offer = services.make_offer(
        complaint,
        representative,
        kind="refund",
        amount=Decimal("20.00"),
        description="",
        message="",
        answer_by=today + timedelta(days=7),
        carry_out_by=today + timedelta(days=10),
    )
    services.decline_offer(offer, consumer, f"Te weinig, zegt {SURNAME}.")

    gdpr.erase_account(consumer, public_choice=gdpr.KEEP_ANONYMOUS)

    offer.refresh_from_db()
    assert offer.decline_reason == ""
    assert offer.status == "declined"  # what happened stays in the company's thread
