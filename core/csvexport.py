"""CSV for the open data downloads (complaint export, monthly scores, nightly dumps)."""

import csv
import io
from collections.abc import Iterable, Iterator, Mapping

# A cell that starts with one of these is a formula to a spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """OWASP's advice: a leading single quote makes a spreadsheet show the text as text.
    CSV only: JSON Lines is read by programs, and carries the text as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_chunks(rows: Iterable[Mapping], columns: list[str], size: int = 64_000) -> Iterator[str]:
    """A header and the rows as CSV text, in chunks of about `size` characters (for a
    streaming response or a gzip file), every cell made safe for spreadsheets."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: safe_cell(value) for key, value in row.items()})
        if buffer.tell() > size:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()
