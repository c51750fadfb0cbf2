"""Alert mails move to the site's one outbox (complaints.OutboxMessage): every stored
AlertMail row is copied first (pending ones are then delivered by the complaint outbox;
sent ones keep their dedupe keys, so today's digest is not written twice), the
minutely delivery schedule of the alerts app is removed, and the model goes."""

from django.conf import settings
from django.db import migrations

DELIVER = "Meldingsmails versturen"


def _headers(url: str) -> dict | None:
    # As alerts.services.list_unsubscribe_headers, frozen here: migrations do not
    # import code that may change later.
    if not url:
        return None
    mailto = settings.DEFAULT_FROM_EMAIL.rsplit("<", 1)[-1].rstrip(">")
    return {
        "List-Unsubscribe": f"<{url}>, <mailto:{mailto}?subject=afmelden>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _template_and_role(mail) -> tuple[str, str]:
    # The old rows did not keep their template; each kind links to a page of its own.
    if "/alerts/bevestigen/" in mail.text:
        return "alerts/email/confirm", "subscriber"
    if not mail.unsubscribe_url:
        return "alerts/email/mine", "subscriber"
    if "/alerts/bedrijf/" in mail.text:
        return "alerts/email/representative", "company"
    return "alerts/email/digest", "subscriber"


def copy_to_outbox(apps, schema_editor):
    AlertMail = apps.get_model("alerts", "AlertMail")
    OutboxMessage = apps.get_model("complaints", "OutboxMessage")
    batch = []
    for mail in AlertMail.objects.order_by("pk").iterator(chunk_size=500):
        template, role = _template_and_role(mail)
        batch.append(
            OutboxMessage(
                template=template,
                role=role,
                to_email=mail.to_email,
                subject=mail.subject,
                text=mail.text,
                html=mail.html,
                headers=_headers(mail.unsubscribe_url),
                context={},
                dedupe_key=mail.dedupe_key,
                status=mail.status,
                attempts=mail.attempts,
                next_attempt_at=mail.next_attempt_at,
                last_error=mail.last_error,
                created_at=mail.created_at,
                sent_at=mail.sent_at,
            )
        )
        if len(batch) >= 500:
            OutboxMessage.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    OutboxMessage.objects.bulk_create(batch, ignore_conflicts=True)


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(
        func="alerts.tasks.deliver_outbox"
    ).delete()


def restore_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        name=DELIVER,
        defaults={
            "func": "alerts.tasks.deliver_outbox",
            "schedule_type": "I",
            "minutes": 1,
            "repeats": -1,
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0003_representativealert"),
        ("complaints", "0016_outbox_frozen_body"),
        ("django_q", "0018_task_success_index"),
    ]

    operations = [
        # Going back recreates an empty AlertMail table; the copies stay in the outbox.
        migrations.RunPython(copy_to_outbox, migrations.RunPython.noop),
        migrations.RunPython(remove_schedule, restore_schedule),
        migrations.DeleteModel(name="AlertMail"),
    ]
