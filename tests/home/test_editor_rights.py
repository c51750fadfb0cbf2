"""Editors work on the site's content, and see nothing of complaints in the admin.

Complaint pages live under company pages, which editors edit, so Wagtail's page rights
(which pass down the tree) alone cannot keep them out: the project's page permission
policy leaves complaint pages out of every admin listing, search and report for anyone
but superusers (moderators reach them through their workflow task), and nobody adds a
complaint page in the admin.
"""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page, Site

from complaints.models import ComplaintPage
from core import roles

pytestmark = pytest.mark.django_db

SECRET_TITLES = {
    "draft": "Conceptklacht Vlindermos",
    "in_moderation": "Klacht in controle Vlindermos",
    "rejected": "Afgewezen klacht Vlindermos",
    "withdrawn": "Ingetrokken klacht Vlindermos",
    "awaiting_company": "Openbare klacht Vlindermos",
}
ADMIN_PAGES = [
    "/admin/pages/search/?q=Vlindermos",
    "/admin/reports/workflow/",
    "/admin/reports/workflow_tasks/",
    "/admin/reports/aging-pages/",
    "/admin/reports/site-history/",
    "/admin/reports/locked/",
    "/admin/",
]


@pytest.fixture
def complaints(make_complaint, django_user_model):
    complainant = django_user_model.objects.create_user(
        "klager-zichtbaar", "klager@example.invalid", "x"
    )
    return {
        status: make_complaint(status=status, title=title, consumer=complainant)
        for status, title in SECRET_TITLES.items()
    }


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("beheer", "beheer@example.invalid", "x")


def editor_page_rights():
    editors = Group.objects.get(name=roles.EDITORS)
    return {
        (perm.page.specific_class.__name__, perm.permission.codename)
        for perm in GroupPagePermission.objects.filter(group=editors).select_related(
            "page", "permission"
        )
    }


def test_editors_have_rights_on_the_content_subtrees_only():
    rights = editor_page_rights()

    assert {page for page, _codename in rights} == {
        "HomePage",
        "CompanyIndexPage",
        "AdviceIndexPage",
    }
    assert {codename for page, codename in rights if page == "HomePage"} == {
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    }
    assert ("CompanyIndexPage", "add_page") in rights
    assert ("AdviceIndexPage", "add_page") in rights
    assert not GroupPagePermission.objects.filter(group__name=roles.EDITORS, page__depth=1).exists()


def test_the_migration_moves_an_existing_sites_root_rights():
    migration = importlib.import_module("home.migrations.0008_editors_content_subtrees")
    editors = Group.objects.get(name=roles.EDITORS)
    root = Page.objects.get(depth=1)
    GroupPagePermission.objects.filter(group=editors).delete()
    for codename in ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]:
        GroupPagePermission.objects.create(
            group=editors, page=root, permission_id=_permission(codename)
        )

    migration.move_editor_rights(apps, None)
    migration.move_editor_rights(apps, None)  # twice changes nothing

    test_editors_have_rights_on_the_content_subtrees_only()
    assert GroupPagePermission.objects.filter(group=editors).count() == 6

    migration.restore_root_rights(apps, None)
    assert {
        (perm.page_id, perm.permission.codename)
        for perm in GroupPagePermission.objects.filter(group=editors)
    } == {
        (root.pk, codename)
        for codename in ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
    }


def _permission(codename):
    from django.contrib.auth.models import Permission

    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename).pk


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_an_editor_sees_no_complaint_in_the_admin(client, editor, superuser, complaints, url):
    client.force_login(superuser)
    seen_by_superuser = client.get(url).content.decode()
    client.force_login(editor)

    response = client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    for title in SECRET_TITLES.values():
        assert title not in html, (url, title)
    assert "klager-zichtbaar" not in html
    if url.startswith("/admin/pages/search/"):
        # The search does find them, for a superuser: the editor's result is not empty
        # because the search failed.
        assert SECRET_TITLES["draft"] in seen_by_superuser


def test_the_reports_would_show_them_to_a_superuser(client, superuser, complaints):
    client.force_login(superuser)

    workflows = client.get("/admin/reports/workflow/").content.decode()
    history = client.get("/admin/reports/site-history/").content.decode()

    assert SECRET_TITLES["in_moderation"] in workflows
    assert "klager-zichtbaar" in workflows and "klager-zichtbaar" in history


def test_an_editor_explores_a_company_without_its_complaints(client, editor, complaints, company):
    client.force_login(editor)

    explorer = client.get(f"/admin/pages/{company.pk}/")
    menu = client.get(f"/admin/api/main/pages/?child_of={company.pk}&for_explorer=1")
    chooser = client.get("/admin/choose-page/search/?q=Vlindermos")

    assert explorer.status_code == menu.status_code == chooser.status_code == 200
    for response in (explorer, menu, chooser):
        html = response.content.decode()
        for title in SECRET_TITLES.values():
            assert title not in html, (response.request["PATH_INFO"], title)
    for complaint in complaints.values():
        assert client.get(f"/admin/pages/{complaint.pk}/edit/").status_code in (302, 403)


@pytest.mark.parametrize("user_fixture", ["editor", "superuser"])
def test_nobody_adds_a_complaint_page_in_the_admin(client, request, company, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))

    form = client.get(f"/admin/pages/add/complaints/complaintpage/{company.pk}/")
    choice = client.get(f"/admin/pages/{company.pk}/add_subpage/")

    # Wagtail answers a refusal in the admin with a redirect to the dashboard.
    for response in (form, choice):
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not ComplaintPage.objects.exists()


def test_an_editor_still_edits_and_publishes_a_tip_and_a_company_page(
    client, editor, company, advice_index
):
    from advice.factories import AdvicePageFactory
    from tests.advice.test_advice import long_tip_form
    from tests.companies.test_admin_editing import company_form

    tip = AdvicePageFactory(parent=advice_index, title="Een tip")
    client.force_login(editor)

    tip_response = client.post(f"/admin/pages/{tip.pk}/edit/", long_tip_form("Een betere tip", 1))
    company_response = client.post(
        f"/admin/pages/{company.pk}/edit/",
        company_form(
            company.sector,
            title="Polderpost Nieuw",
            slug=company.slug,
            kvk_number=company.kvk_number,
        ),
    )

    assert tip_response.status_code == 302
    assert company_response.status_code == 302, company_response.context["form"].errors
    tip.refresh_from_db()
    company.refresh_from_db()
    assert (tip.title, tip.live) == ("Een betere tip", True)
    assert (company.title, company.live) == ("Polderpost Nieuw", True)
    assert Site.objects.get(is_default_site=True).root_page.specific.live
