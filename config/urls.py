from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from api.profile import tokens as api_tokens
from identiteit.views import InlogView, UitlogView
from workflow.views.algemeen import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("inloggen/", InlogView.as_view(), name="login"),
    path("uitloggen/", UitlogView.as_view(), name="logout"),
    path("beheer/", admin.site.urls),
    path("taal/", set_language, name="set_language"),
    path("api/v1/", include("api.urls")),
    # Programmes in the API live in programma (the layers keep api and programma apart).
    path("api/v1/", include("programma.api")),
    path("profiel/api-sleutels/", api_tokens, name="api_tokens"),
    path("", include("identiteit.urls")),
    path("", include("programma.urls")),
    path("", include("workflow.urls")),
]

if getattr(settings, "PARAFEER_BENCH_FLOOR", False):
    # bench/run's floor (config/settings/bench.py only).
    from config.bench_floor import floor

    urlpatterns.append(path("bench/floor/", floor, name="bench_floor"))
