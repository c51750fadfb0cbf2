"""Every change that alters a public page shows at once to the next anonymous visitor,
although the page was served from the page cache (core.pagecache) just before."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from complaints import clock, services
from complaints.models import ComplaintPage, Reaction
from complaints.states import Status
from scorecards import scores
from tests.complaints.test_import import line, run

pytestmark = pytest.mark.django_db

T0 = timezone.make_aware(timezone.datetime(2026, 3, 2, 10, 0))


@pytest.fixture
def visitor(page_cache):
    return Client()


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """The tests run in a transaction that never commits: run what waits for it."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def public_complaint(make_complaint, on_commit):
    with on_commit():
        return make_complaint(status="awaiting_company", title="Koelkast kapot geleverd")


def cached(visitor, url: str):
    """Visit twice: the second answer comes from the page cache."""
    assert visitor.get(url).status_code == 200
    response = visitor.get(url)
    assert response["X-Cache"] == "hit", url
    return response


def fresh(visitor, url: str, status: int = 200):
    response = visitor.get(url)
    assert response.status_code == status, url
    if status == 200:
        assert response["X-Cache"] == "miss", url
    return response


def text(response) -> str:
    return response.content.decode()


def test_a_complaint_published_by_moderation(
    visitor, make_complaint, company, moderator, on_commit
):
    with on_commit():
        complaint = make_complaint(status="in_moderation", title="Wasmachine lekt")
    assert "Wasmachine lekt" not in text(cached(visitor, company.url))
    assert "Wasmachine lekt" not in text(cached(visitor, "/"))

    with on_commit():
        services.approve_and_publish(complaint, user=moderator)

    assert "Wasmachine lekt" in text(fresh(visitor, company.url))
    assert "Wasmachine lekt" in text(fresh(visitor, "/"))
    assert "Wasmachine lekt" in text(fresh(visitor, ComplaintPage.objects.get(pk=complaint.pk).url))


def test_a_reaction_refreshes_its_complaint_only(
    visitor, public_complaint, representative, company_index, on_commit
):
    from companies.factories import CompanyPageFactory

    other = CompanyPageFactory(parent=company_index, title="Andere Zaak B.V.")
    cached(visitor, public_complaint.url)
    cached(visitor, other.url)

    with on_commit():
        services.react(public_complaint, representative, "We sturen vandaag een monteur langs.")

    assert "We sturen vandaag een monteur langs." in text(fresh(visitor, public_complaint.url))
    # A company without that complaint keeps its cached page.
    assert visitor.get(other.url)["X-Cache"] == "hit"


def test_a_reaction_hidden_by_a_moderator(
    visitor, public_complaint, representative, moderator, on_commit
):
    with on_commit():
        reaction = services.react(public_complaint, representative, "Bel ons maar niet meer.")
    assert "Bel ons maar niet meer." in text(cached(visitor, public_complaint.url))

    with on_commit():
        services.moderate_reaction(reaction, moderator, visibility=Reaction.Visibility.HIDDEN)

    assert "Bel ons maar niet meer." not in text(fresh(visitor, public_complaint.url))


def test_a_transition_by_the_clock(visitor, make_complaint, representative, on_commit):
    with time_machine.travel(T0, tick=False), on_commit():
        complaint = make_complaint(status="awaiting_company", now=T0)
    unanswered = f"status-{Status.UNANSWERED}"
    assert unanswered not in text(cached(visitor, complaint.url))

    with time_machine.travel(T0 + timedelta(days=15), tick=False), on_commit():
        clock.sweep()

    assert unanswered in text(fresh(visitor, complaint.url))


def test_a_transition_by_a_party(visitor, public_complaint, consumer, on_commit):
    cached(visitor, public_complaint.url)
    cached(visitor, public_complaint.get_parent().url)

    with on_commit():
        services.withdraw(public_complaint, consumer)

    fresh(visitor, public_complaint.url, status=404)
    assert "Koelkast kapot geleverd" not in text(fresh(visitor, public_complaint.get_parent().url))


def test_a_score_recomputation(visitor, company, home_page, on_commit):
    cached(visitor, company.url)
    cached(visitor, "/pluimen/")

    with on_commit():
        scores.compute(company)

    fresh(visitor, company.url)
    fresh(visitor, "/pluimen/")


def test_publish_unpublish_move_and_delete_in_the_admin(
    visitor, admin_client, advice_index, home_page, on_commit
):
    from advice.factories import AdvicePageFactory

    page = AdvicePageFactory(parent=advice_index, title="Zo klaag je goed")
    cached(visitor, page.url)
    cached(visitor, advice_index.url)

    page.title = "Zo klaag je het best"
    page.save_revision()
    with on_commit():
        revision = page.get_latest_revision()
        revision.publish()
    assert "Zo klaag je het best" in text(fresh(visitor, page.url))
    assert "Zo klaag je het best" in text(fresh(visitor, advice_index.url))

    cached(visitor, page.url)
    with on_commit():
        response = admin_client.post(f"/admin/pages/{page.pk}/unpublish/")
    assert response.status_code == 302
    fresh(visitor, page.url, status=404)
    assert "Zo klaag je het best" not in text(fresh(visitor, advice_index.url))

    with on_commit():
        page.get_latest_revision().publish()
    url = page.specific.url
    cached(visitor, url)
    with on_commit():
        page.move(home_page, pos="last-child")
    fresh(visitor, url, status=301)  # Wagtail's redirect to the new place

    moved = page.specific.__class__.objects.get(pk=page.pk)
    cached(visitor, moved.url)
    with on_commit():
        response = admin_client.post(f"/admin/pages/{page.pk}/delete/")
    assert response.status_code == 302
    fresh(visitor, moved.url, status=404)


def test_a_company_edit(visitor, public_complaint, company, on_commit):
    cached(visitor, company.url)
    cached(visitor, public_complaint.url)

    company.title = "Polderpost Bezorging"
    with on_commit():
        company.save_revision().publish()

    assert "Polderpost Bezorging" in text(fresh(visitor, company.url))
    assert "Polderpost Bezorging" in text(fresh(visitor, public_complaint.url))


def test_a_sector_renamed(visitor, company, on_commit):
    sector = company.sector
    assert sector is not None
    cached(visitor, company.url)

    sector.name = "Post en pakketten"
    with on_commit():
        sector.save()

    assert "Post en pakketten" in text(fresh(visitor, company.url))


def test_the_importer(visitor, home_page, company_index, index, tmp_path, capsys, on_commit):
    assert "Modem nooit geleverd" not in text(cached(visitor, "/"))

    with on_commit():
        code, _out, _err = run(tmp_path, [line()], capsys)
    assert code == 0

    assert "Modem nooit geleverd" in text(fresh(visitor, "/"))


def test_a_transition_alone(visitor, public_complaint, representative, on_commit):
    # Marking solved changes the status only: no page is published, no reaction added.
    rating_asked = f"status-{Status.AWAITING_RATING}"
    assert rating_asked not in text(cached(visitor, public_complaint.url))

    with on_commit():
        services.mark_solved(public_complaint, representative)

    assert rating_asked in text(fresh(visitor, public_complaint.url))
