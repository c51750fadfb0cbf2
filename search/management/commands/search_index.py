from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Beheer van de zoekindex voor klachten: opnieuw opbouwen of bijwerken."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument(
            "--rebuild",
            action="store_true",
            help="Nieuwe index vullen en de alias omzetten (zonder onderbreking).",
        )
        group.add_argument(
            "--upgrade",
            action="store_true",
            help=(
                "Alleen opnieuw opbouwen als de index ontbreekt of met een andere analyse "
                "of mapping is gemaakt dan deze versie van de code (na een nieuwe release)."
            ),
        )
        group.add_argument(
            "--reconcile",
            action="store_true",
            help="Verschillen tussen database en index herstellen.",
        )

    def handle(self, *args, rebuild=False, upgrade=False, reconcile=False, **options):
        from elasticsearch import ConnectionError as EsConnectionError

        from search import maintenance

        try:
            if upgrade:
                if maintenance.index_is_current():
                    self.stdout.write("De zoekindex is actueel; opnieuw opbouwen is niet nodig.")
                    return
                self.stdout.write(
                    "De zoekindex ontbreekt of is met een andere mapping gemaakt: opnieuw opbouwen."
                )
            if rebuild or upgrade:
                from search.companies import rebuild as rebuild_companies

                result = maintenance.rebuild(progress=self._progress)
                companies = rebuild_companies()
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Index {result['index']} opgebouwd: {result['indexed']} klachten, "
                        f"{companies} bedrijven; aliassen omgezet."
                    )
                )
            else:
                result = maintenance.reconcile()
                self.stdout.write(
                    self.style.SUCCESS(
                        f"Index bijgewerkt: {result['missing']} ontbraken, {result['stale']} verouderd, "
                        f"{result['orphaned']} te veel."
                    )
                )
        except EsConnectionError as exc:
            raise CommandError(
                "Elasticsearch is niet bereikbaar; start het met `make services` of zet ELASTICSEARCH_URL."
            ) from exc

    def _progress(self, done, total):
        self.stdout.write(
            f"  {done:,}/{total:,} klachten geïndexeerd", ending="\r" if done < total else "\n"
        )
        self.stdout.flush()
