"""Rate limits on the shared counter cache (CACHES["ratelimit"], memcached), counted
in a sliding window.

Fixed windows (django-ratelimit) let a client spend one window's allowance at its end
and the next one's at its start: twice the limit within seconds. Here a limit's period
is cut into SLICES slices with one atomic counter each; a request is allowed when the
slices that overlap the last period hold fewer than `limit` allowed requests. Those
slices cover the whole period and at most one slice more, so no span of one period
ever holds more than `limit` allowed requests, and a client that used its allowance
gets it back gradually, one slice at a time. A refused request is taken back off its
counter: refusals do not keep a client out for longer.

When the cache cannot be reached, each limit does what its `fail_open` says: reads
(search, autocomplete) go on without a limit, writes are refused with a Dutch 503
("tijdelijk niet mogelijk") rather than let unlimited writes through.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.core.cache import caches
from django.http import HttpRequest

from core.client_ip import client_ip_bucket

logger = logging.getLogger(__name__)

CACHE_ALIAS = "ratelimit"
SLICES = 10
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
ALL = None


class LimiterUnavailable(Exception):
    """The counters cannot be read or written (memcached down)."""


@dataclass(frozen=True)
class Rate:
    limit: int
    period: int  # seconds

    @classmethod
    def parse(cls, text: str) -> Rate:
        """ "120/m", "10/d", "5/10m", "3/30s"."""
        match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*", text)
        if not match:
            raise ValueError(f"not a rate: {text!r} (use e.g. 120/m, 10/d or 5/10m)")
        count, multiple, unit = match.groups()
        return cls(int(count), int(multiple or 1) * UNITS[unit])

    @property
    def width(self) -> int:
        return max(1, self.period // SLICES)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: int = 0  # seconds until the client may try again, when refused


def _is_count(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def hit(group: str, key: str, rate: Rate) -> Decision:
    """Count one request for (group, key) and say whether it is within `rate`.
    Raises LimiterUnavailable when the counters cannot be reached."""
    cache = caches[CACHE_ALIAS]
    now = time.time()
    width = rate.width
    current = int(now // width)
    first = int((now - rate.period) // width)  # the oldest slice the last period touches
    digest = hashlib.sha256(f"{group}\0{key}".encode()).hexdigest()[:32]
    names = {i: f"rl:{digest}:{rate.period}:{i}" for i in range(first, current + 1)}
    try:
        try:
            mine = cache.incr(names[current])
        except ValueError:  # no counter yet for this slice
            mine = 1 if cache.add(names[current], 1, rate.period + 2 * width) else None
            if mine is None:
                mine = cache.incr(names[current])
        earlier = cache.get_many([names[i] for i in range(first, current)])
    except Exception as exc:  # any failure of the cache client means "cannot count"
        raise LimiterUnavailable(str(exc)) from exc
    if not _is_count(mine):
        # pymemcache answers a default instead of raising while it retries a server.
        raise LimiterUnavailable("the counter cache gave no count")
    counts = {i: earlier.get(names[i], 0) for i in range(first, current)}
    counts = {i: c if _is_count(c) else 0 for i, c in counts.items()}
    used = sum(counts.values()) + mine
    if used <= rate.limit:
        return Decision(True)
    with contextlib.suppress(Exception):  # at worst this refusal counts too
        cache.decr(names[current])
    return Decision(False, _retry_after(now, rate, counts, used - 1))


def _retry_after(now: float, rate: Rate, counts: dict[int, int], allowed: int) -> int:
    """Seconds until enough old slices have left the window to make room for one."""
    needed = allowed - rate.limit + 1
    freed = 0
    leaves_at = None
    for index in sorted(counts):
        freed += counts[index]
        if freed >= needed:
            leaves_at = (index + 1) * rate.width + rate.period
            break
    if leaves_at is None:  # the current slice alone is full
        leaves_at = (int(now // rate.width) + 1) * rate.width + rate.period
    return max(1, math.ceil(leaves_at - now))


# Keys ---------------------------------------------------------------------------------


def _user_or_ip(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{client_ip_bucket(request)}"


KEYS: dict[str, Callable[[HttpRequest], str]] = {
    "ip": lambda request: f"ip:{client_ip_bucket(request)}",
    # "user" falls back to the address for anonymous requests (login_required views
    # send those away before the limit is asked).
    "user": _user_or_ip,
    "user_or_ip": _user_or_ip,
    "global": lambda request: "global",
}


def ratelimit(
    *,
    key: str | Callable[[HttpRequest], str],
    rate: str | Callable[[str, HttpRequest], str],
    fail_open: bool,
    group: str | None = None,
    method: str | tuple[str, ...] | None = ALL,
):
    """Refuse requests over `rate` per `key` with a Dutch 429 and Retry-After.

    key: "ip" (the client's address, core.client_ip), "user", "user_or_ip", "global"
    (one count for everyone) or a callable(request) -> str.
    rate: "N/period" or a callable(group, request) -> str, read on every request so
    that settings can change it.
    fail_open: what happens when the counters cannot be reached: True lets the request
    through (reads), False refuses it with a 503 (writes). No default: each limit decides.
    group: requests of views with the same group share their counts (default: the view).
    method: the HTTP method(s) that count; others pass untouched (default: all).
    Stack the decorator for several limits on one view."""
    methods = (method,) if isinstance(method, str) else method
    key_function = KEYS[key] if isinstance(key, str) else key

    def decorator(view):
        name = group or f"{view.__module__}.{view.__qualname__}"

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if methods is None or request.method in methods:
                refusal = check(request, name, key_function(request), rate, fail_open)
                if refusal is not None:
                    return refusal
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def check(request, group: str, key: str, rate, fail_open: bool):
    """None when the request may go on, else the response that refuses it."""
    from core.views import limits_unavailable, rate_limited

    text = rate(group, request) if callable(rate) else rate
    try:
        decision = hit(group, key, Rate.parse(text))
    except LimiterUnavailable as exc:
        logger.warning(
            "rate limit %s: counters unavailable (%s), %s",
            group,
            exc,
            "letting the request through" if fail_open else "refusing the request",
        )
        return None if fail_open else limits_unavailable(request)
    if decision.allowed:
        return None
    return rate_limited(request, decision.retry_after)
