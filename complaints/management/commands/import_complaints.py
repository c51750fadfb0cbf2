import sys
import time

from django.core.management.base import BaseCommand, CommandError

from complaints import importing


class Command(BaseCommand):
    help = "Laadt klachten uit een JSON Lines-bestand (één klacht per regel); zie DESIGN.md."

    def add_arguments(self, parser):
        parser.add_argument("path", help="het .jsonl-bestand")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=importing.BATCH_SIZE,
            help="regels per transactie (standaard %(default)s)",
        )

    def handle(self, *args, path, batch_size, **options):
        try:
            handle = open(path, encoding="utf-8")  # noqa: SIM115 (closed below)
        except OSError as exc:
            raise CommandError(f"Kan {path} niet openen: {exc.strerror}") from exc
        started = time.monotonic()

        def refused(number: int, reason: str) -> None:
            self.stderr.write(f"regel {number}: {reason}")

        def progress(number: int, summary: importing.Summary) -> None:
            seconds = time.monotonic() - started
            self.stdout.write(
                f"  {number:,} regels gelezen: {summary.created:,} nieuw, "
                f"{summary.updated:,} bijgewerkt, {summary.refused:,} geweigerd "
                f"({seconds:.0f} s, {number / max(seconds, 0.001):,.0f} regels/s)"
            )

        with handle:
            try:
                summary = importing.run(
                    handle, refused=refused, progress=progress, batch_size=batch_size
                )
            except UnicodeDecodeError as exc:
                raise CommandError(f"{path} is geen UTF-8: {exc.reason}") from exc
        if summary.index_error:
            self.stderr.write(
                "De zoekindex kon niet (helemaal) worden bijgewerkt; draai "
                "`manage.py search_index --reconcile` zodra Elasticsearch bereikbaar is."
            )
        self.stdout.write(
            f"{summary.created} klachten aangemaakt, {summary.updated} bijgewerkt, "
            f"{summary.refused} regels geweigerd; {summary.indexed} in de zoekindex "
            f"({time.monotonic() - started:.0f} s)."
        )
        if summary.refused:
            sys.exit(1)
