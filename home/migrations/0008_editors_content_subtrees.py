"""Editors' page rights move from the root of the tree to the content they edit.

0003 gave Editors add, change, publish, lock and unlock on the root page, so on every
page there is. They now have change, publish, lock and unlock on each site's home page
(its content and what lies beneath it) and add on the company overview and the tips
overview, the only places they create pages. Complaint pages, beneath the company
pages, are kept from them by the project's page permission policy
(complaints.admin_permissions) and cannot be created in the admin by anyone.

Works on a new database and on an existing one: only the Editors' rows on the root page
are moved; rights set elsewhere by hand stay.
"""

from django.db import migrations

from core.migration_utils import get_permission

EDITORS = "Editors"
ROOT_CODENAMES = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
HOME_CODENAMES = ["change_page", "publish_page", "lock_page", "unlock_page"]
INDEX_CODENAMES = ["add_page"]
INDEXES = [("companies", "companyindexpage"), ("advice", "adviceindexpage")]


def _grants(apps):
    Site = apps.get_model("wagtailcore.Site")
    grants = [
        (page_id, HOME_CODENAMES)
        for page_id in Site.objects.values_list("root_page_id", flat=True).distinct()
    ]
    for app_label, model_name in INDEXES:
        model = apps.get_model(app_label, model_name)
        grants += [(pk, INDEX_CODENAMES) for pk in model.objects.values_list("pk", flat=True)]
    return grants


def move_editor_rights(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    editors = Group.objects.filter(name=EDITORS).first()
    grants = _grants(apps)
    if editors is None or not grants:
        return  # no group, or no site to give rights on: leave things as they are
    for page_id, codenames in grants:
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=editors,
                page_id=page_id,
                permission=get_permission(apps, "wagtailcore", "page", codename),
            )
    GroupPagePermission.objects.filter(group=editors, page__depth=1).delete()


def restore_root_rights(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is None:
        return
    for page_id, codenames in _grants(apps):
        GroupPagePermission.objects.filter(
            group=editors, page_id=page_id, permission__codename__in=codenames
        ).delete()
    root = Page.objects.get(depth=1)
    for codename in ROOT_CODENAMES:
        GroupPagePermission.objects.get_or_create(
            group=editors,
            page=root,
            permission=get_permission(apps, "wagtailcore", "page", codename),
        )


class Migration(migrations.Migration):
    dependencies = [("home", "0007_cache_table")]

    operations = [migrations.RunPython(move_editor_rights, restore_root_rights)]
