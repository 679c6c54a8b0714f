from django.urls import path

from . import register_views, views, views_routes

urlpatterns = [
    path("", views.home, name="home"),
    path("profiel/", views.profile, name="profile"),
    path("kalender/", views.agenda, name="agenda"),
    path("agenda/<uuid:token>.ics", views.ical_feed, name="ical_feed"),
    path("notas/nieuw/", views.nota_new, name="nota_new"),
    path("routesjablonen/", views_routes.routesjabloon_list, name="routesjabloon_list"),
    path("routesjablonen/nieuw/", views_routes.routesjabloon_create, name="routesjabloon_create"),
    path("routesjablonen/<int:pk>/", views_routes.routesjabloon_edit, name="routesjabloon_edit"),
    path(
        "routesjablonen/<int:pk>/deactiveren/",
        views_routes.routesjabloon_deactivate,
        name="routesjabloon_deactivate",
    ),
    path(
        "routesjablonen/<int:pk>/activeren/",
        views_routes.routesjabloon_activate,
        name="routesjabloon_activate",
    ),
    path("notas/<int:pk>/", views.nota_detail, name="nota_detail"),
    path("notas/<int:pk>/bewerken/", views.nota_edit, name="nota_edit"),
    path("brieven/<int:pk>/", views.kamerbrief_detail, name="kamerbrief_detail"),
    path("brieven/<int:pk>/<slug:actie>/", views.kamerbrief_action, name="kamerbrief_action"),
    path("notas/<int:pk>/koppelingen/", register_views.nota_link, name="nota_link"),
    path(
        "notas/<int:pk>/koppelingen/<int:koppeling>/ontkoppelen/",
        register_views.nota_unlink,
        name="nota_unlink",
    ),
    path("notas/<int:pk>/volgen/", views.nota_follow, name="nota_follow"),
    path("notas/<int:pk>/<slug:actie>/", views.nota_action, name="nota_action"),
    path("toezeggingen/", register_views.toezegging_list, name="toezegging_list"),
    path("toezeggingen/nieuw/", register_views.toezegging_create, name="toezegging_create"),
    path("toezeggingen/<int:pk>/", register_views.toezegging_detail, name="toezegging_detail"),
    path("toezeggingen/<int:pk>/wijzigen/", register_views.toezegging_edit, name="toezegging_edit"),
    path(
        "toezeggingen/<int:pk>/<slug:actie>/",
        register_views.toezegging_action,
        name="toezegging_action",
    ),
    path("moties/", register_views.motie_list, name="motie_list"),
    path("moties/nieuw/", register_views.motie_create, name="motie_create"),
    path("moties/<int:pk>/", register_views.motie_detail, name="motie_detail"),
    path("moties/<int:pk>/wijzigen/", register_views.motie_edit, name="motie_edit"),
    path("moties/<int:pk>/<slug:actie>/", register_views.motie_action, name="motie_action"),
    path("register/<slug:kind>.<slug:fmt>", register_views.register_export, name="register_export"),
]
