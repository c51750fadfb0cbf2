"""The database cache's table, made by `migrate` itself.

The shared cache (django-q2's cluster statistics, django-axes, the rate limits when no
memcached is given) is Django's database cache; without its table every page that
touches the cache answered 500 until an operator ran `createcachetable` by hand.
The command is idempotent and does nothing for caches of other kinds.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("home", "0006_site_structure")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
