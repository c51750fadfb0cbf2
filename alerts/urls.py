from django.urls import path

from alerts import views

app_name = "alerts"

urlpatterns = [
    path("volgen/bedrijf/<slug:slug>/", views.follow_company, name="follow_company"),
    path("volgen/zoekopdracht/", views.follow_search, name="follow_search"),
    path("bevestigen/<str:token>/", views.confirm, name="confirm"),
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("mijn-meldingen/", views.mine_request, name="mine_request"),
    path("mijn-meldingen/<str:token>/", views.mine, name="mine"),
    path("bedrijf/", views.representative, name="representative"),
]
