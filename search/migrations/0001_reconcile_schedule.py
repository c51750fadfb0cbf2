"""Hourly reconcile of the complaint index: catches up whatever failed while
Elasticsearch was away (the per-complaint tasks retry too, but give up eventually)."""

from django.db import migrations


def create(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        name="Zoekindex bijwerken",
        defaults={
            "func": "search.tasks.reconcile",
            "schedule_type": "C",
            "cron": "17 * * * *",
            "repeats": -1,
        },
    )


def remove(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name="Zoekindex bijwerken").delete()


class Migration(migrations.Migration):
    dependencies = [("django_q", "0018_task_success_index")]

    operations = [migrations.RunPython(create, remove)]
