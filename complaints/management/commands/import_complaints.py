import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

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
        if connection.vendor != "postgresql":
            # The batches are written with COPY, sequences and arrays: PostgreSQL only.
            raise CommandError(
                f"import_complaints werkt alleen met PostgreSQL (deze database is "
                f"{connection.vendor}); zet DATABASE_URL op een PostgreSQL-database."
            )
        try:
            # Binary: each line is decoded by itself, so one bad line is one refusal.
            handle = open(path, "rb")  # noqa: SIM115 (closed below)
        except OSError as exc:
            raise CommandError(f"Kan {path} niet openen: {exc.strerror}") from exc
        started = time.monotonic()

        def refused(number: int, reason: str) -> None:
            self.stderr.write(f"regel {number}: {reason}")

        def held(number: int, terms: str) -> None:
            self.stdout.write(f"regel {number}: naar moderatie (automatische controle: {terms})")

        def progress(number: int, summary: importing.Summary) -> None:
            seconds = time.monotonic() - started
            self.stdout.write(
                f"  {number:,} regels gelezen: {summary.created:,} nieuw, "
                f"{summary.updated:,} bijgewerkt, {summary.refused:,} geweigerd "
                f"({seconds:.0f} s, {number / max(seconds, 0.001):,.0f} regels/s)"
            )

        with handle:
            summary = importing.run(
                importing.read_lines(handle),
                refused=refused,
                held=held,
                progress=progress,
                batch_size=batch_size,
            )
        if summary.index_error:
            self.stderr.write(
                "De zoekindex kon niet (helemaal) worden bijgewerkt; draai "
                "`manage.py search_index --reconcile` zodra Elasticsearch bereikbaar is."
            )
        self.stdout.write(
            f"{summary.created} klachten aangemaakt, {summary.updated} bijgewerkt, "
            f"{summary.unchanged} ongewijzigd, {summary.refused} regels geweigerd; "
            f"{summary.indexed} in de zoekindex ({time.monotonic() - started:.0f} s)."
        )
        if summary.moved:
            moves = ", ".join(
                f"{stated} → {now}: {count}"
                for (stated, now), count in sorted(summary.moved.items(), key=lambda i: -i[1])
            )
            self.stdout.write(
                f"{summary.moved.total()} regels door de klok bijgewerkt ({moves}): de status "
                "in het bestand was een momentopname, de termijnen liepen sindsdien verder."
            )
        if summary.held:
            self.stdout.write(
                f"{summary.held} regels door de automatische controle naar moderatie "
                "(niet gepubliceerd tot een moderator ze goedkeurt)."
            )
        if summary.refused:
            sys.exit(1)
