"""Golden JSON tests of the query bodies: pure, no Elasticsearch needed."""

import json
from datetime import date
from pathlib import Path

import pytest

from search.queries import SearchParams, build_search

GOLDEN = Path(__file__).parent / "golden"

CASES = {
    "empty": SearchParams(),
    "text_and_facets": SearchParams(
        q='pakket "niet bezorgd"',
        company=("polderpost",),
        topic=("levering", "retour-en-terugbetaling"),
        status=("awaiting_company",),
        date_from=date(2026, 1, 1),
        date_to=date(2026, 6, 30),
        sort="relevance",
        page=3,
    ),
    "newest_sector_only": SearchParams(sector=("telecom",), sort="newest"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_query_body_matches_its_golden_file(name):
    body = build_search(CASES[name])
    path = GOLDEN / f"{name}.json"

    assert json.loads(json.dumps(body)) == json.loads(path.read_text()), (
        f"{path} differs; if the change is intended, regenerate it with "
        "`python -m tests.search.test_queries`"
    )


def test_each_facet_counts_with_the_other_filters_but_not_its_own():
    body = build_search(CASES["text_and_facets"])

    topic_filters = json.dumps(body["aggs"]["topic"]["filter"])
    assert "topic.slug" not in topic_filters and "company.slug" in topic_filters
    assert "topic.slug" in json.dumps(body["post_filter"])
    assert "topic.slug" not in json.dumps(body["query"])


if __name__ == "__main__":  # regenerate the golden files
    for name, params in CASES.items():
        (GOLDEN / f"{name}.json").write_text(
            json.dumps(build_search(params), indent=2, sort_keys=True) + "\n"
        )
