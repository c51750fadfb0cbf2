"""The evidence step, evidence after submitting and deleting a draft, in a real browser
with JavaScript switched off: every button is a plain form submit."""

import re

import pytest

from tests.browser.conftest import PASSWORD, log_in

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]


@pytest.fixture
def consumer(world, django_user_model):
    from allauth.account.models import EmailAddress

    user = django_user_model.objects.create_user("jan", "jan@example.invalid", PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def files(tmp_path):
    from PIL import Image

    photo = tmp_path / "kassabon.png"
    Image.new("RGB", (40, 30), "white").save(photo)
    fake = tmp_path / "notitie.pdf"
    fake.write_text("geen pdf, gewoon tekst")
    return {"photo": str(photo), "fake": str(fake)}


def no_script_page(browser, base):
    return browser.new_context(base_url=base, java_script_enabled=False).new_page()


def test_typed_text_survives_adding_a_file_and_a_contact_moment(
    live_server, browser, screenshot, world, consumer, files
):
    from complaints.factories import make_complaint

    draft = make_complaint(company=world["company"], consumer=consumer, status="draft")
    base = live_server.url
    page = no_script_page(browser, base)
    log_in(page, base, consumer.email)
    page.goto(f"/klacht-indienen/{draft.pk}/besloten/")
    assert page.title().startswith("Stap 3 van 4")

    # A refused file: an error, everything typed still there, nothing stored.
    page.fill("input[name=private-order_reference]", "BESTEL-4411")
    page.fill("textarea[name=private-details]", "Havenweg 3, Zwolle")
    page.set_input_files("input[name=upload-file]", files["fake"])
    page.get_by_role("button", name="Bijlage toevoegen").click()
    assert page.title().startswith("Fout:")
    assert page.get_by_text("geen foto (JPG, PNG, WebP) of PDF").first.is_visible()
    assert page.input_value("input[name=private-order_reference]") == "BESTEL-4411"
    assert page.input_value("textarea[name=private-details]") == "Havenweg 3, Zwolle"
    assert not draft.attachments.exists()

    # A good file: stored, listed, and the typed text stored with it.
    page.set_input_files("input[name=upload-file]", files["photo"])
    page.get_by_role("button", name="Bijlage toevoegen").click()
    page.wait_for_selector("text=Bijlage kassabon.png toegevoegd.")
    assert page.get_by_role("link", name="kassabon.png").is_visible()
    assert page.input_value("input[name=private-order_reference]") == "BESTEL-4411"

    # A contact moment, with its own button.
    page.fill("input[name=contact-contacted_on]", "2026-10-02")
    page.select_option("select[name=contact-channel]", label="telefoon")
    page.fill("textarea[name=contact-summary]", "Beloofd terug te bellen")
    page.get_by_role("button", name="Contactmoment toevoegen").click()
    page.wait_for_selector("text=Contactmoment toegevoegd.")
    assert page.get_by_role("cell", name="Beloofd terug te bellen").is_visible()
    assert page.input_value("textarea[name=private-details]") == "Havenweg 3, Zwolle"
    screenshot(page, "wizard-3-besloten-met-bewijs")

    # Enter in a text field means "Opslaan en verder", not "Bijlage toevoegen".
    page.press("input[name=private-order_reference]", "Enter")
    page.wait_for_url(re.compile(rf"/klacht-indienen/{draft.pk}/controleren/$"))
    assert page.title().startswith("Stap 4 van 4")
    assert page.get_by_text("kassabon.png").is_visible()


def test_a_file_is_removed_without_losing_the_page(live_server, browser, world, consumer, files):
    from complaints.factories import make_complaint

    draft = make_complaint(company=world["company"], consumer=consumer, status="draft")
    base = live_server.url
    page = no_script_page(browser, base)
    log_in(page, base, consumer.email)
    page.goto(f"/klacht-indienen/{draft.pk}/besloten/")
    page.set_input_files("input[name=upload-file]", files["photo"])
    page.get_by_role("button", name="Bijlage toevoegen").click()
    page.wait_for_selector("text=Bijlage kassabon.png toegevoegd.")
    page.fill("textarea[name=private-details]", "Typte ik net, nog niet opgeslagen")

    page.get_by_role("button", name="verwijderen kassabon.png").click()

    page.wait_for_selector("text=Bijlage verwijderd.")
    assert not draft.attachments.exists()
    assert page.input_value("textarea[name=private-details]") == "Typte ik net, nog niet opgeslagen"


def test_evidence_after_submitting_and_deleting_a_draft(
    live_server, browser, screenshot, world, consumer, files
):
    from complaints.factories import make_complaint
    from complaints.models import ComplaintPage

    sent = make_complaint(
        company=world["company"], consumer=consumer, status="awaiting_company", title="Verzonden"
    )
    draft = make_complaint(company=world["company"], consumer=consumer, status="draft")
    base = live_server.url
    page = no_script_page(browser, base)
    log_in(page, base, consumer.email)

    page.goto("/mijn-klachten/")
    page.get_by_role("link", name="bewijs toevoegen bij Verzonden").click()
    page.wait_for_url(re.compile(rf"/mijn-klachten/{sent.pk}/bewijs/$"))
    page.set_input_files("input[name=upload-file]", files["photo"])
    page.get_by_role("button", name="Bijlage toevoegen").click()
    page.wait_for_selector("text=Bijlage kassabon.png toegevoegd.")
    screenshot(page, "bewijs-toevoegen")
    assert sent.attachments.count() == 1

    page.goto("/mijn-klachten/")
    page.get_by_role("link", name=re.compile(r"^verwijderen")).click()
    page.wait_for_selector("text=Weet je zeker dat je dit concept wilt verwijderen?")
    screenshot(page, "concept-verwijderen")
    page.get_by_role("button", name="Ja, verwijder dit concept").click()
    page.wait_for_selector("text=Je concept is verwijderd")
    assert not ComplaintPage.objects.filter(pk=draft.pk).exists()
    assert ComplaintPage.objects.filter(pk=sent.pk).exists()
