from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from workflow.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("inloggen/", auth_views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("beheer/", admin.site.urls),
    # Before workflow's: its notas/<pk>/<actie>/ would also match notas/<pk>/pdf/.
    path("", include("letters.urls")),
    path("", include("workflow.urls")),
]
