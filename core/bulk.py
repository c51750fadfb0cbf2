"""Writing many rows at once with PostgreSQL's COPY (imports of a million complaints).

Rows are model instances, or dicts keyed by field attname (cheaper: no Model.__init__);
a field missing from a dict gets the field's default. Values pass through Django's own
conversion (`get_db_prep_save`) except for field types psycopg takes as they are.
Signals and `save()` are not run: callers write only models whose save has no side
effects they need, or do those themselves.
"""

from collections.abc import Iterable, Mapping

from django.db import connection, models

# Field types whose Python values psycopg adapts directly (ids, text, numbers, moments).
_AS_IS = (
    models.CharField,
    models.TextField,
    models.BooleanField,
    models.IntegerField,
    models.DateTimeField,
    models.DateField,
    models.UUIDField,
    models.ForeignKey,
)


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


def _reader(field: models.Field):
    """A function giving the database value of `field` for a row (dict or instance)."""
    name = field.attname
    convert = None if isinstance(field, _AS_IS) else field.get_db_prep_save
    default = field.get_default  # as Model.__init__ fills a missing field

    def read(row):
        if isinstance(row, Mapping):
            value = row[name] if name in row else default()
        else:
            value = getattr(row, name)
        return value if convert is None or value is None else convert(value, connection)

    return read


def copy_objects(model: type[models.Model], rows: Iterable) -> int:
    """COPY the columns of `model`'s own table (for multi-table inheritance, call it once
    per table with the same rows). A primary key absent or None is the database's."""
    rows = list(rows)
    if not rows:
        return 0
    first = rows[0]
    pk = model._meta.pk
    pk_given = (
        first.get(pk.attname) is not None
        if isinstance(first, Mapping)
        else getattr(first, pk.attname) is not None
    )
    fields = [f for f in model._meta.local_concrete_fields if f is not pk or pk_given]
    readers = [_reader(field) for field in fields]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    statement = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
    # The driver's own errors become Django's (DataError, IntegrityError), as for execute().
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        cursor.copy(statement) as copy,
    ):
        for row in rows:
            copy.write_row([read(row) for read in readers])
    return len(rows)
