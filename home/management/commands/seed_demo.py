from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home import demo


class Command(BaseCommand):
    help = "Laadt demodata (idempotent): accounts, en later bedrijven, tips en klachten."

    def handle(self, *args, **options):
        if not settings.ALLOW_DEMO_DATA:
            raise CommandError(
                "seed_demo is uitgeschakeld in deze omgeving (ALLOW_DEMO_DATA is uit; "
                "de productie-instellingen laden nooit demodata)."
            )
        password = settings.DEMO_PASSWORD
        accounts = demo.demo_accounts()
        demo.ensure_accounts(accounts, password)

        self.stdout.write(self.style.SUCCESS("Demodata geladen."))
        self.stdout.write(f"Demo-accounts (wachtwoord: {password}):")
        for account in accounts:
            self.stdout.write(f"  {account.username:<24} {account.role}")
