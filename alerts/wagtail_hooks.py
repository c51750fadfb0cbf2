"""The administrators' read-only list of subscriptions (with a delete): addresses are
personal data, so moderators and editors do not see it, and it is searched only by a
whole address, never browsed by part of one."""

import django_filters
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from alerts.models import Subscription


class AdministratorsMayViewAndDelete(BasePermissionPolicy):
    """Superusers may list, inspect and delete; nobody adds or edits here (a
    subscription starts with the follower's own confirmation)."""

    ACTIONS = ("view", "delete")

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.is_superuser and action in self.ACTIONS)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True, is_superuser=True)
        return users if set(actions) & set(self.ACTIONS) else users.none()


register_permission_policy(Subscription, AdministratorsMayViewAndDelete(Subscription))


class SubscriptionFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Soort"), choices=Subscription.Kind.choices)
    confirmed = django_filters.BooleanFilter(
        label=_("Bevestigd"), field_name="confirmed_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Subscription
        fields = []


class SubscriptionIndexView(IndexView):
    def search_queryset(self, queryset):
        # The whole address (any capitals), not a part of it.
        if not self.is_searching:
            return queryset
        return queryset.filter(email__iexact=self.search_query.strip())


class SubscriptionViewSet(ModelViewSet):
    model = Subscription
    icon = "mail"
    menu_label = _("Abonnementen")
    menu_order = 330
    add_to_admin_menu = True
    index_view_class = SubscriptionIndexView
    list_display = [
        "email",
        "kind",
        "company",
        "query",
        "confirmed_at",
        "created_at",
        "last_sent_at",
    ]
    filterset_class = SubscriptionFilterSet
    search_fields = ["email"]
    inspect_view_enabled = True
    inspect_view_fields = ["email", "kind", "company", "query", "confirmed_at", "created_at"]
    copy_view_enabled = False
    # No add or edit view is allowed (the permission policy); the form is never shown.
    form_fields = []
    ordering = ["-created_at"]


@hooks.register("register_admin_viewset")
def register_subscriptions():
    return SubscriptionViewSet("subscriptions")
