"""Calendar files, the formal letter and the case pack; the escalation advisor."""

from datetime import date

import pytest

from complaints import documents

pytestmark = pytest.mark.django_db


def test_ten_working_days_skip_weekends_and_dutch_public_holidays():
    # From Friday 24 April 2026: Monday 27 April is King's Day (Liberation Day is a day
    # off only in lustrum years, so 5 May 2026 counts).
    assert documents.working_days_after(date(2026, 4, 24)) == date(2026, 5, 11)
    # From Wednesday 23 December 2026: Christmas (Friday) and New Year's Day (Friday) skipped.
    assert documents.working_days_after(date(2026, 12, 23)) == date(2027, 1, 8)


def test_the_parties_get_their_term_as_a_calendar_file(
    client, make_complaint, representative, consumer, moderator
):
    complaint = make_complaint(status="awaiting_company")

    client.force_login(representative)
    response = client.get(f"/klachten/{complaint.pk}/termijn.ics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    ics = response.content.decode()
    assert "BEGIN:VEVENT" in ics and "BEGIN:VALARM" in ics
    assert complaint.due_at.strftime("%Y%m%d") in ics
    assert "Ordernummer" not in ics  # the private part stays out
    client.force_login(moderator)
    assert client.get(f"/klachten/{complaint.pk}/termijn.ics").status_code == 404


def test_the_letter_and_the_case_pack_are_for_the_consumer_only(
    client, make_complaint, consumer, representative
):
    complaint = make_complaint(status="unanswered")

    client.force_login(consumer)
    letter = f"/mijn-klachten/{complaint.pk}/brief/"
    text = client.post(letter, {**SENDER, "fmt": "txt"}).content.decode()
    pdf = client.post(letter, {**SENDER, "fmt": "pdf"})
    pack = client.get(f"/mijn-klachten/{complaint.pk}/dossier.pdf")

    assert "Geachte heer, mevrouw" in text and "tien werkdagen" in text
    assert complaint.desired_outcome in text
    assert pdf.content.startswith(b"%PDF") and pack.content.startswith(b"%PDF")
    client.force_login(representative)
    for url in ["brief/", "brief.txt", "brief.pdf", "dossier.pdf"]:
        assert client.get(f"/mijn-klachten/{complaint.pk}/{url}").status_code == 404
    assert client.post(letter, {**SENDER, "fmt": "txt"}).status_code == 404


def test_the_advisor_shows_the_next_route_after_a_missed_term(
    client, make_complaint, consumer, advice_index
):
    from advice.factories import AdvicePageFactory

    for route in ["geschillencommissie", "acm-consuwijzer", "kantonrechter", "kifid"]:
        AdvicePageFactory(
            parent=advice_index, title=f"Route {route}", slug=route, escalation_route=route
        )
    complaint = make_complaint(status="unanswered")
    client.force_login(consumer)

    html = client.get(complaint.url).content.decode()

    assert "volgende stap" in html
    positions = [
        html.index(f"Route {r}")
        for r in ["geschillencommissie", "acm-consuwijzer", "kantonrechter"]
    ]
    assert positions == sorted(positions)
    assert "Route kifid" not in html


def test_the_advisor_stays_quiet_while_things_go_well(client, make_complaint, consumer):
    complaint = make_complaint(status="rated", grade=9)
    client.force_login(consumer)

    assert "volgende stap" not in client.get(complaint.url).content.decode()


# The letter's sender block, its phrasing, and Dutch dates and local times ------------


def pdf_text(content: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


SENDER = {
    "name": "Jan Jansen",
    "street": "Lindelaan 12",
    "postcode": "1234ab",
    "place": "Utrecht",
}


def test_the_letter_asks_for_the_sender_and_stores_nothing(client, make_complaint, consumer):
    from django.contrib.auth import get_user_model

    consumer.first_name, consumer.last_name = "Jan", "Jansen"
    consumer.save()
    complaint = make_complaint(status="unanswered")
    client.force_login(consumer)

    form = client.get(f"/mijn-klachten/{complaint.pk}/brief/")
    assert form.status_code == 200
    assert 'value="Jan Jansen"' in form.content.decode()  # prefilled from the account
    missing = client.post(f"/mijn-klachten/{complaint.pk}/brief/", {"fmt": "pdf"})
    assert missing.status_code == 400
    assert "Fout: " in missing.content.decode()
    bad = client.post(
        f"/mijn-klachten/{complaint.pk}/brief/", {**SENDER, "postcode": "12345", "fmt": "txt"}
    )
    assert bad.status_code == 400 and "postcode" in bad.context["form"].errors
    # The old addresses lead to the form.
    old = client.get(f"/mijn-klachten/{complaint.pk}/brief.pdf")
    assert old.status_code == 302 and old["Location"] == f"/mijn-klachten/{complaint.pk}/brief/"

    response = client.post(f"/mijn-klachten/{complaint.pk}/brief/", {**SENDER, "fmt": "txt"})

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    text = response.content.decode()
    assert text.startswith("Jan Jansen\nLindelaan 12\n1234 AB  Utrecht\n")
    assert "Lindelaan 12" not in str(get_user_model().objects.filter(pk=consumer.pk).values())
    complaint.refresh_from_db()
    assert "Lindelaan" not in complaint.private_details.details + complaint.description


def test_the_letter_reads_as_a_letter(client, make_complaint, consumer, company):
    import time_machine

    complaint = make_complaint(
        status="unanswered", desired_outcome="ik wil dat u mijn geld terugstort"
    )
    complaint.private_details.order_reference = "ORD-991"
    complaint.private_details.save()
    client.force_login(consumer)

    with time_machine.travel("2026-10-23 10:00 +0200", tick=False):
        text = client.post(
            f"/mijn-klachten/{complaint.pk}/brief/", {**SENDER, "fmt": "txt"}
        ).content.decode()
        pdf = pdf_text(
            client.post(f"/mijn-klachten/{complaint.pk}/brief/", {**SENDER, "fmt": "pdf"}).content
        )

    addressee = f"{company.legal_name}\nT.a.v. de klachtenafdeling\n"
    assert addressee in text
    assert text.index("Jan Jansen") < text.index(company.legal_name)
    assert "Utrecht, 23 oktober 2026" in text
    assert f"Betreft: klacht “{complaint.title}”" in text
    assert f"Kenmerk: KK-{complaint.pk}" in text and "Uw referentie: ORD-991" in text
    assert "het volgende: " not in text
    assert (
        "Ik verzoek u mijn klacht als volgt op te lossen.\n\n"
        "Ik wil dat u mijn geld terugstort.\n" in text
    )
    assert "uiterlijk 6 november 2026" in text  # ten working days
    assert text.rstrip().endswith("Met vriendelijke groet,\n\n\nJan Jansen")
    for line in ["Jan Jansen", "1234 AB", "Utrecht, 23 oktober 2026", "KK-", "6 november 2026"]:
        assert line in pdf


def test_the_case_pack_uses_amsterdam_time_and_dutch_months(client, make_complaint, consumer):
    from datetime import UTC, date, datetime

    complaint = make_complaint(status="unanswered")
    complaint.contact_log.create(
        contacted_on=date(2026, 10, 1), channel="phone", summary="Gebeld over de levering"
    )
    event = complaint.events.first()
    # 22:30 UTC on 23 October is 00:30 on 24 October in Amsterdam (summer time).
    complaint.events.filter(pk=event.pk).update(
        created_at=datetime(2026, 10, 23, 22, 30, tzinfo=UTC)
    )
    client.force_login(consumer)

    text = pdf_text(client.get(f"/mijn-klachten/{complaint.pk}/dossier.pdf").content)

    assert "24 oktober 2026, 00:30" in text
    assert "22:30" not in text
    assert "1 oktober 2026" in text
    assert f"Kenmerk: KK-{complaint.pk}" in text
    assert " Okt " not in text and "-10-2026" not in text


def test_one_date_format_for_every_document():
    from datetime import UTC, datetime

    assert documents.dutch_date(date(2026, 3, 5)) == "5 maart 2026"
    winter = datetime(2026, 1, 15, 23, 15, tzinfo=UTC)
    assert documents.dutch_date(winter, with_time=True) == "16 januari 2026, 00:15"
