"""Rights for the CMS side.

Editors manage sectors and topics (their pages rights come from home 0003). Moderators
manage company representatives and handle "company not listed?" requests, and do not
edit content: Wagtail's first migration gave a group of that name page and collection
rights, which are taken away here.
"""

from django.db import migrations

from core.migration_utils import grant_model_permissions

MODERATORS = "Moderators"
EDITORS = "Editors"
ALL = ["add", "change", "delete", "view"]


def set_rights(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    grant_model_permissions(apps, EDITORS, "companies", "sector", ALL)
    grant_model_permissions(apps, EDITORS, "complaints", "topic", ALL)
    grant_model_permissions(apps, MODERATORS, "companies", "companyrepresentative", ALL)
    grant_model_permissions(
        apps, MODERATORS, "companies", "companyrequest", ["change", "delete", "view"]
    )

    moderators = Group.objects.get(name=MODERATORS)
    GroupPagePermission.objects.filter(group=moderators).delete()
    GroupCollectionPermission.objects.filter(group=moderators).delete()
    moderators.permissions.remove(
        *moderators.permissions.filter(content_type__app_label__in=["wagtailimages", "wagtaildocs"])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0001_initial"),
        ("complaints", "0001_initial"),
        ("home", "0003_staff_groups"),
    ]

    operations = [migrations.RunPython(set_rights, migrations.RunPython.noop)]
