"""Read-only queries for company pages."""

import re
import unicodedata
from itertools import groupby


def companies_by_sector(companies):
    """[(sector, [company, ...]), ...] in the sectors' own order, companies by name."""
    ordered = sorted(companies, key=lambda c: (c.sector.sort_order, c.sector.name, c.title))
    return [(sector, list(group)) for sector, group in groupby(ordered, key=lambda c: c.sector)]


# Words that do not tell one organisation from another: legal forms and web suffixes
# ("Amazon.de", "Temu B.V.", "www.shein.com").
_NOISE_TOKENS = {"www", "nl", "com", "de", "be", "eu", "net", "org", "co", "uk", "fr"}
_LEGAL_FORMS = {"bv", "nv", "vof", "inc", "ltd", "llc", "gmbh", "ag", "se", "sa", "sarl", "plc"}


def name_tokens(name: str) -> tuple[str, ...]:
    """A name as comparable words: lower case, accents and punctuation gone, "B.V." as
    "bv", legal forms and web suffixes dropped."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    # "b.v." and "n.v." become one word before the dots split the rest.
    text = re.sub(r"\b([a-z])\.([a-z])\.?(?=\s|$)", r"\1\2", text)
    words = re.findall(r"[a-z0-9]+", text)
    return tuple(w for w in words if w not in _NOISE_TOKENS and w not in _LEGAL_FORMS)


def out_of_scope_match(query: str):
    """The listed out-of-scope name that this search or company name means, or None.

    An exact entry matches the whole name ("Belastingdienst", "amazon.nl"); a prefix
    entry matches a name that begins with it ("gemeente Utrecht"). The longest entry
    wins, so a specific name beats a general one."""
    from companies.models import OutOfScopeName

    tokens = name_tokens(query)
    if not tokens:
        return None
    best, best_length = None, 0
    for entry in OutOfScopeName.objects.all():
        entry_tokens = name_tokens(entry.name)
        if entry.match == OutOfScopeName.Match.EXACT:
            hit = tokens == entry_tokens
        else:
            hit = tokens[: len(entry_tokens)] == entry_tokens
        if entry_tokens and hit and len(entry_tokens) > best_length:
            best, best_length = entry, len(entry_tokens)
    return best
