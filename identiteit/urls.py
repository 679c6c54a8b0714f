from django.urls import path

from . import views

urlpatterns = [
    path("auditlog/", views.audit_list, name="auditlog"),
    path("auditlog/export.csv", views.audit_export, name="auditlog_export"),
    path("profiel/sessies/", views.sessies, name="sessies"),
]
