from django.urls import path

from . import views

urlpatterns = [
    path("programmas/", views.programma_list, name="programma_list"),
    path("programmas/<int:pk>/", views.programma_detail, name="programma_detail"),
    path("programmas/<int:pk>/maatregelen.xlsx", views.maatregelen_xlsx, name="maatregelen_xlsx"),
    path(
        "programmas/<int:pk>/maatregelen/importeren/",
        views.maatregelen_import,
        name="maatregelen_import",
    ),
    path("programmas/rondes/<int:pk>/", views.ronde_detail, name="ronde_detail"),
    path("programmas/rondes/<int:pk>/rapportage.pdf", views.ronde_pdf, name="ronde_pdf"),
    path("programmas/rondes/<int:pk>/rapportage.docx", views.ronde_docx, name="ronde_docx"),
    path("programmas/rondes/<int:pk>/vragen/", views.ronde_vragen, name="ronde_vragen"),
    path("programmas/rondes/<int:pk>/bijvoegen/", views.ronde_attach, name="ronde_attach"),
    path("programmas/bijdragen/<int:pk>/", views.bijdrage_detail, name="bijdrage_detail"),
    path("programmas/bijdragen/<int:pk>/indienen/", views.bijdrage_submit, name="bijdrage_submit"),
    path(
        "programmas/bijdragen/<int:pk>/beoordelen/",
        views.bijdrage_review,
        name="bijdrage_review",
    ),
]
