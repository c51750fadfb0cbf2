"""Every door to a company reaches the company autocomplete (issue 14), without a rebuild.

Wagtail's admin actions, Wagtail's actions from code, saves from a shell and the bulk
import, each checked in the company index itself and through
/api/v2/companies/autocomplete/, against the real Elasticsearch. The company index is
built (empty or not) before each door, so the database fallback cannot answer for it;
the queued tasks run inline (django-q2 sync) on commit.
"""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from companies.models import CompanyPage
from search.companies import alias, rebuild
from tests.companies.test_admin_editing import add_company, company_form
from tests.complaints.test_import import line

pytestmark = pytest.mark.django_db


@pytest.fixture
def sector():
    from companies.factories import SectorFactory

    return SectorFactory(name="Post", slug="post")


@pytest.fixture
def queued(monkeypatch):
    """The tasks queued, by dotted path, as they go to django-q2 (which runs them)."""
    import django_q.tasks

    calls = []
    real = django_q.tasks.async_task

    def spy(func, *args, **kwargs):
        calls.append((func, args))
        return real(func, *args, **kwargs)

    monkeypatch.setattr(django_q.tasks, "async_task", spy)
    return calls


@pytest.fixture
def built(index, company_index, es):
    """A company index that exists before the door is used."""
    rebuild()
    return company_index


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def suggested(client, typed: str) -> list[str]:
    return [c["name"] for c in client.get("/api/v2/companies/autocomplete/", {"q": typed}).json()]


def entry(es, company_id: int) -> dict | None:
    found = es.options(ignore_status=404).get(index=alias(), id=company_id)
    return found["_source"] if found["found"] else None


def make_company(parent, title: str, legal_name: str = "", kvk: str = "61234567"):
    """A company page as code makes it: a draft child, then Wagtail's publish action."""
    from companies.services import get_or_create_sector

    page = CompanyPage(
        sector=get_or_create_sector("Post"),
        title=title,
        legal_name=legal_name or f"{title} B.V.",
        kvk_number=kvk,
        reach="national",
        in_scope_confirmed=True,
        live=False,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return CompanyPage.objects.get(pk=page.pk)  # publishing saved another copy


def test_a_company_published_in_the_admin_is_suggested_at_once(
    admin_client, built, sector, committed, es, queued
):
    data = company_form(
        sector, title="Dijkbode Bezorging", slug="dijkbode", legal_name="Dijkbode B.V."
    )

    with committed():
        response = add_company(admin_client, built, data)

    assert response.status_code == 302
    page = CompanyPage.objects.get(slug="dijkbode")
    assert entry(es, page.pk)["name"] == "Dijkbode Bezorging"
    assert suggested(admin_client, "Dijkbo") == ["Dijkbode Bezorging"]
    # Just this company, in one task, not a rebuild of them all.
    assert queued == [("search.tasks.index_companies", ([page.pk],))]


def test_a_company_saved_as_draft_in_the_admin_is_not_suggested(
    admin_client, built, sector, committed, es
):
    data = company_form(sector, title="Dijkbode Bezorging", slug="dijkbode")
    data.pop("action-publish")

    with committed():
        add_company(admin_client, built, data)

    assert entry(es, CompanyPage.objects.get(slug="dijkbode").pk) is None
    assert suggested(admin_client, "Dijkbo") == []


def test_a_company_published_from_code_is_suggested_at_once(client, built, committed, es):
    with committed():
        page = make_company(built, "Dijkbode Bezorging")

    assert entry(es, page.pk) == {
        "slug": page.slug,
        "name": "Dijkbode Bezorging",
        "url": page.url,
        "suggest": {
            "input": ["Dijkbode Bezorging", "Dijkbode Bezorging B.V.", "Dijkbode", "Bezorging"]
        },
    }
    assert suggested(client, "dijkbode") == ["Dijkbode Bezorging"]


def test_only_public_fields_reach_the_company_index(client, built, committed, es):
    from companies.factories import CompanyPageFactory

    with committed():
        page = CompanyPageFactory(
            parent=built,
            title="Dijkbode Bezorging",
            contact_emails=["geheim-klachtcontact@dijkbode.example"],
        )

    raw = es.get(index=alias(), id=page.pk)["_source"]
    assert set(raw) == {"slug", "name", "url", "suggest"}
    assert "geheim-klachtcontact" not in json.dumps(raw)


def test_a_renamed_company_is_suggested_under_its_new_name_only(client, built, committed):
    with committed():
        page = make_company(built, "Dijkbode Bezorging", legal_name="Dijkbode B.V.")

    with committed():
        page.title = "Rivierpost Pakketten"
        page.legal_name = "Rivierpost B.V."
        page.save_revision().publish()

    assert suggested(client, "Rivierp") == ["Rivierpost Pakketten"]
    assert suggested(client, "Dijkbo") == []


def test_a_rename_saved_from_a_shell_reaches_the_autocomplete(client, built, committed):
    with committed():
        page = make_company(built, "Dijkbode Bezorging", legal_name="Dijkbode B.V.")

    with committed():
        page = CompanyPage.objects.get(pk=page.pk)  # a fresh object, as in a shell
        page.title = "Rivierpost Pakketten"
        page.legal_name = "Rivierpost B.V."
        page.save()

    assert suggested(client, "Rivierp") == ["Rivierpost Pakketten"]
    assert suggested(client, "Dijkbo") == []


def test_a_company_unpublished_in_the_admin_is_no_longer_suggested(
    admin_client, built, committed, es
):
    with committed():
        page = make_company(built, "Dijkbode Bezorging")
    assert suggested(admin_client, "Dijkbo") == ["Dijkbode Bezorging"]

    with committed():
        response = admin_client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))

    assert response.status_code == 302
    assert entry(es, page.pk) is None
    assert suggested(admin_client, "Dijkbo") == []

    with committed():  # and back
        page.refresh_from_db()
        page.save_revision().publish()
    assert suggested(admin_client, "Dijkbo") == ["Dijkbode Bezorging"]


def test_a_company_unpublished_from_code_is_no_longer_suggested(client, built, committed, es):
    with committed():
        page = make_company(built, "Dijkbode Bezorging")

    with committed():
        page.unpublish()

    assert entry(es, page.pk) is None
    assert suggested(client, "Dijkbo") == []


def test_a_company_deleted_from_a_shell_is_no_longer_suggested(client, built, committed, es):
    with committed():
        page = make_company(built, "Dijkbode Bezorging")
    pk = page.pk

    with committed():
        page.delete()

    assert entry(es, pk) is None
    assert suggested(client, "Dijkbo") == []


def test_a_company_moved_in_the_admin_is_suggested_with_its_new_url(
    admin_client, built, committed, home_page
):
    from companies.factories import CompanyIndexPageFactory

    with committed():
        page = make_company(built, "Dijkbode Bezorging")
        archive = CompanyIndexPageFactory(parent=home_page, title="Archief", slug="archief")

    with committed():
        response = admin_client.post(
            reverse("wagtailadmin_pages:move_confirm", args=[page.pk, archive.pk])
        )

    assert response.status_code == 302
    data = admin_client.get("/api/v2/companies/autocomplete/", {"q": "Dijkbo"}).json()
    assert [c["url"] for c in data] == ["/archief/dijkbode-bezorging/"]


def test_a_new_slug_of_the_company_overview_gives_every_company_its_new_url(
    client, built, committed
):
    with committed():
        make_company(built, "Dijkbode Bezorging", kvk="61234567")
        make_company(built, "Dijkbode Koeriers", kvk="61234568")

    with committed():
        overview = built.specific_class.objects.get(pk=built.pk)
        overview.slug = "alle-bedrijven"
        overview.save_revision().publish()

    data = client.get("/api/v2/companies/autocomplete/", {"q": "Dijkbode"}).json()
    assert sorted(c["url"] for c in data) == [
        "/alle-bedrijven/dijkbode-bezorging/",
        "/alle-bedrijven/dijkbode-koeriers/",
    ]


def test_a_requested_company_an_editor_adds_is_suggested(client, editor, built, sector, committed):
    # The request form only files a CompanyRequest; the company itself is added as a
    # page in the admin, by an editor, and that is the door that must reach the index.
    from companies.models import CompanyRequest

    CompanyRequest.objects.create(company_name="Dijkbode Bezorging", requester_email="a@b.invalid")
    client.force_login(editor)

    with committed():
        response = add_company(
            client, built, company_form(sector, title="Dijkbode Bezorging", slug="dijkbode")
        )

    assert response.status_code == 302
    assert suggested(client, "Dijkbo") == ["Dijkbode Bezorging"]


def test_one_task_for_every_company_a_transaction_changes(client, built, committed, queued):
    with committed():
        first = make_company(built, "Dijkbode Bezorging", kvk="61234567")
        second = make_company(built, "Rivierpost Pakketten", kvk="61234568")
        first.title = "Dijkbode Post"
        first.save_revision().publish()

    company_tasks = [c for c in queued if "compan" in c[0] and "complaints" not in c[0]]
    assert company_tasks == [("search.tasks.index_companies", (sorted([first.pk, second.pk]),))]
    assert suggested(client, "Dijkbode") == ["Dijkbode Post"]
    assert suggested(client, "Rivierpost") == ["Rivierpost Pakketten"]


# The bulk import -------------------------------------------------------------------


def test_the_autocomplete_after_an_import(client, built, committed, queued, tmp_path, capsys):
    from companies.factories import CompanyPageFactory

    CompanyPageFactory(parent=built, title="Polderpost Pakketdienst", kvk_number="70000001")
    rebuild()  # the site knows Polderpost; the import names it and two it does not know
    lines = [
        line(external_id="imp-1", company={"name": "Polderpost Pakketdienst", "kvk": "70000001"}),
        line(external_id="imp-2", company={"name": "Dijkbode Bezorging", "kvk": "70000002"}),
        line(external_id="imp-3", company={"name": "Rivierpost Pakketten", "kvk": "70000003"}),
        line(external_id="imp-4", company={"name": "Dijkbode Bezorging", "kvk": "70000002"}),
    ]
    path = tmp_path / "import.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")

    with committed():
        call_command("import_complaints", str(path))
    capsys.readouterr()

    assert suggested(client, "Dijkbo") == ["Dijkbode Bezorging"]
    assert suggested(client, "Rivierp") == ["Rivierpost Pakketten"]
    assert suggested(client, "Polderp") == ["Polderpost Pakketdienst"]
    # One bulk task for the import's companies, not one per company, and no rebuild.
    company_tasks = [c for c in queued if "compan" in c[0] and "complaints" not in c[0]]
    ids = sorted(CompanyPage.objects.values_list("pk", flat=True))
    assert company_tasks == [("search.tasks.index_companies", (ids,))]


def test_an_import_on_a_fresh_install_builds_the_company_index(
    client, index, company_index, committed, es, tmp_path, capsys
):
    path = tmp_path / "import.jsonl"
    path.write_text(json.dumps(line(company={"name": "Dijkbode Bezorging", "kvk": "70000002"})))

    with committed():
        call_command("import_complaints", str(path))
    capsys.readouterr()

    assert es.indices.exists_alias(name=alias())
    assert suggested(client, "Dijkbo") == ["Dijkbode Bezorging"]


# A typo in a company name ------------------------------------------------------------


def test_a_typo_finds_a_company_that_came_in_through_a_door(client, built, committed):
    with committed():
        page = make_company(built, "Polderpost Pakketdienst")

    assert suggested(client, "Polderpst") == ["Polderpost Pakketdienst"]
    html = client.get("/zoeken/", {"q": "Polderpst"}).content.decode()
    assert f'Bedoel je het bedrijf <a href="{page.url}">Polderpost Pakketdienst</a>?' in html


def test_a_company_of_a_rolled_back_savepoint_is_not_in_the_task(client, built, committed, queued):
    from django.db import transaction

    class Undone(Exception):
        pass

    with committed():
        with pytest.raises(Undone), transaction.atomic():
            make_company(built, "Weggedaan Bedrijf", kvk="61234569")
            raise Undone
        page = make_company(built, "Dijkbode Bezorging", kvk="61234567")

    company_tasks = [c for c in queued if "compan" in c[0] and "complaints" not in c[0]]
    assert company_tasks == [("search.tasks.index_companies", ([page.pk],))]
    assert suggested(client, "Weggedaan") == []
    assert suggested(client, "Dijkbo") == ["Dijkbode Bezorging"]
