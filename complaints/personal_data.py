"""Personal data in public text: addresses, postcodes, phone numbers, IBANs, e-mail
addresses and order, customer or invoice numbers.

Pure functions. A finding carries a masked excerpt only, so that a warning (or anything
that logs it) never repeats the whole value. It catches what people commonly type; it is
a hint to the writer, never a reason to refuse a text.
"""

import re
from dataclasses import dataclass

# What a finding is, in words for the writer ("Je noemt <label> (<excerpt>)").
LABELS = {
    "address": "een adres",
    "postcode": "een postcode",
    "phone": "een telefoonnummer",
    "iban": "een rekeningnummer (IBAN)",
    "email": "een e-mailadres",
    "reference": "een order-, klant- of dossiernummer",
    "bsn": "een burgerservicenummer",
}


@dataclass(frozen=True)
class Finding:
    kind: str  # a key of LABELS
    start: int
    end: int
    excerpt: str  # masked: never the whole value

    @property
    def label(self) -> str:
        return LABELS[self.kind]


def _mask(value: str, keep: int) -> str:
    return value[:keep].rstrip() + "…"


# -- e-mail ---------------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?![\w-])", re.I)


def _emails(text):
    for m in _EMAIL.finditer(text):
        local, domain = m.group().split("@", 1)
        yield Finding("email", m.start(), m.end(), f"{local[0]}…@{domain}")


# -- IBAN -----------------------------------------------------------------------------

# Lengths of the IBANs a Dutch consumer meets; other countries are left alone rather
# than guessed at.
_IBAN_LENGTHS = {
    "NL": 18, "BE": 16, "DE": 22, "LU": 20, "FR": 27, "GB": 22, "IE": 22, "ES": 24,
    "IT": 27, "PT": 25, "AT": 20, "CH": 21, "DK": 18, "PL": 28,
}  # fmt: skip
_IBAN = re.compile(r"(?<![\w])([a-z]{2})\s?(\d{2})((?:\s?[a-z0-9]){10,30})", re.I)


def iban_is_valid(iban: str) -> bool:
    """The ISO 13616 mod-97 check: random letters and digits almost never pass it."""
    iban = iban.replace(" ", "").upper()
    if _IBAN_LENGTHS.get(iban[:2]) != len(iban) or not iban.isalnum():
        return False
    digits = "".join(str(int(c, 36)) for c in iban[4:] + iban[:4])
    return int(digits) % 97 == 1


def _ibans(text):
    for m in _IBAN.finditer(text):
        length = _IBAN_LENGTHS.get(m.group(1).upper())
        if not length:
            continue
        # Take exactly the country's number of characters, so a word typed after the
        # number does not spoil the check.
        taken, end = 0, m.start()
        for end in range(m.start(), m.end()):
            if text[end] != " ":
                taken += 1
            if taken == length:
                break
        candidate = text[m.start() : end + 1]
        if taken == length and not text[end + 1 : end + 2].isalnum() and iban_is_valid(candidate):
            yield Finding("iban", m.start(), end + 1, _mask(candidate.upper(), 4))


# -- phone numbers ---------------------------------------------------------------------

# +31 6 12345678, 0031 20 1234567, +31 (0)6-12345678, 06-12345678, 020 123 45 67, …
_PHONE = re.compile(
    r"(?<![\w+€$.,/-])"
    r"(?:(?:\+|00)31[\s.-]?(?:\(0\)[\s.-]?)?|\(?0)"
    r"(\d(?:\)?[\s.-]?\d){8})"
    r"(?![\d-]|[.,]\d)"
)
_DATE_LIKE = re.compile(r"^\(?\d{1,2}[-./]\d{1,2}[-./]\d{2,4}")
# Service numbers belong to companies and may be public.
_SERVICE = ("800", "900", "906", "909")


def _phones(text):
    for m in _PHONE.finditer(text):
        value = m.group()
        digits = re.sub(r"\D", "", m.group(1))
        if digits[0] == "0" or digits.startswith(_SERVICE) or _DATE_LIKE.match(value):
            continue
        # The area or mobile prefix only: "06-…", "020…", "+31…", "0031…".
        keep = 3 if value[0] == "0" and not value.startswith("00") else 4
        yield Finding("phone", m.start(), m.end(), _mask(value, keep))


# -- postcodes --------------------------------------------------------------------------

# A postcode's letters never are SA, SD or SS; units after four digits are not letters
# of a postcode either ("1000 GB", "1500 KG").
_NOT_POSTCODE_LETTERS = {
    "SA", "SD", "SS", "KG", "KM", "GB", "MB", "TB", "KB", "ML", "CL", "DL", "MG",
    "KW", "MW", "PK", "CM", "MM", "EU", "AM", "PM", "HZ", "CC",
}  # fmt: skip
_SHORT_WORDS = {
    "EN", "IN", "OP", "TE", "IS", "AL", "NU", "OF", "ZE", "WE", "JE", "DE", "ER",
    "AF", "OM", "NA", "ME", "IK", "ZO", "AN", "ON", "TO",
}  # fmt: skip
_POSTCODE = re.compile(
    r"(?<![\w€$.,])([1-9]\d{3})(?:\s?([A-Z]{2})|([a-zA-Z]{2}))(?!\w)",
)


def _postcodes(text):
    for m in _POSTCODE.finditer(text):
        # Lower case only when written together ("1234ab"): "in 2024 en 2025" is a year.
        letters = (m.group(2) or m.group(3)).upper()
        if letters in _NOT_POSTCODE_LETTERS:
            continue
        # "IN 2024 EN 2025" in capitals: a year and a word, not a postcode.
        if m.group(1)[:2] in ("19", "20") and letters in _SHORT_WORDS:
            continue
        yield Finding("postcode", m.start(), m.end(), m.group(1)[:2] + "…")


# -- street addresses ------------------------------------------------------------------

# Street names ending in these are rarely anything but a street, in any case of letter.
_STRONG = r"straat|laan|gracht|kade|singel|dreef|steeg|plantsoen|plein|dijk|straatweg"
# These also end ordinary words ("snelweg", "supermarkt"): only with a capital.
_WEAK = r"weg|markt|park|pad|baan|hof|boulevard|allee|hoven|kwartier|dorp"
_HOUSE_NUMBER = r"\d{1,5}(?:\s?[a-zA-Z](?![\w])|\s?-\s?\d{1,3}(?!\d)|\s?-?\s?(?:bis|hs|I{1,3})\b)?"
# A number of something is not a house number: "de snelweg 12 kilometer".
_NOT_AFTER = (
    r"(?!\s*(?:km|kilometer|meter|m\b|minuten|min\b|uur|dagen|dag\b|weken|week\b|maanden|"
    r"jaar|keer|x\b|euro|procent|%|stuks|pakketten|personen|mensen))"
)
_NAME = r"[A-Za-zÀ-ÿ][\w'’.-]*"
_LINK = r"(?:van|de|der|den|het|ten|ter|te|op|aan|in|bij|'t|’t|la|le)"
_ADDRESS = re.compile(
    rf"(?<![\w])("
    # "Dorpsstraat 12a", "Burgemeester de Vlugtlaan 12", "Van Baerlestraat 3"
    rf"(?:(?:[A-Z][\w'’.-]*|{_LINK})\s+){{0,3}}"
    rf"(?:[A-Za-zÀ-ÿ][\w'’-]*(?:{_STRONG})|[A-Z][\w'’-]*(?:{_WEAK}))"
    # "Laan van Meerdervoort 5", "Plein 1944 12", "Weg naar Laren 40"
    rf"|(?:Laan|Plein|Weg|Kade|Dijk|Singel|Gracht|Straat|Hof|Park|Markt|Burgwal)"
    rf"(?:\s+(?:{_LINK}|naar|achter|over|voor))+(?:\s+{_NAME}){{1,3}}"
    rf")\s+({_HOUSE_NUMBER})(?!\d|[,.:/]\d)" + _NOT_AFTER,
)


def _addresses(text):
    for m in _ADDRESS.finditer(text):
        street = m.group(1)
        # Leading linking words in lower case belong to the sentence, not the street.
        words = street.split()
        while len(words) > 1 and re.fullmatch(_LINK, words[0]):
            words.pop(0)
        street = " ".join(words)
        start = m.end(1) - len(street)
        yield Finding("address", start, m.end(), f"{street} …")


# -- order, customer, invoice numbers --------------------------------------------------

_REFERENCE_WORDS = (
    r"order|bestel|bestelling|klant|factuur|dossier|referentie|contract|abonnement|"
    r"account|lid|polis|zaak|ticket|klacht|aanvraag|zending|pakket|verzend|huurder|"
    r"meter|aansluit|EAN|boeking|reservering|transactie"
)
_REFERENCE = re.compile(
    rf"(?<![\w])((?:{_REFERENCE_WORDS})s?[\s-]?(?:nummer|nr\.?|no\.?|code|id|ID)|referentie|kenmerk|"
    rf"order|bestelling|factuur)"
    r"(?:\s*(?:is|was|luidt|luidde))?\s*(?:[:#]\s*)?"
    r"([A-Z0-9](?:[A-Z0-9]|[-/.](?=[A-Z0-9]))*)(?![\w-])",
    re.I,
)


def _references(text):
    for m in _REFERENCE.finditer(text):
        word, value = m.group(1), m.group(2)
        digits = sum(c.isdigit() for c in value)
        # "order 2 weken geleden", "factuur 2024": a number that identifies someone is
        # longer. After "…nummer" or "#" four characters with a digit are enough.
        named = bool(re.search(r"(nummer|nr\.?|no\.?|code|id)$", word, re.I)) or "#" in m.group()
        if digits < 3 or (not named and (digits < 5 or _looks_like_year(value))):
            continue
        yield Finding("reference", m.start(), m.end(), f"{word.lower()} {_mask(value, 2)}")


def _looks_like_year(value: str) -> bool:
    return bool(re.fullmatch(r"(19|20)\d\d", value))


# -- citizen service number (BSN) -------------------------------------------------------

_BSN = re.compile(
    r"(?<![\w])(bsn|burgerservicenummer|sofinummer)\s*(?:is\s*)?:?\s*(\d(?:[\s.]?\d){7,8})(?!\d)",
    re.I,
)


def bsn_is_valid(number: str) -> bool:
    """The eleven test that every BSN passes."""
    digits = [int(c) for c in number if c.isdigit()]
    if len(digits) == 8:
        digits.insert(0, 0)
    if len(digits) != 9:
        return False
    total = sum(d * w for d, w in zip(digits, [9, 8, 7, 6, 5, 4, 3, 2, -1], strict=True))
    return total % 11 == 0 and total != 0


def _bsns(text):
    for m in _BSN.finditer(text):
        if bsn_is_valid(m.group(2)):
            yield Finding("bsn", m.start(), m.end(), f"{m.group(1)} …")


# -- all together -----------------------------------------------------------------------

_FINDERS = [_emails, _ibans, _bsns, _references, _addresses, _postcodes, _phones]


def find(text: str) -> list[Finding]:
    """Personal data in `text`, in reading order; where two findings overlap (an e-mail
    address with digits, a house number next to a postcode) the one found first in
    _FINDERS's order wins."""
    text = text or ""
    taken: list[Finding] = []
    for finder in _FINDERS:
        for finding in finder(text):
            if not any(finding.start < t.end and t.start < finding.end for t in taken):
                taken.append(finding)
    return sorted(taken, key=lambda f: f.start)
