"""Route templates kept by a beheerder, and the route a new nota gets from them."""

import pytest
from django.urls import reverse

from letters.models import Nota
from tests.support import at
from workflow import route_templates as routes
from workflow.handelen import ActionNotAllowed
from workflow.models import (
    Gebeurtenis,
    Medewerker,
    Organisatieonderdeel,
    RouteSjabloon,
    RouteSjabloonRegel,
)
from workflow.route_templates import Regel
from workflow.services.nota import current_route, nota_indienen, nota_paraferen
from workflow.services.opstellen import nota_create

F = RouteSjabloonRegel.Functie


@pytest.fixture
def pg(seed_organisation):
    return Organisatieonderdeel.objects.get(code="PG", ministerie__afkorting="VWS")


@pytest.fixture
def fez(seed_organisation, pg):
    """A meeparafeerder of another directie, named in person."""
    return Medewerker.objects.create_user(
        username="fez-visser", password="x", first_name="Femke", last_name="Visser",
        organisatieonderdeel=pg.bovenliggend, functie="Controller FEZ",
    )  # fmt: skip


def standard(fez=None):
    regels = [Regel(1, F.AFDELINGSHOOFD), Regel(2, F.DIRECTEUR), Regel(3, F.DG)]
    if fez is not None:
        regels.append(Regel(2, medewerker=fez, omschrijving="Meeparaaf FEZ"))
    return regels


def route_of(nota):
    return [(s.volgorde, s.parafeerder.username) for s in current_route(nota)]


def new_nota(people, stas, soort=Nota.Soort.TER_BESLISSING, now=None):
    # Read afresh, as a request does: the organisation may have changed since.
    opsteller = Medewerker.objects.get(pk=people["opsteller"].pk)
    return nota_create(
        by=opsteller, aan=stas, onderwerp="Voortgang", geadviseerd_besluit="Akkoord gaan.",
        soort=soort, now=now or at(4),
    )  # fmt: skip


def test_a_new_nota_gets_its_directies_template_resolved_to_todays_holders(people, stas, pg, fez):
    routes.routesjabloon_create(
        by=people["beheerder"], organisatieonderdeel=pg, naam="Beslisnota's PG",
        regels=standard(fez), soorten=[Nota.Soort.TER_BESLISSING], now=at(1),
    )  # fmt: skip
    nota = new_nota(people, stas)
    assert route_of(nota) == [
        (1, "afdelingshoofd"), (2, "directeur"), (2, "fez-visser"), (3, "dg"),
    ]  # fmt: skip
    assert "Beslisnota's PG" in nota.gebeurtenissen.get(actie="aangemaakt").opmerking

    # A new directeur: the next nota goes to them, the first keeps the route it got.
    opvolger = Medewerker.objects.create_user(
        username="nieuwe-directeur", password="x", organisatieonderdeel=pg
    )
    pg.manager = opvolger
    pg.save(update_fields=["manager"])
    later = new_nota(people, stas)
    assert (2, "nieuwe-directeur") in route_of(later)
    assert (2, "directeur") in route_of(nota)


def test_the_template_for_the_kind_of_nota_goes_first(people, stas, pg):
    routes.routesjabloon_create(
        by=people["beheerder"], organisatieonderdeel=pg, naam="Alle nota's", regels=standard(),
    )  # fmt: skip
    routes.routesjabloon_create(
        by=people["beheerder"], organisatieonderdeel=pg, naam="Ter informatie: kort",
        regels=[Regel(1, F.AFDELINGSHOOFD)], soorten=[Nota.Soort.TER_INFORMATIE],
    )  # fmt: skip
    assert route_of(new_nota(people, stas, Nota.Soort.TER_INFORMATIE)) == [(1, "afdelingshoofd")]
    assert len(route_of(new_nota(people, stas, Nota.Soort.TER_BESLISSING))) == 3


def test_an_absent_holder_is_stood_in_for_by_their_vervanger(people, stas, pg, absent):
    routes.routesjabloon_create(
        by=people["beheerder"], organisatieonderdeel=pg, naam="Standaard", regels=standard()
    )
    vervanger = people["directeur"]
    absent(people["afdelingshoofd"], vervanger)  # all of December
    nota = new_nota(people, stas, now=at(4))
    # The route names the office holder; today their vervanger acts for them, on their behalf,
    # and the nota's history says so from the start.
    assert route_of(nota)[0] == (1, "afdelingshoofd")
    assert (
        "Vandaag afwezig: Anton Jansen (vervanger: Dewi Bakker, tot 31-12-2023)."
        in nota.gebeurtenissen.get(actie="aangemaakt").opmerking
    )
    nota_indienen(nota=nota, by=people["opsteller"], now=at(4, 11))
    nota_paraferen(nota=nota, by=vervanger, now=at(4, 12))
    stap = nota.parafeerstappen.get(volgorde=1)
    assert stap.status == "geparafeerd" and stap.afgehandeld_door == vervanger
    event = nota.gebeurtenissen.get(actie="geparafeerd", parafeerstap=stap)
    assert event.namens == people["afdelingshoofd"]


def test_editing_keeps_the_old_rules_and_writes_history(people, pg, fez):
    sjabloon = routes.routesjabloon_create(
        by=people["beheerder"], organisatieonderdeel=pg, naam="Standaard", regels=standard()
    )
    first = set(sjabloon.regels.values_list("pk", flat=True))
    routes.routesjabloon_update(
        sjabloon=sjabloon, by=people["beheerder"], naam="Standaard met FEZ",
        regels=standard(fez), soorten=[], now=at(5),
    )  # fmt: skip
    assert set(sjabloon.regels.filter(vervangen_op__isnull=False).values_list("pk", flat=True)) == (
        first
    )
    assert routes.current_rules(sjabloon).count() == 4
    events = Gebeurtenis.objects.filter(routesjabloon=sjabloon).order_by("pk")
    assert list(events.values_list("actie", flat=True)) == [
        "routesjabloon_aangemaakt",
        "routesjabloon_gewijzigd",
    ]
    # Saving the same again changes nothing and writes nothing.
    routes.routesjabloon_update(
        sjabloon=sjabloon, by=people["beheerder"], naam="Standaard met FEZ", regels=standard(fez)
    )
    assert Gebeurtenis.objects.filter(routesjabloon=sjabloon).count() == 2


def test_a_deactivated_template_is_kept_but_no_longer_given(people, stas, pg):
    sjabloon = routes.routesjabloon_create(
        by=people["beheerder"], organisatieonderdeel=pg, naam="Standaard", regels=standard()
    )
    with pytest.raises(ActionNotAllowed, match="reden"):
        routes.routesjabloon_deactivate(sjabloon=sjabloon, by=people["beheerder"], remark=" ")
    routes.routesjabloon_deactivate(
        sjabloon=sjabloon, by=people["beheerder"], remark="Reorganisatie"
    )
    assert RouteSjabloon.objects.filter(pk=sjabloon.pk, actief=False).exists()
    assert route_of(new_nota(people, stas)) == []
    routes.routesjabloon_activate(sjabloon=sjabloon, by=people["beheerder"])
    assert len(route_of(new_nota(people, stas))) == 3


@pytest.mark.parametrize(
    ("naam", "regels", "message"),
    [
        ("", [Regel(1, F.DG)], "Geef het routesjabloon een naam."),
        ("Leeg", [], "Een routesjabloon heeft ten minste één stap nodig."),
        ("Dubbel", [Regel(1, F.DG), Regel(1, F.DG)], "staat twee keer in stap 1"),
        ("Beide", [Regel(1, F.DG, Medewerker(username="x"))], "Stap 1: kies een functie of"),
        ("Nul", [Regel(0, F.DG)], "Stapnummers lopen van 1 tot 20."),
    ],
)
def test_bad_input_is_refused_in_dutch_and_nothing_is_written(people, pg, naam, regels, message):
    before = (RouteSjabloon.objects.count(), RouteSjabloonRegel.objects.count())
    with pytest.raises(ActionNotAllowed, match=message):
        routes.routesjabloon_create(
            by=people["beheerder"], organisatieonderdeel=pg, naam=naam, regels=regels
        )
    assert (RouteSjabloon.objects.count(), RouteSjabloonRegel.objects.count()) == before


def test_a_name_is_unique_within_the_directie(people, pg):
    routes.routesjabloon_create(
        by=people["beheerder"], organisatieonderdeel=pg, naam="Standaard", regels=standard()
    )
    with pytest.raises(ActionNotAllowed, match="heeft al een routesjabloon"):
        routes.routesjabloon_create(
            by=people["beheerder"], organisatieonderdeel=pg, naam="Standaard", regels=standard()
        )
    assert RouteSjabloon.objects.count() == 1 and RouteSjabloonRegel.objects.count() == 3


def test_only_a_beheerder_keeps_templates(people, pg):
    with pytest.raises(ActionNotAllowed, match="Alleen een beheerder"):
        routes.routesjabloon_create(
            by=people["directeur"], organisatieonderdeel=pg, naam="Eigen", regels=standard()
        )
    assert not RouteSjabloon.objects.exists()


# --- the pages --------------------------------------------------------------------------------


def rows(**values):
    """The template form as the route editor posts it: each step a position or a person's id,
    "samen" for a step at the same time as the one above."""
    data = {"naam": "Standaard PG", "opnieuw_paraferen": "on"}
    regels = values.pop("regels")
    data["route-aantal"] = str(len(regels))
    for i, (samen, functie, persoon) in enumerate(regels):
        data[f"route-{i}-functie" if functie else f"route-{i}-parafeerder"] = functie or persoon
        if samen:
            data[f"route-{i}-samen"] = "ja"
    return data | values


def test_a_beheerder_creates_a_template_on_the_page(client, people, pg, fez, stas):
    client.force_login(people["beheerder"])
    search = client.get(reverse("routesjabloon_create"), {"q": "PG"}).content.decode()
    assert f"?onderdeel={pg.pk}" in search
    data = rows(
        onderdeel=pg.pk, soorten=["ter_beslissing"],
        regels=[(False, "afdeling", ""), (False, "directie", ""), (True, "", fez.pk),
                (False, "dg", "")],
    )  # fmt: skip
    response = client.post(reverse("routesjabloon_create"), data, follow=True)
    assert "Routesjabloon “Standaard PG” is opgeslagen." in response.content.decode()
    sjabloon = RouteSjabloon.objects.get()
    assert sjabloon.soorten == ["ter_beslissing"]
    assert route_of(new_nota(people, stas))[2] == (2, "fez-visser")


def test_the_form_says_what_is_wrong_in_dutch_and_saves_nothing(client, people, pg):
    client.force_login(people["beheerder"])
    # The office's staff cannot initial, whatever the form posts.
    data = rows(onderdeel=pg.pk, regels=[(False, "dg", ""), (False, "", people["bureau-mlzs"].pk)])
    data["naam"] = ""
    content = client.post(reverse("routesjabloon_create"), data).content.decode()
    assert "Er is een probleem" in content
    assert "kan niet paraferen: kies iemand anders." in content
    assert "Geef het routesjabloon een naam." in content
    content = client.post(reverse("routesjabloon_create"), rows(onderdeel=pg.pk, regels=[]))
    assert "Een routesjabloon heeft ten minste één stap nodig." in content.content.decode()
    assert not RouteSjabloon.objects.exists()


def test_the_editor_moves_removes_and_adds_steps_by_buttons_and_saves_only_on_save(
    client, people, pg, fez
):
    sjabloon = routes.routesjabloon_create(
        by=people["beheerder"], organisatieonderdeel=pg, naam="Standaard", regels=standard(fez)
    )
    client.force_login(people["beheerder"])
    url = reverse("routesjabloon_edit", args=[sjabloon.pk])
    page = client.get(url).content.decode()
    editor = page.split('id="route"')[1].split("</fieldset>")[0]
    # Steps in order, the meeparaaf "at the same time", no typed step numbers, no <select>.
    assert editor.index("afdelingshoofd van de opsteller") < editor.index("Femke Visser")
    assert 'name="route-2-samen" value="ja" checked' in editor
    assert "<select" not in editor and 'type="number"' not in editor

    steps = rows(
        regels=[(False, "afdeling", ""), (False, "directie", ""), (True, "", fez.pk),
                (False, "dg", "")],
    )  # fmt: skip

    def editor_after(**extra):
        response = client.post(url, steps | extra)
        assert response.status_code == 200
        return response.content.decode().split('id="route"')[1].split("</fieldset>")[0]

    moved = editor_after(route_actie="op:3")  # the DG above Femke Visser
    assert moved.index("directeur-generaal") < moved.index("Femke Visser")
    assert "Er is een probleem" not in moved
    removed = editor_after(route_actie="weg:0")
    assert "afdelingshoofd van de opsteller" not in removed.split("route-keuzes")[0]
    added = editor_after(route_actie="functie:afdeling")
    assert 'name="route-4-functie" value="afdeling"' in added
    # The search finds only who may initial, at most 20.
    found = editor_after(route_actie="zoek", route_zoek="Bakker")
    assert f'value="voeg:{people["directeur"].pk}"' in found
    nobody = editor_after(route_actie="zoek", route_zoek="Lars")
    assert "Niemand gevonden die mag paraferen" in nobody
    added = editor_after(route_actie=f"voeg:{people['directeur'].pk}")
    assert f'name="route-4-parafeerder" value="{people["directeur"].pk}"' in added
    # None of the buttons saved anything.
    assert routes.describe(routes._as_regels(routes.current_rules(sjabloon))) == (
        routes.describe(standard(fez))
    )
    assert Gebeurtenis.objects.filter(routesjabloon=sjabloon).count() == 1

    # Saving what the editor shows: the DG at the same time as the directeur.
    saved = rows(
        regels=[(False, "afdeling", ""), (False, "directie", ""), (True, "dg", "")],
    )
    response = client.post(url, saved, follow=True)
    assert "is opgeslagen" in response.content.decode()
    assert [(r.volgorde, r.functie) for r in routes.current_rules(sjabloon)] == [
        (1, "afdeling"), (2, "directie"), (2, "dg"),
    ]  # fmt: skip


def test_a_search_in_the_template_editor_offers_at_most_twenty(
    client, people, pg, django_assert_max_num_queries
):
    for i in range(25):
        Medewerker.objects.create_user(
            username=f"jansen-{i}", password="x", last_name=f"Jansen {i:02}",
            organisatieonderdeel=pg,
        )  # fmt: skip
    client.force_login(people["beheerder"])
    data = rows(onderdeel=pg.pk, regels=[], route_actie="zoek", route_zoek="Jansen")
    with django_assert_max_num_queries(15):
        content = client.post(reverse("routesjabloon_create"), data).content.decode()
    assert content.count('value="voeg:') == 20
    assert "Er zijn meer mensen gevonden: zoek preciezer." in content
    assert not RouteSjabloon.objects.exists()


def test_the_edit_page_deactivates_with_a_reason(client, people, pg):
    sjabloon = routes.routesjabloon_create(
        by=people["beheerder"], organisatieonderdeel=pg, naam="Standaard", regels=standard()
    )
    client.force_login(people["beheerder"])
    url = reverse("routesjabloon_deactivate", args=[sjabloon.pk])
    response = client.post(url, {"reden": ""}, follow=True)
    assert "Geef de reden om het routesjabloon te deactiveren." in response.content.decode()
    response = client.post(url, {"reden": "Vervangen door nieuw sjabloon"}, follow=True)
    assert "is gedeactiveerd" in response.content.decode()
    assert "Vervangen door nieuw sjabloon" in response.content.decode()  # in the history


def test_the_list_keeps_to_few_queries_whatever_the_number_of_templates(
    client, people, pg, django_assert_max_num_queries
):
    for i in range(60):
        routes.routesjabloon_create(
            by=people["beheerder"], organisatieonderdeel=pg, naam=f"Sjabloon {i:02}",
            regels=standard(),
        )  # fmt: skip
    client.force_login(people["beheerder"])
    with django_assert_max_num_queries(15):
        response = client.get(reverse("routesjabloon_list"))
    content = response.content.decode()
    assert content.count('href="/routesjablonen/') - content.count("nieuw/") == 50 + 1  # + menu
    assert "Pagina 1 van 2" in content
    sjabloon = RouteSjabloon.objects.first()
    with django_assert_max_num_queries(15):
        client.get(reverse("routesjabloon_edit", args=[sjabloon.pk]))
    with django_assert_max_num_queries(15):
        client.get(reverse("routesjabloon_create"), {"q": "P"})
    with django_assert_max_num_queries(15):
        client.get(reverse("routesjabloon_create"), {"onderdeel": pg.pk})


def test_the_menu_shows_route_templates_to_beheerders_only(client, people):
    client.force_login(people["beheerder"])
    assert "Routesjablonen" in client.get(reverse("home")).content.decode()
    client.force_login(people["opsteller"])
    assert "Routesjablonen" not in client.get(reverse("home")).content.decode()


def test_nothing_is_deleted_even_the_rules(people, pg):
    sjabloon = routes.routesjabloon_create(
        by=people["beheerder"], organisatieonderdeel=pg, naam="Standaard", regels=standard()
    )
    routes.routesjabloon_update(
        sjabloon=sjabloon, by=people["beheerder"], naam="Standaard", regels=[Regel(1, F.DG)]
    )
    assert RouteSjabloonRegel.objects.count() == 4


def test_a_position_and_a_name_that_are_the_same_person_initial_once(people, stas, pg):
    routes.routesjabloon_create(
        by=people["beheerder"], organisatieonderdeel=pg, naam="Dubbel",
        regels=[Regel(1, F.DIRECTEUR), Regel(1, medewerker=people["directeur"])],
    )  # fmt: skip
    assert route_of(new_nota(people, stas)) == [(1, "directeur")]
