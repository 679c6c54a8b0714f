"""Every page of Parafeer but the login, the admin and the API (config/urls.py)."""

from django.urls import path, register_converter

from workflow.views import (
    afstemming,
    algemeen,
    bestanden,
    kamerbrief,
    nota,
    overzicht,
    register,
    routes,
    zoeken,
)


class _Acties:
    """Matches only the actions a view knows, so `notas/<pk>/<actie>/` never takes another page's
    address (`notas/<pk>/pdf/`) and the order of the patterns below does not matter."""

    codes: frozenset[str] = frozenset()

    def __init__(self):
        self.regex = "|".join(sorted(self.codes, key=lambda code: (-len(code), code)))

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class NotaActie(_Acties):
    codes = frozenset(nota.SERVICES) | {keuze.code for keuze in nota.KEUZES}


class BriefActie(_Acties):
    codes = frozenset(kamerbrief.KAMERBRIEF_ACTIES) | {
        kamerbrief.ANTWOORD_KEUZE,
        *kamerbrief.ANTWOORDEN,
    }


class ToezeggingActie(_Acties):
    codes = frozenset(register.TOEZEGGING_ACTIONS)


class MotieActie(_Acties):
    codes = frozenset(register.MOTIE_ACTIONS)


register_converter(NotaActie, "nota_actie")
register_converter(BriefActie, "brief_actie")
register_converter(ToezeggingActie, "toezegging_actie")
register_converter(MotieActie, "motie_actie")

urlpatterns = [
    path("notas/<int:pk>/pdf/", bestanden.nota_pdf, name="nota_pdf"),
    path(
        "notas/<int:pk>/parafenblad.pdf",
        bestanden.nota_parafenblad_pdf,
        name="nota_parafenblad_pdf",
    ),
    path("notas/<int:pk>/woo-export.zip", bestanden.nota_woo_export, name="nota_woo_export"),
    path("brieven/<int:pk>/pdf/", bestanden.kamerbrief_pdf, name="kamerbrief_pdf"),
    path("brieven/<int:pk>/brief.docx", bestanden.kamerbrief_docx, name="kamerbrief_docx"),
    path(
        "brieven/<int:pk>/docx-uploaden/",
        bestanden.kamerbrief_docx_upload,
        name="kamerbrief_docx_upload",
    ),
    # Managing the afstemming: co-signers added or dropped, an office reminded now.
    path(
        "brieven/<int:pk>/medeondertekenaars/toevoegen/",
        afstemming.cosigner_add,
        name="kamerbrief_cosigner_add",
    ),
    path(
        "brieven/<int:pk>/medeondertekenaars/<int:bewindspersoon>/laten-vallen/",
        afstemming.cosigner_drop,
        name="kamerbrief_cosigner_drop",
    ),
    path(
        "brieven/<int:pk>/afstemming/<int:verzoek>/herinneren/",
        afstemming.office_remind,
        name="afstemming_remind",
    ),
    # The letter's life in the web UI (letters/kamerbrief.py).
    path("notas/<int:pk>/brief-opstellen/", kamerbrief.kamerbrief_nieuw, name="kamerbrief_nieuw"),
    path(
        "brieven/<int:pk>/schrijven/", kamerbrief.kamerbrief_schrijven, name="kamerbrief_schrijven"
    ),
    path(
        "brieven/<int:pk>/schrijven/concept/",
        kamerbrief.kamerbrief_concept,
        name="kamerbrief_concept",
    ),
    path(
        "brieven/<int:pk>/verschillen/",
        kamerbrief.kamerbrief_verschillen,
        name="kamerbrief_verschillen",
    ),
    path(
        "brieven/<int:pk>/afstemming-starten/",
        kamerbrief.kamerbrief_afstemming_starten,
        name="kamerbrief_afstemming_starten",
    ),
    path(
        "brieven/<int:pk>/ondertekenen/bevestigen/",
        kamerbrief.kamerbrief_ondertekenen_bevestigen,
        name="kamerbrief_ondertekenen_bevestigen",
    ),
    path(
        "brieven/<int:pk>/verzenden/bevestigen/",
        kamerbrief.kamerbrief_verzenden_bevestigen,
        name="kamerbrief_verzenden_bevestigen",
    ),
    path(
        "brieven/<int:pk>/publicatie/",
        kamerbrief.kamerbrief_publicatie,
        name="kamerbrief_publicatie",
    ),
    path(
        "brieven/<int:pk>/intrekken/", kamerbrief.kamerbrief_intrekken, name="kamerbrief_intrekken"
    ),
    # Bijlagen of a nota and of a letter: the list, and per bijlage its versions.
    path("notas/<int:pk>/bijlagen/", bestanden.nota_bijlagen, name="nota_bijlagen"),
    path(
        "notas/<int:pk>/bijlagen/<int:bijlage>/vervangen/",
        bestanden.nota_bijlage_vervangen,
        name="nota_bijlage_vervangen",
    ),
    path(
        "notas/<int:pk>/bijlagen/<int:bijlage>/intrekken/",
        bestanden.nota_bijlage_intrekken,
        name="nota_bijlage_intrekken",
    ),
    path(
        "notas/<int:pk>/bijlagen/<int:bijlage>/versies/<int:nummer>/",
        bestanden.nota_bijlage_download,
        name="nota_bijlage_download",
    ),
    path("brieven/<int:pk>/bijlagen/", bestanden.kamerbrief_bijlagen, name="kamerbrief_bijlagen"),
    path(
        "brieven/<int:pk>/bijlagen/<int:bijlage>/vervangen/",
        bestanden.kamerbrief_bijlage_vervangen,
        name="kamerbrief_bijlage_vervangen",
    ),
    path(
        "brieven/<int:pk>/bijlagen/<int:bijlage>/intrekken/",
        bestanden.kamerbrief_bijlage_intrekken,
        name="kamerbrief_bijlage_intrekken",
    ),
    path(
        "brieven/<int:pk>/bijlagen/<int:bijlage>/versies/<int:nummer>/",
        bestanden.kamerbrief_bijlage_download,
        name="kamerbrief_bijlage_download",
    ),
    path("", algemeen.home, name="home"),
    path("profiel/", algemeen.profile, name="profile"),
    path("profiel/collegas/", algemeen.colleague_search, name="colleague_search"),
    path("kalender/", algemeen.agenda, name="agenda"),
    path("zoeken/", zoeken.zoeken_page, name="zoeken"),
    path("archief/", zoeken.archief_page, name="archief"),
    path("overzicht/", overzicht.overzicht_page, name="overzicht"),
    path("archief.<slug:fmt>", zoeken.archief_page, name="archief_export"),
    path("agenda/<uuid:token>.ics", algemeen.ical_feed, name="ical_feed"),
    path("notas/nieuw/", nota.nota_new, name="nota_new"),
    path("notas/paraferen/", nota.notas_paraferen, name="notas_paraferen"),
    path("routesjablonen/", routes.routesjabloon_list, name="routesjabloon_list"),
    path("routesjablonen/nieuw/", routes.routesjabloon_create, name="routesjabloon_create"),
    path("routesjablonen/<int:pk>/", routes.routesjabloon_edit, name="routesjabloon_edit"),
    path(
        "routesjablonen/<int:pk>/deactiveren/",
        routes.routesjabloon_deactivate,
        name="routesjabloon_deactivate",
    ),
    path(
        "routesjablonen/<int:pk>/activeren/",
        routes.routesjabloon_activate,
        name="routesjabloon_activate",
    ),
    path("notas/<int:pk>/", nota.nota_detail, name="nota_detail"),
    path("notas/<int:pk>/bewerken/", nota.nota_edit, name="nota_edit"),
    path("brieven/<int:pk>/", kamerbrief.kamerbrief_detail, name="kamerbrief_detail"),
    path(
        "brieven/<int:pk>/<brief_actie:actie>/",
        kamerbrief.kamerbrief_action,
        name="kamerbrief_action",
    ),
    path("notas/<int:pk>/koppelingen/", register.nota_link, name="nota_link"),
    path(
        "notas/<int:pk>/koppelingen/zoeken/",
        register.nota_link_search,
        name="nota_link_search",
    ),
    path(
        "notas/<int:pk>/koppelingen/<int:koppeling>/ontkoppelen/",
        register.nota_unlink,
        name="nota_unlink",
    ),
    path(
        "notas/<int:pk>/intrekken/bevestigen/",
        nota.nota_withdraw_confirm,
        name="nota_withdraw_confirm",
    ),
    path("notas/<int:pk>/volgen/", nota.nota_follow, name="nota_follow"),
    path("notas/<int:pk>/<nota_actie:actie>/", nota.nota_action, name="nota_action"),
    path("toezeggingen/", register.toezegging_list, name="toezegging_list"),
    path("toezeggingen/nieuw/", register.toezegging_create, name="toezegging_create"),
    path("toezeggingen/<int:pk>/", register.toezegging_detail, name="toezegging_detail"),
    path("toezeggingen/<int:pk>/wijzigen/", register.toezegging_edit, name="toezegging_edit"),
    path(
        "toezeggingen/<int:pk>/<toezegging_actie:actie>/",
        register.toezegging_action,
        name="toezegging_action",
    ),
    path("moties/", register.motie_list, name="motie_list"),
    path("moties/nieuw/", register.motie_create, name="motie_create"),
    path("moties/<int:pk>/", register.motie_detail, name="motie_detail"),
    path("moties/<int:pk>/wijzigen/", register.motie_edit, name="motie_edit"),
    path("moties/<int:pk>/<motie_actie:actie>/", register.motie_action, name="motie_action"),
    path("register/<slug:kind>.<slug:fmt>", register.register_export, name="register_export"),
]
