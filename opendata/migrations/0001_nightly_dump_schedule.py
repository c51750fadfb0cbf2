"""The nightly open data dump at 04:13: after the scores (03:30) and the nightly index
check (03:47), so the dump carries the night's scores."""

from django.db import migrations

NAME = "Open data nachtelijk exporteren"


def create(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        name=NAME,
        defaults={
            "func": "opendata.tasks.dump",
            "schedule_type": "C",
            "cron": "13 4 * * *",
            "repeats": -1,
        },
    )


def remove(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("django_q", "0018_task_success_index")]

    operations = [migrations.RunPython(create, remove)]
