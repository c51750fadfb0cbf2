"""Smoke test of the project's own Elasticsearch code against the real server."""

from elasticsearch.dsl import Document, Text

from search.analysis import dutch_text, folded_name


def make_document_class(index: str):
    class SmokeDocument(Document):
        title = Text(analyzer=dutch_text)
        company = Text(analyzer=folded_name)

        class Index:
            name = index

    return SmokeDocument


def test_dutch_analysis_finds_pakket_when_searching_pakketten(es, es_index_name):
    SmokeDocument = make_document_class(es_index_name)
    SmokeDocument.init(using=es)
    SmokeDocument(title="Mijn pakket is nooit bezorgd", company="Pakketten B.V.").save(using=es)
    SmokeDocument(title="Factuur klopt niet", company="Energie Één").save(using=es)
    es.indices.refresh(index=es_index_name)

    hits = SmokeDocument.search(using=es).query("match", title="pakketten").execute()

    assert [hit.title for hit in hits] == ["Mijn pakket is nooit bezorgd"]


def test_text_is_folded_and_stop_words_dropped_but_names_are_not_stemmed(es, es_index_name):
    SmokeDocument = make_document_class(es_index_name)
    SmokeDocument.init(using=es)

    text_tokens = es.indices.analyze(
        index=es_index_name, analyzer="dutch_text", text="De pakketten wérden niet geleverd"
    )["tokens"]
    name_tokens = es.indices.analyze(
        index=es_index_name, analyzer="folded_name", text="Pakketten Één"
    )["tokens"]

    terms = [t["token"] for t in text_tokens]
    assert "de" not in terms and "niet" not in terms
    assert "pakket" in terms
    assert all(t.isascii() for t in terms)
    assert [t["token"] for t in name_tokens] == ["pakketten", "een"]
