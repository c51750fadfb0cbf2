"""The writing aid updates beside the text as it is typed, without putting the text in
an address, and a screen reader hears a hint when it appears, not every word count."""

import pytest

from tests.browser.conftest import log_in

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]


def _draft(world, **text):
    from django.contrib.auth import get_user_model

    from complaints.factories import make_complaint

    other = get_user_model().objects.get(username="ander")
    return make_complaint(company=world["company"], consumer=other, status="draft", **text)


@pytest.fixture
def signed_in(live_server, browser, world):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    log_in(page, live_server.url, "ander@example.invalid")
    yield page
    context.close()


@pytest.fixture
def text_step(signed_in, world):
    signed_in.goto(f"/klacht-indienen/{_draft(world).pk}/klacht/")
    return signed_in


def test_the_hints_follow_the_text_and_the_text_is_posted(text_step):
    page = text_step
    requests = []
    page.on("request", lambda r: "schrijfhulp" in r.url and requests.append(r))

    with page.expect_response(lambda r: "schrijfhulp" in r.url) as answer:
        page.fill("textarea[name=description]", "DIT IS ECHT SCHANDALIG EN ONACCEPTABEL GEDRAG")

    assert answer.value.status == 200
    page.wait_for_selector("#writing-hints >> text=hoofdletters")
    assert requests and all(r.method == "POST" for r in requests)
    assert all("?" not in r.url and "SCHANDALIG" not in r.url for r in requests)
    assert "SCHANDALIG" in requests[-1].post_data


def test_only_the_hints_are_a_live_region(text_step):
    page = text_step

    live = page.eval_on_selector_all(
        "[aria-live]", "nodes => nodes.map(n => [n.id, n.getAttribute('aria-live')])"
    )

    assert ["writing-hints", "polite"] in live
    assert page.get_attribute(".writing-aid", "aria-live") is None
    # The word count is outside every live region.
    assert page.eval_on_selector("#writing-count", "n => n.closest('[aria-live]')") is None


def test_personal_data_typed_in_the_browser_gives_a_warning(text_step, screenshot):
    page = text_step

    page.fill("input[name=title]", "Pakket kwijt")
    page.fill("textarea[name=description]", "Het pakket is nooit gekomen. Bel me op 06-12345678.")

    warning = page.wait_for_selector("#writing-hints >> text=telefoonnummer (06-…)")
    assert "besloten deel" in warning.text_content()
    assert "12345678" not in page.text_content("#writing-hints")
    screenshot(page, "wizard-text-writing-aid")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "wizard-text-writing-aid-390")


def test_the_review_step_leads_back_to_the_field_to_fix(signed_in, world, screenshot):
    page = signed_in
    draft = _draft(
        world,
        title="Die klotebezorger van Polderpost",
        description="Mijn pakket is nooit aangekomen. Ik woon op Dorpsstraat 12a in Ergens.",
    )
    page.goto(f"/klacht-indienen/{draft.pk}/controleren/")
    warnings = page.locator(".review-warnings")
    assert "klotebezorger" in warnings.text_content()
    assert "Je noemt een adres (Dorpsstraat …)" in warnings.text_content()
    screenshot(page, "wizard-review-warnings")

    warnings.get_by_role("link", name="Pas ‘Titel’ aan").click()

    page.wait_for_url(f"**/klacht-indienen/{draft.pk}/klacht/#id_title")
    assert page.locator("#id_title").input_value() == "Die klotebezorger van Polderpost"
    # The page itself (not only the live update) shows the warning beside the field.
    assert "klotebezorger" in page.text_content("#writing-hints")


def test_typing_on_changes_the_count_but_leaves_the_hints_alone(text_step):
    page = text_step
    page.fill("textarea[name=description]", "Het pakket is nooit gekomen.")
    page.wait_for_selector("#writing-count >> text=5 van ongeveer")
    # Count every change to the live list from here on.
    page.evaluate(
        """() => {
            window.hintChanges = 0;
            new MutationObserver(records => { window.hintChanges += records.length; })
                .observe(document.getElementById("writing-hints"),
                         {childList: true, subtree: true, characterData: true});
        }"""
    )

    for words in ["Het pakket is nooit gekomen. Ik", "Het pakket is nooit gekomen. Ik heb"]:
        with page.expect_response(lambda r: "schrijfhulp" in r.url):
            page.fill("textarea[name=description]", words)
    page.wait_for_selector("#writing-count >> text=7 van ongeveer")
    assert page.evaluate("window.hintChanges") == 0

    with page.expect_response(lambda r: "schrijfhulp" in r.url):
        page.fill("textarea[name=description]", "Het pakket is nooit gekomen, klotebezorger.")
    page.wait_for_selector("#writing-hints >> text=klotebezorger")
    assert page.evaluate("window.hintChanges") > 0


def test_quick_typing_is_checked_once_after_a_pause(text_step):
    page = text_step
    requests = []
    page.on("request", lambda r: "schrijfhulp" in r.url and requests.append(r))

    with page.expect_response(lambda r: "schrijfhulp" in r.url):
        page.type("textarea[name=description]", "Het pakket kwam niet", delay=30)

    page.wait_for_timeout(1000)
    assert len(requests) == 1
