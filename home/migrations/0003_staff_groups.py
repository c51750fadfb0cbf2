"""The staff groups: Moderators (the complaint workflow) and Editors (content).

Wagtail's own first migrations already create groups by these names with default rights;
this migration makes the project's needs explicit rather than relying on that: both
groups exist and may enter the admin, and Editors may add, edit and publish pages and
manage images and documents. Later migrations narrow the rights per page type and give
Moderators their workflow task.
"""

from django.db import migrations

from core.migration_utils import get_permission

MODERATORS = "Moderators"
EDITORS = "Editors"

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", "add_image"),
    ("wagtailimages", "image", "change_image"),
    ("wagtailimages", "image", "choose_image"),
    ("wagtaildocs", "document", "add_document"),
    ("wagtaildocs", "document", "change_document"),
    ("wagtaildocs", "document", "choose_document"),
]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    admin_access = get_permission(apps, "wagtailadmin", "admin", "access_admin")
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    moderators.permissions.add(admin_access)
    editors.permissions.add(admin_access)

    root_page = Page.objects.get(depth=1)
    for codename in EDITOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=editors,
            page=root_page,
            permission=get_permission(apps, "wagtailcore", "page", codename),
        )
    root_collection = Collection.objects.get(depth=1)
    for app_label, model, codename in EDITOR_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=editors,
            collection=root_collection,
            permission=get_permission(apps, app_label, model, codename),
        )


def remove_groups(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name__in=[MODERATORS, EDITORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_homepage"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
