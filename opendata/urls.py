from django.urls import path

from opendata import views

urlpatterns = [
    path("open-data/", views.open_data_page, name="open_data"),
    path("open-data/<str:filename>", views.open_data_file, name="open_data_file"),
    path("bedrijven/<slug:company>/feed/", views.company_feed, name="company_feed"),
    path("zoeken/feed/", views.search_feed, name="search_feed"),
]
