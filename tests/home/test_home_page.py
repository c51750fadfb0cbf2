"""The home page: newest public complaints, companies that react well and those that
can do better, recent tips, and the way in to a complaint; nothing private, and a
small, fixed number of queries however much there is to show."""

import re
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from scorecards import scores
from tests.complaints.parties import give_private_part

pytestmark = pytest.mark.django_db

SECRET = "GEHEIM-HOME-7731"
MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"


@pytest.fixture
def good_and_bad(company_index, make_complaint):
    """Two more companies with enough grades: one earns a pluim, one an improvement point."""
    from companies.factories import CompanyPageFactory

    good = CompanyPageFactory(parent=company_index, title="Snelle Fietsen B.V.")
    bad = CompanyPageFactory(parent=company_index, title="Trage Telecom B.V.")
    for grade in [9, 9, 10, 9, 8, 9]:
        make_complaint(status="rated", grade=grade, company=good, title=f"Fiets {grade}")
    for grade in [2, 3, 2, 4, 3]:
        make_complaint(status="rated", grade=grade, company=bad, title=f"Modem {grade}")
    assert scores.compute(good).verdict == "pluim"
    assert scores.compute(bad).verdict == "improve"
    return good, bad


@pytest.fixture
def shown(make_complaint, consumer, good_and_bad, advice_index):
    """Public complaints (the six newest are shown), hidden ones, private parts, tips."""
    from advice.factories import AdvicePageFactory

    hidden = [
        make_complaint(status=status, title=f"Verborgen {status}")
        for status in ("draft", "in_moderation", "rejected", "withdrawn")
    ]
    public = [
        make_complaint(status=status, title=f"Openbaar {i} {status}")
        for i, status in enumerate(
            ["closed", "awaiting_company", "awaiting_consumer", "unanswered", "rated"]
            + ["awaiting_rating", "awaiting_company"]
        )
    ]
    for complaint in hidden + public:
        give_private_part(complaint, consumer, SECRET, f"{SECRET}.png")
    tips = [AdvicePageFactory(title=f"Tip over {n}") for n in ("bonnetjes", "termijnen")]
    return {"hidden": hidden, "public": public, "tips": tips}


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    end = html.find("</section>", start)
    return html[start:end]


def test_the_newest_six_public_complaints_are_shown(client, shown):
    html = client.get("/").content.decode()
    recent = section(html, "recent-kop")

    newest = sorted(shown["public"], key=lambda c: (c.published_at, c.pk))[-6:]
    for complaint in newest:
        assert complaint.title in recent
        assert f'href="{complaint.url}"' in recent
        assert str(complaint.status_label) in recent
    # Older than the six newest: not shown (the rated complaints of the fixture are older too).
    assert recent.count('class="card"') == 6
    assert "Openbaar 0 closed" not in recent
    assert "Polderpost" in recent
    # A date as people write it: "3 oktober 2026".
    assert re.search(rf">\d{{1,2}} ({MONTHS}) \d{{4}}</time>", recent)


def test_nothing_private_or_unpublished_is_shown(client, shown, consumer, company):
    html = client.get("/").content.decode()

    for complaint in shown["hidden"]:
        assert complaint.title not in html
    assert SECRET not in html
    assert consumer.email not in html
    assert "geheim-klachtcontact@polderpost.example" not in html
    assert "Ordernummer" not in html and "Dorpsstraat" not in html
    assert "@" not in re.sub(r"<[^>]+>", "", html)


def test_companies_that_react_well_and_those_that_can_do_better(client, shown, good_and_bad):
    good, bad = good_and_bad
    html = client.get("/").content.decode()

    pluimen = section(html, "pluimen-kop")
    better = section(html, "beter-kop")
    assert good.title in pluimen and bad.title not in pluimen
    assert bad.title in better and good.title not in better
    assert f'href="{good.url}"' in pluimen
    # Dutch decimal comma.
    assert re.search(r"cijfer \d,\d", pluimen)


def test_recent_tips_and_the_call_to_action(client, shown):
    html = client.get("/").content.decode()

    tips = section(html, "tips-kop")
    for tip in shown["tips"]:
        assert tip.title in tips and tip.intro in tips
    hero = html.split('class="hero"', 1)[1].split("</section>", 1)[0]
    assert '<a class="button button-large" href="/klacht-indienen/">Klacht indienen</a>' in hero
    assert '<label for="home-q">' in hero


def test_an_empty_site_says_so(client, home_page):
    html = client.get("/").content.decode()

    assert "Er staan nog geen klachten online." in html
    assert "Nog geen bedrijf heeft genoeg beoordeelde klachten" in html
    assert "Op dit moment heeft geen bedrijf een verbeterpunt." in html


def test_the_number_of_queries_is_small_and_fixed(
    client, shown, make_complaint, company_index, django_assert_max_num_queries
):
    from advice.factories import AdvicePageFactory
    from companies.factories import CompanyPageFactory

    client.get("/")  # Wagtail's site root paths, cached after the first request.
    with CaptureQueriesContext(connection) as few:
        client.get("/")

    # More of everything: more complaints, companies with scores, tips.
    for n in range(3):
        other = CompanyPageFactory(parent=company_index, title=f"Extra {n} B.V.")
        for grade in [9, 9, 9, 9, 9]:
            make_complaint(status="rated", grade=grade, company=other, title=f"Extra {n}-{grade}")
        scores.compute(other, timezone.localdate())
        AdvicePageFactory(title=f"Extra tip {n}")
    client.get("/")  # publishing emptied the cached footer links: fill them again
    with CaptureQueriesContext(connection) as many:
        client.get("/")

    assert len(many) == len(few)
    # 12 for the page and its sections, 1 for the footer's cached links.
    with django_assert_max_num_queries(13):
        client.get("/")


def test_the_date_is_in_amsterdam_time(client, make_complaint):
    from complaints.models import ComplaintPage

    complaint = make_complaint(status="awaiting_company")
    # 23:30 UTC on 2 October is 01:30 on 3 October in Amsterdam.
    late = datetime(2026, 10, 2, 23, 30, tzinfo=UTC)
    ComplaintPage.objects.filter(pk=complaint.pk).update(published_at=late)

    html = client.get("/").content.decode()

    assert ">3 oktober 2026</time>" in html
