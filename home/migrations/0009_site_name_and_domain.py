"""The django.contrib.sites Site that allauth's e-mails name: "Klachtenkompas" at the
public domain (settings.SITE_DOMAIN, from SITE_URL), not the request's host."""

from django.conf import settings
from django.db import migrations


def name_the_site(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    Site.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={"name": settings.SITE_NAME, "domain": settings.SITE_DOMAIN},
    )
    # Sites made with an explicit id leave PostgreSQL's sequence behind.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "SELECT setval(pg_get_serial_sequence('django_site', 'id'), "
            "(SELECT MAX(id) FROM django_site))"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0008_editors_content_subtrees"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [migrations.RunPython(name_the_site, migrations.RunPython.noop)]
