"""The judged relevance set (bench/relevance) is whole: enough queries of every kind,
each with documents to find, and the corpus is the same for the same seed (no
Elasticsearch needed); and the harness's variants and measures do what they say."""

import uuid
from collections import Counter

import pytest

from bench.relevance import corpus, measure
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


# The harness's own pieces (bench/relevance/measure.py): variants and measures.


def test_recall_and_ndcg_count_graded_documents():
    graded = {1: 2, 2: 2, 3: 1}
    assert measure.recall([1, 2, 9], graded) == 1.0
    assert measure.recall([9, 3, 1], graded) == 0.5
    assert measure.ndcg([1, 2, 3], graded) == pytest.approx(1.0)
    assert measure.ndcg([3, 2, 1], graded) < 1.0
    assert measure.ndcg([7, 8], graded) == 0.0
    assert measure.coverage({1, 3, 8}, graded) == 0.5


def test_variants_swap_the_stemmer_and_keep_the_analyzer_names():
    base = measure.index_body(measure.VARIANTS["current"])
    analyzers = set(base["settings"]["analysis"]["analyzer"])
    kp = measure.index_body(measure.VARIANTS["kp"])
    assert set(kp["settings"]["analysis"]["analyzer"]) == analyzers
    languages = {f.get("language") for f in kp["settings"]["analysis"]["filter"].values()}
    assert "dutch_kp" in languages and "dutch" not in languages
    hun = measure.index_body(measure.VARIANTS["hunspell"])
    types = {f["type"] for f in hun["settings"]["analysis"]["filter"].values()}
    assert "hunspell" in types and "stemmer" not in types


def test_the_no_decompounder_variant_takes_the_parts_out_on_the_real_cluster(es):
    def tokens(variant):
        body = measure.index_body(measure.VARIANTS[variant])
        index = f"{measure.INDEX_PREFIX}-test-{uuid.uuid4().hex[:8]}"
        es.indices.create(index=index, **body)
        try:
            found = es.indices.analyze(index=index, analyzer="dutch_text", text="Jaarafrekening")
            return {t["token"] for t in found["tokens"]}
        finally:
            es.indices.delete(index=index)

    # the part is added next to the compound, then stemmed like every other word
    assert "afreken" in tokens("current")
    assert "afreken" not in tokens("zonder_decompounder")


def test_query_variants_patch_the_builder_only_while_asked():
    from search import queries

    variant = measure.VARIANTS["zonder_typfouten"]
    with variant.queries():
        assert queries.text_query("wasmachien", typos=True)["simple_query_string"]
    assert "bool" in queries.text_query("wasmachien", typos=True)
    assert measure.seeded_synonyms().expand("pakket") == "(pakket | zending)"


def test_judge_agrees_with_grade(docs):
    judged = judge(docs)
    for query in QUERIES[::7]:
        expected = {d.pk: grade(query, d.concepts) for d in docs if grade(query, d.concepts)}
        assert judged[query.text] == expected
