"""Dutch as consumers type it, against the real Elasticsearch: loan-word plurals,
compounds both ways, exact words first, typos, and "Bedoelde je ...?"."""

import pytest

from search.compounds import split

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


def titles(client, q):
    response = client.get("/api/v2/complaints/search/", {"q": q})
    assert response.status_code == 200
    return [item["title"] for item in response.json()["results"]]


@pytest.fixture
def corpus(published):
    texts = {
        "Wasmachine lekt, garantie geweigerd": "Uit de wasmachine loopt bij elke was water.",
        "Twee laptops kapot geleverd": "Beide schermen waren gebarsten bij aankomst.",
        "Jaarafrekening veel te hoog": "Het voorschot was al hoog en nu dit.",
        "Afrekening klopt niet": "De afrekening over het hele jaar rekent een verkeerde meterstand.",
        "Koffiemachine kapot na een week": "Het apparaat maakt geen koffie meer.",
        "Bezorging duurde drie weken": "Niemand wist waar het bleef.",
        "Zij bezorgen altijd bij de buren": "Ook als ik gewoon thuis ben.",
    }
    return {title: published(title=title, description=text) for title, text in texts.items()}


# Each test makes the corpus anew (seven complaints through the life cycle, a few
# seconds), so related checks share a test.


def test_plurals_and_compounds_find_each_other(client, corpus):
    # A loan-word plural finds the singular and back (Snowball leaves "-s" alone).
    assert "Wasmachine lekt, garantie geweigerd" in titles(client, "wasmachines")
    assert "Twee laptops kapot geleverd" in titles(client, "laptop")
    # A part finds the compound.
    assert "Jaarafrekening veel te hoog" in titles(client, "afrekening")
    # A compound finds its parts written apart ("afrekening over het hele jaar"), after
    # the word itself.
    found = titles(client, "jaarafrekening")
    assert found[0] == "Jaarafrekening veel te hoog"
    assert "Afrekening klopt niet" in found
    # "wasmachine" holds "machine", but asking for a washing machine is not asking for
    # every machine: the query keeps its compound.
    assert titles(client, "wasmachine") == ["Wasmachine lekt, garantie geweigerd"]
    assert "Wasmachine lekt, garantie geweigerd" in titles(client, "machine")
    # The word as typed ranks above the same stem.
    found = titles(client, "bezorging")
    assert found[:2] == ["Bezorging duurde drie weken", "Zij bezorgen altijd bij de buren"]


def test_typos_are_forgiven_in_longer_words_only(client, corpus):
    assert titles(client, "wasmachien lekt") == ["Wasmachine lekt, garantie geweigerd"]
    assert "Twee laptops kapot geleverd" in titles(client, "labtops")
    # A typo in the company's name in free text finds its complaints (all Polderpost's).
    assert len(titles(client, "polderpst")) == len(corpus)
    # Quotes ask for exactly that: no typo allowed.
    assert titles(client, '"wasmachien"') == []
    # "week" is one letter from "wrek", but four letters are too short to guess.
    assert titles(client, "wrek") == []


def test_the_page_offers_a_spelling_that_finds_more_and_only_then(client, corpus):
    # "lkt" is too short for typo tolerance: nothing found, but the index's own word
    # pairs know "wasmachine lekt".
    page = client.get("/zoeken/", {"q": "wasmachine lkt"}).content.decode()
    assert "Bedoelde je" in page
    assert "?q=wasmachine%20lekt" in page

    page = client.get("/zoeken/", {"q": "kapot"}).content.decode()
    assert "Bedoelde je" not in page


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("jaarafrekening", ["jaar", "afrekening"]),
        ("stroomstoringen", ["stroom", "storing"]),
        ("verzekeringspolis", ["verzekering", "polis"]),
        ("wasmachines", ["wasmachine"]),
        ("pakketjes", ["pakket"]),
        ("afrekening", None),  # a listed word is not split further
        ("bezorgd", None),
        ("thuis", None),
    ],
)
def test_compounds_are_split_into_listed_words_only(word, parts):
    assert split(word) == parts


def test_a_company_named_like_a_web_address_is_found_by_its_name(client, published, company_index):
    from companies.factories import CompanyPageFactory

    shop = CompanyPageFactory(parent=company_index, title="Klikwinkel.nl")
    published(company=shop, title="Verkeerde maat geleverd", description="Te klein.")

    assert titles(client, "klikwinkel") == ["Verkeerde maat geleverd"]
    assert titles(client, "klikwinkel.nl") == ["Verkeerde maat geleverd"]
    assert titles(client, "klikwinkle") == ["Verkeerde maat geleverd"]  # and with a typo
