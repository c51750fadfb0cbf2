"""The complaint index: public fields of public complaints only, with Dutch analysis.

The application reads and writes through the alias `<prefix>-complaints`; the physical
index behind it is `<prefix>-complaints-<timestamp>`, so a rebuild can swap it without
downtime (search_index --rebuild).
"""

from elasticsearch.dsl import Completion, Date, Document, InnerDoc, Keyword, Long, Object, Text

from search.analysis import dutch_query, dutch_text, folded_name, shingle_text

COMPLAINTS = "complaints"
COMPANIES = "companies"


# Complaint text: stemmed with compound parts (dutch_text; the query is not split, see
# search.analysis), with an `.exact` sub-field of folded words for exact matches and typos.
DUTCH = {"analyzer": dutch_text, "search_analyzer": dutch_query}
EXACT = Text(analyzer=folded_name)


class Label(InnerDoc):
    slug = Keyword()
    name = Text(analyzer=folded_name, fields={"raw": Keyword()})


class ComplaintDocument(Document):
    title = Text(
        fields={"raw": Keyword(ignore_above=256), "exact": EXACT}, copy_to="spelling", **DUTCH
    )
    description = Text(fields={"exact": EXACT}, copy_to="spelling", **DUTCH)
    desired_outcome = Text(fields={"exact": EXACT}, **DUTCH)
    # Word pairs and triples of title and description, for "Bedoelde je ...?" (the phrase
    # suggester); searched by nothing else.
    spelling = Text(analyzer=shingle_text)
    company = Object(Label)
    topic = Object(Label)
    sector = Object(Label)
    pk = Long()  # the complaint's id, as a sort tie-breaker (_id cannot be sorted on)
    status = Keyword()
    published_at = Date()
    url = Keyword(index=False)
    # Monotonic per complaint (microseconds of its last change): with external
    # versioning a stale task can never overwrite a newer document.
    change = Long(index=False)
    company_suggest = Completion(analyzer=folded_name)

    class Index:
        name = COMPLAINTS  # replaced by the prefixed alias at run time (search.client)
        # Shards and replicas are set when an index is created (search.client.index_settings).


class CompanyDocument(Document):
    """Companies for the autocomplete: accent-folded, typo-tolerant (fuzzy completion)."""

    slug = Keyword()
    name = Text(analyzer=folded_name)
    url = Keyword(index=False)
    suggest = Completion(analyzer=folded_name, preserve_separators=False)

    class Index:
        name = COMPANIES
