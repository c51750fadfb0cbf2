from django.urls import path

from search import views

urlpatterns = [
    path("zoeken/", views.search_page, name="search"),
    path("api/v2/complaints/search/", views.search_api, name="search_api"),
]
