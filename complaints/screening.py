"""Automated screening of public text for abusive and discriminatory language.

A match never blocks anything by itself: it is shown to the moderator, who decides.
The list is short and plain; it catches the obvious, not the clever.
"""

import re
import unicodedata

# Lower case, without accents. The writing aid and the moderation screening both use
# this one list through `find_terms`, so the writer is warned about exactly the words a
# moderator will see flagged.
#
#   "kut*"    a word that starts with it: "kut", "kutbedrijf", "kutje"
#   "*eikel"  a word that ends with it: "eikel", "kuteikel"
#   "*klootzak*"  anywhere in a word: "vuileklootzakken"
#   "trut"    the word alone (a phrase of several words is matched as written)
#
# Dutch glues swear words onto ordinary ones ("klotebezorger", "teringzooi"), so most
# swear words match as the start of a word. Only words that end no innocent Dutch word
# also match as the end of one: "*kanker" would flag "longkanker", "*tyfus" "buiktyfus".
TERMS = [
    # insults and swearing
    "*klootzak*",
    "kloothommel*",
    "klote*",
    "*lul",
    "lullen",
    "*eikel",
    "eikels",
    "*sukkel*",
    "*debiel*",
    "*idioot",
    "idioten",
    "imbeciel*",
    "mongool*",
    "achterlijk*",
    "zak hooi",
    "*hufter*",
    "tyfus*",
    "tering*",
    # "kanker" on its own is flagged too, though "mijn moeder heeft kanker" is a plain
    # sentence: as a curse it is the most common and most hurtful one in Dutch, and a
    # hit only asks the writer (and the moderator) to look. Medical compounds are
    # left alone below.
    "kanker*",
    "klere*",
    "kolere*",
    "pleuris*",
    "pokke*",
    "godverdomme",
    "godverdomse",
    "kut*",
    "hoer*",
    "*hoer",
    "slet",
    "sletten",
    "teef",
    "teven",
    "*trut",
    "truttig*",
    "rotwijf*",
    "*smeerlap*",
    "*schoft*",
    "klojo*",
    "pleur op",
    "flikker op",
    "rot op",
    "sodemieter*",
    "val dood",
    "oplichters*",
    "*oplichters",
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

# Ordinary words that a stem above would otherwise catch. A trailing "*" covers the
# word and everything that starts with it.
EXCEPTIONS = [
    "negeren*",  # to ignore: "negeren", "negerend"
    "hoera*",  # cheers
    "kleren*",  # clothes: "kleren", "klerenkast"
    "klerenhanger*",
    "kanker*patient*",
    "kankerbehandeling*",
    "kankeronderzoek*",
    "kankerbestrijding*",
    "kankerfonds*",
    "kankercel*",
    "kankerverwekkend*",
    "kankerdiagnose*",
    "kankerzorg*",
    "kankercentrum*",
    "kankerrisico*",
    "kankersoort*",
    "kankerscreening*",
    "mongools*",  # Mongolian
    "mongoolse*",
    "pokken",  # smallpox
    "pleuritis*",
    "tyfusvaccin*",
]


def _fold(text: str) -> str:
    if text.isascii():  # nothing to decompose: the same result, without the walk
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _term_pattern(term: str) -> str:
    """A pattern that, for a one-word term, matches the whole word it occurs in."""
    stem = re.escape(term.strip("*"))
    before = r"\w*" if term.startswith("*") else ""
    after = r"\w*" if term.endswith("*") else r"(?!\w)"
    return before + stem + after


def _exception_pattern(word: str) -> str:
    return re.escape(word.rstrip("*")).replace(r"\*", r"\w*") + (
        r"\w*" if word.endswith("*") else ""
    )


# Sayings in which a listed word means no harm.
INNOCENT_PHRASES = [
    "de tering naar de nering",  # live within your means
]

_PATTERN = re.compile(
    r"(?<!\w)(" + "|".join(_term_pattern(t) for t in sorted(TERMS, key=len, reverse=True)) + ")"
)
_EXCEPTION = re.compile("|".join(_exception_pattern(w) for w in EXCEPTIONS))
_INNOCENT = re.compile("|".join(re.escape(p) for p in INNOCENT_PHRASES))


def find_terms(text: str) -> list[tuple[str, int, int]]:
    """[(matched word, start, end), ...] in `text`, with accents and case folded.

    Folding keeps the length of plain Dutch text, so positions fit the original too.
    """
    folded = _fold(text or "")
    innocent = [m.span() for m in _INNOCENT.finditer(folded)]
    return [
        (m.group(1), m.start(), m.end())
        for m in _PATTERN.finditer(folded)
        if not _EXCEPTION.fullmatch(m.group(1))
        and not any(start <= m.start() < end for start, end in innocent)
    ]


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
