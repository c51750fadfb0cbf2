"""The Content-Security-Policy: no inline script on the public site; the admin screens
get only what Wagtail's own templates need. The real browser journeys (tests/browser)
fail on any policy violation the browser reports."""

import pytest

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parts = [part.strip().split() for part in header.split(";") if part.strip()]
    return {name: values for name, *values in parts}


@pytest.mark.parametrize("path", ["/", "/zoeken/", "/account/login/", "/bestaat-niet/"])
def test_public_pages_allow_no_inline_script(client, home_page, path):
    policy = directives(client.get(path))

    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_the_admin_allows_wagtails_inline_scripts_and_nothing_from_elsewhere(
    client, home_page, editor
):
    client.force_login(editor)

    policy = directives(client.get("/admin/"))

    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["connect-src"] == ["'self'"]
    assert all("http" not in value for values in policy.values() for value in values)
