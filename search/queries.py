"""Pure builders of Elasticsearch query bodies: no I/O, golden-tested with JSON.

Facets count with every other filter applied but not their own (filtered aggregations
plus a post_filter), so choosing "Telecom" still shows how many complaints other
sectors have for the same text.
"""

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search.synonyms import SynonymTable

from search.compounds import split as split_compound

PAGE_SIZE = 20
FACETS = {
    "company": "company.slug",
    "topic": "topic.slug",
    "sector": "sector.slug",
    "status": "status",
}
FACET_LABELS = {
    "company": "company.name.raw",
    "topic": "topic.name.raw",
    "sector": "sector.name.raw",
}
# Each stemmed field with its `.exact` twin boosted a little higher: per word the best
# field counts, so a word as it was typed outranks a stem or a compound's part.
TEXT_FIELDS = [
    "title^3",
    "title.exact^4",
    "company.name^2",
    "description",
    "description.exact^1.3",
    "desired_outcome",
    "desired_outcome.exact^1.3",
]
# Typos are looked for in the words as people wrote them, never in stems.
FUZZY_FIELDS = ["title.exact^3", "company.name^2", "description.exact", "desired_outcome.exact"]
FUZZY_BOOST = 0.5  # a typo's match ranks below an exact or stemmed one
# Characters that make a query more than plain words (simple_query_string's operators).
OPERATORS = frozenset('"+-|*()~')


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    company: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()
    sector: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevance"
    page: int = 1
    facet_size: int = 50


def text_query(q: str, synonyms: "SynonymTable | None" = None, typos: bool = False) -> dict:
    """The words of a search. With `typos`, a misspelled word may also match (asked for
    only when the plain query found little: search.searching; fuzzy matching costs
    about ten times the plain query, bench/relevance.py)."""
    if not q:
        return {"match_all": {}}
    # simple_query_string never fails on unbalanced quotes or brackets. PRECEDENCE lets
    # the alternatives be grouped: "(pakket | zending) kwijt".
    rewritten = with_compound_parts(q)
    precise = {
        "simple_query_string": {
            "query": synonyms.expand(rewritten) if synonyms else rewritten,
            "fields": TEXT_FIELDS,
            "default_operator": "and",
            "flags": "AND|OR|NOT|PHRASE|PREFIX|PRECEDENCE|WHITESPACE|ESCAPE",
            "lenient": True,
        }
    }
    fuzzy = typo_query(q) if typos else None
    if fuzzy is None:
        return precise
    return {"bool": {"should": [precise, fuzzy], "minimum_should_match": 1}}


def is_plain(q: str) -> bool:
    """Only words: no operator the user chose (quotes, -, |, ...)."""
    return not any(ch in OPERATORS for ch in q)


def with_compound_parts(q: str) -> str:
    """A plain query with each compound also asked for as its parts, all required:
    "jaarafrekening" → "(jaarafrekening | (jaar + afrekening))" (search.compounds)."""
    if not is_plain(q):
        return q
    words = []
    for word in q.split():
        parts = split_compound(word)
        words.append(f"({word} | ({' + '.join(parts)}))" if parts else word)
    return " ".join(words)


def fuzziness(word: str) -> int:
    """Edits allowed in a word: none below five letters (too many short words are one
    letter apart), one up to seven, two from eight."""
    return 0 if len(word) < 5 else 1 if len(word) < 8 else 2


def typo_query(q: str) -> dict | None:
    """The same words, each allowed its typos, in the unstemmed fields; None for a query
    with operators (quotes, -, |, ...: the user chose exactly what to match) or without a
    word long enough for a typo."""
    words = q.split()
    if not is_plain(q) or not any(fuzziness(w) for w in words):
        return None
    fuzzy = " ".join(f"{w}~{fuzziness(w)}" if fuzziness(w) else w for w in words)
    return {
        "simple_query_string": {
            "query": fuzzy,
            "fields": FUZZY_FIELDS,
            "default_operator": "and",
            "flags": "AND|FUZZY|WHITESPACE",
            "fuzzy_prefix_length": 1,
            "fuzzy_max_expansions": 20,
            "lenient": True,
            "boost": FUZZY_BOOST,
        }
    }


def date_filter(params: SearchParams) -> list[dict]:
    bounds = {}
    if params.date_from:
        bounds["gte"] = params.date_from.isoformat()
    if params.date_to:
        bounds["lte"] = params.date_to.isoformat()
    return [{"range": {"published_at": bounds}}] if bounds else []


def facet_filters(params: SearchParams) -> dict[str, dict]:
    return {
        name: {"terms": {path: list(getattr(params, name))}}
        for name, path in FACETS.items()
        if getattr(params, name)
    }


def aggregations(params: SearchParams) -> dict:
    chosen = facet_filters(params)
    aggs = {}
    for name, path in FACETS.items():
        others = [f for other, f in chosen.items() if other != name]
        terms = {"terms": {"field": path, "size": params.facet_size, "order": {"_count": "desc"}}}
        if name in FACET_LABELS:
            terms["aggs"] = {"label": {"terms": {"field": FACET_LABELS[name], "size": 1}}}
        aggs[name] = {
            "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
            "aggs": {"values": terms},
        }
    return aggs


def sort_clause(params: SearchParams) -> list:
    newest = {"published_at": {"order": "desc"}}
    if params.sort == "newest" or not params.q:
        return [newest, {"pk": "desc"}]
    return ["_score", newest, {"pk": "desc"}]


def build_search(
    params: SearchParams, synonyms: "SynonymTable | None" = None, typos: bool = False
) -> dict:
    chosen = list(facet_filters(params).values())
    body = {
        "query": {
            "bool": {
                "must": [text_query(params.q, synonyms, typos)],
                "filter": date_filter(params),
            }
        },
        "aggs": aggregations(params),
        "sort": sort_clause(params),
        "from": (params.page - 1) * PAGE_SIZE,
        "size": PAGE_SIZE,
        "track_total_hits": True,
        "_source": ["title", "url", "company", "topic", "status", "published_at"],
    }
    if chosen:
        body["post_filter"] = {"bool": {"filter": chosen}}
    if params.q:
        body["highlight"] = {
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "encoder": "html",
            "fields": {
                "title": {"number_of_fragments": 0},
                "description": {"fragment_size": 160, "number_of_fragments": 2},
            },
        }
    return body


def build_export(
    params: SearchParams, synonyms: "SynonymTable | None" = None, typos: bool = False
) -> dict:
    """The same filters as a search, as one query for a full, ordered scan."""
    filters = [*date_filter(params), *facet_filters(params).values()]
    return {
        "query": {"bool": {"must": [text_query(params.q, synonyms, typos)], "filter": filters}},
        "sort": [{"pk": "asc"}],
        "_source": EXPORT_FIELDS,
    }


def build_among(params: SearchParams, ids, synonyms: "SynonymTable | None" = None) -> dict:
    """Which of the given complaints a search matches, with its filters (a saved
    search's digest: the complaints that have new reactions)."""
    ids = sorted({str(i) for i in ids})
    filters = [*date_filter(params), *facet_filters(params).values(), {"ids": {"values": ids}}]
    return {
        "query": {"bool": {"must": [text_query(params.q, synonyms)], "filter": filters}},
        "size": len(ids),
        "_source": False,
    }


EXPORT_FIELDS = [
    "pk",
    "title",
    "url",
    "company",
    "topic",
    "sector",
    "status",
    "published_at",
    "description",
    "desired_outcome",
]


COMPANY_CANDIDATES = 5


def build_company_lookup(q: str) -> dict:
    """Companies whose name is like the typed text (folded, typos allowed): the candidates
    for "Bedoel je het bedrijf …?", which search.companies then holds to a closer rule."""
    return {
        "query": {
            "match": {
                "name": {
                    "query": q,
                    "fuzziness": "AUTO",
                    "prefix_length": 1,
                    "operator": "or",
                }
            }
        },
        "size": COMPANY_CANDIDATES,
        "_source": ["slug", "name", "url"],
    }


def build_spelling_suggestion(q: str) -> dict:
    """ "Bedoelde je ...?": the phrase suggester over the word pairs and triples of the
    public texts (the `spelling` field), for a query that found little. Only a phrase
    whose words all occur in the index comes back (collate would need the mustache
    module; the caller checks that the suggestion finds complaints instead)."""
    return {
        "size": 0,
        "suggest": {
            "text": q,
            "spelling": {
                "phrase": {
                    "field": "spelling",
                    "size": 3,
                    "gram_size": 3,
                    "max_errors": 2,
                    "confidence": 1.0,
                    "direct_generator": [
                        {
                            "field": "spelling",
                            "suggest_mode": "always",
                            "min_word_length": 3,
                            "prefix_length": 1,
                        }
                    ],
                }
            },
        },
    }


TITLE_SUGGESTIONS = 5
# How fast a complaint's weight fades with age in the search box's title suggestions:
# half after three months beyond the first week (published complaints live two years).
TITLE_RECENCY = {"origin": "now", "offset": "7d", "scale": "90d", "decay": 0.5}


def _either(stemmed: dict, exact: dict) -> dict:
    return {"bool": {"should": [stemmed, exact], "minimum_should_match": 1}}


def build_title_suggest(q: str) -> dict:
    """Public complaint titles for what is being typed: every word must match, the last
    one as a prefix (it is still being typed). The text score is multiplied by a decay on
    published_at rather than sorted by date, so among titles that match about as well the
    recent ones come first, while a clearly better match is not buried under a fresh but
    weak one.

    Each word may match the stemmed `title` or the folded, unstemmed `title.exact`. A
    finished word needs the stem ("pakketten" finds "pakket"); a word still being typed
    needs the unstemmed words, because the stemmer changes a whole word but not its
    beginning: "bezorging" is indexed as "bezorg", and "bezorgin" is no prefix of that,
    but it is of "bezorging" in `title.exact`. Two clauses a word, each a term or one
    prefix: as cheap per keystroke as before."""
    *finished, typing = q.split() or [""]
    words = [
        _either(
            # A stop word ("de") leaves the stemmed match nothing to look for: it then
            # matches every title, as the single match_bool_prefix did.
            {"match": {"title": {"query": word, "operator": "and", "zero_terms_query": "all"}}},
            {"match": {"title.exact": {"query": word, "operator": "and"}}},
        )
        for word in finished
    ]
    words.append(
        _either(
            {"match_bool_prefix": {"title": {"query": typing, "operator": "and"}}},
            {"match_bool_prefix": {"title.exact": {"query": typing, "operator": "and"}}},
        )
    )
    return {
        "query": {
            "function_score": {
                "query": {
                    "bool": {
                        "must": words,
                        # The words in the typed order rank above the same words scattered.
                        "should": [{"match_phrase_prefix": {"title": {"query": q}}}],
                    }
                },
                "functions": [{"gauss": {"published_at": TITLE_RECENCY}}],
                "boost_mode": "multiply",
            }
        },
        "size": TITLE_SUGGESTIONS,
        # Public fields only, and only those the box shows.
        "_source": ["title", "url", "company.slug", "company.name"],
    }


# Lucene's Dutch stop list, the `_dutch_` set that dutch_text drops (search.analysis).
# The problems are counted in the `.exact` sub-fields, which keep stop words, so the
# aggregation excludes them itself; tests/search/test_problems.py checks this list
# against the analyzer, so the two cannot drift apart.
DUTCH_STOP_WORDS = (  # noqa: SIM905 (101 words read better as one text)
    "de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er "
    "maar om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit "
    "der daar haar naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat "
    "iets worden toch al waren veel meer doen toen moet ben zonder kan hun dus alles onder "
    "ja eens hier wie werd altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon "
    "niets uw iemand geweest andere"
).split()
PROBLEM_TERMS = 8
# The complaints whose words are counted: the newest this many of the company (or the
# sector). significant_text analyses each text again, so the sample keeps a company with
# ten thousand complaints as cheap as one with a few hundred, and "comes back" then
# means "comes back lately".
PROBLEM_SAMPLE = 500
# Words only: no order numbers, amounts or dates, and no word shorter than four letters
# ("wel", "nee", "dag" say nothing about a problem).
PROBLEM_WORD = "[a-z]{4,}"


def build_recurring_problems(
    company_slug: str | None = None,
    sector_slug: str | None = None,
    min_count: int = 5,
    exclude_words: tuple[str, ...] = (),
) -> dict:
    """The words that a company's (or a sector's) public complaints use far more often
    than all public complaints do: significant_text against the whole index as the
    background.

    The words are counted in the `.exact` sub-fields (folded, not stemmed), because a
    stem is not a word a visitor can read ("bezorg", "klantenservic"); mapping a stem
    back to its commonest form would need a second pass over the texts. The price is
    that "pakket" and "pakketten" count apart; the search they link to is stemmed and
    finds both. The desired outcome is left out: it says what people want ("geld
    terug"), not what went wrong. `exclude_words` are the company's own name words (its name is no
    problem) and, with the stop words, never come back."""
    filters = []
    if company_slug:
        filters.append({"term": {"company.slug": company_slug}})
    if sector_slug:
        filters.append({"term": {"sector.slug": sector_slug}})
    excluded = sorted({*DUTCH_STOP_WORDS, *(w.lower() for w in exclude_words)})
    return {
        "size": 0,
        "query": {
            "function_score": {
                "query": {"bool": {"filter": filters}},
                # The newest complaints score highest, so the sample takes them.
                "functions": [{"field_value_factor": {"field": "pk", "missing": 0}}],
                "boost_mode": "replace",
            }
        },
        "aggs": {
            "sample": {
                "sampler": {"shard_size": PROBLEM_SAMPLE},
                "aggs": {
                    "problems": {
                        "significant_text": {
                            "field": "description.exact",
                            # A sub-field is not in _source: read the texts it is made of.
                            "source_fields": ["title", "description"],
                            "filter_duplicate_text": True,
                            "min_doc_count": min_count,
                            "size": PROBLEM_TERMS,
                            "include": PROBLEM_WORD,
                            "exclude": excluded,
                        }
                    }
                },
            }
        },
    }
