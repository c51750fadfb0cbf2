"""Writing many rows at once with PostgreSQL's COPY (imports of a million complaints).

Works on ordinary model instances, so field defaults and Django's own conversion of
each value (`get_db_prep_save`: JSON, UUIDs, aware datetimes) still apply; only the
per-row INSERT and its round trip are gone. Signals and `save()` are not run: callers
write only models whose save has no side effects they need, or do those themselves.
"""

from collections.abc import Iterable

from django.db import connection, models


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` primary keys from the table's own sequence, for rows written with them."""
    if not count:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def copy_objects(model: type[models.Model], objects: Iterable[models.Model]) -> int:
    """COPY the columns of `model`'s own table (for multi-table inheritance, call it once
    per table with the same instances). A primary key left empty is the database's."""
    objects = list(objects)
    if not objects:
        return 0
    fields = [
        field
        for field in model._meta.local_concrete_fields
        if not (field is model._meta.pk and getattr(objects[0], field.attname) is None)
    ]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    preparers = [(field.attname, field.get_db_prep_save) for field in fields]
    statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    # The driver's own errors become Django's (DataError, IntegrityError), as for execute().
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        cursor.copy(statement) as copy,
    ):
        for obj in objects:
            copy.write_row([prepare(getattr(obj, name), connection) for name, prepare in preparers])
    return len(objects)
