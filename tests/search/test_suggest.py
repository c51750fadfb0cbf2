"""The search box's suggestions (GET /api/v2/search/suggest/): companies and recent
public complaint titles, against the real Elasticsearch; the query body golden-tested."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from search.queries import build_title_suggest
from tests.search.conftest import TOKEN

GOLDEN = Path(__file__).parent / "golden" / "title_suggest.json"
URL = "/api/v2/search/suggest/"


def test_title_suggest_body_matches_its_golden_file():
    body = build_title_suggest("wasmachine lek")

    assert json.loads(json.dumps(body)) == json.loads(GOLDEN.read_text()), (
        f"{GOLDEN} differs; if the change is intended, regenerate it with "
        "`python -m tests.search.test_suggest`"
    )


def test_title_suggest_asks_only_for_public_fields_the_box_shows():
    body = build_title_suggest("pakket")

    assert body["_source"] == ["title", "url", "company.slug", "company.name"]
    assert body["size"] == 5


@pytest.fixture
def companies_indexed(index, company, company_index, es):
    from companies.factories import CompanyPageFactory
    from search.companies import rebuild

    for name in ["Wasgoed", "Wasserij Noord", "Wasstraat Oost", "Waspoeder BV", "Wastafel NL"]:
        CompanyPageFactory(parent=company_index, title=f"{name} Holland")
    rebuild()
    return company


pytestmark = pytest.mark.django_db


def test_shape_companies_then_complaints(client, published, companies_indexed):
    published(title="Wasmachine lekt na een week", company=companies_indexed)

    data = client.get(URL, {"q": "wasmach"}).json()

    assert set(data) == {"companies", "complaints"}
    assert data["complaints"] == [
        {
            "title": "Wasmachine lekt na een week",
            "url": data["complaints"][0]["url"],
            "company": {"slug": companies_indexed.slug, "name": "Polderpost"},
        }
    ]
    assert data["complaints"][0]["url"].startswith(companies_indexed.url)


def test_companies_are_offered_at_most_five(client, published, companies_indexed):
    data = client.get(URL, {"q": "Was"}).json()

    assert len(data["companies"]) == 5
    for item in data["companies"]:
        assert set(item) == {"slug", "name", "url"} and item["url"].startswith("/bedrijven/")


def test_the_last_word_is_a_prefix_and_every_word_must_match(client, published, companies_indexed):
    published(title="Pakket nooit bezorgd")
    published(title="Pakket beschadigd aangekomen")

    def titles(q):
        return [c["title"] for c in client.get(URL, {"q": q}).json()["complaints"]]

    assert titles("pakket bez") == ["Pakket nooit bezorgd"]
    assert sorted(titles("pakk")) == ["Pakket beschadigd aangekomen", "Pakket nooit bezorgd"]
    assert titles("p") == []  # one letter tells nothing yet


def test_at_most_five_complaints_and_recent_ones_first(client, published, companies_indexed):
    now = timezone.now()
    for days in (400, 200, 45, 20, 100, 10):
        published(title=f"Storing internet {days} dagen", now=now - timedelta(days=days))

    complaints = client.get(URL, {"q": "storing inter"}).json()["complaints"]

    assert [c["title"] for c in complaints] == [
        f"Storing internet {days} dagen" for days in (10, 20, 45, 100, 200)
    ]


@pytest.mark.parametrize("status", ["withdrawn", "in_moderation", "rejected", "draft"])
def test_a_complaint_that_is_not_public_is_not_suggested(
    client, published, companies_indexed, status
):
    published(title="Koelkast zoemt publiek")
    published(title="Koelkast zoemt verborgen", status=status)

    data = client.get(URL, {"q": "koelkast zo"}).json()

    assert [c["title"] for c in data["complaints"]] == ["Koelkast zoemt publiek"]


def test_only_public_fields_leave(client, published, companies_indexed):
    published(title="Koelkast kapot", description="Openbare tekst")

    raw = client.get(URL, {"q": "koelkast"}).content.decode()

    assert TOKEN not in raw and "Openbare tekst" not in raw
    assert "geheim-klachtcontact" not in raw
    assert set(json.loads(raw)["complaints"][0]) == {"title", "url", "company"}


def test_nothing_typed_suggests_nothing(client, companies_indexed):
    assert client.get(URL, {"q": ""}).json() == {"companies": [], "complaints": []}
    assert client.get(URL).json() == {"companies": [], "complaints": []}


def test_a_nul_character_is_refused(client, companies_indexed):
    response = client.get(URL, {"q": "Polder\x00post"})

    assert response.status_code == 400
    assert response.json() == {"error": "Ongeldige zoekvraag."}


def test_a_very_long_text_is_cut_not_refused(client, published, companies_indexed):
    published(title="Pakket nooit bezorgd")

    response = client.get(URL, {"q": "pakket " + "x" * 5000})

    assert response.status_code == 200
    assert response.json()["complaints"] == []


def test_without_elasticsearch_companies_come_from_the_database(
    client, published, companies_indexed, settings
):
    published(title="Polderpost raakte mijn pakket kwijt")
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there

    response = client.get(URL, {"q": "Polderp"})

    assert response.status_code == 200
    assert response.json() == {
        "companies": [
            {"slug": companies_indexed.slug, "name": "Polderpost", "url": companies_indexed.url}
        ],
        "complaints": [],
    }


def test_before_any_index_exists_the_box_still_answers(client, company, index):
    response = client.get(URL, {"q": "Polderp"})

    assert response.status_code == 200
    assert response.json()["complaints"] == []
    assert [c["name"] for c in response.json()["companies"]] == ["Polderpost"]


def test_the_suggestions_share_the_autocomplete_rate_limit(client, companies_indexed, settings):
    settings.SEARCH_API_RATE = "3/m"

    codes = [client.get(URL, {"q": "pol"}).status_code for _ in range(4)]

    assert codes[:3] == [200, 200, 200] and codes[3] == 429


def titles(client, q):
    return [c["title"] for c in client.get(URL, {"q": q}).json()["complaints"]]


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        # The stemmer cuts "bezorging" to "bezorg" and "abonnement" stays whole, while
        # the unfinished "bezorgin" and "abonnemen" stem to "bezorgin" and "abonnem":
        # no prefix of the stem.
        ("bezorgin", "Bezorging al drie weken vertraagd"),
        ("abonnemen", "Abonnement zonder bericht verlengd"),
        ("terugbetalin", "Terugbetaling blijft uit"),
        ("Verzekerin", "Verzekering keert niet uit"),
        # Folded like the titles: a typed accent finds the plain word and back.
        ("cafe", "Café rekent te veel"),
        ("réken", "Restaurant rekende dubbel"),
    ],
)
def test_a_word_still_being_typed_finds_the_title_the_stemmer_changes(
    client, published, companies_indexed, typed, title
):
    published(title=title)
    published(title="Koelkast kapot geleverd")

    assert titles(client, typed) == [title]


def test_earlier_words_match_stemmed_and_the_last_unstemmed(client, published, companies_indexed):
    published(title="Pakketten nooit bezorgd, bezorging kwijt")
    published(title="Pakket beschadigd bij levering")

    # "pakket" finds "pakketten" through the stem; "bezorgin" only through the unstemmed
    # words; both words must still match.
    assert titles(client, "pakket bezorgin") == ["Pakketten nooit bezorgd, bezorging kwijt"]
    assert titles(client, "pakketten leverin") == ["Pakket beschadigd bij levering"]
    assert titles(client, "pakket wasmachin") == []


def test_a_stop_word_typed_along_does_not_empty_the_suggestions(
    client, published, companies_indexed
):
    published(title="Levering van de bank te laat")

    assert titles(client, "levering van de ba") == ["Levering van de bank te laat"]
    assert titles(client, "levering de") == ["Levering van de bank te laat"]


if __name__ == "__main__":  # regenerate the golden file
    GOLDEN.write_text(
        json.dumps(build_title_suggest("wasmachine lek"), indent=2, sort_keys=True) + "\n"
    )
