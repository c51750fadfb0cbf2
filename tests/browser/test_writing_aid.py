"""The writing aid updates beside the text as it is typed, without putting the text in
an address."""

import pytest

from tests.browser.conftest import log_in

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]


def test_the_hints_follow_the_text_and_the_text_is_posted(live_server, browser, world):
    from django.contrib.auth import get_user_model

    from complaints.factories import make_complaint

    other = get_user_model().objects.get(username="ander")
    draft = make_complaint(company=world["company"], consumer=other, status="draft")
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    log_in(page, live_server.url, "ander@example.invalid")
    requests = []
    page.on("request", lambda r: "schrijfhulp" in r.url and requests.append(r))

    page.goto(f"/klacht-indienen/{draft.pk}/klacht/")
    with page.expect_response(lambda r: "schrijfhulp" in r.url) as answer:
        page.fill("textarea[name=description]", "DIT IS ECHT SCHANDALIG EN ONACCEPTABEL GEDRAG")

    assert answer.value.status == 200
    page.wait_for_selector("#writing-hints >> text=hoofdletters")
    assert requests and all(r.method == "POST" for r in requests)
    assert all("?" not in r.url and "SCHANDALIG" not in r.url for r in requests)
    assert "SCHANDALIG" in requests[-1].post_data
    context.close()
