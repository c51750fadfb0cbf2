"""Who is knocking, for the login doors: django-axes' account key and per-address limit,
and allauth's view of the client's address.

Every door authenticates differently: allauth's form with email= or username=, the
Wagtail and Django admin with username= (allauth's backend also takes an e-mail address
there). django-axes would store each under whatever field it was told to read, so
failures for one account spread over several keys (or none: None). account_key()
brings every identifier back to the account it names, so all of them count together.
"""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Sum

from core.client_ip import client_ip, client_ip_bucket

# The names under which the doors pass the identifier, in credentials or in the form.
IDENTIFIER_FIELDS = ("username", "email", "login")


def _identifier(request, credentials) -> str:
    if credentials:
        values = [credentials.get(field) for field in IDENTIFIER_FIELDS]
    else:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        values = [data.get(field) for field in IDENTIFIER_FIELDS]
    return next((str(v).strip() for v in values if v and str(v).strip()), "")


def _account(identifier: str):
    """The one account an identifier names (e-mail address or user name, any case),
    the way the login backends would find it; None when there is none."""
    from allauth.account.models import EmailAddress

    users = get_user_model().objects
    if "@" in identifier:
        address = EmailAddress.objects.filter(email__iexact=identifier).first()
        if address is not None:
            return address.user
        found = list(users.filter(email__iexact=identifier)[:2])
        if len(found) == 1:
            return found[0]
    try:
        return users.get(username=identifier)
    except users.model.DoesNotExist:
        found = list(users.filter(username__iexact=identifier)[:2])
        return found[0] if len(found) == 1 else None


def account_key(request, credentials=None) -> str | None:
    """AXES_USERNAME_CALLABLE: the account's user name for any identifier of it, or the
    case-folded identifier itself when no account has it (guesses at unknown names are
    counted too, and look the same to the guesser)."""
    identifier = _identifier(request, credentials)
    if not identifier:
        return None
    user = _account(identifier)
    if user is not None:
        return user.get_username()
    # ':' is not allowed in user names, so this never collides with an account's key.
    return "unknown:" + identifier.casefold()[:200]


class AccountAndAddressHandler(AxesDatabaseHandler):
    """django-axes' database handler with two limits instead of one.

    AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"] locks an account and an
    address separately, but axes compares both counts with one AXES_FAILURE_LIMIT. An
    address is allowed more (AXES_IP_FAILURE_LIMIT): failures of the people behind one
    office or provider address add up there, and must not lock out the next person.
    get_failures() reports the address' count in units of the account limit, so axes'
    single comparison (failures >= AXES_FAILURE_LIMIT) applies both limits exactly."""

    def get_failures(self, request, credentials=None) -> int:
        recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))

        def total(attempts) -> int:
            return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0

        key = get_client_username(request, credentials)
        by_account = total(recent.filter(username=key)) if key else 0
        by_address = total(recent.filter(ip_address=request.axes_ip_address))
        limit = settings.AXES_FAILURE_LIMIT
        return max(by_account, by_address * limit // settings.AXES_IP_FAILURE_LIMIT)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful login forgives the account's failures, not the address': one
        attacker's own account must not wipe the count of a spray from their address."""
        key = get_client_username(request, credentials)
        if not key:
            return 0
        count, _ = AccessAttempt.objects.filter(username=key).delete()
        return count


def axes_client_ip(request) -> str:
    """AXES_CLIENT_IP_CALLABLE: the client's address (its /64 for IPv6), behind the
    trusted proxies."""
    return client_ip_bucket(request)


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        """allauth's rate limits (sign-up, failed logins, password reset) count per
        client address behind the trusted proxies, like everything else."""
        return client_ip(request)
