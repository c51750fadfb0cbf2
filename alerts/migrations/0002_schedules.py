"""The daily digest at 07:15 (after the night's sweeps) and a minutely delivery run
for alert mails whose kick was lost or that wait for a retry."""

from django.db import migrations

DIGEST = "Dagelijks overzicht voor volgers"
DELIVER = "Meldingsmails versturen"


def create(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.update_or_create(
        name=DIGEST,
        defaults={
            "func": "alerts.tasks.send_digests",
            "schedule_type": "C",
            "cron": "15 7 * * *",
            "repeats": -1,
        },
    )
    Schedule.objects.update_or_create(
        name=DELIVER,
        defaults={
            "func": "alerts.tasks.deliver_outbox",
            "schedule_type": "I",
            "minutes": 1,
            "repeats": -1,
        },
    )


def remove(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name__in=[DIGEST, DELIVER]).delete()


class Migration(migrations.Migration):
    dependencies = [("alerts", "0001_initial"), ("django_q", "0018_task_success_index")]

    operations = [migrations.RunPython(create, remove)]
