from django.urls import path

from companies import views_manage

urlpatterns = [
    path("bedrijfsbeheer/", views_manage.manage_index, name="manage_index"),
    path(
        "bedrijfsbeheer/claimen/<int:company_id>/",
        views_manage.claim_start,
        name="claim_start",
    ),
    path(
        "bedrijfsbeheer/bevestigen/<str:token>/",
        views_manage.claim_verify,
        name="claim_verify",
    ),
    path(
        "bedrijfsbeheer/uitnodiging/<str:token>/",
        views_manage.invitation_accept,
        name="invitation_accept",
    ),
    path(
        "bedrijfsbeheer/<int:company_id>/collegas/uitnodigen/",
        views_manage.colleague_invite,
        name="colleague_invite",
    ),
    path(
        "bedrijfsbeheer/<int:company_id>/collegas/uitnodigingen/<int:invitation_id>/intrekken/",
        views_manage.colleague_invitation_withdraw,
        name="colleague_invitation_withdraw",
    ),
    path("bedrijfsbeheer/<int:company_id>/", views_manage.company_manage, name="company_manage"),
    path(
        "bedrijfsbeheer/<int:company_id>/klantenservice/",
        views_manage.customer_service,
        name="company_customer_service",
    ),
    path(
        "bedrijfsbeheer/<int:company_id>/klachtcontact/",
        views_manage.contact_addresses,
        name="company_contact_addresses",
    ),
    path(
        "bedrijfsbeheer/<int:company_id>/sjablonen/",
        views_manage.reply_template_add,
        name="reply_template_add",
    ),
    path(
        "bedrijfsbeheer/<int:company_id>/sjablonen/<int:template_id>/verwijderen/",
        views_manage.reply_template_delete,
        name="reply_template_delete",
    ),
    path(
        "bedrijfsbeheer/<int:company_id>/collegas/<int:representative_id>/verwijderen/",
        views_manage.colleague_remove,
        name="colleague_remove",
    ),
]
