from django.core.management.base import BaseCommand, CommandError

from complaints.clock import NeedsPostgreSQL, sweep


class Command(BaseCommand):
    help = (
        "Eén ronde van alles wat de klok beslist: verstreken termijnen, herinneringen en "
        "het verlopen na twee jaar. Idempotent: nog een keer draaien verandert niets."
    )

    def handle(self, *args, **options):
        try:
            result = sweep()
        except NeedsPostgreSQL as exc:
            raise CommandError(str(exc)) from exc
        labels = {
            "company_term_missed": "bedrijf te laat",
            "consumer_term_missed": "consument te laat",
            "rating_term_missed": "geen beoordeling",
            "expired": "verlopen",
            "reminders": "herinneringen",
        }
        summary = ", ".join(f"{labels[key]}: {count}" for key, count in result.items())
        self.stdout.write(self.style.SUCCESS(f"Termijnen bijgewerkt ({summary})."))
