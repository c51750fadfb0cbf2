from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from companies.models import CompanyRepresentative, CompanyRequest, OutOfScopeName


class CompanyRepresentativeAdmin(ModelAdmin):
    model = CompanyRepresentative
    menu_label = _("Vertegenwoordigers")
    menu_icon = "user"
    list_display = ["user", "company", "job_title", "created_at"]
    list_filter = ["company"]
    search_fields = ["user__username", "user__email", "company__title"]


class CompanyRequestAdmin(ModelAdmin):
    model = CompanyRequest
    menu_label = _("Aanmeldingen")
    menu_icon = "mail"
    list_display = [
        "company_name",
        "city",
        "kvk_number",
        "wants_to_represent",
        "status",
        "created_at",
    ]
    list_filter = ["status", "wants_to_represent"]
    search_fields = ["company_name", "kvk_number", "city"]


class OutOfScopeNameAdmin(ModelAdmin):
    model = OutOfScopeName
    menu_label = _("Namen buiten het bereik")
    menu_icon = "warning"
    list_display = ["name", "case", "match", "note"]
    list_filter = ["case", "match"]
    search_fields = ["name", "note"]


class CompaniesGroup(ModelAdminGroup):
    menu_label = _("Bedrijven")
    menu_icon = "group"
    menu_order = 310
    items = [CompanyRepresentativeAdmin, CompanyRequestAdmin, OutOfScopeNameAdmin]


modeladmin_register(CompaniesGroup)


class ClaimsMenuItem(MenuItem):
    """ "Bedrijfsclaims", with the number waiting, for moderators only."""

    def is_shown(self, request):
        from companies.admin_claims import is_moderator

        return is_moderator(request.user)

    def render_component(self, request):
        from companies.admin_claims import waiting_claims

        count = waiting_claims().count()
        self.label = (
            _("Bedrijfsclaims (%(count)d)") % {"count": count} if count else _("Bedrijfsclaims")
        )
        return super().render_component(request)


@hooks.register("register_admin_urls")
def register_claim_urls():
    from companies.admin_claims import urlpatterns

    return urlpatterns


@hooks.register("register_admin_menu_item")
def register_claims_menu_item():
    return ClaimsMenuItem(
        _("Bedrijfsclaims"),
        reverse_lazy("company_claims"),
        name="bedrijfsclaims",
        icon_name="user",
        order=160,
    )
