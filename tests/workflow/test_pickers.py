"""Pickers search instead of listing a whole table (issue 17): the toezegging or motie to link
to a nota, and the substitute on the profile. The pages stay the same size and the same number of
queries however many open items or colleagues there are; a choice round-trips; a made-up,
closed or inactive one is refused in Dutch. Without JavaScript the search is a plain GET form
whose results come back as radios in the form that posts."""

from datetime import date

import pytest
from django.urls import reverse

from workflow import commitments
from workflow.models import Koppeling, Medewerker, Toezegging, Vervanging
from workflow.register import LINK_SUGGESTIONS

MANY = 300


@pytest.fixture
def opsteller(client, people):
    client.force_login(people["opsteller"])
    return client


@pytest.fixture
def many_open(posts, people):
    """300 open toezeggingen that all match "wachttijden", and one that was fulfilled."""
    Toezegging.objects.bulk_create(
        Toezegging(
            tekst=f"Toezegging nummer {i} over wachttijden in de ggz.",
            tk_nummer=f"TZ2023-{i:04d}",
            bewindspersoon=posts["StasVWS"],
            bron=Toezegging.Bron.DEBAT,
            debat="Commissiedebat GGZ",
            debat_datum=date(2023, 2, 8),
            deadline=date(2024, 1, 1),
        )
        for i in range(MANY)
    )
    done = Toezegging.objects.create(
        tekst="Een al voldane toezegging over wachttijden.",
        bron=Toezegging.Bron.DEBAT,
        debat="Commissiedebat GGZ",
        debat_datum=date(2023, 2, 8),
        status=Toezegging.Status.VOLDAAN,
    )
    return done


def radios(content: str, name: str) -> int:
    return content.count(f'type="radio" id="{name}-')


def test_the_nota_page_lists_no_open_items_until_searched(
    opsteller, make_nota, many_open, django_assert_max_num_queries
):
    nota = make_nota()
    page = reverse("nota_detail", args=[nota.pk])
    with django_assert_max_num_queries(15):
        content = opsteller.get(page).content.decode()
    assert radios(content, "item") == 0
    section = content.split('id="koppelingen-kop"')[1].split("</section>")[0]
    assert section.count("<select") == 1  # only the three-way "what the letter does"
    assert "wachttijden" not in content
    small = len(content)
    # Without JavaScript: the search form reloads the page with the results as radios.
    with django_assert_max_num_queries(15):
        found = opsteller.get(page, {"koppeling_zoek": "WACHTTIJDEN"}).content.decode()
    assert radios(found, "item") == LINK_SUGGESTIONS
    assert "Alleen de eerste 20 resultaten staan hier" in found
    assert len(found) < small + 20 * 500  # bounded, not a register


def test_the_htmx_suggestions_are_capped_and_leave_out_closed_items(
    opsteller, make_nota, many_open, django_assert_max_num_queries
):
    nota = make_nota()
    url = reverse("nota_link_search", args=[nota.pk])
    with django_assert_max_num_queries(10):
        content = opsteller.get(url, {"koppeling_zoek": "wachttijden"}).content.decode()
    assert radios(content, "item") == LINK_SUGGESTIONS
    assert f'value="t{many_open.pk}"' not in content  # fulfilled: not offered
    content = opsteller.get(url, {"koppeling_zoek": "TZ2023-0042"}).content.decode()
    assert radios(content, "item") == 1 and "TZ2023-0042: Toezegging nummer 42" in content
    content = opsteller.get(url, {"koppeling_zoek": "zeldzaam woord"}).content.decode()
    assert "Niets gevonden voor “zeldzaam woord”" in content


def test_a_motion_is_found_by_its_kamerstuk(opsteller, make_nota, register_motie):
    nota = make_nota()
    motie = register_motie()
    content = opsteller.get(
        reverse("nota_link_search", args=[nota.pk]), {"koppeling_zoek": "25 424"}
    ).content.decode()
    assert f'value="m{motie.pk}"' in content and "Motie" in content


def test_the_chosen_item_round_trips_and_a_wrong_one_is_refused_in_dutch(
    opsteller, make_nota, many_open, register_motie, people
):
    nota = make_nota()
    url = reverse("nota_link", args=[nota.pk])
    chosen = Toezegging.objects.get(tk_nummer="TZ2023-0007")
    content = opsteller.get(
        reverse("nota_link_search", args=[nota.pk]), {"koppeling_zoek": "TZ2023-0007"}
    ).content.decode()
    assert f'name="item" value="t{chosen.pk}"' in content
    response = opsteller.post(url, {"item": f"t{chosen.pk}", "wijze": "afdoen"}, follow=True)
    assert "Gekoppeld; onderdeel g van de nota is opnieuw geschreven." in response.content.decode()
    assert nota.koppelingen.get().toezegging == chosen

    refused = (
        "Deze toezegging of motie bestaat niet of is niet meer open: zoek opnieuw en kies er een."
    )
    motie = register_motie()
    commitments.motie_niet_uitgevoerd(motie=motie, by=people["parlementair"], reden="Achterhaald.")
    for wrong in (
        f"t{many_open.pk}",
        f"m{motie.pk}",
        "t999999",
        "m999999",
        "x12",
        "t",
        "t²",
        "t" + "9" * 30,
        "",
    ):
        response = opsteller.post(url, {"item": wrong, "wijze": "afdoen"}, follow=True)
        content = response.content.decode()
        expected = refused if wrong else "Zoek een toezegging of motie en kies er een."
        assert expected in content, wrong
    assert Koppeling.objects.count() == 1


@pytest.fixture
def many_colleagues(seed_organisation):
    Medewerker.objects.bulk_create(
        Medewerker(username=f"collega{i}", first_name="Collega", last_name=f"Nummer {i:03d}")
        for i in range(MANY)
    )


def test_the_profile_lists_no_colleagues_until_searched(
    client, people, many_colleagues, django_assert_max_num_queries
):
    client.force_login(people["opsteller"])
    with django_assert_max_num_queries(15):
        content = client.get(reverse("profile")).content.decode()
    main = content.split("<main", 1)[1].split("</main>", 1)[0]  # the footer's language choice aside
    assert "<select" not in main and "Nummer 001" not in content
    with django_assert_max_num_queries(15):
        found = client.get(reverse("profile"), {"vervanger_zoek": "collega"}).content.decode()
    assert radios(found, "vervanger") == 20
    with django_assert_max_num_queries(5):
        content = client.get(
            reverse("colleague_search"), {"vervanger_zoek": "collega nummer 123"}
        ).content.decode()
    assert radios(content, "vervanger") == 1 and "Collega Nummer 123" in content


def test_the_substitute_is_found_by_name_and_unit_and_round_trips(client, people):
    client.force_login(people["opsteller"])
    directeur = people["directeur"]
    unit = directeur.organisatieonderdeel.code
    content = client.get(
        reverse("colleague_search"), {"vervanger_zoek": f"{directeur.last_name} {unit}"}
    ).content.decode()
    assert f'name="vervanger" value="{directeur.pk}"' in content
    client.post(
        reverse("profile"),
        {"actie": "afwezigheid", "van": "2023-12-27", "tot": "2023-12-29",
         "vervanger": directeur.pk},
    )  # fmt: skip
    assert Vervanging.objects.get(medewerker=people["opsteller"]).vervanger == directeur


def test_a_made_up_or_inactive_substitute_is_refused_in_dutch(client, people):
    client.force_login(people["opsteller"])
    gone = people["dg"]
    gone.is_active = False
    gone.save()
    for wrong in ("999999", str(gone.pk), "iemand", "²", "9" * 30, ""):
        response = client.post(
            reverse("profile"),
            {"actie": "afwezigheid", "van": "2023-12-27", "tot": "2023-12-29", "vervanger": wrong},
            follow=True,
        )
        assert "Kies een vervanger uit de zoekresultaten" in response.content.decode(), wrong
    assert not Vervanging.objects.exists()
