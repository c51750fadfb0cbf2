"""Hints beside the complaint text, after the advice pages: short, calm, a clear demand,
and nothing personal in the public part.

Pure functions: the wizard's text step, its live update and the review step all call
`check`, so the writer sees the same hints everywhere, with or without JavaScript.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from complaints import personal_data
from complaints.screening import find_terms

ADVISED_WORDS = 250
MAX_PERSONAL_DATA_HINTS = 8  # a pasted letter can hold dozens; a few make the point
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+", re.UNICODE)

# The public fields the aid reads, in the order the form shows them.
PUBLIC_FIELDS = ("title", "description", "desired_outcome")


@dataclass(frozen=True)
class Hint:
    level: str  # "ok", "info" or "warning"
    message: str
    field: str = ""  # the form field the hint is about, if one: for a link back to it


@dataclass(frozen=True)
class Check:
    words: int
    count: Hint  # the word count: shown, but not announced on every key
    hints: list[Hint] = field(default_factory=list)  # announced when they change

    @property
    def warnings(self) -> list[Hint]:
        """What is worth a second look before sending (the review step shows these)."""
        return [h for h in self.hints if h.level in ("warning", "info")]


def word_count(text: str) -> int:
    return len(_WORD.findall(text or ""))


def shouting(text: str) -> bool:
    """True when a noticeable part of the text is written in capitals."""
    words = [w for w in _WORD.findall(text or "") if len(w) >= 3 and w.isalpha()]
    if not words:
        return False
    capitals = [w for w in words if w.isupper()]
    return len(capitals) >= 3 and len(capitals) / len(words) >= 0.2


def _personal_data_message(finding: personal_data.Finding) -> str:
    if finding.kind == "bsn":
        # Not even for the private part: a company almost never needs it.
        return _(
            "Je noemt een burgerservicenummer (%(excerpt)s). Haal het weg: een bedrijf heeft je BSN bijna nooit nodig, en openbaar hoort het nooit."
        ) % {"excerpt": finding.excerpt}
    reasons = {
        "address": _("Je klacht staat openbaar online; met je adres ben je te vinden."),
        "postcode": _("Met je postcode ben je makkelijk te vinden."),
        "phone": _("Iedereen die je klacht leest, kan je dan bellen."),
        "iban": _("Een rekeningnummer hoort niet openbaar op internet."),
        "email": _("Iedereen die je klacht leest, kan je dan mailen."),
        "reference": _("Het bedrijf heeft dit nummer nodig om je te vinden, andere lezers niet."),
    }
    return _(
        "Je noemt %(what)s (%(excerpt)s). %(reason)s Zet dat liever in het besloten deel: alleen het bedrijf ziet dat."
    ) % {"what": finding.label, "excerpt": finding.excerpt, "reason": reasons[finding.kind]}


def personal_data_hints(texts: dict[str, str]) -> list[Hint]:
    """A warning per piece of personal data in the public fields {name: text}."""
    found: list[Hint] = []
    for name, text in texts.items():
        for finding in personal_data.find(text):
            hint = Hint("warning", _personal_data_message(finding), name)
            if hint not in found:
                found.append(hint)
    return found[:MAX_PERSONAL_DATA_HINTS]


def _count(description: str) -> tuple[int, Hint]:
    count = word_count(description)
    level = "warning" if count > ADVISED_WORDS * 1.2 else "ok"
    return count, Hint(
        level,
        _("%(n)d van ongeveer %(advised)d woorden.") % {"n": count, "advised": ADVISED_WORDS},
        "description",
    )


def check(title: str = "", description: str = "", desired_outcome: str = "") -> Check:
    """Every hint for the public part of a complaint."""
    texts = {
        "title": title or "",
        "description": description or "",
        "desired_outcome": desired_outcome or "",
    }
    count, count_hint = _count(texts["description"])
    found = []
    if count > ADVISED_WORDS * 1.2:
        # Without the number: the announced list changes only when the advice does.
        found.append(
            Hint(
                "warning",
                _(
                    "Je tekst is langer dan ongeveer %(advised)d woorden. Een korte klacht wordt beter gelezen."
                )
                % {"advised": ADVISED_WORDS},
                "description",
            )
        )
    loud = [name for name in PUBLIC_FIELDS if shouting(texts[name])]
    if loud:
        found.append(
            Hint(
                "warning",
                _("Veel tekst in hoofdletters leest als schreeuwen. Schrijf liever gewoon."),
                loud[0],
            )
        )
    if not texts["desired_outcome"].strip():
        found.append(
            Hint(
                "info",
                _(
                    "Zeg wat je wilt: reparatie, vervanging, je geld terug? Een duidelijke, redelijke vraag helpt het bedrijf."
                ),
                "desired_outcome",
            )
        )
    for name in PUBLIC_FIELDS:
        terms = {term for term, _start, _end in find_terms(texts[name])}
        if terms:
            found.append(
                Hint(
                    "warning",
                    _(
                        "Deze woorden kunnen beledigend overkomen: %(terms)s. Klachten met scheldwoorden of discriminerende taal plaatsen we niet."
                    )
                    % {"terms": ", ".join(sorted(terms))},
                    name,
                )
            )
    found += personal_data_hints(texts)
    return Check(words=count, count=count_hint, hints=found)


def hints(description: str, desired_outcome: str, title: str = "") -> list[Hint]:
    """The word count and every hint, in one list."""
    result = check(title, description, desired_outcome)
    return [result.count, *result.hints]
