"""Step 3 of the wizard: the private details and the evidence on one form, so that no
button loses what was typed elsewhere on the page."""

from html.parser import HTMLParser

import pytest

from complaints.models import Attachment, ContactLogEntry
from tests.complaints.test_wizard import CONTACT, PRIVATE, png_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(make_complaint):
    return make_complaint(status="draft")


def url(complaint) -> str:
    return f"/klacht-indienen/{complaint.pk}/besloten/"


class FormNesting(HTMLParser):
    """The forms of a page, and whether any form opens inside another."""

    def __init__(self):
        super().__init__()
        self.depth, self.nested, self.forms = 0, False, []

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            self.nested |= self.depth > 0
            self.depth += 1
            self.forms.append(dict(attrs))

    def handle_endtag(self, tag):
        if tag == "form":
            self.depth -= 1


def test_adding_a_file_keeps_and_stores_the_typed_private_details(client, consumer, draft):
    client.force_login(consumer)

    response = client.post(
        url(draft),
        {**PRIVATE, "upload-file": upload("bon.png", png_bytes()), "action": "add_attachment"},
    )

    assert response.status_code == 302
    assert response["Location"] == url(draft)  # back to the same step
    draft.private_details.refresh_from_db()
    assert draft.private_details.order_reference == "ORD-778899"
    assert draft.private_details.details == "Dorpsstraat 1"
    page = client.get(url(draft)).content.decode()
    assert 'value="ORD-778899"' in page
    assert "Dorpsstraat 1</textarea>" in page
    assert "bon.png" in page
    assert "Bijlage bon.png toegevoegd." in page


def test_adding_a_contact_moment_keeps_the_private_details(client, consumer, draft):
    client.force_login(consumer)

    response = client.post(url(draft), {**PRIVATE, **CONTACT, "action": "add_contact"})

    assert response.status_code == 302
    assert response["Location"] == url(draft)
    entry = ContactLogEntry.objects.get(complaint=draft)
    assert (entry.person, entry.channel) == ("Sanne", "phone")
    draft.private_details.refresh_from_db()
    assert draft.private_details.order_reference == "ORD-778899"
    page = client.get(url(draft)).content.decode()
    assert "Contactmoment toegevoegd." in page and "Ze zou het nazoeken." in page


def test_save_and_continue_also_stores_a_file_and_a_contact_moment(client, consumer, draft):
    client.force_login(consumer)

    response = client.post(
        url(draft),
        {**PRIVATE, **CONTACT, "upload-file": upload("bon.png", png_bytes()), "action": "next"},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/klacht-indienen/{draft.pk}/controleren/"
    assert draft.attachments.count() == 1
    assert draft.contact_log.count() == 1


def test_the_evidence_is_optional(client, consumer, draft):
    client.force_login(consumer)

    response = client.post(url(draft), {**PRIVATE, "action": "next"})

    assert response.status_code == 302
    assert not Attachment.objects.exists() and not ContactLogEntry.objects.exists()


def test_a_refused_file_stores_nothing_and_keeps_everything_typed(client, consumer, draft):
    client.force_login(consumer)

    response = client.post(
        url(draft),
        {
            **PRIVATE,
            **CONTACT,
            "upload-file": upload("bon.pdf", b"MZ\x90\x00 not a pdf at all"),
            "action": "add_attachment",
        },
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "geen foto" in page
    assert 'value="ORD-778899"' in page and "Dorpsstraat 1</textarea>" in page
    assert 'value="Sanne"' in page and "Ze zou het nazoeken.</textarea>" in page
    assert 'value="2026-10-05"' in page
    draft.private_details.refresh_from_db()
    assert draft.private_details.order_reference == ""
    assert not Attachment.objects.exists() and not ContactLogEntry.objects.exists()


def test_an_unfinished_contact_moment_asks_for_what_is_missing(client, consumer, draft):
    client.force_login(consumer)

    response = client.post(
        url(draft), {**PRIVATE, "contact-summary": "Gebeld, geen antwoord", "action": "next"}
    )

    assert response.status_code == 400
    errors = response.context["contact_form"].errors
    assert set(errors) == {"contacted_on", "channel"}
    assert "Gebeld, geen antwoord</textarea>" in response.content.decode()
    assert not ContactLogEntry.objects.exists()


@pytest.mark.parametrize(
    "action, field, message",
    [
        ("add_attachment", "file", "Kies eerst een bestand."),
        ("add_contact", "summary", "Vul dit in om het contactmoment op te slaan."),
    ],
)
def test_an_add_button_without_anything_to_add_says_so(
    client, consumer, draft, action, field, message
):
    client.force_login(consumer)

    response = client.post(url(draft), {**PRIVATE, "action": action})

    assert response.status_code == 400
    form = response.context["attachment_form" if field == "file" else "contact_form"]
    assert form.errors[field] == [message]
    assert 'value="ORD-778899"' in response.content.decode()


def test_the_page_is_one_form_with_the_main_button_last(client, consumer, draft):
    from complaints import attachments

    attachments.add_attachment(draft, upload("bon.png", png_bytes()), consumer)
    draft.contact_log.create(contacted_on="2026-10-01", channel="phone", summary="Gebeld")
    client.force_login(consumer)

    page = client.get(url(draft)).content.decode()

    parser = FormNesting()
    parser.feed(page)
    assert not parser.nested
    [main] = [f for f in parser.forms if f.get("id") == "besloten-deel"]
    assert main["enctype"] == "multipart/form-data"
    assert 'name="action" value="remove_attachment:' in page
    assert 'name="action" value="remove_contact:' in page
    visible_next = page.index('<button class="button" type="submit" name="action" value="next">')
    assert page.index('value="add_attachment"') < visible_next
    assert page.index('value="add_contact"') < visible_next
    # "Bijlage" is optional, and no longer marked as required.
    label = page[page.index('for="id_upload-file"') :]
    assert "required" not in label[: label.index("</label>")]


def test_a_remove_button_removes_through_its_own_form(client, consumer, draft):
    from complaints import attachments

    attachment = attachments.add_attachment(draft, upload("bon.png", png_bytes()), consumer)
    client.force_login(consumer)

    response = client.post(f"/klacht-indienen/{draft.pk}/bijlage/{attachment.pk}/verwijderen/")

    assert response.status_code == 302
    assert not Attachment.objects.exists()


def test_a_remove_button_in_the_form_keeps_what_was_typed(client, consumer, draft):
    from complaints import attachments

    attachment = attachments.add_attachment(draft, upload("bon.png", png_bytes()), consumer)
    entry = draft.contact_log.create(contacted_on="2026-10-01", channel="phone", summary="Gebeld")
    client.force_login(consumer)

    first = client.post(
        url(draft),
        {"private-order_reference": "ORD-5566", "action": f"remove_attachment:{attachment.pk}"},
    )
    second = client.post(
        url(draft),
        {"private-order_reference": "ORD-5566", "action": f"remove_contact:{entry.pk}"},
    )

    assert first.status_code == second.status_code == 302
    assert not Attachment.objects.exists() and not draft.contact_log.exists()
    draft.private_details.refresh_from_db()
    assert draft.private_details.order_reference == "ORD-5566"


@pytest.mark.parametrize(
    "action", ["remove_attachment:nope", "remove_contact:x1", "remove_contact:999999"]
)
def test_a_remove_action_for_nothing_is_a_404(client, consumer, draft, action):
    client.force_login(consumer)

    assert client.post(url(draft), {"action": action}).status_code == 404
