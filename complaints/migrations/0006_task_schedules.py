"""django-q2 schedules for the clock and the outbox (cron, in TIME_ZONE,
Europe/Amsterdam). The scores' nightly schedule, once made here too, is made by
scorecards 0002."""

from django.db import migrations

SCHEDULES = [
    # name, function, cron
    ("Termijnen en verlopen", "complaints.tasks.run_deadlines", "*/10 * * * *"),
    ("Uitgaande e-mail", "complaints.tasks.deliver_outbox", "* * * * *"),
]


def create(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for name, func, cron in SCHEDULES:
        Schedule.objects.update_or_create(
            name=name, defaults={"func": func, "schedule_type": "C", "cron": cron, "repeats": -1}
        )


def remove(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(
        name__in=[s[0] for s in SCHEDULES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0005_moderator_rights"),
        ("django_q", "0018_task_success_index"),
    ]

    operations = [migrations.RunPython(create, remove)]
