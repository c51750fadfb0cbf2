from django.urls import path

from scorecards import views

urlpatterns = [
    path("pluimen/", views.ranking, name="ranking"),
    path("pluimen/methode/", views.score_method, name="score_method"),
    path("api/v2/scores/monthly.<str:fmt>", views.monthly_scores, name="monthly_scores"),
]
