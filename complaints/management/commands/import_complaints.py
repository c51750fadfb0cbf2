import sys
import time

from django.core.management.base import BaseCommand, CommandError

from complaints import importing, services


class Command(BaseCommand):
    help = "Laadt klachten uit een JSON Lines-bestand (één klacht per regel); zie DESIGN.md."

    def add_arguments(self, parser):
        parser.add_argument("path", help="het .jsonl-bestand")

    def handle(self, *args, path, **options):
        try:
            handle = open(path, encoding="utf-8")  # noqa: SIM115 (closed below)
        except OSError as exc:
            raise CommandError(f"Kan {path} niet openen: {exc.strerror}") from exc
        created = updated = 0
        refused: list[tuple[int, str]] = []
        ids: list[int] = []
        started = time.monotonic()
        with handle, services.notifications_enabled(False), services.search_sync_enabled(False):
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                try:
                    outcome = importing.import_line(importing.parse(raw))
                except importing.LineRefused as exc:
                    refused.append((number, str(exc)))
                    self.stderr.write(f"regel {number}: {exc}")
                    continue
                ids.append(outcome.complaint_id)
                created += outcome.created
                updated += not outcome.created
                if number % 1000 == 0:
                    self.stdout.write(
                        f"  {number:,} regels verwerkt ({time.monotonic() - started:.0f} s)"
                    )
        indexed = self._index(ids)
        self.stdout.write(
            f"{created} klachten aangemaakt, {updated} bijgewerkt, {len(refused)} regels geweigerd; "
            f"{indexed} in de zoekindex."
        )
        if refused:
            sys.exit(1)

    def _index(self, ids: list[int]) -> int:
        """The imported complaints into the search index in bulk, in one pass."""
        from elasticsearch import TransportError

        from search.indexing import complaint_queryset, ensure_index, sync

        try:
            ensure_index()
            result = sync(complaint_queryset().filter(pk__in=ids).iterator(chunk_size=1000))
        except TransportError:
            self.stderr.write(
                "Elasticsearch is niet bereikbaar; draai later `manage.py search_index --reconcile`."
            )
            return 0
        return result["indexed"]
