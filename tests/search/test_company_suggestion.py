"""A search for a company's name offers the company page, without JavaScript."""

import pytest

from search import client as search_client
from search.companies import name_matches

pytestmark = pytest.mark.django_db

SUGGESTION = 'Bedoel je het bedrijf <a href="{url}">{name}</a>?'


@pytest.mark.parametrize(
    ("typed", "name", "matches"),
    [
        ("Polderpost Pakketdienst", "Polderpost Pakketdienst", True),
        ("polderpost pakketdienst b.v.", "Polderpost Pakketdienst", True),
        ("polderpost", "Polderpost Pakketdienst", True),  # the distinctive first word
        ("polderpst", "Polderpost Pakketdienst", True),  # a typo
        ("noordnet telcom", "NoordNet Telecom", True),
        ("klikwinkel", "Klikwinkel.nl", True),
        ("cafe een", "Café Één", True),
        ("pakket", "Polderpost Pakketdienst", False),  # a topic, not a company
        ("pakket niet bezorgd", "Polderpost Pakketdienst", False),
        ("telecom", "NoordNet Telecom", False),
        ("huis", "Huis & Haard Online", False),  # too short to name a company
        ("", "Polderpost Pakketdienst", False),
    ],
)
def test_which_texts_name_a_company(typed, name, matches):
    assert name_matches(typed, name) is matches


@pytest.fixture
def companies(index, company_index, es):
    from companies.factories import CompanyPageFactory
    from search.companies import rebuild

    made = {
        "polderpost": CompanyPageFactory(
            parent=company_index, title="Polderpost Pakketdienst", slug="polderpost"
        ),
        "noordnet": CompanyPageFactory(
            parent=company_index, title="NoordNet Telecom", slug="noordnet-telecom"
        ),
    }
    rebuild()
    return made


@pytest.mark.parametrize("typed", ["Polderpost Pakketdienst", "polderpost", "polderpst"])
def test_the_results_page_offers_the_company(client, companies, typed):
    company = companies["polderpost"]

    html = client.get("/zoeken/", {"q": typed}).content.decode()

    assert SUGGESTION.format(url=company.url, name="Polderpost Pakketdienst") in html
    # Above the results.
    assert html.index("Bedoel je het bedrijf") < html.index('id="resultaten-kop"')


@pytest.mark.parametrize("typed", ["pakket", "telecom storing", ""])
def test_a_topic_search_offers_no_company(client, companies, typed):
    html = client.get("/zoeken/", {"q": typed}).content.decode()

    assert "Bedoel je het bedrijf" not in html


def test_without_elasticsearch_an_exact_name_is_still_offered(client, companies, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    try:
        html = client.get("/zoeken/", {"q": "noordnet telecom"}).content.decode()
    finally:
        search_client._client.cache_clear()

    company = companies["noordnet"]
    assert SUGGESTION.format(url=company.url, name="NoordNet Telecom") in html


def test_with_the_company_shard_dark_the_database_answers(client, companies, es):
    """A node down with the only copy of the company index's shard (no replica): the
    cluster answers, but a search there is a 503. The search page and the autocomplete
    fall back to the database instead of failing. The shard is made unplaceable for
    real (allocation only on a node that does not exist), no mock."""
    from search.companies import alias

    dark = f"{alias()}-dark"
    es.indices.create(
        index=dark,
        settings={
            "number_of_shards": 1,
            "number_of_replicas": 0,
            "index.routing.allocation.require._name": "no-such-node",
        },
        wait_for_active_shards="0",
    )
    index = next(iter(es.indices.get_alias(name=alias())))
    es.indices.update_aliases(
        actions=[
            {"remove": {"index": index, "alias": alias()}},
            {"add": {"index": dark, "alias": alias()}},
        ]
    )

    page = client.get("/zoeken/", {"q": "noordnet telecom"})
    suggestions = client.get("/api/v2/companies/autocomplete/", {"q": "polder"})

    assert page.status_code == 200
    company = companies["noordnet"]
    assert SUGGESTION.format(url=company.url, name="NoordNet Telecom") in page.content.decode()
    assert suggestions.status_code == 200
    assert [s["slug"] for s in suggestions.json()] == ["polderpost"]


@pytest.mark.parametrize("path", ["/zoeken/", "/"])
def test_the_search_box_is_ready_for_the_autocomplete(client, companies, path):
    html = client.get(path).content.decode()

    # Companies and complaint titles both (search.suggestions).
    assert 'data-autocomplete="/api/v2/search/suggest/"' in html
    assert 'src="/static/js/search-autocomplete.js"' in html
    assert "<script>" not in html  # the Content-Security-Policy allows no inline script
