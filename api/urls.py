from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter(trailing_slash=False)
router.register("notas", views.NotaViewSet, basename="nota")
router.register("kamerbrieven", views.KamerbriefViewSet, basename="kamerbrief")
router.register("toezeggingen", views.ToezeggingViewSet, basename="toezegging")
router.register("moties", views.MotieViewSet, basename="motie")
router.register(
    "afstemmingsverzoeken", views.AfstemmingsverzoekViewSet, basename="afstemmingsverzoek"
)

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("werkvoorraad", views.WerkvoorraadView.as_view(), name="werkvoorraad"),
    *router.urls,
]
