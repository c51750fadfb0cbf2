"""The nightly open data dump: every public complaint and every company's latest score,
as JSON Lines and CSV (gzip), with checksums and a manifest.

Read from the database with the search index's own rule for what is public
(search.maintenance.public_complaints, search.indexing.is_indexable and to_document),
flattened as the API export flattens (search.searching.export_row, core.csvexport.safe_cell), so a
complaint is in the dump exactly when it is on the site, with the same fields; the dump
adds the outcome of its settlement offers (the public thread shows it; the search index
and the API export do not carry it).

Each run writes into a temporary directory beside the published ones, renames it to
`dump-<time>` and then points the `current` symlink at it in one atomic step: a reader
sees the whole old dump or the whole new one, never half of each. The previous dump is
kept (a download that began before the switch can finish); older ones are removed.
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import gzip
import hashlib
import io
import json
import logging
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from opendata.dictionary import COMPLAINTS, FORMATS, MANIFEST, SCORES, SUMS, Dataset

logger = logging.getLogger(__name__)

LICENCE = "CC0-1.0"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"
CURRENT = "current"
_DUMP_PREFIX = "dump-"
_TMP_PREFIX = ".tmp-"
# A temporary directory this old is a run that died; younger ones may be running now.
_STALE_TMP_SECONDS = 24 * 3600
PROGRESS_EVERY = 1000

Progress = Callable[[str, int], None]


def base_dir() -> Path:
    return Path(settings.OPEN_DATA_DIR)


def current_dir() -> Path | None:
    path = base_dir() / CURRENT
    return path.resolve() if path.is_dir() else None


def read_manifest(directory: Path | None = None) -> dict | None:
    """The manifest of the published dump (or of `directory`, one dump resolved once, so
    that a switch in between cannot pair one dump's manifest with another's files), or
    None before the first one."""
    directory = directory or current_dir()
    if directory is None:
        return None
    try:
        return json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        logger.exception("open data manifest unreadable in %s", directory)
        return None


# Rows ------------------------------------------------------------------------------


def _iso(value) -> str | None:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _with_offer_outcome(rows):
    """The complaint rows with how its settlement offers went, as the public thread
    shows it: how many, the latest one's kind and status, and its amount only when the
    consumer allowed it to be shown. Subqueries, so no query per complaint."""
    from django.db.models import Case, Count, F, IntegerField, OuterRef, Subquery, When
    from django.db.models.functions import Coalesce

    from complaints.models import SettlementOffer

    offers = SettlementOffer.objects.filter(complaint_id=OuterRef("pk"))
    latest = offers.order_by("-created_at", "-pk")
    public_amount = Case(When(amount_public=True, then=F("amount")))
    return rows.annotate(
        offers_made=Coalesce(
            Subquery(
                offers.order_by().values("complaint_id").annotate(n=Count("pk")).values("n"),
                output_field=IntegerField(),
            ),
            0,
        ),
        offer_kind=Subquery(latest.values("kind")[:1]),
        offer_status=Subquery(latest.values("status")[:1]),
        offer_amount=Subquery(latest.annotate(shown=public_amount).values("shown")[:1]),
    )


def complaint_records() -> Iterator[dict]:
    """Every public complaint as the export's flat row, then its offer outcome
    (OFFER_COLUMNS), in id order, read in chunks."""
    from search.indexing import complaint_rows, is_indexable, site_root_path, to_document
    from search.maintenance import public_complaints
    from search.searching import export_row

    root = site_root_path()
    rows = _with_offer_outcome(complaint_rows(public_complaints()))
    for row in rows.iterator(chunk_size=2000):
        if not is_indexable(row):  # the query says so already; the index's own check
            continue
        document = to_document(row, root, version=0)
        document["published_at"] = _iso(document["published_at"])
        amount = row["offer_amount"]
        yield {
            **export_row(document),
            "offers": row["offers_made"],
            "offer_kind": row["offer_kind"] or "",
            "offer_status": row["offer_status"] or "",
            # A string, so the cents stay exact in JSON too; null when not public.
            "offer_amount": f"{amount:.2f}" if amount is not None else None,
        }


def score_records() -> Iterator[dict]:
    """Each live company's latest score: the figures its company page shows."""
    from scorecards.selectors import latest_scores
    from search.indexing import public_url, site_root_path

    root = site_root_path()
    scores = latest_scores().order_by("company__slug", "pk")
    for score in scores.iterator(chunk_size=500):
        company = score.company
        yield {
            "company_slug": company.slug,
            "company_name": company.title,
            "company_url": public_url({"url_path": company.url_path, "pk": company.pk}, root),
            "computed_on": score.computed_on.isoformat(),
            "complaints": score.complaints,
            "first_reaction_terms": score.first_reaction_terms,
            "first_reaction_on_time": score.first_reaction_on_time,
            "first_reaction_on_time_pct": score.first_reaction_on_time_pct,
            "company_turns": score.company_turns,
            "company_turns_on_time": score.company_turns_on_time,
            "turns_on_time_pct": score.turns_on_time_pct,
            "first_reactions": score.first_reactions,
            "median_first_reaction_hours": score.median_first_reaction_hours,
            "rated": score.rated,
            "rated_solved": score.rated_solved,
            "solved_pct": score.solved_pct,
            "mean_grade": score.mean_grade,
            "smoothed_grade": score.smoothed_grade,
            "verdict": score.verdict,
        }


# Files -----------------------------------------------------------------------------


@contextlib.contextmanager
def _gzip_text(path: Path):
    """A text file written through gzip with a fixed header time, so that the same data
    gives the same bytes (and checksum) from one night to the next."""
    with (
        open(path, "wb") as raw,
        gzip.GzipFile(filename=path.name[:-3], mode="wb", fileobj=raw, mtime=0) as packed,
        io.TextIOWrapper(packed, encoding="utf-8", newline="") as text,
    ):
        yield text


def _write_dataset(
    directory: Path, dataset: Dataset, records: Iterable[dict], progress: Progress | None
) -> int:
    """Both formats in one pass over the rows; returns how many rows were written."""
    from core.csvexport import safe_cell

    count = 0
    with (
        _gzip_text(directory / f"{dataset.stem}.jsonl.gz") as jsonl,
        _gzip_text(directory / f"{dataset.stem}.csv.gz") as csv_file,
    ):
        writer = csv.writer(csv_file)
        writer.writerow(dataset.names)
        for record in records:
            jsonl.write(json.dumps(record, ensure_ascii=False) + "\n")
            writer.writerow([safe_cell(record[name]) for name in dataset.names])
            count += 1
            if progress and count % PROGRESS_EVERY == 0:
                progress(dataset.stem, count)
    if progress:
        progress(dataset.stem, count)
    return count


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _describe(directory: Path, dataset: Dataset, rows: int) -> list[dict]:
    entries = []
    for fmt in FORMATS:
        path = directory / f"{dataset.stem}.{fmt}.gz"
        entries.append(
            {
                "name": path.name,
                "dataset": dataset.stem,
                "format": fmt,
                "compression": "gzip",
                "rows": rows,
                "size": path.stat().st_size,
                "sha256": sha256_of(path),
            }
        )
    return entries


def write_dump(progress: Progress | None = None) -> dict:
    """Write a complete dump, publish it atomically, prune old ones; the manifest.

    One run at a time (a lock file): a run pruning while another is between its rename
    and its switch could remove the dump about to be published."""
    base = base_dir()
    base.mkdir(parents=True, exist_ok=True)
    with open(base / ".lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        return _write_dump(base, progress)


def _write_dump(base: Path, progress: Progress | None) -> dict:
    generated_at = timezone.now()
    work = Path(tempfile.mkdtemp(prefix=_TMP_PREFIX, dir=base))
    try:
        files = []
        for dataset, records in (
            (COMPLAINTS, complaint_records()),
            (SCORES, score_records()),
        ):
            rows = _write_dataset(work, dataset, records, progress)
            files.extend(_describe(work, dataset, rows))
        (work / SUMS).write_text(
            "".join(f"{f['sha256']}  {f['name']}\n" for f in files), encoding="utf-8"
        )
        manifest = {
            "generated_at": generated_at.isoformat(),
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "files": files,
        }
        (work / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        work.chmod(0o755)  # mkdtemp makes it 0700; the web server may be another user
        final = base / f"{_DUMP_PREFIX}{generated_at:%Y%m%dT%H%M%S%fZ}"
        os.rename(work, final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    previous = current_dir()
    _point_current_at(base, final)
    _prune(base, keep={final.resolve(), previous})
    logger.info("open data dump published in %s", final)
    return manifest


def _point_current_at(base: Path, target: Path) -> None:
    # A new symlink under a temporary name, renamed over the old one: rename is atomic.
    link = base / f"{_TMP_PREFIX}link-{uuid.uuid4().hex}"
    os.symlink(target.name, link)
    os.replace(link, base / CURRENT)


def _prune(base: Path, keep: set[Path | None]) -> None:
    now = time.time()
    for entry in base.iterdir():
        if entry.name.startswith(_DUMP_PREFIX) and entry.resolve() not in keep:
            shutil.rmtree(entry, ignore_errors=True)
        elif (
            entry.name.startswith(_TMP_PREFIX) and now - entry.lstat().st_mtime > _STALE_TMP_SECONDS
        ):
            if entry.is_symlink() or entry.is_file():
                entry.unlink(missing_ok=True)
            else:
                shutil.rmtree(entry, ignore_errors=True)
