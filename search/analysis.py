"""Dutch text analysis for the complaint index.

Complaint text is folded (accents), stripped of Dutch stop words and stemmed, so that
"pakketten" finds "pakket". Company names are folded but not stemmed: a name is a name.
"""

from elasticsearch.dsl import analyzer, token_filter

dutch_stop = token_filter("dutch_stop", type="stop", stopwords="_dutch_")
dutch_stemmer = token_filter("dutch_stemmer", type="stemmer", language="dutch")

dutch_text = analyzer(
    "dutch_text",
    tokenizer="standard",
    filter=["lowercase", "asciifolding", dutch_stop, dutch_stemmer],
)

folded_name = analyzer(
    "folded_name",
    tokenizer="standard",
    filter=["lowercase", "asciifolding"],
)
