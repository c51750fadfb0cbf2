import pytest
from django.core.exceptions import ValidationError

from advice.blocks import CallToActionBlock
from advice.factories import AdvicePageFactory

pytestmark = pytest.mark.django_db


def cta_value(**overrides):
    value = {"title": "Nu klagen", "text": "", "page": None, "url": "", "button_label": "Ga"}
    value.update(overrides)
    return CallToActionBlock().to_python(value)


@pytest.mark.parametrize(
    "overrides", [{}, {"url": "https://example.invalid/", "page": 1}], ids=["neither", "both"]
)
def test_a_call_to_action_needs_exactly_one_target(home_page, overrides):
    if overrides.get("page"):
        overrides["page"] = home_page.pk

    with pytest.raises(ValidationError):
        CallToActionBlock().clean(cta_value(**overrides))


def test_a_call_to_action_with_one_target_is_valid():
    value = CallToActionBlock().clean(cta_value(url="https://example.invalid/"))

    assert value["url"] == "https://example.invalid/"


def test_each_escalation_route_has_one_page(advice_index):
    AdvicePageFactory(parent=advice_index, title="Kifid", escalation_route="kifid")

    with pytest.raises(ValidationError) as error:
        AdvicePageFactory(parent=advice_index, title="Kifid 2", escalation_route="kifid")

    assert "escalation_route" in error.value.message_dict


def test_an_advice_page_renders_its_blocks(client, advice_index):
    from wagtail.rich_text import RichText

    page = AdvicePageFactory(
        parent=advice_index,
        title="Bewaar alles",
        body=[
            ("heading", {"text": "Noteer elk contact", "level": "h2"}),
            ("paragraph", RichText("<p>Datum, tijd, wie.</p>")),
            ("tip_list", {"title": "Lijst", "style": "checklist", "items": ["Bon", "Contract"]}),
            ("quote", {"text": "Wees beleefd.", "attribution": "Iemand"}),
            (
                "facts",
                {"who": "Iedereen", "when": "Altijd", "cost": "Gratis", "how": "", "website": ""},
            ),
        ],
    )

    html = client.get(page.url).content.decode()

    assert "<h2>Noteer elk contact</h2>" in html
    assert "Datum, tijd, wie." in html
    assert "<li>Contract</li>" in html
    assert "Wees beleefd." in html
    assert "Gratis" in html


def long_tip_form(title: str, blocks: int) -> dict:
    """The admin's POST for a tip of `blocks` paragraphs and `blocks` tip lists of eight
    items: many times the fields of the longest demo tip (84)."""
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    def tip_list(n):
        items = {
            str(i): {"value": f"Tip {n}.{i}", "deleted": "", "order": str(i)} for i in range(8)
        }
        return {"title": f"Lijst {n}", "style": "bullets", "items": {**items, "count": "8"}}

    body = []
    for n in range(blocks):
        body.append(("paragraph", rich_text(f"<p>Alinea {n}.</p>")))
        body.append(("tip_list", tip_list(n)))
    return nested_form_data(
        {
            "title": title,
            "slug": "een-lange-tip",
            "intro": "Alles over een lange tip.",
            "body": streamfield(body),
            "escalation_route": "",
            "action-publish": "publish",
        }
    )


def test_an_editor_publishes_a_long_tip_within_the_field_limit(client, editor, advice_index):
    from django.conf import settings

    page = AdvicePageFactory(parent=advice_index, title="Een lange tip")
    data = long_tip_form("Een lange tip, bijgewerkt", blocks=20)
    assert 600 < len(data) < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    client.force_login(editor)

    response = client.post(f"/admin/pages/{page.pk}/edit/", data)

    assert response.status_code == 302, response.context["form"].errors
    page.refresh_from_db()
    assert page.title == "Een lange tip, bijgewerkt" and page.live
    assert len(page.body) == 40


@pytest.mark.parametrize(
    "url",
    ["/klacht-indienen/", "/tips/bewaar-alles/?van=tip#dossier", "https://www.acm.nl/consuwijzer"],
)
def test_a_call_to_action_takes_a_path_on_this_site_or_an_https_address(url):
    assert CallToActionBlock().clean(cta_value(url=f" {url} "))["url"] == url


@pytest.mark.parametrize(
    "url",
    [
        "klacht-indienen/",
        "//evil.example/",
        "http://example.invalid/",
        "javascript:alert(1)",
        "/met spatie/",
        "https://",
    ],
)
def test_a_call_to_action_refuses_other_addresses(url):
    with pytest.raises(ValidationError):
        CallToActionBlock().clean(cta_value(url=url))


def test_the_data_migration_repairs_links_the_new_rule_refuses(advice_index, settings):
    """advice 0002 repairs pages and revisions that hold an address the rule refuses."""
    import importlib

    from django.apps import apps

    from advice.models import AdvicePage

    migration = importlib.import_module("advice.migrations.0002_cta_link_admin")
    settings.SITE_URL = "https://klachtenkompas.example"
    page = AdvicePageFactory(parent=advice_index, title="Oud")
    bad = [
        ("klacht-indienen/", "/klacht-indienen/"),
        ("https://klachtenkompas.example/tips/?a=1", "/tips/?a=1"),
        ("http://www.acm.nl/", "https://www.acm.nl/"),
        ("/klacht-indienen/", "/klacht-indienen/"),
    ]
    raw = [
        {
            "type": "call_to_action",
            "value": {"title": "T", "text": "", "page": None, "url": old, "button_label": "Ga"},
        }
        for old, _new in bad
    ]
    page.body = raw
    page.save()
    page.save_revision()

    migration.repair_links(apps, None)

    page = AdvicePage.objects.get(pk=page.pk)
    expected = [new for _old, new in bad]
    assert [child["value"]["url"] for child in page.body.raw_data] == expected
    latest = page.get_latest_revision_as_object()
    assert [child.value["url"] for child in latest.body] == expected
