"""The Dutch 404 and 500 pages, with DEBUG on and off."""

import pytest
from django.http import Http404
from django.test import Client, override_settings
from django.urls import include, path


def crash(request):
    raise RuntimeError("boom")


def missing(request):
    raise Http404("no such thing")


urlpatterns = [
    path("stuk/", crash),
    path("api/stuk/", crash),
    path("weg/", missing),
    path("", include("config.urls")),
]

pytestmark = pytest.mark.django_db

NOT_FOUND = "Deze pagina bestaat niet (meer)"
BROKEN = "Er ging iets mis"


@pytest.mark.parametrize("debug", [True, False])
@pytest.mark.parametrize(
    "url",
    ["/bestaat-niet/", "/bedrijven/bestaat-niet/", "/bedrijven/bestaat-niet/klachten/999999/"],
)
def test_an_unknown_address_gets_the_dutch_404(client, site, debug, url):
    with override_settings(DEBUG=debug):
        response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert NOT_FOUND in html
    assert "Using the URLconf" not in html and "Page not found" not in html
    assert 'class="site-footer"' in html  # the whole site around it, styled


@override_settings(DEBUG=True)
def test_with_debug_the_technical_404_is_one_parameter_away(client, site):
    response = client.get("/bestaat-niet/?debug")
    assert response.status_code == 404
    assert NOT_FOUND not in response.content.decode()


@pytest.mark.urls(__name__)
@override_settings(DEBUG=True)
def test_with_debug_a_view_that_raises_404_gets_the_dutch_page(client, site):
    response = client.get("/weg/")
    assert response.status_code == 404
    assert NOT_FOUND in response.content.decode()


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("debug", [True, False])
def test_a_crash_gets_the_dutch_500(site, debug, caplog):
    client = Client(raise_request_exception=False)
    with override_settings(DEBUG=debug):
        response = client.get("/stuk/")
    assert response.status_code == 500
    html = response.content.decode()
    assert BROKEN in html and 'lang="nl"' in html
    assert "css/site.css" in html
    assert "Traceback" not in html and "RuntimeError" not in html
    # The developer still gets the traceback, in the log.
    assert any(record.exc_info and "boom" in str(record.exc_info[1]) for record in caplog.records)


@pytest.mark.urls(__name__)
@override_settings(DEBUG=True)
def test_with_debug_the_technical_500_stays_for_the_api_and_on_request(site):
    client = Client(raise_request_exception=False)
    assert "RuntimeError" in client.get("/api/stuk/").content.decode()
    assert "RuntimeError" in client.get("/stuk/?debug").content.decode()
