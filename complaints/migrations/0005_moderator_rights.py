"""Moderators handle reactions, reports and the e-mail outbox in the admin."""

from django.db import migrations

from core.migration_utils import grant_model_permissions


def grant(apps, schema_editor):
    grant_model_permissions(apps, "Moderators", "complaints", "reaction", ["change", "view"])
    grant_model_permissions(apps, "Moderators", "complaints", "reactionreport", ["change", "view"])
    grant_model_permissions(apps, "Moderators", "complaints", "outboxmessage", ["view"])


class Migration(migrations.Migration):
    dependencies = [("complaints", "0004_conversation_and_outbox")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
