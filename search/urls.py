from django.urls import path, re_path

from search import views

urlpatterns = [
    path("zoeken/", views.search_page, name="search"),
    path("api/v2/complaints/search/", views.search_api, name="search_api"),
    path("api/v2/complaints/export.<str:fmt>", views.export, name="export"),
    path("api/v2/companies/autocomplete/", views.autocomplete_api, name="autocomplete"),
    # Any segment, so that even a malformed slug gets the API's JSON 404, not a page.
    re_path(
        r"^api/v2/companies/(?P<slug>[^/]*)/problems/$",
        views.company_problems_api,
        name="company_problems",
    ),
    path("api/v2/search/suggest/", views.suggest_api, name="search_suggest"),
    path("api/v2/openapi.json", views.openapi, name="openapi"),
]
