"""Synonym groups for query expansion (search.synonyms), seeded with words consumers use
for the same thing; Editors manage them (add, change, delete, view)."""

from django.db import migrations, models

from core.migration_utils import grant_model_permissions

EDITORS = "Editors"
ALL = ["add", "change", "delete", "view"]
# Only true equivalents: what a consumer means by one, they mean by the others.
SEED = [
    ("pakket\nzending", ""),
    ("storing\nuitval", ""),
    ("opzeggen\nbeëindigen", ""),
    ("retour\nterugsturen\nretourneren", ""),
    ("terugbetaling\nrestitutie\ngeld terug", ""),
    ("klantenservice\nklantendienst", "Klantendienst is het Vlaamse woord."),
    ("bezorger\nkoerier", ""),
]


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for terms, note in SEED:
        SynonymGroup.objects.get_or_create(terms=terms, defaults={"note": note})
    grant_model_permissions(apps, EDITORS, "search", "synonymgroup", ALL)


def unseed(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SynonymGroup.objects.filter(terms__in=[terms for terms, _ in SEED]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_nightly_reconcile"),
        ("home", "0003_staff_groups"),
    ]

    operations = [
        migrations.CreateModel(
            name="SynonymGroup",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "terms",
                    models.TextField(
                        help_text="Woorden die een zoeker als hetzelfde bedoelt, gescheiden door komma's of één per regel, bv. 'pakket, zending'. Een woord mag uit meer woorden bestaan ('contract beëindigen'). Vervoegingen hoef je niet op te nemen.",
                        verbose_name="woorden",
                    ),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        help_text="Waarom deze woorden bij elkaar horen (alleen voor redacteuren).",
                        max_length=200,
                        verbose_name="toelichting",
                    ),
                ),
                (
                    "updated_at",
                    models.DateTimeField(auto_now=True, verbose_name="laatst gewijzigd"),
                ),
            ],
            options={
                "verbose_name": "synoniemgroep",
                "verbose_name_plural": "synoniemen",
                "ordering": ["terms"],
            },
        ),
        migrations.RunPython(seed, unseed),
    ]
