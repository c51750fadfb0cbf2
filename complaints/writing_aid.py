"""Hints beside the complaint text, after the advice pages: short, calm, a clear demand,
and nothing personal in the public part.

Pure functions: the wizard's text step, its live update and the review step all call
`check`, so the writer sees the same hints everywhere, with or without JavaScript.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints import personal_data
from complaints.screening import find_terms

ADVISED_WORDS = 250
MAX_PERSONAL_DATA_HINTS = 8  # a pasted letter can hold dozens; a few make the point
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+", re.UNICODE)

# The public fields the aid reads, in the order the form shows them, with their labels
# on the text step (the review step links back to them by name).
PUBLIC_FIELDS = ("title", "description", "desired_outcome")
FIELD_LABELS = {
    "title": gettext_lazy("Titel"),
    "description": gettext_lazy("Wat is er gebeurd?"),
    "desired_outcome": gettext_lazy("Wat wil je bereiken?"),
}


@dataclass(frozen=True)
class Hint:
    level: str  # "ok", "info" or "warning"
    message: str
    field: str = ""  # the form field the hint is about, if one: for a link back to it

    @property
    def field_label(self) -> str:
        return str(FIELD_LABELS.get(self.field, ""))


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


# What someone who asks for something writes: a request ("ik wil", "graag zou ik") or
# the outcome itself ("terugbetaling", "reparatie", "ontbinden"). Matched on lower case
# without accents, at the start of a word, so that "vergoed" also finds "vergoeding"
# and "schadevergoeding" is found by its own entry.
_WISH = re.compile(
    r"(?<![^\W\d_])(?:"
    # asking
    r"ik (?:wil|wens|verwacht|vraag|verzoek|eis|hoop|zou graag|zou willen|had graag|reken op)"
    r"|(?:wij|we) (?:willen|verwachten|vragen|verzoeken|eisen)"
    r"|graag (?:zou|wil|zie|ontvang|krijg|hoor|had|een|mijn|het|de)"
    r"|(?:verzoek|vraag) (?:om|tot|u|jullie)|ik stel voor|mijn voorstel"
    # the outcome
    r"|(?:mijn |het |ons )?geld terug|terugbetal|terug ?storten|terugstort|restitutie"
    r"|vergoed|schadevergoed|compensatie|compenseren|tegemoetkoming|korting|creditnota|crediter"
    r"|vervang|omruil|ruilen|nieuw exemplaar|nieuw apparaat|nieuw toestel"
    r"|reparatie|repareren|gerepareerd|laten maken|herstel|excuses|excuus|verontschuldiging"
    r"|oplossing|oplossen|opgelost|alsnog|ontbind|ontbinding|annuler|opzeg|stopzetten|beeindig"
    r"|retour|kwijtschelding|kwijtschelden|nakomen|uitbetal|terugdraaien|ongedaan"
    r")",
    re.UNICODE,
)


# In the answer to "Wat wil je bereiken?" these are wishes too; in the story they are
# usually just what happened ("mijn nieuwe laptop werd nooit geleverd").
_OUTCOME_WISH = re.compile(
    r"(?<![^\W\d_])(?:een nieuwe?|nieuwe?|lever|geleverd|bezorg|sturen|opsturen|terug"
    r"|dat (?:ze|het|hij|zij|jullie|u|de|mijn|er|men))",
    re.UNICODE,
)


def states_a_wish(text: str, *, outcome_field: bool = False) -> bool:
    """True when the text says what the writer wants from the company. The answer to
    "Wat wil je bereiken?" may say it with fewer words than a story must."""
    folded = _fold(text or "")
    return bool(_WISH.search(folded) or (outcome_field and _OUTCOME_WISH.search(folded)))


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).lower().split())


def _wish_hint(description: str, desired_outcome: str) -> Hint | None:
    """Whether the text says what the writer wants; in 'Wat wil je bereiken?' if it is
    filled in, and otherwise, as a second best, somewhere in the story."""
    example = _(
        "Bijvoorbeeld: ‘Ik wil binnen 10 werkdagen mijn geld terug (€ 89,95).’ of ‘Graag een nieuw exemplaar in plaats van het kapotte.’"
    )
    if desired_outcome.strip():
        if states_a_wish(desired_outcome, outcome_field=True):
            return Hint("ok", _("Je zegt duidelijk wat je wilt."), "desired_outcome")
        return Hint(
            "info",
            _("Uit ‘Wat wil je bereiken?’ blijkt nog niet wat je vraagt. %(example)s")
            % {"example": example},
            "desired_outcome",
        )
    if states_a_wish(description):
        return Hint(
            "info",
            _(
                "In je verhaal staat wat je wilt. Zet het ook kort bij ‘Wat wil je bereiken?’, zodat het bedrijf het meteen ziet."
            ),
            "desired_outcome",
        )
    return Hint(
        "info",
        _(
            "Zeg wat je wilt: reparatie, vervanging, je geld terug? Een duidelijke, redelijke vraag helpt het bedrijf. %(example)s"
        )
        % {"example": example},
        "desired_outcome",
    )


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
    wish = _wish_hint(texts["description"], texts["desired_outcome"])
    if wish:
        found.append(wish)
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


def review_warnings(title: str, description: str, desired_outcome: str) -> list[Hint]:
    """What the review step shows above the send button. A field left empty is not
    repeated here: the review step already says it must be filled in."""
    texts = {"title": title, "description": description, "desired_outcome": desired_outcome}
    return [
        hint
        for hint in check(title, description, desired_outcome).warnings
        if (texts.get(hint.field) or "").strip() or not hint.field
    ]
