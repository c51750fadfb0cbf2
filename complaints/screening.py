"""Automated screening of public text for abusive and discriminatory language.

A match never blocks anything by itself: it is shown to the moderator, who decides.
The list is short and plain; it catches the obvious, not the clever.
"""

import re
import unicodedata

# Lower case, without accents. A trailing "*" matches any word that starts with the
# stem ("oplichter*" also finds "oplichters"); other entries match whole words only.
TERMS = [
    # insults and swearing
    "klootzak*",
    "kloothommel*",
    "lul",
    "lullen",
    "eikel",
    "eikels",
    "sukkel*",
    "debiel*",
    "idioot",
    "idioten",
    "imbeciel*",
    "mongool*",
    "achterlijk*",
    "randdebiel*",
    "zak hooi",
    "hufter*",
    "tyfus*",
    "tering*",
    "kanker*",
    "klere*",
    "kolere*",
    "godverdomme",
    "kut*",
    "hoer*",
    "slet",
    "sletten",
    "teef",
    "teven",
    "trut",
    "truttig*",
    "rotwijf*",
    "smeerlap*",
    "schoft*",
    "klojo*",
    "pleur op",
    "flikker op",
    "rot op",
    "sodemieter*",
    "val dood",
    "oplichters*",
    # threats
    "ik maak je af",
    "ik weet waar je woont",
    "ik kom je halen",
    # discriminatory slurs
    "neger*",
    "nikker*",
    "zwartjoekel*",
    "bruinjoekel*",
    "makaak*",
    "geitenneuker*",
    "kutmarokk*",
    "kankermarokk*",
    "kankerturk*",
    "tyfusturk*",
    "poepchinees*",
    "spleetoog*",
    "kankerjood*",
    "vuile jood",
    "flikker",
    "flikkers",
    "mietje*",
    "spast",
    "spasten",
    "spasticus",
]


def _fold(text: str) -> str:
    if text.isascii():  # nothing to decompose: the same result, without the walk
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _term_pattern(term: str) -> str:
    if term.endswith("*"):
        return re.escape(term[:-1]) + r"\w*"
    return re.escape(term) + r"(?!\w)"


_PATTERN = re.compile(
    r"(?<!\w)(" + "|".join(_term_pattern(t) for t in sorted(TERMS, key=len, reverse=True)) + ")"
)


def find_terms(text: str) -> list[tuple[str, int, int]]:
    """[(matched word, start, end), ...] in `text`, with accents and case folded.

    Folding keeps the length of plain Dutch text, so positions fit the original too.
    """
    folded = _fold(text or "")
    return [(m.group(1), m.start(), m.end()) for m in _PATTERN.finditer(folded)]


def screen(fields: dict[str, tuple[str, str]]) -> list[dict]:
    """Screen {name: (label, text)}; returns JSON-ready hits with a little context."""
    results = []
    for name, (label, text) in fields.items():
        folded = _fold(text or "")
        for term, start, end in find_terms(text):
            results.append(
                {
                    "field": name,
                    "field_label": str(label),
                    "term": term,
                    "context": folded[max(0, start - 40) : end + 40].replace("\n", " "),
                }
            )
    return results
