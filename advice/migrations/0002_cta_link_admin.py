"""The call to action's address takes a path on this site ("/klacht-indienen/") or an
https URL (advice.blocks.LinkBlock); it was a URLBlock, which refused the seeded path, so
no editor could publish a tip that had one. The data step repairs what the new rule
refuses in pages and their latest revisions (what the editor opens): this site's own
absolute URLs become paths, a path without its leading slash gets one, http becomes
https."""

import json
from urllib.parse import urlsplit

import wagtail.fields
from django.conf import settings
from django.db import migrations


def repair_link(url: str) -> str:
    url = (url or "").strip()
    if not url or (url.startswith("/") and not url.startswith("//")):
        return url
    parts = urlsplit(url)
    own = urlsplit(getattr(settings, "SITE_URL", "") or "").netloc
    if parts.scheme in ("http", "https") and parts.netloc:
        if own and parts.netloc.lower() == own.lower():
            path = parts.path or "/"
            return (
                path
                + (f"?{parts.query}" if parts.query else "")
                + (f"#{parts.fragment}" if parts.fragment else "")
            )
        return "https://" + url.split("://", 1)[1] if parts.scheme == "http" else url
    if url.startswith("//"):
        return "https:" + url
    if not parts.scheme and not parts.netloc:
        return "/" + url
    return url


def repair_stream(raw: list) -> bool:
    changed = False
    for child in raw or []:
        if child.get("type") == "call_to_action" and isinstance(child.get("value"), dict):
            value = child["value"]
            repaired = repair_link(value.get("url") or "")
            if repaired != (value.get("url") or ""):
                value["url"] = repaired
                changed = True
    return changed


def repair_links(apps, schema_editor):
    AdvicePage = apps.get_model("advice", "AdvicePage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for page in AdvicePage.objects.all():
        raw = [dict(child) for child in page.body.raw_data]
        if repair_stream(raw):
            page.body = raw
            page.save(update_fields=["body"])
    content_type = ContentType.objects.filter(app_label="advice", model="advicepage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type):
        body = revision.content.get("body")
        raw = json.loads(body) if isinstance(body, str) else body
        if isinstance(raw, list) and repair_stream(raw):
            revision.content["body"] = json.dumps(raw)
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterField(
            model_name="advicepage",
            name="body",
            field=wagtail.fields.StreamField(
                [
                    ("paragraph", 0),
                    ("heading", 3),
                    ("tip_list", 8),
                    ("call_to_action", 14),
                    ("quote", 17),
                    ("advice_link", 20),
                    ("facts", 26),
                ],
                block_lookup={
                    0: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {
                            "features": ["bold", "italic", "link", "ul", "ol"],
                            "label": "Alinea",
                            "template": "blocks/paragraph_block.html",
                        },
                    ),
                    1: ("wagtail.blocks.CharBlock", (), {"label": "kop", "max_length": 120}),
                    2: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {"choices": [("h2", "kop 2"), ("h3", "kop 3")], "label": "niveau"},
                    ),
                    3: ("wagtail.blocks.StructBlock", [[("text", 1), ("level", 2)]], {}),
                    4: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"label": "titel", "max_length": 120, "required": False},
                    ),
                    5: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": [
                                ("bullets", "opsomming"),
                                ("numbered", "genummerde stappen"),
                                ("checklist", "checklist"),
                            ],
                            "label": "weergave",
                        },
                    ),
                    6: ("wagtail.blocks.CharBlock", (), {"label": "tip", "max_length": 300}),
                    7: ("wagtail.blocks.ListBlock", (6,), {"label": "tips"}),
                    8: (
                        "wagtail.blocks.StructBlock",
                        [[("title", 4), ("style", 5), ("items", 7)]],
                        {},
                    ),
                    9: ("wagtail.blocks.CharBlock", (), {"label": "titel", "max_length": 120}),
                    10: (
                        "wagtail.blocks.TextBlock",
                        (),
                        {"label": "tekst", "max_length": 400, "required": False},
                    ),
                    11: (
                        "wagtail.blocks.PageChooserBlock",
                        (),
                        {"label": "pagina", "required": False},
                    ),
                    12: (
                        "advice.blocks.LinkBlock",
                        (),
                        {"label": "of een adres", "required": False},
                    ),
                    13: ("wagtail.blocks.CharBlock", (), {"label": "knoptekst", "max_length": 60}),
                    14: (
                        "wagtail.blocks.StructBlock",
                        [
                            [
                                ("title", 9),
                                ("text", 10),
                                ("page", 11),
                                ("url", 12),
                                ("button_label", 13),
                            ]
                        ],
                        {},
                    ),
                    15: ("wagtail.blocks.TextBlock", (), {"label": "citaat", "max_length": 600}),
                    16: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"label": "wie", "max_length": 120, "required": False},
                    ),
                    17: ("wagtail.blocks.StructBlock", [[("text", 15), ("attribution", 16)]], {}),
                    18: (
                        "wagtail.blocks.PageChooserBlock",
                        (),
                        {"label": "tip", "page_type": ["advice.AdvicePage"]},
                    ),
                    19: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "Eén zin.",
                            "label": "waarom lezen",
                            "max_length": 200,
                            "required": False,
                        },
                    ),
                    20: ("wagtail.blocks.StructBlock", [[("page", 18), ("text", 19)]], {}),
                    21: ("wagtail.blocks.TextBlock", (), {"label": "voor wie", "max_length": 400}),
                    22: ("wagtail.blocks.TextBlock", (), {"label": "wanneer", "max_length": 400}),
                    23: ("wagtail.blocks.TextBlock", (), {"label": "kosten", "max_length": 400}),
                    24: (
                        "wagtail.blocks.TextBlock",
                        (),
                        {"label": "hoe", "max_length": 400, "required": False},
                    ),
                    25: ("wagtail.blocks.URLBlock", (), {"label": "website", "required": False}),
                    26: (
                        "wagtail.blocks.StructBlock",
                        [[("who", 21), ("when", 22), ("cost", 23), ("how", 24), ("website", 25)]],
                        {},
                    ),
                },
                verbose_name="inhoud",
            ),
        ),
        migrations.RunPython(repair_links, migrations.RunPython.noop),
    ]
