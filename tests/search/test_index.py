"""The complaint index against the real Elasticsearch."""

import json
import time

import pytest
from django.core.management import call_command

from complaints import services
from search import client as search_client
from search.indexing import alias
from tests.search.conftest import TOKEN

pytestmark = pytest.mark.django_db


def api(client, **params):
    response = client.get("/api/v2/complaints/search/", params)
    return response.status_code, json.loads(response.content)


def test_dutch_inflection_and_accents(client, published):
    published(
        title="Pakket kwijt",
        description="Mijn pakket is nooit aangekomen bij de financiële afdeling.",
    )

    for query in ["pakketten", "pakket", "financiele", "financiële", "FINANCIELE"]:
        status, data = api(client, q=query)
        assert status == 200 and data["count"] == 1, query


def test_the_api_answers_in_the_contract_shape(client, published, company):
    complaint = published(
        title="Modem nooit geleverd", description="Het modem is nooit geleverd door de winkel."
    )

    status, data = api(client, q="modem")

    assert status == 200
    assert set(data) == {"count", "results", "facets"}
    [item] = data["results"]
    assert set(item) == {
        "id",
        "title",
        "url",
        "company",
        "topic",
        "status",
        "published_at",
        "highlight",
    }
    assert item["id"] == complaint.pk and item["url"] == complaint.url
    assert item["company"] == {"slug": company.slug, "name": company.title}
    assert "<mark>" in item["highlight"] or "<mark>" in item["title"] or item["highlight"] == ""
    assert set(data["facets"]) == {"company", "topic", "sector", "status"}
    assert data["facets"]["company"] == [{"key": company.slug, "label": company.title, "count": 1}]


def test_facet_counts_equal_the_database(client, published, company, company_index):
    from companies.factories import CompanyPageFactory
    from complaints.models import ComplaintPage

    other = CompanyPageFactory(parent=company_index, title="Tweede Bedrijf")
    for _ in range(3):
        published()
    for _ in range(2):
        published(company=other)
    published(status="awaiting_consumer")

    status, data = api(client)
    counts = {f["key"]: f["count"] for f in data["facets"]["company"]}
    statuses = {f["key"]: f["count"] for f in data["facets"]["status"]}

    assert data["count"] == ComplaintPage.objects.filter(live=True).count() == 6
    assert counts == {company.slug: 4, other.slug: 2}
    assert statuses == {"awaiting_company": 5, "awaiting_consumer": 1}
    # A chosen company narrows the results but not its own facet.
    _status, narrowed = api(client, company=other.slug)
    assert narrowed["count"] == 2
    assert {f["key"]: f["count"] for f in narrowed["facets"]["company"]} == counts


def test_private_parts_and_non_public_complaints_are_never_found(client, published, es):
    public = published(title="Zichtbare klacht")
    published(status="in_moderation", title="Nog in controle")
    published(status="withdrawn", title="Ingetrokken klacht")

    for query in [TOKEN, "Adres", "controle", "Ingetrokken"]:
        _status, data = api(client, q=query)
        assert data["count"] == 0, query
    raw = json.dumps(es.search(index=alias(), query={"match_all": {}}, size=100).body)
    assert TOKEN not in raw and "Ingetrokken" not in raw
    _status, data = api(client)
    assert [r["id"] for r in data["results"]] == [public.pk]


def test_withdrawal_and_expiry_take_a_complaint_out_of_the_index(
    client, published, consumer, django_capture_on_commit_callbacks, es
):
    complaint = published()

    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(complaint, consumer)
    es.indices.refresh(index=alias())

    assert api(client)[1]["count"] == 0


def test_elasticsearch_down_while_publishing_then_back_converges(
    client, make_complaint, index, es, settings, django_capture_on_commit_callbacks, monkeypatch
):
    # "Down" is a real refused connection: the site points at a closed port while the
    # complaints are published. The indexing tasks go to the task queue, as in
    # production (not run inline as the test settings otherwise do).
    from django_q.conf import Conf
    from django_q.models import OrmQ

    call_command("search_index", "--rebuild")
    monkeypatch.setattr(Conf, "SYNC", False)
    real_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    try:
        with django_capture_on_commit_callbacks(execute=True):
            made = [make_complaint(status="awaiting_company") for _ in range(3)]
        assert client.get("/zoeken/?q=pakket").status_code == 200  # the page still answers
        assert OrmQ.objects.filter(key=Conf.PREFIX).exists()  # the tasks wait in the queue
    finally:
        settings.ELASTICSEARCH_URL = real_url
        search_client._client.cache_clear()

    es.indices.refresh(index=alias())
    assert es.count(index=alias())["count"] == 0
    call_command("search_index", "--reconcile")

    assert es.count(index=alias())["count"] == len(made)


def test_rebuild_swaps_the_alias_and_reconcile_removes_orphans(published, es, capsys):
    complaint = published()
    old = set(es.indices.get_alias(name=alias()))

    call_command("search_index", "--rebuild")
    new = set(es.indices.get_alias(name=alias()))
    assert new and new.isdisjoint(old)
    assert not es.indices.exists(index=",".join(old))
    assert es.count(index=alias())["count"] == 1

    es.index(index=alias(), id=999999, document={"title": "wees", "change": 1}, refresh=True)
    call_command("search_index", "--reconcile")
    assert "1 te veel" in capsys.readouterr().out
    assert es.count(index=alias())["count"] == 1
    assert es.get(index=alias(), id=complaint.pk)["found"]


def test_a_rebuild_fills_without_refreshes_and_then_refreshes_as_usual(
    published, make_complaint, es, django_capture_on_commit_callbacks
):
    from search import maintenance

    published()
    old = set(es.indices.get_alias(name=alias()))
    while_filling = {}

    def progress(done, total):
        # The new index is the one the alias does not point at yet.
        settings = es.indices.get_settings(index=f"{alias()}-*")
        for name, value in settings.items():
            if name not in old:
                while_filling[name] = value["settings"]["index"].get("refresh_interval")

    maintenance.rebuild(progress=progress)

    [new] = es.indices.get_alias(name=alias())
    assert while_filling == {new: "-1"}
    assert "refresh_interval" not in es.indices.get_settings(index=new)[new]["settings"]["index"]
    # Written after the swap, with nobody asking for a refresh: searchable within the
    # default second, as it would never be with refreshes left off.
    with django_capture_on_commit_callbacks(execute=True):
        make_complaint(status="awaiting_company", title="Na de herbouw")
    for _ in range(50):
        if es.count(index=alias())["count"] == 2:
            break
        time.sleep(0.1)
    assert es.count(index=alias())["count"] == 2


def test_the_version_is_the_exact_microsecond_of_the_latest_change(published, company, es):
    """Computed by the database (no timestamps read per row): the same number as the
    moment itself, to the microsecond, whichever of the complaint or its company changed
    last."""
    from datetime import UTC, datetime, timedelta

    from companies.models import CompanyPage
    from complaints.models import ComplaintPage
    from search.indexing import complaint_rows, version_of

    complaint = published()
    # Later than the topic's and sector's own moments (made today).
    changed = datetime(2030, 3, 4, 5, 6, 7, 654321, tzinfo=UTC)
    renamed = changed + timedelta(microseconds=1)
    ComplaintPage.objects.filter(pk=complaint.pk).update(changed_at=changed, last_published_at=None)

    def version():
        return version_of(complaint_rows(ComplaintPage.objects.filter(pk=complaint.pk)).get())

    unix = datetime(1970, 1, 1, tzinfo=UTC)
    CompanyPage.objects.filter(pk=company.pk).update(last_published_at=changed - timedelta(days=1))
    assert version() == (changed - unix) // timedelta(microseconds=1) == 1898831167654321
    CompanyPage.objects.filter(pk=company.pk).update(last_published_at=renamed)
    assert version() == 1898831167654322


def test_the_search_page_works_without_javascript(client, published):
    published(title="Pakket kwijt bij bezorging")

    html = client.get("/zoeken/", {"q": "pakketten", "sort": "newest"}).content.decode()

    assert "1 klacht" in html
    assert "<mark>" in html
    assert 'type="checkbox" name="company"' in html


def test_when_elasticsearch_is_down_the_page_shows_the_newest_complaints(
    client, make_complaint, settings
):
    complaint = make_complaint(status="awaiting_company", title="Nieuwste klacht")
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    try:
        response = client.get("/zoeken/", {"q": "iets"})
    finally:
        search_client._client.cache_clear()

    assert response.status_code == 200
    html = response.content.decode()
    assert "niet beschikbaar" in html and complaint.title in html


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"q": "x" * 100_000}, 400),
        ({"q": '"pakket (niet'}, 200),
        ({"q": "a AND OR NOT ((("}, 200),
        ({"company": "bestaat-niet"}, 200),
        ({"page": "9999"}, 400),
        ({"page": "400"}, 200),
        ({"page": "-1"}, 400),
        ({"page": "twee"}, 400),
        ({"date_from": "gisteren"}, 400),
        ({"status": "draft"}, 200),
    ],
)
def test_bad_input_gets_an_answer_quickly_never_a_500(client, published, params, expected):
    published()
    started = time.monotonic()

    status, data = api(client, **params)

    assert status == expected, data
    assert time.monotonic() - started < 1.0
    if expected == 200 and (
        "company" in params or params.get("status") == "draft" or params.get("page")
    ):
        assert data["results"] == []


def test_anonymous_api_use_is_throttled_with_a_json_answer(client, published, settings):
    settings.SEARCH_API_RATE = "3/m"
    published(title="Pakket kwijt")

    codes = [client.get("/api/v2/complaints/search/", {"q": "pakket"}) for _ in range(4)]

    assert [r.status_code for r in codes] == [200, 200, 200, 429]
    refused = codes[-1]
    assert refused["Content-Type"] == "application/json"
    assert "probeer het over een minuut" in refused.json()["error"].lower()
    assert 0 < int(refused["Retry-After"]) <= 66  # when the first request leaves the window


def test_upgrade_rebuilds_only_an_index_made_under_another_mapping(make_complaint, index, es):
    from io import StringIO

    from search.indexing import live_mapping_version, mapping_version

    def upgrade():
        out = StringIO()
        call_command("search_index", "--upgrade", stdout=out)
        return out.getvalue()

    make_complaint(status="awaiting_company")
    assert "opnieuw opbouwen." in upgrade()  # no index yet
    first = list(es.indices.get_alias(name=alias()))
    assert live_mapping_version() == mapping_version()
    assert es.count(index=alias())["count"] == 1

    assert "actueel" in upgrade()
    assert list(es.indices.get_alias(name=alias())) == first  # left alone

    # As after a release that changed the analysis: the index was made under another one.
    es.indices.put_mapping(index=alias(), meta={"mapping_version": "older"})
    assert "andere mapping" in upgrade()
    assert list(es.indices.get_alias(name=alias())) != first
    assert es.count(index=alias())["count"] == 1
