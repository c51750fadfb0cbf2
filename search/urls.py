from django.urls import path

from search import views

urlpatterns = [
    path("zoeken/", views.search_page, name="search"),
    path("api/v2/complaints/search/", views.search_api, name="search_api"),
    path("api/v2/complaints/export.<str:fmt>", views.export, name="export"),
    path("api/v2/companies/autocomplete/", views.autocomplete_api, name="autocomplete"),
    path(
        "api/v2/companies/<slug:slug>/problems/",
        views.company_problems_api,
        name="company_problems",
    ),
    path("api/v2/search/suggest/", views.suggest_api, name="search_suggest"),
    path("api/v2/openapi.json", views.openapi, name="openapi"),
]
