"""The query expansion of search.synonyms: pure, no services needed."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.synonyms import SynonymTable

TABLE = SynonymTable.from_groups(
    [
        ["pakket", "zending"],
        ["opzeggen", "contract beëindigen"],
        ["terugbetaling", "restitutie", "geld terug"],
    ]
)


@pytest.mark.parametrize(
    ("q", "expanded"),
    [
        ("pakket niet bezorgd", "(pakket | zending) niet bezorgd"),
        # Inflections belong to the group; the typed form stays one of the alternatives.
        ("pakketten kwijt", "(pakketten | pakket | zending) kwijt"),
        ("zendingen", "(zendingen | pakket | zending)"),
        ("opgezegd", '(opgezegd | opzeggen | "contract beëindigen")'),
        # Case and accents do not matter for membership.
        ("Zending", "(Zending | pakket)"),
        ("contract beeindigen", '("contract beeindigen" | opzeggen)'),
        ("Contract   Beëindigen nu", '("Contract Beëindigen" | opzeggen) nu'),
        # A multi-word term: as a quoted phrase; the longest run wins.
        ("geld terug graag", '("geld terug" | terugbetaling | restitutie) graag'),
        ("restitutie", '(restitutie | terugbetaling | "geld terug")'),
        # Only part of a multi-word term: nothing.
        ("geld kwijt", "geld kwijt"),
        ("contract", "contract"),
    ],
)
def test_plain_words_become_or_groups(q, expanded):
    assert TABLE.expand(q) == expanded


@pytest.mark.parametrize(
    "q",
    [
        "",
        "factuur te hoog",
        '"pakket niet bezorgd"',  # a phrase is what the user typed, word for word
        "-pakket",  # a negation of one word
        "pakket*",  # a prefix
        "pak\\ket",  # an escape inside a word
        "pakket\\",
        '"pakket',  # an unclosed phrase runs to the end
        "e-pakket",
        "pakket~2",
        "pakket_zending",
    ],
)
def test_what_is_not_a_plain_word_is_left_alone(q):
    assert TABLE.expand(q) == q


@pytest.mark.parametrize(
    ("q", "expanded"),
    [
        ('"niet bezorgd" pakket', '"niet bezorgd" (pakket | zending)'),
        ("pakket | brief", "(pakket | zending) | brief"),
        ("(pakket|brief) +kwijt", "((pakket | zending)|brief) +kwijt"),
        ("brief -pakket zending", "brief -pakket (zending | pakket)"),
    ],
)
def test_operators_are_kept_around_expanded_words(q, expanded):
    assert TABLE.expand(q) == expanded


def test_an_empty_table_changes_nothing():
    empty = SynonymTable.from_groups([])

    assert not empty
    assert empty.expand("pakket niet bezorgd") == "pakket niet bezorgd"


def test_groups_of_one_term_and_invalid_terms_are_left_out():
    table = SynonymTable.from_groups([["pakket"], ["storing", "uit|val"], ["a", "a"]])

    assert table.groups == ()
    assert table.expand("pakket storing") == "pakket storing"


def test_the_first_group_that_claims_a_word_keeps_it():
    table = SynonymTable.from_groups([["retour", "terugsturen"], ["retour", "omruilen"]])

    assert table.expand("retour") == "(retour | terugsturen)"
    assert table.expand("omruilen") == "(omruilen | retour)"


# The expanded query must stay well formed for simple_query_string whatever was typed:
# the only change is that runs of plain words become balanced OR groups of known terms,
# so taking those groups back out gives the typed query again.

PROPERTY_TABLE = SynonymTable.from_groups([["pakket", "zending"], ["opzeggen", "xq yq"]])
_INSERTED = re.compile(r'\(("[^"]*"|[^\s()|"\\]+)(?: \| (?:pakket|zending|opzeggen|"xq yq"))+\)')
PIECES = st.sampled_from(
    ["pakket", "Zendingen", "opzeggen", "xq", "yq", "brief", "ë", " ", " ", "\t"]
    + list('"()|+-*\\~_')
)


def _typed_back(expanded: str) -> str:
    return _INSERTED.sub(lambda m: m.group(1).strip('"'), expanded)


def _same_spacing(text: str) -> str:
    return re.sub(r"xq\s+yq", "xq yq", text)


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_expansion_only_replaces_plain_words_with_balanced_groups(q):
    expanded = PROPERTY_TABLE.expand(q)

    assert _same_spacing(_typed_back(expanded)) == _same_spacing(q)
    assert expanded.count("(") - q.count("(") == expanded.count(")") - q.count(")")
    assert (expanded.count('"') - q.count('"')) % 2 == 0


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_text_expands_without_error(q):
    assert _same_spacing(_typed_back(PROPERTY_TABLE.expand(q))) == _same_spacing(q)
