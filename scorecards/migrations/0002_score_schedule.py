"""The nightly score schedule belongs to scorecards now and runs its task. Databases
migrated before the move have it from complaints 0006 under the old path
(companies.tasks.recompute_scores), which this updates in place."""

from django.db import migrations

NAME = "Scores van bedrijven"


def create(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        name=NAME,
        defaults={
            "func": "scorecards.tasks.recompute_scores",
            "schedule_type": "C",
            "cron": "30 3 * * *",
            "repeats": -1,
        },
    )


def remove(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("scorecards", "0001_initial"),
        ("complaints", "0006_task_schedules"),
        ("django_q", "0018_task_success_index"),
    ]

    operations = [migrations.RunPython(create, remove)]
