from django.urls import path

from . import views

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
]
