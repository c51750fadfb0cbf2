"""The client's address, the one way every part of the site finds it.

Behind TRUSTED_PROXY_COUNT proxies each proxy appends the address it saw to
X-Forwarded-For, so the client's address is the TRUSTED_PROXY_COUNT-th entry from the
right. Anything left of it was written by the client and is never believed. With 0
(the default) the header is ignored and REMOTE_ADDR is the client.

Used by the rate limits (core.ratelimit), django-axes (AXES_CLIENT_IP_CALLABLE),
allauth's rate limits (core.accounts.AccountAdapter) and /healthz's internal-address
check.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(value: str | None):
    try:
        return ipaddress.ip_address((value or "").strip())
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str:
    """The client's IP address as the nearest trusted proxy saw it."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    if len(hops) < count:
        # Fewer hops than proxies: the request did not come through all of them, so
        # no entry can be trusted; the peer is the best we know.
        return remote
    address = _address(hops[-count])
    # A proxy that writes something that is not an address is misconfigured; the
    # peer (the proxy) is then the conservative choice: one shared bucket.
    return str(address) if address else remote


def client_ip_bucket(request: HttpRequest) -> str:
    """The address that limits count against: the client's IPv4 address, or its IPv6
    /64 network (one subscriber usually holds a whole /64), as a plain address."""
    address = _address(client_ip(request))
    if address is None:
        return client_ip(request)
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def is_internal(request: HttpRequest) -> bool:
    """Whether the client's address is in INTERNAL_NETWORKS (loopback and private
    ranges by default): monitoring inside the platform, not the internet."""
    address = _address(client_ip(request))
    if address is None:
        return False
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return any(
        address in ipaddress.ip_network(network, strict=False)
        for network in settings.INTERNAL_NETWORKS
    )
