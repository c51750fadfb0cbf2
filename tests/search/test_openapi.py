import pytest

pytestmark = pytest.mark.django_db


def test_the_openapi_description_lists_every_project_endpoint(client):
    spec = client.get("/api/v2/openapi.json").json()

    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) == {
        "/api/v2/complaints/search/",
        "/api/v2/complaints/export.csv",
        "/api/v2/complaints/export.jsonl",
        "/api/v2/companies/autocomplete/",
        "/api/v2/companies/{slug}/problems/",
        "/api/v2/search/suggest/",
        "/api/v2/scores/monthly.csv",
        "/api/v2/scores/monthly.jsonl",
        "/open-data/manifest.json",
    }
    result = spec["components"]["schemas"]["SearchResult"]
    assert result["required"] == ["count", "results", "facets"]
    item = result["properties"]["results"]["items"]
    assert set(item["required"]) == {
        "id",
        "title",
        "url",
        "company",
        "topic",
        "status",
        "published_at",
        "highlight",
    }


def test_the_live_answer_matches_the_described_shape(client, published):
    published(title="Pakket kwijt")
    spec = client.get("/api/v2/openapi.json").json()
    item_schema = spec["components"]["schemas"]["SearchResult"]["properties"]["results"]["items"]

    data = client.get("/api/v2/complaints/search/", {"q": "pakket"}).json()

    assert set(data) == set(spec["components"]["schemas"]["SearchResult"]["required"])
    assert set(data["results"][0]) == set(item_schema["required"])
    assert data["results"][0]["status"] in item_schema["properties"]["status"]["enum"]


def test_the_live_suggestions_match_the_described_shape(client, published):
    from search.companies import rebuild

    complaint = published(title="Pakket kwijt")
    rebuild()
    spec = client.get("/api/v2/openapi.json").json()
    schema = spec["components"]["schemas"]["Suggestions"]
    item = schema["properties"]["complaints"]["items"]

    data = client.get("/api/v2/search/suggest/", {"q": complaint.company.title[:4]}).json()
    assert set(data) == set(schema["required"])
    assert data["companies"] and set(data["companies"][0]) == {"slug", "name", "url"}

    data = client.get("/api/v2/search/suggest/", {"q": "pakk"}).json()
    assert set(data["complaints"][0]) == set(item["required"]) == set(item["properties"])
    assert set(data["complaints"][0]["company"]) == set(item["properties"]["company"]["required"])
