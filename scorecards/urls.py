from django.urls import path

from scorecards import views

urlpatterns = [
    path("pluimen/", views.ranking, name="ranking"),
    path("pluimen/methode/", views.score_method, name="score_method"),
]
