from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Schrijft de open-data-export (openbare klachten en bedrijfsscores als JSON Lines "
        "en CSV, gzip, met SHA256SUMS en manifest.json) en publiceert die in OPEN_DATA_DIR."
    )

    def handle(self, *args, **options):
        from opendata.dump import current_dir, write_dump

        manifest = write_dump(progress=self._progress)
        for entry in manifest["files"]:
            self.stdout.write(
                f"{entry['name']}: {entry['rows']} rijen, {entry['size']} bytes, "
                f"sha256 {entry['sha256']}"
            )
        self.stdout.write(self.style.SUCCESS(f"Open data gepubliceerd in {current_dir()}."))

    def _progress(self, stem: str, done: int) -> None:
        self.stdout.write(f"{stem}: {done} rijen geschreven")
