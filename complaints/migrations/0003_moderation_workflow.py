"""The moderation workflow "Klachtmoderatie": one approval task for the Moderators.

It is not assigned to any part of the page tree: ComplaintPage.get_workflow() names it,
so complaint pages use it and company and advice pages do not. Wagtail's own default
workflow ("Moderators approval", on the whole tree) is switched off for the same reason:
editors publish content themselves and moderators do not review it.
"""

from django.db import migrations

WORKFLOW = "Klachtmoderatie"
TASK = "Klacht controleren"


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
    task.groups.set([Group.objects.get(name="Moderators")])

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    others = Workflow.objects.exclude(pk=workflow.pk)
    WorkflowPage.objects.filter(workflow__in=others).delete()
    others.update(active=False)


def remove_workflow(apps, schema_editor):
    apps.get_model("wagtailcore.Workflow").objects.filter(name=WORKFLOW).delete()
    apps.get_model("wagtailcore.GroupApprovalTask").objects.filter(name=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0002_complaint_models"),
        ("companies", "0002_staff_rights"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
