"""A nightly full reconcile of the complaint index, labels included; the hourly one
stays, as the quick comparison.

The hourly run catches up, within the hour, whatever failed while Elasticsearch was
away (missing, orphaned and outdated complaints, by their own version) without reading
every document's labels. The nightly run also compares what each document took from
its company, sector and topic (name, slug, URL), which only a lost resync after a
rename can leave behind; at 03:47, after the scores (03:30)."""

from django.db import migrations

HOURLY = "Zoekindex bijwerken"
NIGHTLY = "Zoekindex nachtelijk controleren"


def create(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.filter(name=HOURLY).update(func="search.tasks.reconcile_versions")
    Schedule.objects.update_or_create(
        name=NIGHTLY,
        defaults={
            "func": "search.tasks.reconcile",
            "schedule_type": "C",
            "cron": "47 3 * * *",
            "repeats": -1,
        },
    )


def remove(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.filter(name=NIGHTLY).delete()
    Schedule.objects.filter(name=HOURLY).update(func="search.tasks.reconcile")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_reconcile_schedule")]

    operations = [migrations.RunPython(create, remove)]
