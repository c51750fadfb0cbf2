from django.core.management.base import BaseCommand, CommandError

from complaints.clock import NeedsPostgreSQL, SweepIncomplete, sweep


class Command(BaseCommand):
    help = (
        "Eén ronde van alles wat de klok beslist: verstreken termijnen, herinneringen en "
        "het verlopen na twee jaar, en de bewaartermijn van besloten gegevens. Idempotent: nog een keer draaien verandert niets."
    )

    def handle(self, *args, **options):
        failed = []
        try:
            result = sweep()
        except NeedsPostgreSQL as exc:
            raise CommandError(str(exc)) from exc
        except SweepIncomplete as exc:
            result, failed = exc.result, exc.failed
        labels = {
            "offer_expired": "voorstellen verlopen",
            "company_term_missed": "bedrijf te laat",
            "consumer_term_missed": "consument te laat",
            "rating_term_missed": "geen beoordeling",
            "expired": "verlopen",
            "reminders": "herinneringen",
            "private_data_deleted": "besloten gegevens verwijderd",
        }
        summary = ", ".join(f"{labels[key]}: {count}" for key, count in result.items())
        if failed:
            self.stdout.write(f"Termijnen bijgewerkt voor zover het lukte ({summary}).")
            raise CommandError(
                "Deze stappen mislukten (de fout staat in het log; de volgende ronde "
                "probeert ze opnieuw): " + ", ".join(failed)
            )
        self.stdout.write(self.style.SUCCESS(f"Termijnen bijgewerkt ({summary})."))
