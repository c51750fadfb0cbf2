"""The first list of names that are not Dutch companies, so the wizard recognises them on
a new installation; moderators keep the list in the admin (Bedrijven > Namen buiten het
bereik) and may change or remove these. Names that already exist are left alone."""

from django.db import migrations

from core.migration_utils import grant_model_permissions

GOVERNMENT_EXACT = [
    "Belastingdienst",
    "Belastingdienst Toeslagen",
    "Dienst Toeslagen",
    "UWV",
    "SVB",
    "Sociale Verzekeringsbank",
    "DUO",
    "Dienst Uitvoering Onderwijs",
    "CJIB",
    "RDW",
    "IND",
    "CAK",
    "Rijkswaterstaat",
    "Rijksoverheid",
    "Kadaster",
    "Kamer van Koophandel",
    "KvK",
    "Politie",
    "Nationale Politie",
    "Douane",
    "Defensie",
    "Rechtspraak",
    "Raad voor Rechtsbijstand",
    "Rijksdienst voor Ondernemend Nederland",
    "RVO",
    "Inspectie SZW",
    "Nederlandse Arbeidsinspectie",
    "NVWA",
    "Autoriteit Persoonsgegevens",
    "DigiD",
]
GOVERNMENT_PREFIX = [
    "Gemeente",
    "Provincie",
    "Waterschap",
    "Hoogheemraadschap",
    "Ministerie",
    "Veiligheidsregio",
    "GGD",
]
FOREIGN_EXACT = [
    ("Amazon", "Amerikaans bedrijf"),
    ("AliExpress", "Chinees bedrijf"),
    ("Alibaba", "Chinees bedrijf"),
    ("Temu", "Chinees bedrijf"),
    ("Shein", "bedrijf gevestigd in Singapore"),
    ("Wish", "Amerikaans bedrijf"),
    ("eBay", "Amerikaans bedrijf"),
    ("Ryanair", "Iers bedrijf"),
    ("Wizz Air", "Hongaars bedrijf"),
    ("easyJet", "Brits bedrijf"),
    ("Vueling", "Spaans bedrijf"),
    ("Airbnb", "Amerikaans bedrijf"),
    ("Apple", "Amerikaans bedrijf"),
    ("Google", "Amerikaans bedrijf"),
    ("Meta", "Amerikaans bedrijf"),
    ("Facebook", "Amerikaans bedrijf"),
    ("Instagram", "Amerikaans bedrijf"),
    ("TikTok", "Chinees bedrijf"),
    ("Netflix", "Amerikaans bedrijf"),
    ("Spotify", "Zweeds bedrijf"),
    ("PayPal", "Amerikaans bedrijf"),
    ("Uber", "Amerikaans bedrijf"),
]


def seed(apps, schema_editor):
    OutOfScopeName = apps.get_model("companies", "OutOfScopeName")
    rows = (
        [(name, "government", "exact", "") for name in GOVERNMENT_EXACT]
        + [(name, "government", "prefix", "") for name in GOVERNMENT_PREFIX]
        + [(name, "foreign", "exact", note) for name, note in FOREIGN_EXACT]
    )
    for name, case, match, note in rows:
        OutOfScopeName.objects.get_or_create(
            name=name, defaults={"case": case, "match": match, "note": note}
        )
    grant_model_permissions(
        apps, "Moderators", "companies", "outofscopename", ["add", "change", "delete", "view"]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0006_out_of_scope_names"),
        ("companies", "0002_staff_rights"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
