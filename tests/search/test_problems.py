"""Recurring problems of a company or a sector (search.problems), against the real
Elasticsearch: complaints made the real way, indexed by their own tasks."""

import json
from pathlib import Path

import pytest

from search.queries import DUTCH_STOP_WORDS, build_recurring_problems

GOLDEN = Path(__file__).parent / "golden" / "recurring_problems.json"

# Polderpost's complaints keep coming back to the waiting time and the customer service;
# three of them to damage (below the minimum of five). Every text is worded differently:
# significant_text drops repeated passages (filter_duplicate_text).
POLDERPOST = [
    (
        "Zending kwijt na drie weken",
        "Na drie weken wachttijd kreeg ik eindelijk de klantenservice van Polderpost aan de "
        "lijn, maar niemand wist waar mijn zending was. De doos was beschadigd afgeleverd.",
    ),
    (
        "Geen antwoord op mijn mail",
        "De klantenservice reageerde pas na een wachttijd van twaalf dagen op mijn mail "
        "over het zoekgeraakte pakket. Polderpost noemt dat normaal.",
    ),
    (
        "Verbinding verbroken",
        "Bellen heeft geen zin: een wachttijd van een uur en daarna verbreekt de "
        "klantenservice gewoon de verbinding. Ik probeerde het vier keer bij Polderpost.",
    ),
    (
        "Retour blijft liggen",
        "Mijn vraag over de retourzending bleef liggen. Klantenservice beloofde terug te "
        "bellen; de wachttijd is inmiddels vier weken. Polderpost leverde de kast beschadigd.",
    ),
    (
        "Telefonisch onbereikbaar",
        "Wachttijd aan de telefoon was vijfenveertig minuten. De medewerker van de "
        "klantenservice van Polderpost kon niets voor mij doen.",
    ),
    (
        "Automatisch antwoord",
        "Elke mail aan de klantenservice levert een automatisch antwoord op en opnieuw een "
        "lange wachttijd zonder oplossing. Het pakket van Polderpost kwam beschadigd aan.",
    ),
]
# Other companies' complaints: the background against which Polderpost's words stand out.
BACKGROUND = [
    ("Factuur klopt niet", "Op de factuur staat een bedrag dat hoger is dan afgesproken."),
    ("Abonnement niet opgezegd", "Mijn opzegging is bevestigd, toch loopt het abonnement door."),
    ("Monteur kwam niet", "De monteur zou dinsdag komen voor de storing, niemand verscheen."),
    ("Verkeerde maat", "Ik bestelde schoenen in maat 42 en kreeg maat 38 thuisgestuurd."),
    ("Dubbel afgeschreven", "Het bedrag voor de bestelling is twee keer afgeschreven."),
    ("Internet valt weg", "Elke avond valt het internet weg, al sinds februari."),
    ("Garantie geweigerd", "De wasmachine lekt na acht maanden, garantie wordt geweigerd."),
    ("Tarief verhoogd", "Zonder bericht is het maandtarief van mijn energiecontract verhoogd."),
    ("Bank niet geleverd", "De bank had in maart geleverd moeten worden, het is nu juni."),
    ("Terugbetaling blijft uit", "Ik stuurde de jas terug en wacht nog steeds op mijn geld."),
    ("Verkeerd bezorgadres", "Mijn bestelling werd op een ander adres in de straat afgegeven."),
    (
        "Klantenservice onvriendelijk",
        "Bij de klantenservice werd ik afgesnauwd over mijn rekening.",
    ),
]


def test_recurring_problems_body_matches_its_golden_file():
    body = build_recurring_problems(company_slug="polderpost", exclude_words=("polderpost",))

    assert json.loads(json.dumps(body)) == json.loads(GOLDEN.read_text()), (
        f"{GOLDEN} differs; if the change is intended, regenerate it with "
        "`python -m tests.search.test_problems`"
    )


def test_the_body_filters_on_the_company_or_the_sector_and_excludes_names_and_stop_words():
    company = build_recurring_problems(company_slug="polderpost", exclude_words=("Polderpost",))
    sector = build_recurring_problems(sector_slug="telecom", min_count=7)

    assert company["query"]["function_score"]["query"]["bool"]["filter"] == [
        {"term": {"company.slug": "polderpost"}}
    ]
    assert sector["query"]["function_score"]["query"]["bool"]["filter"] == [
        {"term": {"sector.slug": "telecom"}}
    ]
    terms = company["aggs"]["sample"]["aggs"]["problems"]["significant_text"]
    assert "polderpost" in terms["exclude"] and set(DUTCH_STOP_WORDS) <= set(terms["exclude"])
    assert terms["filter_duplicate_text"] is True
    assert sector["aggs"]["sample"]["aggs"]["problems"]["significant_text"]["min_doc_count"] == 7


@pytest.fixture
def publish_all(make_complaint, django_capture_on_commit_callbacks, index, es):
    """Public complaints [(company, title, description)], indexed by their own tasks,
    searchable once all are made (one refresh)."""
    from search.indexing import alias

    def publish(texts, status="awaiting_company"):
        with django_capture_on_commit_callbacks(execute=True):
            made = [
                make_complaint(status=status, company=c, title=t, description=d, notify=False)
                for c, t, d in texts
            ]
        es.indices.refresh(index=alias())
        return made

    return publish


@pytest.fixture
def complained(publish_all, company, company_index, settings):
    """Polderpost's six complaints among twelve of two other companies in another sector."""
    from companies.factories import CompanyPageFactory, SectorFactory

    settings.RECURRING_PROBLEMS_MIN = 5
    others = SectorFactory(name="Energie en telecom")
    elsewhere = [
        CompanyPageFactory(parent=company_index, title=name, sector=others)
        for name in ("Stroomlijn", "Kabelnet Noord")
    ]
    texts = [(company, t, d) for t, d in POLDERPOST]
    texts += [(elsewhere[n % 2], t, d) for n, (t, d) in enumerate(BACKGROUND)]
    publish_all(texts)
    return company


@pytest.mark.django_db
def test_a_company_gets_the_words_its_complaints_keep_using(complained):
    """The words that come back, not those below the minimum, never the company's name
    nor a stop word."""
    from search.problems import for_company

    problems = for_company(complained)

    terms = [p["term"] for p in problems]
    assert {"wachttijd", "klantenservice"} <= set(terms)
    assert "beschadigd" not in terms  # in three complaints, fewer than five
    assert "polderpost" not in terms  # in all six, but a name is not a problem
    assert not set(terms) & set(DUTCH_STOP_WORDS)
    wachttijd = problems[terms.index("wachttijd")]
    assert wachttijd == {
        "term": "wachttijd",
        "label": "wachttijd",
        "count": 6,
        "url": f"/zoeken/?q=wachttijd&company={complained.slug}",
    }


@pytest.mark.django_db
def test_below_the_minimum_a_word_is_shown_once_the_minimum_is_lower(complained, settings):
    from search.problems import for_company

    settings.RECURRING_PROBLEMS_MIN = 3

    assert "beschadigd" in [p["term"] for p in for_company(complained)]


def _problem_links(response) -> dict[str, str]:
    """{label: href} of the page's "Problemen die vaker terugkomen" list."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.content, "html.parser")
    section = soup.find("section", class_="recurring-problems")
    if section is None:
        return {}
    return {a.get_text(strip=True): a["href"] for a in section.select("ul a")}


@pytest.mark.django_db
def test_the_company_page_lists_its_recurring_problems_as_links_to_the_search(client, complained):
    response = client.get(complained.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 id="terugkerend">Problemen die vaker terugkomen</h2>' in html
    links = _problem_links(response)
    assert links["wachttijd"] == f"/zoeken/?q=wachttijd&company={complained.slug}"
    assert "in 6 klachten" in html
    assert "polderpost" not in links and "beschadigd" not in links

    search = client.get(links["wachttijd"])
    assert search.status_code == 200
    assert "Telefonisch onbereikbaar" in search.content.decode()
    assert "Factuur klopt niet" not in search.content.decode()


@pytest.mark.django_db
def test_the_sector_page_lists_the_sectors_recurring_problems(client, complained):
    from companies.models import CompanyIndexPage

    index_page = CompanyIndexPage.objects.get()
    url = index_page.url + index_page.reverse_subpage(
        "sector", kwargs={"sector_slug": complained.sector.slug}
    )

    response = client.get(url)

    assert response.status_code == 200
    assert complained.title in response.content.decode()
    links = _problem_links(response)
    assert links["klantenservice"] == (f"/zoeken/?q=klantenservice&sector={complained.sector.slug}")
    assert client.get(index_page.url + "sector/bestaat-niet/").status_code == 404
    # The company page and the company index lead there.
    assert f'href="{url}"' in client.get(complained.url).content.decode()
    assert f'href="{url}"' in client.get(index_page.url).content.decode()


@pytest.mark.django_db
def test_no_list_below_the_minimum(client, publish_all, company):
    publish_all(
        [
            (company, f"Pakket {n} kwijt", f"Pakket {n} kwam niet, {n} weken wachttijd.")
            for n in range(4)
        ]
    )

    response = client.get(company.url)

    assert response.status_code == 200
    assert "Problemen die vaker terugkomen" not in response.content.decode()
    assert client.get(f"/api/v2/companies/{company.slug}/problems/").json() == []


@pytest.mark.django_db
def test_words_of_complaints_that_are_not_public_never_appear(
    client, publish_all, company, company_index, settings
):
    """A complaint in moderation, rejected or withdrawn is not in the index, so its
    words cannot come back, however often they occur."""
    from companies.factories import CompanyPageFactory

    settings.RECURRING_PROBLEMS_MIN = 1
    other = CompanyPageFactory(parent=company_index, title="Stroomlijn")
    publish_all(
        [
            (company, "Pakket kwijt", "Het pakket is na twee weken nog niet bezorgd."),
            (other, "Factuur te hoog", "De factuur is hoger dan afgesproken."),
        ]
    )
    for status in ("in_moderation", "rejected", "withdrawn"):
        publish_all([(company, "Zeepbelklacht", f"Een zeepbelwoord in {status}, zeepbel.")], status)

    links = _problem_links(client.get(company.url))
    api = client.get(f"/api/v2/companies/{company.slug}/problems/").json()

    assert links  # the public complaint's words are there
    assert not [label for label in links if "zeepbel" in label]
    assert not [p for p in api if "zeepbel" in p["term"]]


@pytest.mark.django_db
def test_without_elasticsearch_the_page_renders_without_the_list_and_is_not_stored(
    client, company, settings, page_cache
):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there

    first = client.get(company.url)
    second = client.get(company.url)

    assert first.status_code == second.status_code == 200
    assert "Problemen die vaker terugkomen" not in first.content.decode()
    assert "Klachten over Polderpost" in first.content.decode()
    # The page without its list was neither stored nor served from the cache.
    assert not first.has_header("X-Cache") and not second.has_header("X-Cache")
    assert client.get(f"/api/v2/companies/{company.slug}/problems/").status_code == 503


@pytest.mark.django_db
def test_with_elasticsearch_the_company_page_is_stored_as_usual(client, complained, page_cache):
    assert client.get(complained.url)["X-Cache"] == "miss"
    assert client.get(complained.url)["X-Cache"] == "hit"


@pytest.mark.django_db
def test_the_api_answers_term_label_count_url(client, complained):
    data = client.get(f"/api/v2/companies/{complained.slug}/problems/").json()

    assert data and all(set(p) == {"term", "label", "count", "url"} for p in data)
    assert {
        k: v
        for k, v in data[[p["term"] for p in data].index("klantenservice")].items()
        if k != "url"
    } == {"term": "klantenservice", "label": "klantenservice", "count": 6}


@pytest.mark.django_db
def test_the_api_is_404_for_an_unknown_or_unpublished_company(client, company, index):
    for slug in ("bestaat-niet", "%C2%84", "%20"):
        response = client.get(f"/api/v2/companies/{slug}/problems/")
        assert response.status_code == 404 and "error" in response.json()
    company.unpublish()

    assert client.get(f"/api/v2/companies/{company.slug}/problems/").status_code == 404


@pytest.mark.django_db
def test_the_stop_words_are_those_the_dutch_analyzer_drops(publish_all, company, es):
    """DUTCH_STOP_WORDS keeps the `.exact` counts free of what dutch_text leaves out."""
    from search.indexing import alias

    publish_all([(company, "Pakket kwijt", "Het pakket is kwijt.")])

    def tokens(text):
        answer = es.indices.analyze(index=alias(), analyzer="dutch_text", text=text)
        return answer["tokens"]

    assert all(tokens(word) == [] for word in DUTCH_STOP_WORDS)
    assert tokens("wachttijd")  # and an ordinary word is kept


if __name__ == "__main__":  # regenerate the golden file
    GOLDEN.write_text(
        json.dumps(
            build_recurring_problems(company_slug="polderpost", exclude_words=("polderpost",)),
            indent=2,
            sort_keys=True,
        )
        + "\n"
    )
