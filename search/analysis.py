"""Dutch text analysis for the complaint index.

Complaint text is analysed three ways, each a field or sub-field of the mapping
(search.documents):
- `dutch_text`: folded (accents), stripped of Dutch stop words, compounds split into
  their parts from a word list, and stemmed: "pakketten" finds "pakket", "afrekening"
  finds "jaarafrekening", "wasmachines" finds "wasmachine". The parts are added at
  index time only: the query keeps its compound, so "wasmachine" does not turn into
  "machine" and find every coffee machine.
- `folded_name` (the `.exact` sub-fields, and company names): folded words, nothing
  else. Boosted, so an
  exact word ranks above a stem or a part, and the field that typo tolerance
  (fuzziness) works on: a misspelling is compared with what people wrote, not with a
  stem.
- `shingle_text` (the `spelling` field): lowercase word pairs and triples, the source of
  the phrase suggester's "Bedoelde je ...?".

Every component here is in a stock Elasticsearch 8 distribution (analysis-common):
tests/search/test_mapping_components.py keeps it so. The choice between stemmers and
the decompounder was made on the judged relevance set (bench/relevance.py,
BENCHMARKS.md).
"""

from functools import cache
from pathlib import Path

from elasticsearch.dsl import analyzer, char_filter, token_filter

WORDLIST = Path(__file__).with_name("wordlists") / "compound_parts.txt"


@cache
def compound_parts() -> list[str]:
    """The decompounder's words (one per line; # starts a comment)."""
    lines = WORDLIST.read_text(encoding="utf-8").splitlines()
    return [word for line in lines if (word := line.split("#", 1)[0].strip())]


# "Klikwinkel.nl" and "www.polderpost.nl" are one token to the standard tokenizer; a dot
# between letters becomes a space first, so "klikwinkel" finds them (numbers such as
# "12.50" keep their dot).
dots_between_letters = char_filter(
    "dots_between_letters",
    type="pattern_replace",
    pattern=r"(?<=\p{L})\.(?=\p{L})",
    replacement=" ",
)

dutch_stop = token_filter("dutch_stop", type="stop", stopwords="_dutch_")
dutch_stemmer = token_filter("dutch_stemmer", type="stemmer", language="dutch")
dutch_compounds = token_filter(
    "dutch_compounds",
    type="dictionary_decompounder",
    word_list=compound_parts(),
    min_word_size=6,
    min_subword_size=4,
    max_subword_size=20,
)

dutch_text = analyzer(
    "dutch_text",
    tokenizer="standard",
    char_filter=[dots_between_letters],
    filter=["lowercase", "asciifolding", dutch_compounds, dutch_stop, dutch_stemmer],
)

dutch_query = analyzer(
    "dutch_query",
    tokenizer="standard",
    char_filter=[dots_between_letters],
    filter=["lowercase", "asciifolding", dutch_stop, dutch_stemmer],
)

word_shingles = token_filter(
    "word_shingles", type="shingle", min_shingle_size=2, max_shingle_size=3
)

shingle_text = analyzer(
    "shingle_text",
    tokenizer="standard",
    char_filter=[dots_between_letters],
    filter=["lowercase", word_shingles],
)

# Company names are folded but not stemmed (a name is a name), and so are the `.exact`
# sub-fields of complaint text.
folded_name = analyzer(
    "folded_name",
    tokenizer="standard",
    char_filter=[dots_between_letters],
    filter=["lowercase", "asciifolding"],
)
