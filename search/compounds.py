"""Dutch compounds on the query side, from the decompounder's word list.

The index adds the parts of a compound (search.analysis), so "afrekening" finds
"jaarafrekening". The other way round needs the query: "jaarafrekening" should also find
"de afrekening over het hele jaar". A query word that is wholly made of listed words
(with the linking -s- or -e(n)- between them) gets those words as an alternative, all of
them required; so does a listed word with a plural or diminutive ending, which covers
the loan-word plurals the Snowball stemmer leaves alone ("wasmachines", "laptops").
Pure: no I/O beyond reading the word list once.
"""

from functools import cache

from search.analysis import compound_parts

LINKS = ("", "s", "e", "en")  # between two parts: stroom|storing, verzekering|s|polis
ENDINGS = ("", "s", "en", "es", "je", "jes", "tje", "tjes", "pje", "pjes")  # after the last
MIN_LENGTH = 6


@cache
def _words() -> frozenset[str]:
    return frozenset(compound_parts())


def split(word: str) -> list[str] | None:
    """The listed words `word` is made of (lowercase, accents already folded by the
    caller or absent), fewest parts first; None when it is not a compound of them or is
    itself a listed word."""
    word = word.lower()
    words = _words()
    if len(word) < MIN_LENGTH or word in words:
        return None
    parts = _cover(word, words)
    return parts if parts and parts != [word] else None


def _cover(rest: str, words: frozenset[str]) -> list[str] | None:
    # Longest first: "afrekening" before "rekening".
    for end in range(len(rest), 3, -1):
        head = rest[:end]
        if head not in words:
            continue
        tail = rest[end:]
        if tail in ENDINGS:
            return [head]
        for link in LINKS:
            if link and not tail.startswith(link):
                continue
            following = _cover(tail[len(link) :], words) if tail[len(link) :] else None
            if following:
                return [head, *following]
    return None
