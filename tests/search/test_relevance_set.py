"""The judged relevance set (bench/relevance) is whole: enough queries of every kind,
each with documents to find, and the corpus is the same for the same seed. No
Elasticsearch needed."""

from collections import Counter

import pytest

from bench.relevance import corpus
from bench.relevance.judgments import KINDS, QUERIES, Query, grade, judge


@pytest.fixture(scope="module")
def docs():
    return corpus.generate()


def test_enough_queries_of_every_kind():
    assert len(QUERIES) >= 150
    per_kind = Counter(q.kind for q in QUERIES)
    assert set(per_kind) == set(KINDS)
    assert min(per_kind.values()) >= 10, per_kind
    assert len({q.text for q in QUERIES}) == len(QUERIES), "a query text is judged twice"


def test_every_query_names_known_concepts(docs):
    known = set().union(*(d.concepts for d in docs))
    unknown = {c for q in QUERIES for c in q.concepts} - known
    assert not unknown


def test_every_query_has_a_fully_relevant_document(docs):
    judged = judge(docs)
    missing = [q.text for q in QUERIES if 2 not in judged[q.text].values()]
    assert not missing


def test_grades_follow_the_concepts():
    query = Query("pakket niet bezorgd", "problem", ("s:pakket", "p:niet_bezorgd"))
    assert grade(query, frozenset({"s:pakket", "p:niet_bezorgd", "c:polderpost"})) == 2
    assert grade(query, frozenset({"s:pakket", "p:te_laat"})) == 1
    assert grade(query, frozenset({"s:laptop", "p:niet_bezorgd"})) == 0
    single = Query("pakket", "singular", ("s:pakket",))
    assert grade(single, frozenset({"s:laptop"})) == 0


def test_same_seed_same_corpus(docs):
    again = corpus.generate()
    assert [d.source() for d in again] == [d.source() for d in docs]
    assert [d.concepts for d in again] == [d.concepts for d in docs]
    other = corpus.generate(seed=corpus.DEFAULT_SEED + 1)
    assert [d.title for d in other] != [d.title for d in docs]


def test_documents_have_the_indexed_shape(docs):
    source = docs[0].source()
    assert set(source) == {
        "pk",
        "title",
        "description",
        "desired_outcome",
        "company",
        "topic",
        "sector",
        "status",
        "published_at",
        "url",
        "change",
        "company_suggest",
    }
    assert {d.source()["status"] for d in docs} <= set(corpus.PUBLIC_STATUSES)


def test_accented_companies_are_in_the_corpus(docs):
    names = {d.company.name for d in docs}
    assert {"Café Ëlegance", "Reisbureau Zoë"} <= names
