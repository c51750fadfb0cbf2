"""Which e-mail addresses may speak for a company: those on its website's domain.

No public-suffix package is installed, so the registrable domain is the last two labels
of the website's host, or three under the few two-level suffixes listed below (enough
for Dutch companies, which are the only ones on the site)."""

from __future__ import annotations

from urllib.parse import urlsplit

# Suffixes under which a registrable name takes three labels ("bedrijf.co.uk").
_TWO_LEVEL_SUFFIXES = frozenset(
    {"co.uk", "org.uk", "ac.uk", "com.au", "co.nz", "com.br", "co.za", "com.tr"}
)

# Mailbox providers: an address there proves nothing about a company, even when the
# company lists such a domain as its website.
FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "hotmail.com",
        "hotmail.nl",
        "outlook.com",
        "outlook.nl",
        "live.com",
        "live.nl",
        "msn.com",
        "yahoo.com",
        "yahoo.nl",
        "icloud.com",
        "me.com",
        "aol.com",
        "gmx.com",
        "gmx.net",
        "proton.me",
        "protonmail.com",
        "ziggo.nl",
        "kpnmail.nl",
        "kpnplanet.nl",
        "planet.nl",
        "home.nl",
        "hetnet.nl",
        "xs4all.nl",
        "chello.nl",
        "casema.nl",
        "zeelandnet.nl",
        "upcmail.nl",
        "quicknet.nl",
        "telfort.nl",
        "tele2.nl",
        "online.nl",
        "mail.com",
    }
)


def _host(value: str) -> str:
    value = (value or "").strip()
    if "//" not in value:
        value = "//" + value
    host = (urlsplit(value).hostname or "").rstrip(".").lower()
    # Non-ASCII names compare in their DNS (punycode) form.
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return ""


def registrable_domain(website: str) -> str:
    """ "https://www.Polderpost.nl/contact" -> "polderpost.nl"; "" when there is none."""
    labels = [label for label in _host(website).split(".") if label]
    if len(labels) < 2 or all(label.isdigit() for label in labels):
        return ""
    size = 3 if ".".join(labels[-2:]) in _TWO_LEVEL_SUFFIXES else 2
    return ".".join(labels[-size:]) if len(labels) >= size else ""


def email_domain(email: str) -> str:
    return _host(email.rpartition("@")[2]) if "@" in (email or "") else ""


def is_free_mail(domain: str) -> bool:
    return registrable_domain(domain) in FREE_MAIL_DOMAINS or domain in FREE_MAIL_DOMAINS


def email_on_domain(email: str, domain: str) -> bool:
    """Is the address at the domain itself or at one of its subdomains?"""
    host = email_domain(email)
    return bool(domain) and (host == domain or host.endswith("." + domain))
