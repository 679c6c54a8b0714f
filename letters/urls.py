from django.urls import path

from . import views, views_afstemming, views_brief

# Include these before workflow.urls: its `notas/<pk>/<actie>/` and `brieven/<pk>/<actie>/`
# would otherwise take `pdf/`.
urlpatterns = [
    path("notas/<int:pk>/pdf/", views.nota_pdf, name="nota_pdf"),
    path(
        "notas/<int:pk>/parafenblad.pdf",
        views.nota_parafenblad_pdf,
        name="nota_parafenblad_pdf",
    ),
    path("notas/<int:pk>/woo-export.zip", views.nota_woo_export, name="nota_woo_export"),
    path("brieven/<int:pk>/pdf/", views.kamerbrief_pdf, name="kamerbrief_pdf"),
    path("brieven/<int:pk>/brief.docx", views.kamerbrief_docx, name="kamerbrief_docx"),
    path(
        "brieven/<int:pk>/docx-uploaden/",
        views.kamerbrief_docx_upload,
        name="kamerbrief_docx_upload",
    ),
    # Managing the afstemming: co-signers added or dropped, an office reminded now.
    path(
        "brieven/<int:pk>/medeondertekenaars/toevoegen/",
        views_afstemming.cosigner_add,
        name="kamerbrief_cosigner_add",
    ),
    path(
        "brieven/<int:pk>/medeondertekenaars/<int:bewindspersoon>/laten-vallen/",
        views_afstemming.cosigner_drop,
        name="kamerbrief_cosigner_drop",
    ),
    path(
        "brieven/<int:pk>/afstemming/<int:verzoek>/herinneren/",
        views_afstemming.office_remind,
        name="afstemming_remind",
    ),
    # The letter's life in the web UI (letters/views_brief.py).
    path("notas/<int:pk>/brief-opstellen/", views_brief.kamerbrief_nieuw, name="kamerbrief_nieuw"),
    path(
        "brieven/<int:pk>/schrijven/", views_brief.kamerbrief_schrijven, name="kamerbrief_schrijven"
    ),
    path(
        "brieven/<int:pk>/schrijven/concept/",
        views_brief.kamerbrief_concept,
        name="kamerbrief_concept",
    ),
    path(
        "brieven/<int:pk>/verschillen/",
        views_brief.kamerbrief_verschillen,
        name="kamerbrief_verschillen",
    ),
    path(
        "brieven/<int:pk>/afstemming-starten/",
        views_brief.kamerbrief_afstemming_starten,
        name="kamerbrief_afstemming_starten",
    ),
    path(
        "brieven/<int:pk>/ondertekenen/bevestigen/",
        views_brief.kamerbrief_ondertekenen_bevestigen,
        name="kamerbrief_ondertekenen_bevestigen",
    ),
    path(
        "brieven/<int:pk>/verzenden/bevestigen/",
        views_brief.kamerbrief_verzenden_bevestigen,
        name="kamerbrief_verzenden_bevestigen",
    ),
    path(
        "brieven/<int:pk>/publicatie/",
        views_brief.kamerbrief_publicatie,
        name="kamerbrief_publicatie",
    ),
    path(
        "brieven/<int:pk>/intrekken/", views_brief.kamerbrief_intrekken, name="kamerbrief_intrekken"
    ),
    # Bijlagen of a nota and of a letter: the list, and per bijlage its versions.
    path("notas/<int:pk>/bijlagen/", views.nota_bijlagen, name="nota_bijlagen"),
    path(
        "notas/<int:pk>/bijlagen/<int:bijlage>/vervangen/",
        views.nota_bijlage_vervangen,
        name="nota_bijlage_vervangen",
    ),
    path(
        "notas/<int:pk>/bijlagen/<int:bijlage>/intrekken/",
        views.nota_bijlage_intrekken,
        name="nota_bijlage_intrekken",
    ),
    path(
        "notas/<int:pk>/bijlagen/<int:bijlage>/versies/<int:nummer>/",
        views.nota_bijlage_download,
        name="nota_bijlage_download",
    ),
    path("brieven/<int:pk>/bijlagen/", views.kamerbrief_bijlagen, name="kamerbrief_bijlagen"),
    path(
        "brieven/<int:pk>/bijlagen/<int:bijlage>/vervangen/",
        views.kamerbrief_bijlage_vervangen,
        name="kamerbrief_bijlage_vervangen",
    ),
    path(
        "brieven/<int:pk>/bijlagen/<int:bijlage>/intrekken/",
        views.kamerbrief_bijlage_intrekken,
        name="kamerbrief_bijlage_intrekken",
    ),
    path(
        "brieven/<int:pk>/bijlagen/<int:bijlage>/versies/<int:nummer>/",
        views.kamerbrief_bijlage_download,
        name="kamerbrief_bijlage_download",
    ),
]
