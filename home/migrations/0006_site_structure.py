"""The pages whose URLs are contracts, so that `migrate` alone makes a working site.

A new operator runs `migrate` on an empty database and starts the server: /bedrijven/,
/tips/ and the two out-of-scope pages must answer, and `import_complaints` needs the
company overview to put companies under. Editors change the texts in the admin later;
`seed_demo` updates these same pages in place (found by slug).

Pages that already exist (an existing site, or one an editor made) are left alone.
The texts are written out here, not imported: a migration is frozen in time.
"""

from django.db import migrations
from django.db.models import F
from django.utils import timezone

# Treebeard's materialised path: four base-36 characters per level.
STEP_LENGTH = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

PAGES = [
    (
        "companies",
        "companyindexpage",
        {
            "slug": "bedrijven",
            "title": "Bedrijven",
            "intro": "<p>Alle bedrijven op Klachtenkompas, per sector. Bij elk bedrijf zie je "
            "de klachten en hoe het bedrijf erop reageert.</p>",
        },
    ),
    (
        "advice",
        "adviceindexpage",
        {
            "slug": "tips",
            "title": "Tips",
            "intro": "Zo pak je een klacht aan: van bewijs verzamelen tot de laatste stap, "
            "de rechter.",
        },
    ),
    (
        "home",
        "outofscopepage",
        {
            "case": "government",
            "slug": "klacht-over-de-overheid",
            "title": "Een klacht over de overheid",
            "intro": "Over de overheid klaag je niet op Klachtenkompas, maar bij de instantie "
            "zelf en daarna bij de Nationale ombudsman.",
            "body": "<p>Klachtenkompas is er voor klachten over bedrijven. Gaat je klacht "
            "over een ministerie, gemeente, provincie, waterschap, het UWV, de Belastingdienst "
            "of de politie, dien hem dan eerst in bij die instantie zelf. Kom je er niet uit, "
            "dan kun je gratis terecht bij de Nationale ombudsman.</p>",
            "referral_name": "de Nationale ombudsman",
            "referral_url": "https://www.nationaleombudsman.nl/",
        },
    ),
    (
        "home",
        "outofscopepage",
        {
            "case": "foreign",
            "slug": "buitenlands-bedrijf",
            "title": "Een klacht over een buitenlands bedrijf",
            "intro": "Klachtenkompas behandelt alleen klachten over Nederlandse bedrijven. "
            "Voor een bedrijf elders in Europa helpt het Europees Consumenten Centrum.",
            "body": "<p>Kocht je iets bij een webwinkel of bedrijf in een ander land van de "
            "Europese Unie, of in IJsland of Noorwegen? Dan helpt het Europees Consumenten "
            "Centrum Nederland je gratis met advies, en het kan bemiddelen bij het "
            "bedrijf.</p>",
            "referral_name": "het Europees Consumenten Centrum",
            "referral_url": "https://www.eccnederland.nl/",
        },
    ),
]


def _step(number: int) -> str:
    digits = ""
    for _ in range(STEP_LENGTH):
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits


def create_structure(apps, schema_editor):
    Page = apps.get_model("wagtailcore.Page")
    ContentType = apps.get_model("contenttypes.ContentType")
    Site = apps.get_model("wagtailcore.Site")
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return
    home = site.root_page
    now = timezone.now()
    for app_label, model_name, fields in PAGES:
        model = apps.get_model(app_label, model_name)
        fields = dict(fields)
        existing = model.objects.all()
        if "case" in fields:
            existing = existing.filter(case=fields["case"])
        children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
        if existing.exists() or children.filter(slug=fields["slug"]).exists():
            continue
        last = children.order_by("-path").values_list("path", flat=True).first()
        step = (int(last[-STEP_LENGTH:], 36) if last else 0) + 1
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
        model.objects.create(
            draft_title=fields["title"],
            content_type=content_type,
            path=home.path + _step(step),
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}{fields['slug']}/",
            locale_id=home.locale_id,
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            **fields,
        )
        Page.objects.filter(pk=home.pk).update(numchild=F("numchild") + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_user_email_upper_index"),
        ("companies", "0003_company_scores"),
        ("advice", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_structure, migrations.RunPython.noop)]
