"""The account adapter: core's (client addresses for allauth's rate limits) plus where a
person lands after signing in. It lives here, not in core, because it asks whether the
user speaks for a company, and core may not import companies."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from companies.models import CompanyRepresentative
from core.accounts import AccountAdapter as CoreAccountAdapter


class AccountAdapter(CoreAccountAdapter):
    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """A representative lands on the company portal, a moderator or editor in the
        admin, everyone else on "Mijn klachten" (LOGIN_REDIRECT_URL). allauth asks this
        only when there is no safe `next`: a `next` always wins."""
        user = request.user
        if CompanyRepresentative.objects.filter(user=user).exists():
            return reverse("portal")
        if user.has_perm("wagtailadmin.access_admin"):
            return reverse("wagtailadmin_home")
        return super().get_login_redirect_url(request)
