"""An index on UPPER(email) of Django's user table.

Sign-in (allauth looks addresses up case-insensitively) and the importer (which finds
consumers by address, a batch at a time) both ask for UPPER(email); without the index
each asked a full scan of the users.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_outofscopepage"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS auth_user_email_upper ON auth_user (UPPER(email))",
            reverse_sql="DROP INDEX IF EXISTS auth_user_email_upper",
        )
    ]
