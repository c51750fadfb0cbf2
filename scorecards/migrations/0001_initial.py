"""CompanyScore, moved here from companies: the model takes over the existing table
companies_companyscore (created by companies 0003) without touching it, and its content
type (with the permissions hanging from it) follows it to this app."""

import django.db.models.deletion
from django.db import migrations, models


def adopt_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="scorecards", model="companyscore").exists():
        ContentType.objects.filter(app_label="companies", model="companyscore").update(
            app_label="scorecards"
        )


def return_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="companies", model="companyscore").exists():
        ContentType.objects.filter(app_label="scorecards", model="companyscore").update(
            app_label="companies"
        )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("companies", "0004_companyscore_to_scorecards"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CompanyScore",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("computed_on", models.DateField(verbose_name="berekend op")),
                        (
                            "complaints",
                            models.PositiveIntegerField(default=0, verbose_name="klachten"),
                        ),
                        ("first_reaction_terms", models.PositiveIntegerField(default=0)),
                        ("first_reaction_on_time", models.PositiveIntegerField(default=0)),
                        ("company_turns", models.PositiveIntegerField(default=0)),
                        ("company_turns_on_time", models.PositiveIntegerField(default=0)),
                        ("median_first_reaction_hours", models.FloatField(null=True)),
                        ("first_reactions", models.PositiveIntegerField(default=0)),
                        ("rated", models.PositiveIntegerField(default=0)),
                        ("rated_solved", models.PositiveIntegerField(default=0)),
                        ("grade_sum", models.PositiveIntegerField(default=0)),
                        ("smoothed_grade", models.FloatField(null=True)),
                        (
                            "verdict",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("", "geen"),
                                    ("pluim", "pluim"),
                                    ("improve", "verbeterpunt"),
                                ],
                                default="",
                                max_length=10,
                            ),
                        ),
                        (
                            "company",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="scores",
                                to="companies.companypage",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "score",
                        "verbose_name_plural": "scores",
                        "db_table": "companies_companyscore",
                        "ordering": ["-computed_on"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("company", "computed_on"), name="one_score_per_day"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[
                migrations.RunPython(adopt_content_type, return_content_type),
            ],
        ),
    ]
