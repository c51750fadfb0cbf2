from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home import demo


class Command(BaseCommand):
    help = "Laadt demodata (idempotent): accounts, en later bedrijven, tips en klachten."

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
        accounts = demo.demo_accounts()
        if not list_only:
            demo.ensure_accounts(accounts, settings.DEMO_PASSWORD)
            self.stdout.write(self.style.SUCCESS("Demodata geladen."))

        self.stdout.write(f"Demo-accounts (wachtwoord: {settings.DEMO_PASSWORD}):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<24} {account.role}")
