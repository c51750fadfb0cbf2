"""Every analysis component the project's indices use exists on a real Elasticsearch 8.

The project's own launcher (scripts/elasticsearch) re-creates only part of the
analysis-common module, and could offer a name or setting a real cluster lacks; this
test keeps the mappings to names that a stock Elasticsearch 8 distribution has, so
production on a real cluster analyses text the same way as development and CI.
"""

from collections.abc import Iterator

from elasticsearch.dsl import Document

from search import documents

# Names a stock Elasticsearch 8.19 distribution offers: the server's own components
# plus the bundled analysis-common module, taken from the Elasticsearch reference
# (Text analysis > Built-in analyzer / Tokenizer / Token filter / Character filter /
# Normalizers reference, "Stemmer token filter" and "Snowball token filter" language
# lists) and checked against analysis-common's CommonAnalysisPlugin. Plugins such as
# analysis-icu, analysis-phonetic or analysis-stempel are not in a stock cluster and
# are deliberately absent.
ANALYZER_TYPES = frozenset(
    {
        # server
        "custom",
        "standard",
        "simple",
        "whitespace",
        "stop",
        "keyword",
        # analysis-common
        "pattern",
        "fingerprint",
        "snowball",
        "arabic",
        "armenian",
        "basque",
        "bengali",
        "brazilian",
        "bulgarian",
        "catalan",
        "cjk",
        "czech",
        "danish",
        "dutch",
        "english",
        "estonian",
        "finnish",
        "french",
        "galician",
        "german",
        "greek",
        "hindi",
        "hungarian",
        "indonesian",
        "irish",
        "italian",
        "latvian",
        "lithuanian",
        "norwegian",
        "persian",
        "portuguese",
        "romanian",
        "russian",
        "sorani",
        "spanish",
        "swedish",
        "turkish",
        "thai",
    }
)
TOKENIZERS = frozenset(
    {
        # server
        "standard",
        # analysis-common
        "char_group",
        "classic",
        "edge_ngram",
        "keyword",
        "letter",
        "lowercase",
        "ngram",
        "path_hierarchy",
        "pattern",
        "simple_pattern",
        "simple_pattern_split",
        "thai",
        "uax_url_email",
        "whitespace",
    }
)
TOKEN_FILTERS = frozenset(
    {
        # server
        "hunspell",
        "lowercase",
        "shingle",
        "stop",
        # analysis-common
        "apostrophe",
        "arabic_normalization",
        "arabic_stem",
        "asciifolding",
        "bengali_normalization",
        "brazilian_stem",
        "cjk_bigram",
        "cjk_width",
        "classic",
        "common_grams",
        "condition",
        "czech_stem",
        "decimal_digit",
        "delimited_payload",
        "dictionary_decompounder",
        "dutch_stem",
        "edge_ngram",
        "elision",
        "fingerprint",
        "flatten_graph",
        "french_stem",
        "german_normalization",
        "german_stem",
        "hindi_normalization",
        "hyphenation_decompounder",
        "indic_normalization",
        "keep",
        "keep_types",
        "keyword_marker",
        "keyword_repeat",
        "kstem",
        "length",
        "limit",
        "min_hash",
        "multiplexer",
        "ngram",
        "pattern_capture",
        "pattern_replace",
        "persian_normalization",
        "porter_stem",
        "predicate_token_filter",
        "remove_duplicates",
        "reverse",
        "russian_stem",
        "scandinavian_folding",
        "scandinavian_normalization",
        "serbian_normalization",
        "snowball",
        "sorani_normalization",
        "stemmer",
        "stemmer_override",
        "synonym",
        "synonym_graph",
        "trim",
        "truncate",
        "unique",
        "uppercase",
        "word_delimiter",
        "word_delimiter_graph",
    }
)
CHAR_FILTERS = frozenset({"html_strip", "mapping", "pattern_replace"})
NORMALIZER_TYPES = frozenset({"custom", "lowercase"})
# The `stemmer` filter's `language` values (compared without regard to case, as the
# server does).
STEMMER_LANGUAGES = frozenset(
    {
        "arabic",
        "armenian",
        "basque",
        "bengali",
        "brazilian",
        "bulgarian",
        "catalan",
        "czech",
        "danish",
        "dutch",
        "english",
        "light_english",
        "minimal_english",
        "possessive_english",
        "porter",
        "porter2",
        "estonian",
        "finnish",
        "light_finnish",
        "french",
        "light_french",
        "minimal_french",
        "galician",
        "minimal_galician",
        "german",
        "german2",
        "light_german",
        "minimal_german",
        "greek",
        "hindi",
        "hungarian",
        "light_hungarian",
        "indonesian",
        "irish",
        "italian",
        "light_italian",
        "sorani",
        "latvian",
        "lithuanian",
        "norwegian",
        "light_norwegian",
        "minimal_norwegian",
        "light_nynorsk",
        "minimal_nynorsk",
        "persian",
        "portuguese",
        "light_portuguese",
        "minimal_portuguese",
        "portuguese_rslp",
        "romanian",
        "russian",
        "light_russian",
        "serbian",
        "spanish",
        "light_spanish",
        "spanish_plural",
        "swedish",
        "light_swedish",
        "turkish",
    }
)
# The `snowball` filter's `language` values (Snowball class names, so case matters).
SNOWBALL_LANGUAGES = frozenset(
    {
        "Arabic",
        "Armenian",
        "Basque",
        "Catalan",
        "Danish",
        "Dutch",
        "English",
        "Estonian",
        "Finnish",
        "French",
        "German",
        "German2",
        "Hungarian",
        "Irish",
        "Italian",
        "Lithuanian",
        "Norwegian",
        "Porter",
        "Portuguese",
        "Romanian",
        "Russian",
        "Serbian",
        "Spanish",
        "Swedish",
        "Turkish",
    }
)
# Still in Elasticsearch 8 but deprecated since 8.16: Lucene 10 (Elasticsearch 9)
# dropped the Kraaij-Pohlmann and Lovins stemmers, so a mapping must not depend on them.
REMOVED_LANGUAGES = frozenset({"dutch_kp", "dutchkp", "kp", "lovins"})


def project_indices() -> dict[str, dict]:
    """The create-index body of every Document the search app defines."""
    return {
        cls.__name__: cls._index.to_dict()
        for cls in vars(documents).values()
        if isinstance(cls, type) and issubclass(cls, Document) and cls is not Document
    }


def _mapped_analysis_names(properties: dict) -> Iterator[tuple[str, str]]:
    for field in properties.values():
        for key in ("analyzer", "search_analyzer", "search_quote_analyzer"):
            if key in field:
                yield "analyzer", field[key]
        if "normalizer" in field:
            yield "normalizer", field["normalizer"]
        yield from _mapped_analysis_names(field.get("properties", {}))
        yield from _mapped_analysis_names(field.get("fields", {}))


def _check_language(kind: str, name: str, definition: dict) -> list[str]:
    problems = []
    if definition.get("type") == "stemmer":
        language = definition.get("language", definition.get("name", "porter"))
        if language.lower() in REMOVED_LANGUAGES:
            problems.append(
                f"{kind} {name}: stemmer language {language} is removed in Elasticsearch 9"
            )
        elif language.lower() not in STEMMER_LANGUAGES:
            problems.append(f"{kind} {name}: unknown stemmer language {language}")
    if definition.get("type") == "snowball":
        language = definition.get("language", "English")
        if language.lower() in REMOVED_LANGUAGES:
            problems.append(
                f"{kind} {name}: snowball language {language} is removed in Elasticsearch 9"
            )
        elif language not in SNOWBALL_LANGUAGES:
            problems.append(f"{kind} {name}: unknown snowball language {language}")
    return problems


def unknown_components(body: dict) -> list[str]:
    """What a create-index body uses that a stock Elasticsearch 8 does not offer."""
    analysis = body.get("settings", {}).get("analysis", {})
    defined = {
        kind: analysis.get(kind, {})
        for kind in ("analyzer", "tokenizer", "filter", "char_filter", "normalizer")
    }
    known = {"tokenizer": TOKENIZERS, "filter": TOKEN_FILTERS, "char_filter": CHAR_FILTERS}
    problems = []

    def check_reference(kind: str, ref, owner: str) -> None:
        if isinstance(ref, dict):  # an inline definition
            check_definition(kind, f"inline in {owner}", ref)
        elif ref not in defined[kind] and ref not in known[kind]:
            problems.append(f"{owner}: {kind} {ref} is not in Elasticsearch 8")

    def check_definition(kind: str, name: str, definition: dict) -> None:
        if definition.get("type") not in known[kind]:
            problems.append(
                f"{kind} {name}: type {definition.get('type')} is not in Elasticsearch 8"
            )
        problems.extend(_check_language(kind, name, definition))

    for kind in ("tokenizer", "filter", "char_filter"):
        for name, definition in defined[kind].items():
            check_definition(kind, name, definition)
    for kind, types in (("analyzer", ANALYZER_TYPES), ("normalizer", NORMALIZER_TYPES)):
        for name, definition in defined[kind].items():
            kind_type = definition.get("type", "custom")
            if kind_type not in types:
                problems.append(f"{kind} {name}: type {kind_type} is not in Elasticsearch 8")
            owner = f"{kind} {name}"
            if "tokenizer" in definition:
                check_reference("tokenizer", definition["tokenizer"], owner)
            for ref in definition.get("filter", []):
                check_reference("filter", ref, owner)
            for ref in definition.get("char_filter", []):
                check_reference("char_filter", ref, owner)

    for kind, name in _mapped_analysis_names(body.get("mappings", {}).get("properties", {})):
        builtin = (
            ANALYZER_TYPES - {"custom"} if kind == "analyzer" else NORMALIZER_TYPES - {"custom"}
        )
        if name not in defined[kind] and name not in builtin:
            problems.append(f"mapping: {kind} {name} is neither defined nor in Elasticsearch 8")
    return problems


def test_the_project_indices_use_only_what_a_real_elasticsearch_8_has():
    indices = project_indices()
    assert {"ComplaintDocument", "CompanyDocument"} <= indices.keys()

    problems = {name: unknown_components(body) for name, body in indices.items()}

    assert problems == {name: [] for name in indices}


def test_the_project_indices_use_analysis_at_all():
    # Guards the guard: if the walk found nothing, the test above would pass vacuously.
    body = project_indices()["ComplaintDocument"]

    assert body["settings"]["analysis"]["analyzer"]
    assert any(
        kind == "analyzer" for kind, _ in _mapped_analysis_names(body["mappings"]["properties"])
    )


def test_components_a_stock_cluster_lacks_are_reported():
    body = {
        "settings": {
            "analysis": {
                "analyzer": {
                    "text": {
                        "type": "custom",
                        "tokenizer": "icu_tokenizer",
                        "char_filter": ["html_strip", "icu_normalizer"],
                        "filter": [
                            "lowercase",
                            "kp",
                            "folding",
                            "phonetic",
                            "dutch_snowball",
                            "missing",
                        ],
                    },
                    "odd": {"type": "morfologik"},
                },
                "filter": {
                    "kp": {"type": "stemmer", "language": "dutch_kp"},
                    "folding": {"type": "icu_folding"},
                    "dutch_snowball": {"type": "snowball", "language": "dutch"},
                },
                "normalizer": {"name": {"type": "custom", "filter": ["lowercase", "asciifolding"]}},
            }
        },
        "mappings": {
            "properties": {
                "title": {
                    "type": "text",
                    "analyzer": "text",
                    "fields": {"nl": {"type": "text", "analyzer": "polish"}},
                },
                "slug": {"type": "keyword", "normalizer": "name"},
                "company": {"properties": {"name": {"type": "text", "search_analyzer": "dutch"}}},
            }
        },
    }

    assert sorted(unknown_components(body)) == sorted(
        [
            "analyzer text: tokenizer icu_tokenizer is not in Elasticsearch 8",
            "analyzer text: char_filter icu_normalizer is not in Elasticsearch 8",
            "analyzer text: filter phonetic is not in Elasticsearch 8",
            "analyzer text: filter missing is not in Elasticsearch 8",
            "analyzer odd: type morfologik is not in Elasticsearch 8",
            "filter kp: stemmer language dutch_kp is removed in Elasticsearch 9",
            "filter folding: type icu_folding is not in Elasticsearch 8",
            "filter dutch_snowball: unknown snowball language dutch",
            "mapping: analyzer polish is neither defined nor in Elasticsearch 8",
        ]
    )
