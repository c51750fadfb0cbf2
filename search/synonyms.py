"""Synonyms that editors manage (search.models.SynonymGroup), applied by expanding the
query in the application: no synonym file on the cluster, no reindex after a change.

`SynonymTable` is pure: it rewrites the plain words of a `simple_query_string` query into
OR groups of their synonyms. Membership is decided on folded Dutch stems, so inflections
("pakketten", "zendingen") belong to a group too. Everything that is not a plain word
(phrases, negations, prefixes, escapes, operators) is copied as it was typed.

`current_table()` is the I/O side: the table of the current groups, held in the process
and rebuilt only when the generation in the shared cache moved (a group was saved or
deleted), so a steady search reads no database row.
"""

import re
import threading
import time
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

MAX_TERMS = 10
MAX_TERM_LENGTH = 60

# One piece of a query, in the order simple_query_string reads it: an escaped character,
# a phrase (possibly unclosed), whitespace, a grouping or boolean operator, or a chunk of
# anything else up to the next of those.
_PIECES = re.compile(
    r"""
      (?P<escape>\\.?)
    | (?P<phrase>"(?:\\.|[^"\\])*"?)
    | (?P<space>\s+)
    | (?P<operator>[()|+])
    | (?P<chunk>[^\s()|+"\\]+)
    """,
    re.VERBOSE | re.DOTALL,
)
# A word we may replace: letters and digits only (no -, *, ~, quotes or escapes).
_PLAIN = re.compile(r"[^\W_]+")
_WORD_SPLIT = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lowercase without accents: "Beëindigen" and "beeindigen" are the same word."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_stemmer_lock = threading.Lock()
_stemmer = snowballstemmer.stemmer("dutch")


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    # The snowball stemmer object keeps state while it works: one word at a time.
    with _stemmer_lock:
        return _stemmer.stemWord(fold(word))


def words_of(term: str) -> list[str]:
    return [w for w in _WORD_SPLIT.split(term.strip()) if w]


def is_valid_term(term: str) -> bool:
    """Letters, digits and single spaces between words: nothing simple_query_string
    would read as an operator."""
    return bool(term) and all(_PLAIN.fullmatch(w) for w in words_of(term))


@dataclass(frozen=True)
class SynonymTable:
    groups: tuple[tuple[str, ...], ...] = ()
    _index: dict[tuple[str, ...], int] = field(default_factory=dict, compare=False, repr=False)
    _longest: int = field(default=0, compare=False, repr=False)

    @classmethod
    def from_groups(cls, groups: Iterable[Sequence[str]]) -> "SynonymTable":
        """Groups of 2+ valid terms; anything else is left out rather than let it break
        a query (the model refuses it before it gets here)."""
        kept = []
        index: dict[tuple[str, ...], int] = {}
        for group in groups:
            terms = tuple(dict.fromkeys(" ".join(words_of(t)) for t in group if is_valid_term(t)))
            if len(terms) < 2:
                continue
            for term in terms:
                # The first group that claims a word keeps it.
                index.setdefault(tuple(stem(w) for w in words_of(term)), len(kept))
            kept.append(terms)
        longest = max((len(key) for key in index), default=0)
        return cls(tuple(kept), index, longest)

    def __bool__(self) -> bool:
        return bool(self.groups)

    def expand(self, q: str) -> str:
        if not self._index:
            return q
        pieces = [(m.lastgroup, m.group()) for m in _PIECES.finditer(q)]
        out: list[str] = []
        i = 0
        while i < len(pieces):
            match = self._match_at(pieces, i)
            if match is None:
                out.append(pieces[i][1])
                i += 1
                continue
            end, group = match
            typed = "".join(text for _, text in pieces[i:end])
            out.append(self._or_group(typed, self.groups[group]))
            i = end
        return "".join(out)

    def _match_at(self, pieces, start) -> tuple[int, int] | None:
        """The longest run of plain words from `start` (only whitespace between them)
        that is a term of a group: (index after the run, group)."""
        if not self._is_plain(pieces, start):
            return None
        stems: list[str] = []
        found = None
        i = start
        while len(stems) < self._longest:
            stems.append(stem(pieces[i][1]))
            group = self._index.get(tuple(stems))
            if group is not None:
                found = (i + 1, group)
            if not (
                i + 2 < len(pieces)
                and pieces[i + 1][0] == "space"
                and self._is_plain(pieces, i + 2)
            ):
                break
            i += 2
        return found

    @staticmethod
    def _is_plain(pieces, i) -> bool:
        kind, text = pieces[i]
        if kind != "chunk" or not _PLAIN.fullmatch(text):
            return False
        # Glued to something that is not whitespace or an operator ("a\\b", 'a"b"'):
        # part of a bigger token, left alone.
        for j in (i - 1, i + 1):
            if 0 <= j < len(pieces) and pieces[j][0] not in ("space", "operator"):
                return False
        return True

    @staticmethod
    def _or_group(typed: str, terms: tuple[str, ...]) -> str:
        typed = " ".join(words_of(typed))
        alternatives = [typed]
        seen = {fold(typed)}
        for term in terms:
            if fold(term) not in seen:
                seen.add(fold(term))
                alternatives.append(term)
        quoted = [f'"{t}"' if " " in t else t for t in alternatives]
        return "(" + " | ".join(quoted) + ")"


# Loading -------------------------------------------------------------------------------

GENERATION_KEY = "search:synonyms:generation"
# Without the shared cache no process can tell the others of a change: each then
# rereads the groups this often.
FALLBACK_SECONDS = 30

_lock = threading.Lock()
_held: dict = {"generation": None, "table": None, "loaded_at": 0.0, "checked_at": -1e9}


def _cache():
    from django.core.cache import caches

    return caches["default"]


def _generation() -> str | None:
    """The current generation, or None when the shared cache is away."""
    from core.cache import guarded

    generation = guarded(lambda: _cache().get(GENERATION_KEY))
    if generation is None:
        # Never set, or evicted: any new value makes every process reload, which is safe.
        guarded(lambda: _cache().add(GENERATION_KEY, uuid.uuid4().hex, timeout=None))
        generation = guarded(lambda: _cache().get(GENERATION_KEY))
    return generation


def _load() -> SynonymTable:
    from search.models import SynonymGroup

    return SynonymTable.from_groups(
        group.term_list() for group in SynonymGroup.objects.order_by("pk")
    )


def current_table() -> SynonymTable:
    from django.conf import settings

    # Within SYNONYMS_CHECK_SECONDS of the last look the table is used as it is: a busy
    # process asks the shared cache about once a second, not once per search.
    now = time.monotonic()
    with _lock:
        if (
            _held["table"] is not None
            and now - _held["checked_at"] < settings.SYNONYMS_CHECK_SECONDS
        ):
            return _held["table"]
    # The generation is read before the rows: a change committed in between leaves the
    # new rows under the old generation, which the next call replaces; never the reverse.
    generation = _generation()
    with _lock:
        table = _held["table"]
        if table is not None:
            if generation is not None and generation == _held["generation"]:
                _held["checked_at"] = now
                return table
            if generation is None and now - _held["loaded_at"] < FALLBACK_SECONDS:
                return table
    table = _load()
    with _lock:
        _held.update(generation=generation, table=table, loaded_at=now, checked_at=now)
    return table


def bump_generation() -> None:
    """Every process rebuilds its table before its next search."""
    from core.cache import guarded

    guarded(lambda: _cache().set(GENERATION_KEY, uuid.uuid4().hex, timeout=None))


def forget() -> None:
    """This process rebuilds its table at the next search (tests; a change in this
    process while the shared cache is away)."""
    with _lock:
        _held.update(generation=None, table=None, loaded_at=0.0, checked_at=-1e9)
