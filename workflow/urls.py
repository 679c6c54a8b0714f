from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("profiel/", views.profile, name="profile"),
    path("agenda/<uuid:token>.ics", views.ical_feed, name="ical_feed"),
    path("notas/<int:pk>/", views.nota_detail, name="nota_detail"),
    path("notas/<int:pk>/<slug:actie>/", views.nota_action, name="nota_action"),
]
