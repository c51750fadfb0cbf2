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
    text = client.get(f"/mijn-klachten/{complaint.pk}/brief.txt").content.decode()
    pdf = client.get(f"/mijn-klachten/{complaint.pk}/brief.pdf")
    pack = client.get(f"/mijn-klachten/{complaint.pk}/dossier.pdf")

    assert "Geachte heer, mevrouw" in text and "tien werkdagen" in text
    assert complaint.desired_outcome in text
    assert pdf.content.startswith(b"%PDF") and pack.content.startswith(b"%PDF")
    client.force_login(representative)
    for url in ["brief.txt", "brief.pdf", "dossier.pdf"]:
        assert client.get(f"/mijn-klachten/{complaint.pk}/{url}").status_code == 404


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
