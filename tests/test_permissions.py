"""Who may open which page and act on it: every view, every role, on the demo's seed case.

Each row of a table below is one view; each column one role. 200: the page; "login": the login
page; 403: refused; 404: as if it did not exist (someone who may not see an item learns nothing
from guessing its number); 302: sent back to the item with a Dutch refusal and nothing changed.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from demo.notas import LAUNCH_KENMERK, SEED_KENMERK, SEED_VANDAAG, load_demo_notas
from letters.models import Bijlageversie, Kamerbrief, Nota, NotaBijlageversie
from programma.models import Maatregel, Voortgangsbijdrage
from workflow.models import (
    Bewindspersoon,
    Gebeurtenis,
    Herinnering,
    Motie,
    RouteSjabloon,
    Toezegging,
)

ROLES = [
    "anoniem", "opsteller", "afdelingshoofd", "secretariaat", "bureau-mlzs", "parlementair",
    "beheerder", "buitenstaander",
]  # fmt: skip
EVERYONE = {role: 200 for role in ROLES if role != "anoniem"} | {"anoniem": "login"}


def only(allowed: dict, otherwise) -> dict:
    return {"anoniem": "login"} | {
        role: allowed.get(role, otherwise) for role in ROLES if role != "anoniem"
    }


# Who reads the seed nota: its opsteller, its parafeerders, the office it is addressed to, the
# office in CC, parlementaire coördinatie and beheer; nobody else.
READERS = only(
    {r: 200 for r in ["opsteller", "afdelingshoofd", "secretariaat", "bureau-mlzs",
                      "parlementair", "beheerder"]},
    404,
)  # fmt: skip
KEEPERS = only({"parlementair": 200, "beheerder": 200}, 403)
BEHEER = only({"beheerder": 200}, 403)


def pg_query(s) -> str:
    return f"?onderdeel={s['sjabloon'].organisatieonderdeel_id}"


# The demo's concept nota, which has no letter yet: its opsteller drafts one; who reads it but
# may not is sent back to it with the reason.
CONCEPT_ONDERWERP = "Beantwoording Kamervragen over wachttijden in de ggz"
CONCEPT_READERS = ["opsteller", "parlementair", "beheerder"]
# Who reads the seed letter but may not do this to it now: sent back to the letter.
BACK_TO_LETTER = only({}, 302) | {"buitenstaander": 404}


@pytest.fixture
def seed(seed_organisation, outsider):
    load_demo_notas(vandaag=SEED_VANDAAG)
    nota = Nota.objects.get(kenmerk=SEED_KENMERK)
    brief = Kamerbrief.objects.get(nota__kenmerk=SEED_KENMERK)
    return {
        "nota": nota,
        "brief": brief,
        "nota_bijlageversie": NotaBijlageversie.objects.get(bijlage__nota=nota),
        "brief_bijlageversie": Bijlageversie.objects.filter(bijlage__kamerbrief=brief).first(),
        "oude_brief": Kamerbrief.objects.get(kenmerk=LAUNCH_KENMERK),
        "concept": Nota.objects.get(onderwerp=CONCEPT_ONDERWERP),
        "toezegging": Toezegging.objects.order_by("pk").first(),
        "motie": Motie.objects.order_by("pk").first(),
        "sjabloon": RouteSjabloon.objects.get(),
        "mlzs_verzoek": brief.afstemmingsverzoeken.get(status="aangevraagd"),
        "bijdrage": Voortgangsbijdrage.objects.get(ronde__jaar=2024, maatregel__nummer=1),
    }


def client_for(role: str) -> Client:
    from workflow.models import Medewerker

    client = Client()
    if role != "anoniem":
        client.force_login(Medewerker.objects.get(username=role))
    return client


def check(response, expected):
    if expected == "login":
        assert response.status_code == 302 and response["Location"].startswith("/inloggen/")
    elif expected == 302:
        assert response.status_code == 302 and "/inloggen/" not in response["Location"]
    else:
        assert response.status_code == expected


PAGES = {
    "werkvoorraad": (lambda s: reverse("home"), EVERYONE),
    "profiel": (lambda s: reverse("profile"), EVERYONE),
    "kalender": (lambda s: reverse("agenda"), EVERYONE),
    "zoeken": (lambda s: reverse("zoeken") + "?q=gezondheid", EVERYONE),
    "archief": (lambda s: reverse("archief"), EVERYONE),
    "archief-csv": (lambda s: reverse("archief_export", args=["csv"]), EVERYONE),
    "profiel-collegas-zoeken": (
        lambda s: reverse("colleague_search") + "?vervanger_zoek=a",
        EVERYONE,
    ),
    "nota": (lambda s: reverse("nota_detail", args=[s["nota"].pk]), READERS),
    "nota-pdf": (lambda s: reverse("nota_pdf", args=[s["nota"].pk]), READERS),
    "parafenblad": (lambda s: reverse("nota_parafenblad_pdf", args=[s["nota"].pk]), READERS),
    # Ter beslissing, so nobody edits it any more: sent back to the nota with the reason.
    "nota-bewerken": (
        lambda s: reverse("nota_edit", args=[s["nota"].pk]),
        only({}, 302) | {"buitenstaander": 404},
    ),
    "nota-onbekend": (lambda s: reverse("nota_detail", args=[999_999]), only({}, 404)),
    # Withdrawing asks first: its drafter sees the consequences (as would the unit's manager);
    # the other readers are sent back to the nota with the reason; the rest do not learn of it.
    "nota-intrekken-bevestigen": (
        lambda s: reverse("nota_withdraw_confirm", args=[s["nota"].pk]),
        {role: 302 if code == 200 else code for role, code in READERS.items()}
        | {"opsteller": 200, "anoniem": "login"},
    ),
    # Suggestions to link: for whoever may link (its opsteller, a beheerder, while the letter can
    # change); its other readers are refused, the rest do not learn the nota exists.
    "nota-koppeling-zoeken": (
        lambda s: reverse("nota_link_search", args=[s["nota"].pk]) + "?koppeling_zoek=ggz",
        READERS
        | {r: 403 for r in ["afdelingshoofd", "secretariaat", "bureau-mlzs", "parlementair"]},
    ),
    "brief": (lambda s: reverse("kamerbrief_detail", args=[s["brief"].pk]), READERS),
    "brief-onbekend": (lambda s: reverse("kamerbrief_detail", args=[999_999]), only({}, 404)),
    # The API (api/): the same readers as the pages; without a login 401 instead of a redirect.
    "api-nota": (lambda s: f"/api/v1/notas/{s['nota'].pk}", READERS | {"anoniem": 401}),
    "api-brief": (lambda s: f"/api/v1/kamerbrieven/{s['brief'].pk}", READERS | {"anoniem": 401}),
    "api-notas": (lambda s: "/api/v1/notas", EVERYONE | {"anoniem": 401}),
    "api-werkvoorraad": (lambda s: "/api/v1/werkvoorraad", EVERYONE | {"anoniem": 401}),
    "api-toezegging": (
        lambda s: f"/api/v1/toezeggingen/{s['toezegging'].pk}",
        EVERYONE | {"anoniem": 401},
    ),
    "api-openapi": (lambda s: "/api/v1/openapi.json", EVERYONE | {"anoniem": 200}),
    # Bijlagen and their versions: whoever reads the nota or letter; downloads too.
    "nota-bijlagen": (lambda s: reverse("nota_bijlagen", args=[s["nota"].pk]), READERS),
    "nota-bijlage-download": (
        lambda s: reverse(
            "nota_bijlage_download",
            args=[s["nota"].pk, s["nota_bijlageversie"].bijlage_id, 1],
        ),
        READERS,
    ),
    "brief-bijlagen": (lambda s: reverse("kamerbrief_bijlagen", args=[s["brief"].pk]), READERS),
    "brief-bijlage-download": (
        lambda s: reverse(
            "kamerbrief_bijlage_download",
            args=[s["brief"].pk, s["brief_bijlageversie"].bijlage_id, 1],
        ),
        READERS,
    ),
    "brief-docx": (lambda s: reverse("kamerbrief_docx", args=[s["brief"].pk]), READERS),
    "brief-docx-uploaden": (
        lambda s: reverse("kamerbrief_docx_upload", args=[s["brief"].pk]),
        READERS,
    ),
    # The letter's pages (workflow/views/kamerbrief.py). The seed letter is in afstemming.
    "brief-opstellen": (
        lambda s: reverse("kamerbrief_nieuw", args=[s["concept"].pk]),
        only({r: 302 for r in CONCEPT_READERS}, 404) | {"opsteller": 200},
    ),
    "brief-opstellen-heeft-al-een-brief": (
        lambda s: reverse("kamerbrief_nieuw", args=[s["nota"].pk]),
        only({}, 302) | {"buitenstaander": 404},
    ),
    "brief-schrijven": (
        lambda s: reverse("kamerbrief_schrijven", args=[s["brief"].pk]),
        BACK_TO_LETTER | {"opsteller": 200},
    ),
    "brief-verschillen": (
        lambda s: reverse("kamerbrief_verschillen", args=[s["brief"].pk]),
        READERS,
    ),
    "brief-afstemming-starten": (
        lambda s: reverse("kamerbrief_afstemming_starten", args=[s["brief"].pk]),
        BACK_TO_LETTER,
    ),
    "brief-ondertekenen-bevestigen": (
        lambda s: reverse("kamerbrief_ondertekenen_bevestigen", args=[s["brief"].pk]),
        BACK_TO_LETTER,
    ),
    "brief-verzenden-bevestigen": (
        lambda s: reverse("kamerbrief_verzenden_bevestigen", args=[s["brief"].pk]),
        BACK_TO_LETTER,
    ),
    "brief-publicatie": (
        lambda s: reverse("kamerbrief_publicatie", args=[s["brief"].pk]),
        BACK_TO_LETTER,
    ),
    "brief-intrekken": (
        lambda s: reverse("kamerbrief_intrekken", args=[s["brief"].pk]),
        BACK_TO_LETTER | {"opsteller": 200},
    ),
    "toezeggingen": (lambda s: reverse("toezegging_list"), EVERYONE),
    "moties": (lambda s: reverse("motie_list"), EVERYONE),
    "toezegging": (lambda s: reverse("toezegging_detail", args=[s["toezegging"].pk]), EVERYONE),
    "motie": (lambda s: reverse("motie_detail", args=[s["motie"].pk]), EVERYONE),
    "toezegging-onbekend": (lambda s: reverse("toezegging_detail", args=[999_999]), only({}, 404)),
    "toezegging-nieuw": (lambda s: reverse("toezegging_create"), KEEPERS),
    "motie-nieuw": (lambda s: reverse("motie_create"), KEEPERS),
    "toezegging-wijzigen": (
        lambda s: reverse("toezegging_edit", args=[s["toezegging"].pk]),
        KEEPERS,
    ),
    "motie-wijzigen": (lambda s: reverse("motie_edit", args=[s["motie"].pk]), KEEPERS),
    "register-export": (
        lambda s: reverse("register_export", args=["toezeggingen", "csv"]),
        EVERYONE,
    ),
    # Route templates: kept by beheerders only.
    "routesjablonen": (lambda s: reverse("routesjabloon_list"), BEHEER),
    "routesjabloon-nieuw": (lambda s: reverse("routesjabloon_create"), BEHEER),
    "routesjabloon-nieuw-voor-pg": (
        lambda s: reverse("routesjabloon_create") + pg_query(s),
        BEHEER,
    ),
    "routesjabloon": (lambda s: reverse("routesjabloon_edit", args=[s["sjabloon"].pk]), BEHEER),
    # Programmes: open to every colleague to read; only the contact and coordinator act.
    "programmas": (lambda s: reverse("programma_list"), EVERYONE),
    "programma": (
        lambda s: reverse("programma_detail", args=[s["bijdrage"].ronde.programma_id]),
        EVERYONE,
    ),
    "rapportageronde": (lambda s: reverse("ronde_detail", args=[s["bijdrage"].ronde_id]), EVERYONE),
    "voortgangsbijdrage": (lambda s: reverse("bijdrage_detail", args=[s["bijdrage"].pk]), EVERYONE),
    "voortgangsrapportage-pdf": (
        lambda s: reverse("ronde_pdf", args=[s["bijdrage"].ronde_id]),
        EVERYONE,
    ),
    "voortgangsrapportage-docx": (
        lambda s: reverse("ronde_docx", args=[s["bijdrage"].ronde_id]),
        EVERYONE,
    ),
    "maatregelen-xlsx": (
        lambda s: reverse("maatregelen_xlsx", args=[s["bijdrage"].ronde.programma_id]),
        EVERYONE,
    ),
}


@pytest.mark.parametrize("page", PAGES)
def test_who_may_open_each_page(seed, page):
    url, expected = PAGES[page]
    for role in ROLES:
        response = client_for(role).get(url(seed))
        try:
            check(response, expected[role])
        except AssertionError:
            raise AssertionError(f"{page} as {role}: {response.status_code}") from None


def test_nota_new_is_for_people_in_a_unit(seed):
    for role in ROLES:
        expected = "login" if role == "anoniem" else 200
        check(client_for(role).get(reverse("nota_new")), expected)


def test_the_admin_is_for_beheerders_only(seed):
    for role in ROLES:
        for page in ("/beheer/", "/beheer/workflow/melding/", "/beheer/workflow/herinnering/"):
            response = client_for(role).get(page)
            if role == "beheerder":
                assert response.status_code == 200, page
            else:
                assert response.status_code == 302 and "/beheer/login/" in response["Location"]


def test_a_forbidden_page_explains_itself_in_dutch(seed):
    response = client_for("opsteller").get(reverse("toezegging_create"))
    assert response.status_code == 403
    assert "Alleen parlementaire coördinatie houdt het register" in response.content.decode()
    response = client_for("buitenstaander").get(reverse("nota_detail", args=[seed["nota"].pk]))
    assert "Deze pagina bestaat niet, of u mag hem niet zien." in response.content.decode()


# --- acting: only who may, the others change nothing ------------------------------------------


# Their GET is the page with the form (in the PAGES above); their POST acts.
ALSO_A_PAGE = {
    "intrekken-bevestigd", "nota-bijlage-toevoegen", "brief-bijlage-toevoegen",
    "brief-docx-uploaden", "routesjabloon-opslaan",
    "brief-opstellen", "brief-schrijven", "brief-afstemming-starten", "brief-publicatie",
    "brief-intrekken",
}  # fmt: skip


def brief_state(s):
    from letters.models import Afstemmingsverzoek, Kamerbriefconcept, Kamerbriefversie

    return (
        list(Kamerbrief.objects.order_by("pk").values_list("pk", "status", "kamerstuk")),
        Kamerbriefversie.objects.count(),
        list(Kamerbriefconcept.objects.values_list("pk", "tekst")),
        list(Afstemmingsverzoek.objects.order_by("pk").values_list("pk", "status", "deadline")),
    )


def afstemming_state(s):
    brief = Kamerbrief.objects.get(pk=s["brief"].pk)
    return (
        sorted(brief.medeondertekenaars.values_list("pk", flat=True)),
        list(brief.afstemmingsverzoeken.order_by("pk").values_list("pk", "status")),
        Herinnering.objects.count(),
    )


def routesjabloon_state(s):
    from workflow.models import RouteSjabloonRegel

    return (
        list(RouteSjabloon.objects.values_list("pk", "naam", "actief")),
        list(RouteSjabloonRegel.objects.values_list("pk", "vervangen_op")),
    )


def bijlagen_state(s):
    from letters.models import Kamerbriefbijlage, NotaBijlage

    return (
        list(NotaBijlage.objects.values_list("pk", "ingetrokken_op", "titel")),
        list(Kamerbriefbijlage.objects.values_list("pk", "ingetrokken_op", "titel")),
        NotaBijlageversie.objects.count(),
        Bijlageversie.objects.count(),
    )


ACTIONS = {
    # A 2024 contribution asked of the opsteller (the contact of every demo maatregel): only they
    # submit it; nobody reviews it before it is submitted.
    "bijdrage-indienen": (
        lambda s: reverse("bijdrage_submit", args=[s["bijdrage"].pk]),
        only({"opsteller": "may"}, 302),
        lambda s: Voortgangsbijdrage.objects.get(pk=s["bijdrage"].pk).status,
    ),
    # The maatregelen list and more contributions: the programme's coordinator only.
    "maatregelen-importeren": (
        lambda s: reverse("maatregelen_import", args=[s["bijdrage"].ronde.programma_id]),
        only({"afdelingshoofd": "may"}, 302),
        lambda s: list(Maatregel.objects.order_by("nummer").values_list("titel", "status")),
    ),
    "bijdragen-vragen": (
        lambda s: reverse("ronde_vragen", args=[s["bijdrage"].ronde_id]),
        only({"afdelingshoofd": "may"}, 302),
        lambda s: Voortgangsbijdrage.objects.count(),
    ),
    # Attaching the report to the seed letter: whoever may change the letter's bijlagen.
    "rapportage-bijvoegen": (
        lambda s: reverse("ronde_attach", args=[s["bijdrage"].ronde_id]),
        only({"opsteller": "may"}, 302),
        lambda s: Voortgangsbijdrage.objects.get(pk=s["bijdrage"].pk).ronde.bijlage_id,
    ),
    "bijdrage-beoordelen": (
        lambda s: reverse("bijdrage_review", args=[s["bijdrage"].pk]),
        only({}, 302),
        lambda s: Voortgangsbijdrage.objects.get(pk=s["bijdrage"].pk).status,
    ),
    # The seed nota is ter beslissing for the Staatssecretaris: only their office records Akkoord.
    "akkoord": (
        lambda s: reverse("nota_action", args=[s["nota"].pk, "akkoord"]),
        only({"secretariaat": "may"}, 302) | {"buitenstaander": 404},
        lambda s: Nota.objects.get(pk=s["nota"].pk).status,
    ),
    # The one decision form (its radio chooses akkoord): refused ones see the page again with
    # the reason in an error summary.
    "besluit": (
        lambda s: reverse("nota_action", args=[s["nota"].pk, "besluit"]),
        only({"secretariaat": "may"}, 200) | {"buitenstaander": 404},
        lambda s: Nota.objects.get(pk=s["nota"].pk).status,
    ),
    "intrekken-bevestigd": (
        lambda s: reverse("nota_withdraw_confirm", args=[s["nota"].pk]),
        {role: 302 if code == 200 else code for role, code in READERS.items()}
        | {"opsteller": "may", "anoniem": "login"},
        lambda s: Nota.objects.get(pk=s["nota"].pk).status,
    ),
    "paraferen": (
        lambda s: reverse("nota_action", args=[s["nota"].pk, "paraferen"]),
        only({}, 302) | {"buitenstaander": 404},
        lambda s: Nota.objects.get(pk=s["nota"].pk).status,
    ),
    # The seed letter waits for the akkoord of MLZS: only that office answers.
    "brief-akkoord": (
        lambda s: reverse("kamerbrief_action", args=[s["brief"].pk, "akkoord"]),
        only({"bureau-mlzs": "may"}, 302) | {"buitenstaander": 404},
        lambda s: list(s["brief"].afstemmingsverzoeken.values_list("status", flat=True)),
    ),
    "ondertekenen": (
        lambda s: reverse("kamerbrief_action", args=[s["brief"].pk, "ondertekenen"]),
        only({}, 302) | {"buitenstaander": 404},
        lambda s: Kamerbrief.objects.get(pk=s["brief"].pk).status,
    ),
    "toezegging-heropenen": (
        lambda s: reverse("toezegging_action", args=[s["toezegging"].pk, "heropenen"]),
        only({}, 302),
        lambda s: Toezegging.objects.get(pk=s["toezegging"].pk).status,
    ),
    # The seed nota is ter beslissing: its bijlagen no longer change, not even by its opsteller.
    "nota-bijlage-toevoegen": (
        lambda s: reverse("nota_bijlagen", args=[s["nota"].pk]),
        only({}, 200) | {role: 404 for role, status in READERS.items() if status == 404},
        bijlagen_state,
    ),
    "nota-bijlage-vervangen": (
        lambda s: reverse(
            "nota_bijlage_vervangen", args=[s["nota"].pk, s["nota_bijlageversie"].bijlage_id]
        ),
        only({}, 200) | {role: 404 for role, status in READERS.items() if status == 404},
        bijlagen_state,
    ),
    "nota-bijlage-intrekken": (
        lambda s: reverse(
            "nota_bijlage_intrekken", args=[s["nota"].pk, s["nota_bijlageversie"].bijlage_id]
        ),
        only({}, 302) | {"buitenstaander": 404},
        bijlagen_state,
    ),
    # The seed letter is in afstemming: only its opsteller changes its bijlagen and text.
    "brief-bijlage-toevoegen": (
        lambda s: reverse("kamerbrief_bijlagen", args=[s["brief"].pk]),
        only({"opsteller": "may"}, 200) | {"buitenstaander": 404},
        bijlagen_state,
    ),
    "brief-bijlage-vervangen": (
        lambda s: reverse(
            "kamerbrief_bijlage_vervangen",
            args=[s["brief"].pk, s["brief_bijlageversie"].bijlage_id],
        ),
        only({"opsteller": "may"}, 200) | {"buitenstaander": 404},
        bijlagen_state,
    ),
    "brief-bijlage-intrekken": (
        lambda s: reverse(
            "kamerbrief_bijlage_intrekken",
            args=[s["brief"].pk, s["brief_bijlageversie"].bijlage_id],
        ),
        only({"opsteller": "may"}, 302) | {"buitenstaander": 404},
        bijlagen_state,
    ),
    "brief-docx-uploaden": (
        lambda s: reverse("kamerbrief_docx_upload", args=[s["brief"].pk]),
        # Who may not change the letter is sent back to it, with the reason.
        only({"opsteller": "may"}, 302) | {"buitenstaander": 404},
        lambda s: list(s["brief"].versies.values_list("pk", flat=True)),
    ),
    # The seed letter is in afstemming: only its opsteller adds or drops a co-signer, or reminds
    # an office; the others who read it are sent back to it with the reason.
    "brief-medeondertekenaar-toevoegen": (
        lambda s: reverse("kamerbrief_cosigner_add", args=[s["brief"].pk]),
        only({"opsteller": "may"}, 302) | {"buitenstaander": 404},
        afstemming_state,
    ),
    "brief-medeondertekenaar-laten-vallen": (
        lambda s: reverse(
            "kamerbrief_cosigner_drop",
            args=[s["brief"].pk, s["mlzs_verzoek"].bewindspersoon_id],
        ),
        only({"opsteller": "may"}, 302) | {"buitenstaander": 404},
        afstemming_state,
    ),
    "afstemming-herinneren": (
        lambda s: reverse("afstemming_remind", args=[s["brief"].pk, s["mlzs_verzoek"].pk]),
        only({"opsteller": "may"}, 302) | {"buitenstaander": 404},
        afstemming_state,
    ),
    "routesjabloon-opslaan": (
        lambda s: reverse("routesjabloon_edit", args=[s["sjabloon"].pk]),
        only({"beheerder": "may"}, 403),
        routesjabloon_state,
    ),
    "routesjabloon-deactiveren": (
        lambda s: reverse("routesjabloon_deactivate", args=[s["sjabloon"].pk]),
        only({"beheerder": "may"}, 403),
        routesjabloon_state,
    ),
    # The letter's life in the web UI: only the opsteller writes it, drafts it, withdraws it.
    "brief-opstellen": (
        lambda s: reverse("kamerbrief_nieuw", args=[s["concept"].pk]),
        only({r: 302 for r in CONCEPT_READERS}, 404) | {"opsteller": "may"},
        brief_state,
    ),
    "brief-schrijven": (
        lambda s: reverse("kamerbrief_schrijven", args=[s["brief"].pk]),
        BACK_TO_LETTER | {"opsteller": "may"},
        brief_state,
    ),
    # The autosave answers htmx in place, with the refusal where the preview would be.
    "brief-concept": (
        lambda s: reverse("kamerbrief_concept", args=[s["brief"].pk]),
        only({}, 200) | {"buitenstaander": 404, "opsteller": "may"},
        brief_state,
    ),
    # In afstemming already, not sent yet: nobody starts it again or registers a publication.
    "brief-afstemming-starten": (
        lambda s: reverse("kamerbrief_afstemming_starten", args=[s["brief"].pk]),
        BACK_TO_LETTER,
        brief_state,
    ),
    "brief-publicatie": (
        lambda s: reverse("kamerbrief_publicatie", args=[s["brief"].pk]),
        BACK_TO_LETTER,
        brief_state,
    ),
    "brief-intrekken": (
        lambda s: reverse("kamerbrief_intrekken", args=[s["brief"].pk]),
        BACK_TO_LETTER | {"opsteller": "may"},
        brief_state,
    ),
    "verzenden": (
        lambda s: reverse("kamerbrief_action", args=[s["brief"].pk, "verzenden"]),
        BACK_TO_LETTER,
        brief_state,
    ),
    # Following changes no state of the nota; whoever may read it may follow it.
    "volgen": (
        lambda s: reverse("nota_follow", args=[s["nota"].pk]),
        READERS | {role: 302 for role, status in READERS.items() if status == 200},
        lambda s: None,
    ),
}


def post_data(seed) -> dict:
    """What every action is posted with: a remark, and for the uploads a valid file."""
    from docx import Document

    from demo.notas import demo_pdf
    from letters.docx import build_kamerbrief_docx

    document = Document(io.BytesIO(build_kamerbrief_docx(seed["brief"])))
    document.paragraphs[-1].text = "[1] Gewijzigd."
    docx = io.BytesIO()
    document.save(docx)
    pdf = demo_pdf("Een nieuwe bijlage")
    bijlage_ids = [seed["nota_bijlageversie"].bijlage_id, seed["brief_bijlageversie"].bijlage_id]
    brief = seed["brief"]
    nieuw = Bewindspersoon.objects.exclude(pk=brief.afzender_id).exclude(
        pk__in=brief.medeondertekenaars.values("pk")
    )
    return {
        "reden": "Gevraagd door de DG.",
        "mo-bewindspersoon": getattr(nieuw.first(), "pk", ""),
        "mo-reden": "Raakt ook dit ministerie.",
        "naam": "Gewijzigd sjabloon",
        "route-aantal": "1",
        "route-0-functie": "dg",
        "opmerking": "Akkoord, mits voor het reces.",
        "keuze": "akkoord",
        # A voortgangsbijdrage and its review (programma/forms.py).
        "maatregel_status": "afgerond",
        "oordeel": "accepteren",
        "kamerbrief": seed["brief"].pk,
        "titel": "Een nieuwe bijlage",
        "bestand": SimpleUploadedFile("nieuw.pdf", pdf),
        **{f"vervang-{pk}-bestand": SimpleUploadedFile("nieuw.pdf", pdf) for pk in bijlage_ids},
        "docx-bestand": SimpleUploadedFile("brief.docx", docx.getvalue()),
        # The letter's forms (workflow/views/kamerbrief.py).
        "betreft": "Een brief",
        "geadresseerde": "tk",
        "vorm": "mede_namens",
        "afzender": seed["nota"].aan_id,
        "tekst": "Geachte voorzitter,\n\nEen nieuwe tekst.",
        "voetnoten": "Een voetnoot.",
        "basisversie": "1",
        "kamerstuk": "Kamerstuk 36 200 XVI, nr. 12",
    }


@pytest.mark.parametrize("action", ACTIONS)
def test_who_may_act_and_that_the_others_change_nothing(seed, action):
    url, expected, state = ACTIONS[action]
    before, events = state(seed), Gebeurtenis.objects.count()
    for role in ROLES:
        if expected[role] == "may":
            continue  # the one who may: tested below, it would change the state
        response = client_for(role).post(url(seed), post_data(seed))
        try:
            check(response, expected[role])
        except AssertionError:
            raise AssertionError(f"{action} as {role}: {response.status_code}") from None
    assert state(seed) == before
    assert Gebeurtenis.objects.count() == events
    if action not in ALSO_A_PAGE:
        check(client_for("opsteller").get(url(seed)), 405)  # acting is a POST, never a link


def test_the_offices_that_may_record_akkoord(seed):
    response = client_for("secretariaat").post(
        reverse("nota_action", args=[seed["nota"].pk, "akkoord"]), follow=True
    )
    assert "Besluit vastgelegd: akkoord." in response.content.decode()
    assert Nota.objects.get(pk=seed["nota"].pk).status == Nota.Status.AKKOORD
    response = client_for("bureau-mlzs").post(
        reverse("kamerbrief_action", args=[seed["brief"].pk, "akkoord"]), follow=True
    )
    assert "Akkoord gegeven." in response.content.decode()
    assert not seed["brief"].afstemmingsverzoeken.filter(status="aangevraagd").exists()


def test_the_office_decides_with_the_one_decision_form(seed):
    response = client_for("secretariaat").post(
        reverse("nota_action", args=[seed["nota"].pk, "besluit"]), {"keuze": "akkoord"}
    )
    assert response.status_code == 302
    assert Nota.objects.get(pk=seed["nota"].pk).status == Nota.Status.AKKOORD


def test_the_drafter_may_withdraw_after_confirming(seed):
    response = client_for("opsteller").post(
        reverse("nota_withdraw_confirm", args=[seed["nota"].pk]), {"opmerking": "Vervallen."}
    )
    assert response.status_code == 302
    assert Nota.objects.get(pk=seed["nota"].pk).status == Nota.Status.INGETROKKEN


def test_the_letters_opsteller_uploads_while_it_is_in_afstemming(seed):
    client = client_for("opsteller")
    data = post_data(seed)
    before = bijlagen_state(seed)
    response = client.post(reverse("kamerbrief_bijlagen", args=[seed["brief"].pk]), data)
    assert response.status_code == 302
    assert bijlagen_state(seed) != before
    response = client.post(
        reverse("kamerbrief_docx_upload", args=[seed["brief"].pk]), post_data(seed)
    )
    assert response.status_code == 302
    assert seed["brief"].versies.count() == 2


def test_a_refusal_is_explained_in_dutch(seed):
    response = client_for("opsteller").post(
        reverse("nota_action", args=[seed["nota"].pk, "akkoord"]), follow=True
    )
    assert 'class="message message--error"' in response.content.decode()


def test_every_form_needs_its_csrf_token(seed):
    from workflow.models import Medewerker

    client = Client(enforce_csrf_checks=True)
    client.force_login(Medewerker.objects.get(username="secretariaat"))
    response = client.post(reverse("nota_action", args=[seed["nota"].pk, "akkoord"]))
    assert response.status_code == 403
    assert Nota.objects.get(pk=seed["nota"].pk).status == Nota.Status.TER_BESLISSING
    client.force_login(Medewerker.objects.get(username="opsteller"))
    before = bijlagen_state(seed)
    for url in (
        reverse("kamerbrief_bijlagen", args=[seed["brief"].pk]),
        reverse("kamerbrief_docx_upload", args=[seed["brief"].pk]),
    ):
        assert client.post(url, post_data(seed)).status_code == 403
    assert bijlagen_state(seed) == before
    assert seed["brief"].versies.count() == 1


def test_the_opsteller_manages_the_afstemming_and_the_beheerder_the_templates(seed):
    opsteller = client_for("opsteller")
    before = afstemming_state(seed)
    response = opsteller.post(
        reverse("afstemming_remind", args=[seed["brief"].pk, seed["mlzs_verzoek"].pk]),
        follow=True,
    )
    assert "krijgt nu een herinnering per e-mail" in response.content.decode()
    response = opsteller.post(
        reverse("kamerbrief_cosigner_add", args=[seed["brief"].pk]), post_data(seed), follow=True
    )
    assert "is nu om akkoord gevraagd" in response.content.decode()
    assert afstemming_state(seed) != before
    beheerder = client_for("beheerder")
    url = reverse("routesjabloon_edit", args=[seed["sjabloon"].pk])
    assert beheerder.post(url, post_data(seed)).status_code == 302
    assert RouteSjabloon.objects.get().naam == "Gewijzigd sjabloon"
    beheerder.post(reverse("routesjabloon_deactivate", args=[seed["sjabloon"].pk]), post_data(seed))
    assert not RouteSjabloon.objects.get().actief


def test_the_letters_opsteller_writes_drafts_and_withdraws_it(seed):
    """The "may" cells of the letter's actions above: they act, and change what they should."""
    from letters.models import Kamerbriefconcept

    client = client_for("opsteller")
    data = post_data(seed)
    brief = seed["brief"]
    response = client.post(reverse("kamerbrief_concept", args=[brief.pk]), data)
    assert response.status_code == 200 and "Concept opgeslagen om" in response.content.decode()
    assert Kamerbriefconcept.objects.get(kamerbrief=brief).tekst == data["tekst"]
    response = client.post(reverse("kamerbrief_schrijven", args=[brief.pk]), post_data(seed))
    assert response.status_code == 302
    assert brief.versies.count() == 2
    response = client.post(reverse("kamerbrief_intrekken", args=[brief.pk]), post_data(seed))
    assert response.status_code == 302
    assert Kamerbrief.objects.get(pk=brief.pk).status == Kamerbrief.Status.INGETROKKEN
    response = client.post(reverse("kamerbrief_nieuw", args=[seed["concept"].pk]), post_data(seed))
    assert response.status_code == 302
    assert Kamerbrief.objects.get(nota=seed["concept"]).betreft == "Een brief"
