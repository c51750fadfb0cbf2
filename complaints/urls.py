from django.urls import path

from complaints import views, views_account, views_conversation, views_documents, views_portal

urlpatterns = [
    path("klacht-indienen/", views.wizard_start, name="wizard_start"),
    path("klacht-indienen/schrijfhulp/", views.writing_aid, name="writing_aid"),
    path("klacht-indienen/bedrijf/<int:company_id>/", views.wizard_scope, name="wizard_scope"),
    path("klacht-indienen/<int:pk>/klacht/", views.wizard_text, name="wizard_text"),
    path("klacht-indienen/<int:pk>/besloten/", views.wizard_private, name="wizard_private"),
    path("klacht-indienen/<int:pk>/controleren/", views.wizard_review, name="wizard_review"),
    path(
        "klacht-indienen/<int:pk>/bijlage/<uuid:attachment_id>/verwijderen/",
        views.remove_attachment,
        name="remove_attachment",
    ),
    path(
        "klacht-indienen/<int:pk>/contact/<int:entry_id>/verwijderen/",
        views.remove_contact,
        name="remove_contact",
    ),
    path("mijn-klachten/", views.my_complaints, name="my_complaints"),
    path("mijn-klachten/<int:pk>/intrekken/", views.withdraw, name="withdraw"),
    path("mijn-klachten/<int:pk>/bewijs/", views.add_evidence, name="add_evidence"),
    path("mijn-klachten/<int:pk>/verwijderen/", views.delete_draft, name="delete_draft"),
    path("bijlagen/<uuid:attachment_id>/", views.download_attachment, name="attachment"),
    path("klachten/<int:pk>/reageren/", views_conversation.react, name="react"),
    path("klachten/<int:pk>/opgelost/", views_conversation.mark_solved, name="mark_solved"),
    path("klachten/<int:pk>/beoordelen/", views_conversation.rate, name="rate"),
    path("klachten/<int:pk>/voorstel/", views_conversation.offer_new, name="offer_new"),
    path(
        "klachten/<int:pk>/voorstellen/<int:offer_id>/aannemen/",
        views_conversation.offer_accept,
        name="offer_accept",
    ),
    path(
        "klachten/<int:pk>/voorstellen/<int:offer_id>/afwijzen/",
        views_conversation.offer_decline,
        name="offer_decline",
    ),
    path(
        "klachten/<int:pk>/voorstellen/<int:offer_id>/uitgevoerd/",
        views_conversation.offer_carried_out,
        name="offer_carried_out",
    ),
    path(
        "klachten/<int:pk>/voorstellen/<int:offer_id>/niet-uitgevoerd/",
        views_conversation.offer_not_carried_out,
        name="offer_not_carried_out",
    ),
    path("reacties/<int:reaction_id>/melden/", views_conversation.report, name="report_reaction"),
    path("klachten/<int:pk>/termijn.ics", views_documents.term_calendar, name="term_calendar"),
    path("mijn-klachten/<int:pk>/brief/", views_documents.letter, name="letter"),
    path(
        "mijn-klachten/<int:pk>/brief.<str:fmt>",
        views_documents.letter_format,
        name="letter_format",
    ),
    path("mijn-klachten/<int:pk>/dossier.pdf", views_documents.case_pack, name="case_pack"),
    path("bedrijfsportaal/", views_portal.portal, name="portal"),
    path("mijn-gegevens/", views_account.my_data, name="my_data"),
    path("mijn-gegevens/download/", views_account.download_data, name="download_data"),
    path("mijn-gegevens/account-verwijderen/", views_account.erase_account, name="erase_account"),
    path("account-verwijderd/", views_account.account_erased, name="account_erased"),
]
