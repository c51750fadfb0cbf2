import pytest

pytestmark = pytest.mark.django_db


def test_home_page_renders_in_dutch_with_main_navigation(client, home_page):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Klachtenkompas" in html
    for url in [
        "/bedrijven/",
        "/zoeken/",
        "/klacht-indienen/",
        "/tips/",
        "/mijn-klachten/",
        "/bedrijfsportaal/",
    ]:
        assert f'href="{url}"' in html, url
    assert '<main id="inhoud"' in html


def test_home_page_is_the_site_root_and_the_only_one(home_page):
    from home.models import HomePage

    assert isinstance(home_page, HomePage)
    assert HomePage.objects.count() == 1
    assert not HomePage.can_create_at(home_page)


def test_unknown_url_gets_a_dutch_404(client, home_page):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


def test_admin_login_page_answers(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
