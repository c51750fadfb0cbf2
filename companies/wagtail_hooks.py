from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from companies.models import CompanyRepresentative, CompanyRequest


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


class CompaniesGroup(ModelAdminGroup):
    menu_label = _("Bedrijven")
    menu_icon = "group"
    menu_order = 310
    items = [CompanyRepresentativeAdmin, CompanyRequestAdmin]


modeladmin_register(CompaniesGroup)
