from django.db import migrations, models
from django.db.models import Exists, OuterRef


def backfill(apps, schema_editor):
    """Offers made before the field: one made while the complaint stood at "unanswered"
    was late; any other came within a running term (the sweep moves a missed term to
    "unanswered", so this is right unless the sweep had fallen behind)."""
    SettlementOffer = apps.get_model("complaints", "SettlementOffer")
    ComplaintEvent = apps.get_model("complaints", "ComplaintEvent")
    late = ComplaintEvent.objects.filter(
        complaint_id=OuterRef("complaint_id"),
        action="offer_made",
        from_status="unanswered",
        created_at=OuterRef("created_at"),
    )
    SettlementOffer.objects.filter(Exists(late), on_time__isnull=True).update(on_time=False)
    SettlementOffer.objects.filter(on_time__isnull=True).update(on_time=True)


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0016_outbox_frozen_body"),
    ]

    operations = [
        migrations.AddField(
            model_name="settlementoffer",
            name="on_time",
            field=models.BooleanField(
                blank=True, null=True, verbose_name="binnen de termijn gedaan"
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
