"""Which e-mail addresses may speak for a company: those on its website's domain.

The registrable domain comes from the Public Suffix List (the copy bundled with the
publicsuffixlist package; nothing is fetched). A website on a hosting platform's shared
suffix (the list's private section: github.io, blogspot.com, ...) has no domain of its
own, so no address can speak for it; the editors check such claims by hand."""

from __future__ import annotations

import functools
import ipaddress
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList


@functools.cache
def _suffix_lists() -> tuple[PublicSuffixList, PublicSuffixList]:
    """The full list and its ICANN part alone (where that ends earlier, the host sits
    under a platform's suffix rather than a domain someone registered). Parsing takes
    tens of milliseconds: once per process, on first use rather than at start-up."""
    return PublicSuffixList(), PublicSuffixList(only_icann=True)


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
    """The lower-case ASCII host of a URL, bare host name or e-mail domain; "" if none."""
    value = (value or "").strip()
    if "//" not in value:
        value = "//" + value
    try:
        host = urlsplit(value).hostname or ""
    except ValueError:  # an unbalanced "[" in what was meant as a host
        return ""
    host = host.rstrip(".").lower()
    # Non-ASCII names compare in their DNS (punycode) form.
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return ""


def _is_ip_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def registrable_domain(website: str) -> str:
    """ "https://www.Polderpost.nl/contact" -> "polderpost.nl"; "" when there is none:
    no host, an IP address, a bare public suffix or a page on a platform's suffix."""
    host = _host(website)
    if not host or _is_ip_address(host):
        return ""
    full, icann = _suffix_lists()
    domain = full.privatesuffix(host)
    if not domain or full.publicsuffix(host) != icann.publicsuffix(host):
        return ""
    return domain


def email_domain(email: str) -> str:
    return _host(email.rpartition("@")[2]) if "@" in (email or "") else ""


def is_free_mail(domain: str) -> bool:
    """Does an address at this host say nothing about who employs its holder? True for
    mailbox providers and for hosts without a registrable domain of their own."""
    registrable = registrable_domain(domain)
    return not registrable or registrable in FREE_MAIL_DOMAINS or domain in FREE_MAIL_DOMAINS


def email_on_domain(email: str, domain: str) -> bool:
    """Is the address at the domain itself or at one of its subdomains?"""
    host = email_domain(email)
    return bool(domain) and (host == domain or host.endswith("." + domain))
