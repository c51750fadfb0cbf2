from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home import demo


class Command(BaseCommand):
    help = "Laadt demodata (idempotent): accounts, bedrijven, onderwerpen en tips."

    def add_arguments(self, parser):
        parser.add_argument(
            "--list",
            dest="list_only",
            action="store_true",
            help="Toon alleen de demo-accounts; laad niets.",
        )

    def handle(self, *args, list_only=False, **options):
        if not settings.ALLOW_DEMO_DATA:
            raise CommandError(
                "seed_demo is uitgeschakeld in deze omgeving (ALLOW_DEMO_DATA is uit; "
                "de productie-instellingen laden nooit demodata)."
            )
        if list_only:
            accounts = demo.demo_accounts()
        else:
            self.stdout.write("Demodata laden...")
            accounts, counts = demo.load(settings.DEMO_PASSWORD)
            summary = ", ".join(f"{n} {what}" for what, n in counts.items())
            self.stdout.write(self.style.SUCCESS(f"Demodata geladen: {summary}."))

        self.stdout.write(
            f"Demo-accounts (inloggen op /account/login/ met naam of e-mailadres, "
            f"wachtwoord: {settings.DEMO_PASSWORD}):"
        )
        for account in accounts:
            self.stdout.write(f"  {account.username:<32} {account.email:<40} {account.role}")
