"""An editor opens any seeded tip in the Wagtail admin and publishes it unchanged."""

import bs4
import pytest
from django.core.management import call_command
from django.http import QueryDict
from wagtail import blocks

from advice.models import AdvicePage

pytestmark = pytest.mark.django_db


def block_post_data(block, state, prefix: str, data: QueryDict) -> None:
    """The POST data the admin's StreamField widget sends for a block's form state
    (Block.get_form_state, what the editor's browser is given to fill the form)."""
    if isinstance(block, blocks.StreamBlock):
        data[f"{prefix}-count"] = str(len(state))
        for i, child in enumerate(state):
            data[f"{prefix}-{i}-type"] = child["type"]
            data[f"{prefix}-{i}-deleted"] = ""
            data[f"{prefix}-{i}-order"] = str(i)
            data[f"{prefix}-{i}-id"] = child.get("id") or ""
            child_block = block.child_blocks[child["type"]]
            block_post_data(child_block, child["value"], f"{prefix}-{i}-value", data)
    elif isinstance(block, blocks.ListBlock):
        data[f"{prefix}-count"] = str(len(state))
        for i, item in enumerate(state):
            data[f"{prefix}-{i}-deleted"] = ""
            data[f"{prefix}-{i}-order"] = str(i)
            data[f"{prefix}-{i}-id"] = item.get("id") or ""
            block_post_data(block.child_block, item["value"], f"{prefix}-{i}-value", data)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            block_post_data(child_block, state.get(name), f"{prefix}-{name}", data)
    elif isinstance(block, blocks.ChooserBlock):
        data[prefix] = str(state["id"]) if state else ""
    elif isinstance(state, list):  # a select's value list (ChoiceBlock)
        data.setlist(prefix, [str(v) for v in state])
    else:
        data[prefix] = "" if state is None else str(state)


def edit_form_data(html: str, page) -> QueryDict:
    """What the browser posts back: the form's own inputs, and the body as the
    StreamField widget sends it."""
    from wagtail.test.utils.form_data import _querydict_from_form

    soup = bs4.BeautifulSoup(html, "html.parser")
    data = _querydict_from_form(soup.find("form", id="page-edit-form"), exclude_csrf=True)
    for select in soup.find("form", id="page-edit-form").find_all("select"):
        chosen = select.find("option", selected=True)
        data[select["name"]] = chosen["value"] if chosen else ""
    for key in [k for k in data if k.startswith("body")]:
        del data[key]
    block = AdvicePage.body.field.stream_block
    block_post_data(block, block.get_form_state(page.body), "body", data)
    data["action-publish"] = "action-publish"
    return data


def content(body) -> list:
    """A body's blocks and values, the rich text as its text (the editor adds block keys)."""
    return [
        (
            child["type"],
            bs4.BeautifulSoup(child["value"], "html.parser").get_text()
            if child["type"] == "paragraph"
            else child["value"],
        )
        for child in body.get_prep_value()
    ]


@pytest.fixture
def seeded(site):
    call_command("seed_demo")


def test_an_editor_publishes_every_seeded_tip_unchanged(client, editor, seeded):
    client.force_login(editor)
    tips = AdvicePage.objects.all()
    assert tips.count() >= 10

    for tip in tips:
        page = tip.get_latest_revision_as_object()
        url = f"/admin/pages/{tip.pk}/edit/"
        response = client.post(url, edit_form_data(client.get(url).content.decode(), page))

        assert response.status_code == 302, (
            tip.title,
            response.context["form"].errors.get("body")
            and response.context["form"].errors["body"].as_data()[0].as_json_data(),
        )
        published = AdvicePage.objects.get(pk=tip.pk)
        assert published.live_revision_id == published.latest_revision_id
        assert content(published.body) == content(page.body)
