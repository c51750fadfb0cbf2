"""Fast SQL copies of real complaints, for benchmarks and for tests that need thousands
of rows (a copy is a complaint like its template, made without the services: only
for measuring, never for data that the site should treat as real)."""


def base36(number: int, width: int = 4) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out.rjust(width, "0")


def columns(cursor, table):
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cursor.fetchall()]


def clone_complaints(template, count: int, due_at, status: str) -> None:
    """Copy the template complaint `count` times with plain SQL (pages and complaints),
    as siblings under its company page."""
    from django.db import connection
    from wagtail.models import Page

    parent = Page.objects.get(pk=template.get_parent().pk)
    first = parent.numchild + 1
    paths = [parent.path + base36(first + i) for i in range(count)]
    slugs = [f"b{first + i}" for i in range(count)]
    with connection.cursor() as cursor:
        page_cols = [c for c in columns(cursor, "wagtailcore_page") if c != "id"]
        overrides = {
            "path": "src.path",
            "slug": "src.slug",
            "url_path": f"'{parent.url_path}klachten/' || src.slug || '/'",
            "translation_key": "gen_random_uuid()",
            "latest_revision_id": "NULL",
            "live_revision_id": "NULL",
        }
        select = ", ".join(overrides.get(c, f"t.{c}") for c in page_cols)
        cursor.execute(
            f"""
            INSERT INTO wagtailcore_page ({", ".join(page_cols)})
            SELECT {select}
            FROM wagtailcore_page t, unnest(%s::text[], %s::text[]) AS src(path, slug)
            WHERE t.id = %s
            """,
            [paths, slugs, template.pk],
        )
        complaint_cols = [
            c for c in columns(cursor, "complaints_complaintpage") if c != "page_ptr_id"
        ]
        overrides = {"status": "%s", "due_at": "%s", "sweep_token": "NULL", "reminded_for": "NULL"}
        select = ", ".join(overrides.get(c, f"t.{c}") for c in complaint_cols)
        params = [
            value
            for c in complaint_cols
            if c in ("status", "due_at")
            for value in [{"status": status, "due_at": due_at}[c]]
        ]
        cursor.execute(
            f"""
            INSERT INTO complaints_complaintpage (page_ptr_id, {", ".join(complaint_cols)})
            SELECT p.id, {select}
            FROM wagtailcore_page p, complaints_complaintpage t
            WHERE p.path = ANY(%s) AND t.page_ptr_id = %s
            """,
            [*params, paths, template.pk],
        )
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + count)
