"""Hints beside the complaint text, after the advice pages: short, calm, a clear demand."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from complaints.screening import find_terms

ADVISED_WORDS = 250
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+", re.UNICODE)


@dataclass(frozen=True)
class Hint:
    level: str  # "ok", "info" or "warning"
    message: str


def word_count(text: str) -> int:
    return len(_WORD.findall(text or ""))


def shouting(text: str) -> bool:
    """True when a noticeable part of the text is written in capitals."""
    words = [w for w in _WORD.findall(text or "") if len(w) >= 3 and w.isalpha()]
    if not words:
        return False
    capitals = [w for w in words if w.isupper()]
    return len(capitals) >= 3 and len(capitals) / len(words) >= 0.2


def hints(description: str, desired_outcome: str) -> list[Hint]:
    found = []
    count = word_count(description)
    if count > ADVISED_WORDS * 1.2:
        found.append(
            Hint(
                "warning",
                _(
                    "%(n)d woorden: probeer het bij ongeveer %(advised)d te houden. Een korte klacht wordt beter gelezen."
                )
                % {"n": count, "advised": ADVISED_WORDS},
            )
        )
    else:
        found.append(
            Hint(
                "ok",
                _("%(n)d van ongeveer %(advised)d woorden.")
                % {"n": count, "advised": ADVISED_WORDS},
            )
        )
    if shouting(description) or shouting(desired_outcome):
        found.append(
            Hint(
                "warning",
                _("Veel tekst in hoofdletters leest als schreeuwen. Schrijf liever gewoon."),
            )
        )
    if not (desired_outcome or "").strip():
        found.append(
            Hint(
                "info",
                _(
                    "Zeg wat je wilt: reparatie, vervanging, je geld terug? Een duidelijke, redelijke vraag helpt het bedrijf."
                ),
            )
        )
    terms = {t for t, _start, _end in find_terms(f"{description}\n{desired_outcome}")}
    if terms:
        found.append(
            Hint(
                "warning",
                _(
                    "Deze woorden kunnen beledigend overkomen: %(terms)s. Klachten met scheldwoorden of discriminerende taal plaatsen we niet."
                )
                % {"terms": ", ".join(sorted(terms))},
            )
        )
    return found
