from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("profiel/", views.profile, name="profile"),
    path("agenda/<uuid:token>.ics", views.ical_feed, name="ical_feed"),
    path("notas/nieuw/", views.nota_new, name="nota_new"),
    path("notas/<int:pk>/", views.nota_detail, name="nota_detail"),
    path("notas/<int:pk>/bewerken/", views.nota_edit, name="nota_edit"),
    path("brieven/<int:pk>/", views.kamerbrief_detail, name="kamerbrief_detail"),
    path("brieven/<int:pk>/<slug:actie>/", views.kamerbrief_action, name="kamerbrief_action"),
    path("notas/<int:pk>/<slug:actie>/", views.nota_action, name="nota_action"),
]
