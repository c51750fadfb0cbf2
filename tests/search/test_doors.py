"""Every door reaches the search index and the export (issue 10, point 4).

Wagtail's admin views driven as a superuser, Wagtail's actions from code, and edits of
companies, sectors and topics; checked in the document, the search API and the export,
against the real Elasticsearch. The tasks run inline (django-q2 sync) on commit.
"""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from search.indexing import alias

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks, es):
    """Run a door, its on-commit tasks, and refresh the index."""

    class Committed:
        def __enter__(self):
            self.capture = django_capture_on_commit_callbacks(execute=True)
            return self.capture.__enter__()

        def __exit__(self, *exc):
            result = self.capture.__exit__(*exc)
            es.indices.refresh(index=alias())
            return result

    return Committed


def document(es, complaint):
    found = es.options(ignore_status=404).get(index=alias(), id=complaint.pk)
    return found["_source"] if found["found"] else None


def search_api(client, **params):
    return client.get("/api/v2/complaints/search/", params).json()


def export(client, **params):
    body = b"".join(client.get("/api/v2/complaints/export.csv", params).streaming_content)
    csv_rows = list(csv.DictReader(io.StringIO(body.decode())))
    lines = b"".join(client.get("/api/v2/complaints/export.jsonl", params).streaming_content)
    jsonl_rows = [json.loads(line) for line in lines.decode().splitlines()]
    assert [r["id"] for r in csv_rows] == [str(r["id"]) for r in jsonl_rows]
    return jsonl_rows


def complaint_form(complaint, **overrides):
    data = {
        "title": complaint.title,
        "topic": complaint.topic_id or "",
        "description": complaint.description,
        "desired_outcome": complaint.desired_outcome,
        "incident_date": "",
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def company_form(company, **overrides):
    data = {
        "title": company.title,
        "slug": company.slug,
        "legal_name": company.legal_name,
        "kvk_number": company.kvk_number,
        "website": company.website,
        "description": rich_text(company.description),
        "sector": company.sector_id,
        "reach": company.reach,
        "region": company.region,
        "in_scope_confirmed": "on",
        "participates": "on",
        "contact_addresses": inline_formset(
            [
                {"id": a.pk, "name": a.name, "email": a.email}
                for a in company.contact_addresses.all()
            ],
            initial=company.contact_addresses.count(),
        ),
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


# Complaint pages ----------------------------------------------------------------------


def test_admin_unpublish_takes_the_complaint_out_of_search_and_export(
    admin_client, published, committed, es
):
    complaint = published(title="Ontvanger verdwenen")
    kept = published(title="Blijft staan")

    with committed():
        response = admin_client.post(reverse("wagtailadmin_pages:unpublish", args=[complaint.pk]))

    assert response.status_code == 302
    assert document(es, complaint) is None
    assert [r["id"] for r in search_api(admin_client)["results"]] == [kept.pk]
    assert [r["id"] for r in export(admin_client)] == [kept.pk]


def test_an_unpublish_outranks_a_late_write_of_the_live_state(published, committed, es):
    # A task that read the complaint while it was live and writes after the unpublish
    # must not bring the document back: the removal carries a higher version.
    from complaints.models import ComplaintPage
    from search.indexing import complaint_rows, sync

    complaint = published()
    live_row = complaint_rows(ComplaintPage.objects.filter(pk=complaint.pk)).get()

    with committed():
        ComplaintPage.objects.get(pk=complaint.pk).unpublish()
    counts = sync([live_row])
    es.indices.refresh(index=alias())

    assert counts["skipped"] == 1
    assert document(es, complaint) is None


def test_admin_delete_removes_the_complaint(admin_client, published, committed, es):
    complaint = published(title="Wordt verwijderd")

    with committed():
        response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[complaint.pk]))

    assert response.status_code == 302
    assert document(es, complaint) is None
    assert search_api(admin_client, q="verwijderd")["count"] == 0
    assert export(admin_client) == []


def test_admin_edit_and_publish_reaches_the_index_and_the_export(
    admin_client, published, committed, es
):
    complaint = published(title="Oude titel", description="Het modem doet het niet.")

    with committed():
        response = admin_client.post(
            reverse("wagtailadmin_pages:edit", args=[complaint.pk]),
            complaint_form(
                complaint, title="Nieuwe titel", description="De router blijft knipperen."
            ),
        )

    assert response.status_code == 302, response.context["form"].errors
    assert document(es, complaint)["title"] == "Nieuwe titel"
    assert search_api(admin_client, q="router")["count"] == 1
    assert search_api(admin_client, q="modem")["count"] == 0
    [row] = export(admin_client)
    assert (row["title"], row["description"]) == ("Nieuwe titel", "De router blijft knipperen.")


def test_a_complaint_cannot_be_moved_to_another_company_even_by_a_superuser(
    admin_client, published, committed, company_index, es
):
    # The move button is hidden for complaints, and the confirm view (which does not ask
    # can_move) refuses too: a complaint's URL and company follow from its company.
    from companies.factories import CompanyPageFactory

    complaint = published()
    old_url = complaint.url
    other = CompanyPageFactory(parent=company_index, title="Andere Winkel")

    with committed():
        response = admin_client.post(
            reverse("wagtailadmin_pages:move_confirm", args=[complaint.pk, other.pk])
        )

    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.url == old_url and complaint.company_id != other.pk
    assert complaint.get_parent().pk != other.pk
    assert document(es, complaint)["url"] == old_url
    assert [r["url"] for r in search_api(admin_client)["results"]] == [old_url]


def test_admin_move_of_a_company_page_that_changes_no_url_resyncs_nothing(
    admin_client, published, committed, company, company_index, monkeypatch
):
    from companies.factories import CompanyPageFactory

    published()
    CompanyPageFactory(parent=company_index, title="Aaa Eerst")
    calls = []
    monkeypatch.setattr("search.tasks.sync_complaints_of", lambda *a, **k: calls.append(a))

    with committed():
        response = admin_client.post(
            reverse("wagtailadmin_pages:move_confirm", args=[company.pk, company_index.pk])
        )

    assert response.status_code == 302
    assert calls == []


# Companies --------------------------------------------------------------------------


def test_admin_company_rename_and_slug_change_reach_document_api_and_export(
    admin_client, published, committed, company, es
):
    complaint = published()

    with committed():
        response = admin_client.post(
            reverse("wagtailadmin_pages:edit", args=[company.pk]),
            company_form(company, title="Polderpost Bezorging", slug="polderpost-bezorging"),
        )

    assert response.status_code == 302, response.context["form"].errors
    complaint.refresh_from_db()
    assert complaint.url.startswith("/bedrijven/polderpost-bezorging/klachten/")
    source = document(es, complaint)
    assert source["company"] == {"slug": "polderpost-bezorging", "name": "Polderpost Bezorging"}
    assert source["url"] == complaint.url
    data = search_api(admin_client, company="polderpost-bezorging")
    assert data["count"] == 1
    assert data["results"][0]["company"]["name"] == "Polderpost Bezorging"
    assert data["results"][0]["url"] == complaint.url
    assert data["facets"]["company"] == [
        {"key": "polderpost-bezorging", "label": "Polderpost Bezorging", "count": 1}
    ]
    assert search_api(admin_client, company="polderpost")["count"] == 0
    [row] = export(admin_client)
    assert (row["company_slug"], row["company_name"], row["url"]) == (
        "polderpost-bezorging",
        "Polderpost Bezorging",
        complaint.url,
    )
    suggestions = admin_client.get("/api/v2/companies/autocomplete/", {"q": "Polderp"}).json()
    assert suggestions == [
        {
            "slug": "polderpost-bezorging",
            "name": "Polderpost Bezorging",
            "url": "/bedrijven/polderpost-bezorging/",
        }
    ]


def test_a_company_sector_change_reaches_the_facets(published, committed, company, es):
    from companies.factories import SectorFactory

    complaint = published()
    energy = SectorFactory(name="Energie", slug="energie")

    with committed():
        company.sector = energy
        company.save_revision().publish()

    assert document(es, complaint)["sector"] == {"slug": "energie", "name": "Energie"}


def test_a_company_description_edit_resyncs_no_complaints(
    published, committed, company, monkeypatch
):
    published()
    calls = []
    monkeypatch.setattr("search.tasks.sync_complaints_of", lambda *a, **k: calls.append(a))

    with committed():
        company.description = "<p>Een andere omschrijving.</p>"
        company.save_revision().publish()
        company.title = "Alleen een concept"
        company.save_revision()  # a draft: the live page keeps its name

    assert calls == []


def test_admin_unpublish_of_a_company_takes_its_complaints_out_and_publish_back(
    admin_client, published, committed, company, es
):
    complaint = published()

    with committed():
        response = admin_client.post(reverse("wagtailadmin_pages:unpublish", args=[company.pk]))
    assert response.status_code == 302
    assert document(es, complaint) is None
    assert search_api(admin_client)["count"] == 0
    assert export(admin_client) == []
    assert admin_client.get("/api/v2/companies/autocomplete/", {"q": "Polderp"}).json() == []
    # The site follows the same rule: the complaint's page is gone too.
    admin_client.logout()
    assert admin_client.get(complaint.url).status_code == 404

    with committed():
        company.refresh_from_db()
        company.save_revision().publish()
    assert document(es, complaint)["company"]["slug"] == company.slug
    assert search_api(admin_client)["count"] == 1


def test_admin_delete_of_a_company(admin_client, published, committed, company, company_index):
    # With complaints the admin refuses (ComplaintPage.company is PROTECT), so no
    # document can lose its company; without, the autocomplete lets the company go.
    from companies.factories import CompanyPageFactory
    from search.companies import rebuild

    complaint = published()
    empty = CompanyPageFactory(parent=company_index, title="Lege Winkel")
    rebuild()

    with committed():
        refused = admin_client.post(reverse("wagtailadmin_pages:delete", args=[company.pk]))
    assert refused.status_code in (302, 403)
    assert search_api(admin_client)["results"][0]["id"] == complaint.pk

    with committed():
        response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[empty.pk]))
    assert response.status_code == 302
    assert admin_client.get("/api/v2/companies/autocomplete/", {"q": "Lege"}).json() == []


# Topics and sectors -----------------------------------------------------------------


def test_a_topic_rename_in_the_admin_reaches_document_api_and_export(
    admin_client, published, committed, es
):
    from complaints.factories import TopicFactory

    topic = TopicFactory(name="Levering", slug="levering")
    complaint = published(topic=topic)

    with committed():
        response = admin_client.post(
            f"/admin/complaints/topic/edit/{topic.pk}/",
            {"name": "Bezorging", "slug": "bezorging", "description": "", "sort_order": 0},
        )

    assert response.status_code == 302
    assert document(es, complaint)["topic"] == {"slug": "bezorging", "name": "Bezorging"}
    data = search_api(admin_client, topic="bezorging")
    assert data["count"] == 1
    assert data["facets"]["topic"] == [{"key": "bezorging", "label": "Bezorging", "count": 1}]
    [row] = export(admin_client)
    assert (row["topic_slug"], row["topic_name"]) == ("bezorging", "Bezorging")


def test_a_sector_rename_reaches_document_api_and_export(
    admin_client, published, committed, company, es
):
    complaint = published()
    sector = company.sector

    with committed():
        sector.name, sector.slug = "Post en pakketten", "post-en-pakketten"
        sector.save()

    assert document(es, complaint)["sector"] == {
        "slug": "post-en-pakketten",
        "name": "Post en pakketten",
    }
    assert search_api(admin_client, sector="post-en-pakketten")["facets"]["sector"] == [
        {"key": "post-en-pakketten", "label": "Post en pakketten", "count": 1}
    ]
    [row] = export(admin_client)
    assert (row["sector_slug"], row["sector_name"]) == ("post-en-pakketten", "Post en pakketten")


def test_a_rename_outranks_what_was_indexed(published, committed, company, es):
    complaint = published()
    before = document(es, complaint)["change"]

    with committed():
        company.title = "Polderpost Nieuw"
        company.save_revision().publish()

    assert document(es, complaint)["change"] > before


def test_company_resync_goes_in_chunks(published, committed, company, es, monkeypatch):
    monkeypatch.setattr("search.tasks.RELATED_CHUNK", 2)
    made = [published() for _ in range(5)]

    with committed():
        company.title = "Polderpost Gedeeld"
        company.save_revision().publish()

    assert {document(es, c)["company"]["name"] for c in made} == {"Polderpost Gedeeld"}


# Reconcile --------------------------------------------------------------------------


def test_reconcile_repairs_a_stale_label_written_behind_its_back(
    client, published, company, es, capsys
):
    complaint = published()
    source = document(es, complaint)
    stale = {**source, "company": {"slug": company.slug, "name": "Verkeerde Naam"}}
    es.index(
        index=alias(),
        id=complaint.pk,
        document=stale,
        version=source["change"],
        version_type="external_gte",
        refresh=True,
    )

    call_command("search_index", "--reconcile")

    assert "1 verouderd" in capsys.readouterr().out
    assert document(es, complaint)["company"]["name"] == company.title
    assert search_api(client)["facets"]["company"][0]["label"] == company.title


def test_a_nightly_reconcile_is_scheduled_and_the_hourly_one_stays_quick(db):
    from django_q.models import Schedule

    schedules = {s.func: s.cron for s in Schedule.objects.filter(func__startswith="search.")}

    assert schedules["search.tasks.reconcile"] == "47 3 * * *"
    assert schedules["search.tasks.reconcile_versions"] == "17 * * * *"


# Taking a complaint down (issue 11): whoever does it, its text leaves every way in ----


def search_page(client, **params):
    response = client.get("/zoeken/", params)
    assert response.status_code == 200
    return response.content.decode()


def export_text(client, **params):
    csv_body = client.get("/api/v2/complaints/export.csv", params)
    jsonl_body = client.get("/api/v2/complaints/export.jsonl", params)
    assert csv_body.status_code == jsonl_body.status_code == 200
    return (
        b"".join(csv_body.streaming_content).decode(),
        b"".join(jsonl_body.streaming_content).decode(),
    )


WORD = "Zwaluwstaart"  # only in the description of the complaint that is taken down


def findable(client, complaint) -> dict:
    """Where the complaint's text can be found, anonymously: API, page, both exports."""
    client.logout()
    api = search_api(client, q=WORD)
    page, listing = search_page(client, q=WORD), search_page(client)
    csv_text, jsonl_text = export_text(client)
    return {
        "api": api["count"] > 0 or complaint.pk in [r["id"] for r in search_api(client)["results"]],
        "page": complaint.url in page or f"<mark>{WORD}</mark>" in page,
        "page listing": complaint.url in listing or complaint.title in listing,
        "csv": WORD in csv_text or complaint.title in csv_text,
        "jsonl": WORD in jsonl_text or complaint.title in jsonl_text,
    }


def take_down_by_moderator(client, complaint, moderator):
    client.force_login(moderator)
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[complaint.pk]))
    assert response.status_code == 302


def take_down_by_withdrawal(client, complaint, moderator):
    client.force_login(complaint.consumer)
    response = client.post(reverse("withdraw", args=[complaint.pk]))
    assert response.status_code == 302


def take_down_by_expiry(client, complaint, moderator):
    call_command("run_deadlines", stdout=io.StringIO())


DOORS = {
    "moderator-unpublish": take_down_by_moderator,
    "consumer-withdrawal": take_down_by_withdrawal,
    "two-year-expiry": take_down_by_expiry,
}


@pytest.mark.parametrize("door", DOORS)
def test_a_complaint_taken_down_is_unfindable_in_api_page_and_exports(
    client, published, committed, es, moderator, door, generous_rate_limits
):
    from datetime import timedelta

    from django.utils import timezone

    # The expiring one was published a little over two years ago.
    then = timezone.now() - timedelta(days=731) if door == "two-year-expiry" else None
    complaint = published(
        title="Gescheurde verpakking bij aflevering",
        description=f"De doos kwam gescheurd aan; het merk {WORD} stond er nog net op.",
        now=then,
    )
    kept = published(title="Blijft gewoon staan")
    before = findable(client, complaint)
    assert all(before.values()), before

    with committed():
        DOORS[door](client, complaint, moderator)

    complaint.refresh_from_db()
    assert not complaint.live
    assert document(es, complaint) is None
    after = findable(client, complaint)
    assert not any(after.values()), after
    # What stays public stays findable.
    assert [r["id"] for r in search_api(client)["results"]] == [kept.pk]
    assert kept.title in search_page(client)
    assert all(kept.title in text for text in export_text(client))
    assert client.get(complaint.url).status_code == 404
