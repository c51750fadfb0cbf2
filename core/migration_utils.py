"""Helpers for data migrations that set up the staff groups' rights.

Django creates most permissions only after all migrations have run (post_migrate), so
a data migration creates the ones it needs itself, as Wagtail's own migrations do.
"""


def get_permission(apps, app_label: str, model: str, codename: str):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return permission


def grant_model_permissions(apps, group_name: str, app_label: str, model: str, actions):
    Group = apps.get_model("auth.Group")
    group, _ = Group.objects.get_or_create(name=group_name)
    for action in actions:
        group.permissions.add(get_permission(apps, app_label, model, f"{action}_{model}"))
