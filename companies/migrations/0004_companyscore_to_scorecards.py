"""CompanyScore moved to the scorecards app. Its table stays where it is
(companies_companyscore); only Django's idea of which app owns it changes, here and in
scorecards 0001."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0003_company_scores"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="CompanyScore")],
            database_operations=[],
        ),
    ]
