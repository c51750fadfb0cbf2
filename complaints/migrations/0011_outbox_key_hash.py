"""The outbox's dedupe key becomes a fixed-length SHA-256 of the old key's text.

Existing keys are hashed in place, so a message already written is still recognised
when the same cause would write it again."""

import hashlib

from django.db import migrations, models


def hash_existing_keys(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE complaints_outboxmessage "
                "SET dedupe_key = encode(sha256(convert_to(dedupe_key, 'UTF8')), 'hex')"
            )
        return
    OutboxMessage = apps.get_model("complaints", "OutboxMessage")
    for message in OutboxMessage.objects.only("pk", "dedupe_key").iterator():
        digest = hashlib.sha256(message.dedupe_key.encode()).hexdigest()
        OutboxMessage.objects.filter(pk=message.pk).update(dedupe_key=digest)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0010_event_hold")]

    operations = [
        migrations.RunPython(hash_existing_keys, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="outboxmessage",
            name="dedupe_key",
            field=models.CharField(max_length=64, unique=True),
        ),
    ]
