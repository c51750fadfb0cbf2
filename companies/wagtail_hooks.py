from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from companies.models import CompanyRepresentative, CompanyRequest, Sector
from complaints.models import Topic


class SectorAdmin(ModelAdmin):
    model = Sector
    menu_icon = "folder-open-inverse"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ("name",)}


class TopicAdmin(ModelAdmin):
    model = Topic
    menu_icon = "tag"
    list_display = ["name", "slug", "sectors_label", "sort_order"]
    list_filter = ["sectors"]
    search_fields = ["name"]

    @staticmethod
    def sectors_label(topic):
        return ", ".join(s.name for s in topic.sectors.all()) or _("algemeen")

    sectors_label.short_description = _("sectoren")  # type: ignore[attr-defined]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("sectors")


class ClassificationGroup(ModelAdminGroup):
    menu_label = _("Sectoren en onderwerpen")
    menu_icon = "folder-open-1"
    menu_order = 300
    items = [SectorAdmin, TopicAdmin]


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


modeladmin_register(ClassificationGroup)
modeladmin_register(CompaniesGroup)
