"""The footer pages: made by a data migration, linked from every page's footer, and the
footer follows what editors do to them."""

import importlib

import pytest
from django.apps import apps

from home.models import StandardPage

pytestmark = pytest.mark.django_db

FOOTER_PAGES = {
    "over-ons": "Over ons",
    "privacyverklaring": "Privacyverklaring",
    "voorwaarden": "Voorwaarden",
    "contact": "Contact",
    "toegankelijkheid": "Toegankelijkheidsverklaring",
}


def footer(client, url="/"):
    html = client.get(url).content.decode()
    return html[html.index('<footer class="site-footer">') :]


@pytest.mark.parametrize(("slug", "title"), FOOTER_PAGES.items())
def test_migrate_made_each_footer_page_and_the_footer_links_it(client, site, slug, title):
    page = StandardPage.objects.get(slug=slug)
    assert page.get_parent().pk == site.root_page_id
    response = client.get(f"/{slug}/")
    assert response.status_code == 200
    assert f"<h1>{title}</h1>" in response.content.decode()
    for url in ("/", "/zoeken/", f"/{slug}/"):
        assert f'<a href="/{slug}/">{title}</a>' in footer(client, url)


def test_the_footer_pages_are_in_tree_order(client, site):
    html = footer(client)
    positions = [html.index(f'href="/{slug}/"') for slug in FOOTER_PAGES]
    assert positions == sorted(positions)


def test_the_texts_say_what_the_site_promises(client, site):
    privacy = client.get("/privacyverklaring/").content.decode()
    assert "twee jaar" in privacy
    assert "alleen het bedrijf" in privacy
    accessibility = client.get("/toegankelijkheid/").content.decode()
    assert "WCAG 2.2" in accessibility and "AA" in accessibility
    assert "mailto:" in accessibility


def test_running_the_migration_again_adds_nothing(site):
    migration = importlib.import_module("home.migrations.0011_footer_pages")
    before = StandardPage.objects.count()
    migration.create_footer_pages(apps, None)
    assert StandardPage.objects.count() == before == len(FOOTER_PAGES)


def test_a_slug_an_editor_already_uses_is_left_alone(site):
    migration = importlib.import_module("home.migrations.0011_footer_pages")
    StandardPage.objects.get(slug="contact").delete()
    home = site.root_page.specific
    own = home.add_child(instance=StandardPage(title="Bel ons", slug="contact", body="<p>x</p>"))
    migration.create_footer_pages(apps, None)
    assert list(StandardPage.objects.filter(slug="contact")) == [own]
    assert StandardPage.objects.get(slug="contact").title == "Bel ons"


def test_the_footer_follows_a_renamed_and_moved_page(client, site):
    page = StandardPage.objects.get(slug="voorwaarden")
    assert "Voorwaarden" in footer(client)  # now cached
    page.title = "Spelregels"
    page.slug = "spelregels"
    page.save_revision().publish()
    html = footer(client)
    assert '<a href="/spelregels/">Spelregels</a>' in html
    assert "/voorwaarden/" not in html


def test_a_page_not_shown_in_menus_or_unpublished_leaves_the_footer(client, site):
    assert "/contact/" in footer(client)
    contact = StandardPage.objects.get(slug="contact")
    contact.show_in_menus = False
    contact.save_revision().publish()
    assert "/contact/" not in footer(client)
    about = StandardPage.objects.get(slug="over-ons")
    about.unpublish()
    assert "/over-ons/" not in footer(client)
