from django.utils.translation import gettext_lazy as _
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
    list_display = ["company_name", "city", "kvk_number", "status", "created_at"]
    list_filter = ["status"]
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
