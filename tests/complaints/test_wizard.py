"""The complaint wizard, step by step, with the Django test client."""

import io

import pytest
from django.core import mail
from PIL import Image

from complaints.models import Attachment, ComplaintPage
from complaints.states import Status

pytestmark = pytest.mark.django_db

SCOPE_OK = {
    "government": "nee",
    "company_is_dutch": "ja",
    "bought_directly": "ja",
    "told_company_first": "ja",
    "told_company_on": "2026-10-01",
    "told_company_how": "telefonisch",
}
TEXT = {
    "title": "Pakket als bezorgd gemeld maar nooit ontvangen",
    "description": "Op 3 oktober bestelde ik een koffiezetapparaat. Volgens de track-and-trace is het "
    "pakket bezorgd, maar ik heb niets ontvangen en de buren ook niet. Ik heb twee keer gebeld.",
    "desired_outcome": "Ik wil het apparaat alsnog ontvangen of mijn geld terug.",
    "incident_date": "2026-10-03",
}

PRIVATE = {"private-order_reference": "ORD-778899", "private-details": "Dorpsstraat 1"}
CONTACT = {
    "contact-contacted_on": "2026-10-05",
    "contact-channel": "phone",
    "contact-person": "Sanne",
    "contact-summary": "Ze zou het nazoeken.",
    "contact-promised": "Terugbellen binnen 2 dagen",
}


@pytest.fixture
def topic(company):
    from complaints.factories import TopicFactory

    return TopicFactory(name="Levering", slug="levering")


def png_bytes(exif_gps=False) -> bytes:
    image = Image.new("RGB", (20, 20), "red")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (20, 20), "blue")
    exif = Image.Exif()
    exif[0x010F] = "GeheimeCamera"  # Make
    exif[0x8825] = {2: (52.0, 22.0, 1.0)}  # GPS latitude
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def upload(name, data, content_type="application/octet-stream"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type=content_type)


def start(client, company, topic):
    response = client.post(f"/klacht-indienen/bedrijf/{company.pk}/", SCOPE_OK)
    assert response.status_code == 302, response.content
    complaint = ComplaintPage.objects.get()
    response = client.post(f"/klacht-indienen/{complaint.pk}/klacht/", {**TEXT, "topic": topic.pk})
    assert response.status_code == 302, response.context["form"].errors
    return ComplaintPage.objects.get()


def test_choosing_a_company_works_without_javascript(client, consumer, company):
    client.force_login(consumer)

    response = client.get("/klacht-indienen/?q=polder")

    assert response.status_code == 200
    assert f"/klacht-indienen/bedrijf/{company.pk}/" in response.content.decode()


def test_the_wizard_needs_an_account(client, company):
    response = client.get("/klacht-indienen/")

    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


@pytest.mark.parametrize(
    "answers, target",
    [
        ({"government": "ja"}, "/klacht-over-de-overheid/"),
        ({"company_is_dutch": "nee"}, "/buitenlands-bedrijf/"),
    ],
)
def test_out_of_scope_answers_lead_to_the_right_page(client, consumer, company, answers, target):
    from home.factories import OutOfScopePageFactory

    OutOfScopePageFactory(case="government", slug="klacht-over-de-overheid")
    OutOfScopePageFactory(case="foreign", slug="buitenlands-bedrijf", title="Buitenland")
    client.force_login(consumer)

    response = client.post(f"/klacht-indienen/bedrijf/{company.pk}/", {**SCOPE_OK, **answers})

    assert response.status_code == 302
    assert response["Location"] == target
    assert not ComplaintPage.objects.exists()


@pytest.mark.parametrize("field", ["bought_directly", "told_company_first"])
def test_a_no_on_the_scope_questions_explains_and_stores_nothing(client, consumer, company, field):
    client.force_login(consumer)

    response = client.post(f"/klacht-indienen/bedrijf/{company.pk}/", {**SCOPE_OK, field: "nee"})

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not ComplaintPage.objects.exists()


def test_the_whole_wizard_submits_to_moderation(
    client, consumer, company, topic, django_capture_on_commit_callbacks
):
    client.force_login(consumer)
    complaint = start(client, company, topic)
    assert complaint.status == Status.DRAFT and not complaint.live
    assert complaint.slug not in TEXT["title"].lower()

    # Step 3 is one form: the private details, a file and a contact moment, sent at once.
    response = client.post(
        f"/klacht-indienen/{complaint.pk}/besloten/",
        {
            **PRIVATE,
            "upload-file": upload("bon.png", png_bytes()),
            **CONTACT,
            "action": "next",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"/klacht-indienen/{complaint.pk}/controleren/"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/klacht-indienen/{complaint.pk}/controleren/")

    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_MODERATION
    assert complaint.current_workflow_state is not None
    assert complaint.private_details.order_reference == "ORD-778899"
    assert complaint.attachments.count() == 1
    assert complaint.contact_log.count() == 1
    received = [m for m in mail.outbox if m.to == [consumer.email]]
    assert received and "ontvangen" in received[0].subject


def test_forbidden_fields_in_a_post_are_ignored(
    client, consumer, company, topic, django_user_model
):
    other = django_user_model.objects.create_user("ander", "ander@example.invalid", "x")
    client.force_login(consumer)
    complaint = start(client, company, topic)

    client.post(
        f"/klacht-indienen/{complaint.pk}/klacht/",
        {
            **TEXT,
            "topic": topic.pk,
            "status": "awaiting_company",
            "consumer": other.pk,
            "due_at": "2030-01-01",
        },
    )

    complaint.refresh_from_db()
    assert complaint.status == Status.DRAFT
    assert complaint.consumer == consumer
    assert complaint.due_at is None


def test_text_errors_are_shown_in_dutch_and_nothing_changes(client, consumer, company, topic):
    client.force_login(consumer)
    complaint = start(client, company, topic)

    response = client.post(
        f"/klacht-indienen/{complaint.pk}/klacht/",
        {"title": "", "description": "te kort", "desired_outcome": "", "topic": topic.pk},
    )

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"title", "description", "desired_outcome"} <= set(errors)
    assert "Dit is een verplicht veld." in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.title == TEXT["title"]


def test_the_writing_aid_counts_words_and_warns(client, consumer, company, topic):
    client.force_login(consumer)

    data = client.post(
        "/klacht-indienen/schrijfhulp/",
        {
            "description": "DIT IS ECHT SCHANDALIG EN ONACCEPTABEL van die klootzakken",
            "desired_outcome": "",
        },
    ).json()

    assert data["words"] == 9
    messages = " ".join(h["message"] for h in data["hints"])
    assert "hoofdletters" in messages
    assert "Zeg wat je wilt" in messages
    assert "klootzakken" in messages


def test_the_writing_aid_takes_no_text_in_the_address(client, consumer):
    # The draft is personal: in a query string it would land in access logs and history.
    client.force_login(consumer)

    response = client.get("/klacht-indienen/schrijfhulp/", {"description": "Mijn adres is"})

    assert response.status_code == 405


def test_the_writing_aid_refuses_a_post_from_another_site(consumer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(consumer)

    response = client.post("/klacht-indienen/schrijfhulp/", {"description": "tekst"})

    assert response.status_code == 403


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("bon.pdf", b"MZ\x90\x00 this is an exe pretending", "geen foto"),
        ("foto.jpg", b"<html><script>alert(1)</script></html>", "geen foto"),
    ],
)
def test_mislabelled_uploads_are_refused(client, consumer, company, topic, name, data, message):
    client.force_login(consumer)
    complaint = start(client, company, topic)

    response = client.post(
        f"/klacht-indienen/{complaint.pk}/besloten/",
        {"action": "add_attachment", "upload-file": upload(name, data)},
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Attachment.objects.exists()


def test_an_oversized_upload_is_refused(client, consumer, company, topic, settings):
    from complaints import attachments

    client.force_login(consumer)
    complaint = start(client, company, topic)
    big = b"%PDF-1.4\n" + b"0" * (attachments.MAX_SIZE + 1)

    response = client.post(
        f"/klacht-indienen/{complaint.pk}/besloten/",
        {"action": "add_attachment", "upload-file": upload("groot.pdf", big)},
    )

    assert response.status_code == 400
    assert "te groot" in response.content.decode()
    assert not Attachment.objects.exists()


def test_too_many_uploads_are_refused(client, consumer, company, topic):
    from complaints import attachments

    client.force_login(consumer)
    complaint = start(client, company, topic)
    for i in range(attachments.MAX_COUNT):
        client.post(
            f"/klacht-indienen/{complaint.pk}/besloten/",
            {"action": "add_attachment", "upload-file": upload(f"b{i}.png", png_bytes())},
        )

    response = client.post(
        f"/klacht-indienen/{complaint.pk}/besloten/",
        {"action": "add_attachment", "upload-file": upload("x.png", png_bytes())},
    )

    assert response.status_code == 400
    assert "hooguit 5 bijlagen" in response.content.decode()
    assert Attachment.objects.count() == attachments.MAX_COUNT


def test_images_are_stored_without_exif_or_gps(client, consumer, company, topic):
    client.force_login(consumer)
    complaint = start(client, company, topic)
    original = jpeg_with_exif()
    assert b"GeheimeCamera" in original

    client.post(
        f"/klacht-indienen/{complaint.pk}/besloten/",
        {"action": "add_attachment", "upload-file": upload("../../etc/foto.jpg", original)},
    )

    attachment = Attachment.objects.get()
    stored = attachment.file.read()
    assert b"GeheimeCamera" not in stored
    assert not Image.open(io.BytesIO(stored)).getexif()
    assert "foto" not in attachment.file.name and ".." not in attachment.file.name
    assert attachment.content_type == "image/jpeg"


def test_a_saved_date_comes_back_in_a_form_the_date_input_reads(client, consumer, company, topic):
    # `<input type=date>` reads only ISO values; "03-10-2026" came back empty and the
    # next save wiped the date.
    client.force_login(consumer)
    complaint = start(client, company, topic)

    page = client.get(f"/klacht-indienen/{complaint.pk}/klacht/").content.decode()

    assert 'type="date" name="incident_date" value="2026-10-03"' in page
    # Sent back as the browser shows it, the date survives a second save.
    client.post(f"/klacht-indienen/{complaint.pk}/klacht/", {**TEXT, "topic": topic.pk})
    complaint.refresh_from_db()
    assert complaint.incident_date.isoformat() == "2026-10-03"


def test_every_date_and_time_widget_renders_iso_values():
    import datetime

    from complaints.forms import ContactLogForm, ScopeForm

    scope = ScopeForm(initial={"told_company_on": datetime.date(2026, 10, 1)})
    contact = ContactLogForm(
        initial={"contacted_on": datetime.date(2026, 10, 1), "contacted_at": datetime.time(9, 5)}
    )

    assert 'value="2026-10-01"' in str(scope["told_company_on"])
    assert 'value="2026-10-01"' in str(contact["contacted_on"])
    assert 'type="time"' in str(contact["contacted_at"])
    assert 'value="09:05"' in str(contact["contacted_at"])


def test_every_step_has_its_own_title_and_says_its_number(
    client, consumer, company, topic, make_complaint
):
    import re

    draft = make_complaint(status="draft")
    client.force_login(consumer)
    steps = [
        ("/klacht-indienen/", 1, "Bedrijf"),
        (f"/klacht-indienen/bedrijf/{company.pk}/", 1, "Bedrijf"),
        (f"/klacht-indienen/{draft.pk}/klacht/", 2, "Je klacht"),
        (f"/klacht-indienen/{draft.pk}/besloten/", 3, "Besloten deel"),
        (f"/klacht-indienen/{draft.pk}/controleren/", 4, "Controleren"),
    ]
    titles = set()
    for url, number, label in steps:
        page = client.get(url).content.decode()
        title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
        assert title.startswith(f"Stap {number} van 4: {label} – "), title
        assert title.endswith("Klachtenkompas")
        heading = re.search(r"<h2>(.*?)</h2>", page, re.S).group(1)
        assert heading.startswith(f"Stap {number} van 4: "), heading
        titles.add(title)
    assert len(titles) == 4  # the company search and the scope questions share step 1


def test_a_step_with_errors_says_so_in_its_title(client, consumer, make_complaint):
    draft = make_complaint(status="draft")
    client.force_login(consumer)

    page = client.post(f"/klacht-indienen/{draft.pk}/klacht/", {"title": ""}).content.decode()

    assert "<title>Fout: Stap 2 van 4: Je klacht" in page
