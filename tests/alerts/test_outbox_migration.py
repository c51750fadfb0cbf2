"""The move of alert mails to the one outbox keeps what was stored and removes the old
delivery schedule on an existing install."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("alerts", "0003_representativealert")]
AFTER = [("alerts", "0004_alert_mail_to_outbox")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


# serialized_rollback like the other transactional tests: a plain flush would let
# post_migrate recreate rows that their restored copy then collides with.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_stored_alert_mails_move_to_the_outbox_and_the_old_schedule_goes():
    old = migrate(BEFORE)
    AlertMail = old.get_model("alerts", "AlertMail")
    Schedule = old.get_model("django_q", "Schedule")
    Schedule.objects.update_or_create(
        name="Meldingsmails versturen",
        defaults={"func": "alerts.tasks.deliver_outbox", "schedule_type": "I", "minutes": 1},
    )
    url = "https://example.invalid/alerts/afmelden/abc/"
    AlertMail.objects.create(
        to_email="wacht@example.invalid",
        subject="Nieuw op Klachtenkompas",
        text="Een overzicht.\nAlles wat je volgt: https://example.invalid/alerts/mijn-meldingen/",
        html="<p>Een overzicht.</p>",
        unsubscribe_url=url,
        dedupe_key="a" * 64,
    )
    AlertMail.objects.create(
        to_email="al@example.invalid",
        subject="Bevestig",
        text="https://example.invalid/alerts/bevestigen/xyz/",
        html="<p>Bevestig</p>",
        dedupe_key="b" * 64,
        status="sent",
        sent_at=timezone.now(),
    )

    new = migrate(AFTER)

    OutboxMessage = new.get_model("complaints", "OutboxMessage")
    pending = OutboxMessage.objects.get(dedupe_key="a" * 64)
    assert pending.status == "pending" and pending.to_email == "wacht@example.invalid"
    assert pending.text.startswith("Een overzicht.") and pending.html == "<p>Een overzicht.</p>"
    assert pending.template == "alerts/email/digest" and pending.role == "subscriber"
    assert pending.headers["List-Unsubscribe"].startswith(f"<{url}>")
    assert pending.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    sent = OutboxMessage.objects.get(dedupe_key="b" * 64)
    assert sent.status == "sent" and sent.template == "alerts/email/confirm"
    assert (
        not new.get_model("django_q", "Schedule")
        .objects.filter(func="alerts.tasks.deliver_outbox")
        .exists()
    )
    assert "alerts_alertmail" not in connection.introspection.table_names()
