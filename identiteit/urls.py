from django.urls import path

from . import oidc, views, views_tweefactor

urlpatterns = [
    path("auditlog/", views.audit_list, name="auditlog"),
    path("auditlog/export.csv", views.audit_export, name="auditlog_export"),
    path("profiel/sessies/", views.sessies, name="sessies"),
]

urlpatterns += [
    path("tweefactor/", views_tweefactor.controleren, name="tweefactor"),
    path("tweefactor/instellen/", views_tweefactor.instellen, name="tweefactor_instellen"),
    path("tweefactor/herstelcodes/", views_tweefactor.herstelcodes, name="tweefactor_herstelcodes"),
]

urlpatterns += [
    path("oidc/inloggen/", oidc.InloggenView.as_view(), name="oidc_authentication_init"),
    path("oidc/callback/", oidc.CallbackView.as_view(), name="oidc_authentication_callback"),
]
