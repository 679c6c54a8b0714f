"""The register's pages: lists with filters, exports of exactly that list, details, actions."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from workflow import commitments
from workflow.deadlines import werkkalender
from workflow.models import Motie, StandVanZaken, Toezegging

from .conftest import sign_and_send


@pytest.fixture
def keeper(client, people):
    client.force_login(people["parlementair"])
    return client


@pytest.fixture
def demo(seed_organisation):
    from demo.notas import SEED_VANDAAG, load_demo_notas

    load_demo_notas(vandaag=SEED_VANDAAG)


def rows_of_csv(response) -> list[list[str]]:
    content = response.content
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_the_register_is_for_logged_in_people(client, demo):
    response = client.get(reverse("toezegging_list"))
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


def test_the_menu_leads_to_both_registers(client, demo, people):
    client.force_login(people["opsteller"])
    content = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("toezegging_list")}">Toezeggingen</a>' in content
    assert f'href="{reverse("motie_list")}">Moties</a>' in content


def test_lists_show_the_seed_case(client, demo, people):
    client.force_login(people["opsteller"])
    content = client.get(reverse("toezegging_list")).content.decode()
    assert "2 toezeggingen" in content
    assert "3465580-1039411-VGP" in content and "jaarlijks" in content
    assert "Een toezegging registreren" not in content  # only for the register keeper
    content = client.get(reverse("motie_list")).content.decode()
    assert "6 moties" in content
    assert "Kamerstuk 25 424, nr. 630" in content and "Mohandis (PvdA)" in content


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ({"status": "afgedaan"}, 2),
        ({"status": "aangenomen"}, 4),
        ({"q": "mohandis"}, 1),
        ({"q": "ChristenUnie"}, 3),  # an indiener's fractie
        ({"q": "36 200 XVI"}, 2),
        ({"ministerie": "VWS"}, 6),
        ({"ministerie": "OCW"}, 0),
    ],
)
def test_motie_filters(client, demo, people, query, count):
    from workflow.models import Ministerie

    if "ministerie" in query:
        query = {"ministerie": Ministerie.objects.get(afkorting=query["ministerie"]).pk}
    client.force_login(people["opsteller"])
    rows = rows_of_csv(client.get(reverse("register_export", args=["moties", "csv"]), query))
    assert len(rows) - 1 == count


def test_overdue_and_due_within_werkdagen(keeper, register_toezegging, posts):
    today = timezone.localdate()
    soon = werkkalender().add_werkdagen(today, 3)
    later = werkkalender().add_werkdagen(today, 10)
    late = register_toezegging(tekst="Te laat.", deadline=date(2020, 1, 31))
    register_toezegging(tekst="Binnenkort.", deadline=soon)
    register_toezegging(tekst="Later.", deadline=later)
    register_toezegging(tekst="Zonder deadline.", deadline=None)
    done = register_toezegging(tekst="Al voldaan.", deadline=date(2020, 1, 31))
    commitments.toezegging_afdoen(
        toezegging=done, by=late.geregistreerd_door, kenmerk="1-2-VGP", datum=date(2020, 1, 2)
    )

    def texts(query):
        response = keeper.get(reverse("register_export", args=["toezeggingen", "csv"]), query)
        return [row[1] for row in rows_of_csv(response)[1:]]

    assert texts({"te_laat": "on"}) == ["Te laat."]
    assert texts({"binnen": "3"}) == ["Binnenkort."]
    assert texts({"binnen": "10"}) == ["Binnenkort.", "Later."]
    assert texts({"bewindspersoon": posts["MLZS"].pk}) == []
    assert len(texts({})) == 5
    content = keeper.get(reverse("toezegging_list"), {"te_laat": "on"}).content.decode()
    assert "1 toezegging" in content and "te laat" in content


def test_due_within_werkdagen_counts_the_beheerders_closure_days(register_toezegging):
    """The register reckons with the one calendar: with 27 December closed, 22 December 2023
    plus 3 werkdagen is 2 January 2024 (25, 26 December and 1 January are holidays)."""
    from workflow.models import Sluitingsdag
    from workflow.register import RegisterFilter, toezeggingen_register

    Sluitingsdag.objects.create(datum=date(2023, 12, 27), omschrijving="Sluitingsdag")
    register_toezegging(tekst="Na de kerst.", deadline=date(2024, 1, 2))
    register_toezegging(tekst="Te ver weg.", deadline=date(2024, 1, 3))

    found = toezeggingen_register(RegisterFilter(binnen_werkdagen=3), on=date(2023, 12, 22))
    assert [t.tekst for t in found] == ["Na de kerst."]


def test_a_wrong_filter_says_what_is_wrong(keeper, demo):
    content = keeper.get(reverse("toezegging_list"), {"binnen": "veel"}).content.decode()
    assert "Voer een geheel getal in." in content


def test_csv_export_is_the_filtered_list_with_dutch_columns(client, demo, people):
    client.force_login(people["opsteller"])
    response = client.get(
        reverse("register_export", args=["toezeggingen", "csv"]), {"q": "jaarlijks"}
    )
    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"].startswith('attachment; filename="toezeggingen-')
    header, *rows = rows_of_csv(response)
    assert header[:8] == [
        "Nummer", "Toezegging", "Bewindspersoon", "Ministerie", "Gedaan", "Waar",
        "Toegezegd aan", "Deadline",
    ]  # fmt: skip
    assert len(rows) == 1
    assert rows[0][2] == "Staatssecretaris van Volksgezondheid, Welzijn en Sport"
    assert rows[0][7] == "31-12-2023"
    assert rows[0][10] == "jaarlijks"


def test_xlsx_export_has_real_dates(client, demo, people):
    from openpyxl import load_workbook

    client.force_login(people["opsteller"])
    response = client.get(reverse("register_export", args=["moties", "xlsx"]), {"q": "Mohandis"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][:3] == ("Kamerstuk", "Zaaknummer van de Kamer", "Titel")
    assert len(values) == 2
    assert values[1][0] == "Kamerstuk 25 424, nr. 630"
    assert values[1][6].date() == date(2022, 11, 16)
    assert sheet.cell(row=2, column=7).number_format == "DD-MM-YYYY"


def test_an_unknown_export_is_not_found(keeper):
    assert keeper.get("/register/toezeggingen.pdf").status_code == 404


def _many(register_toezegging, register_motie, people, n, start):
    for i in range(start, start + n):
        toezegging = register_toezegging(tekst=f"Toezegging {i}.")
        commitments.toezegging_rapporteren(
            toezegging=toezegging, by=people["parlementair"], kenmerk=f"{i}-1-VGP",
            datum=date(2023, 1, 1),
        )  # fmt: skip
        motie = register_motie(
            kamerstuk=f"Kamerstuk 36 200 XVI, nr. {i}", titel=f"Motie {i}",
            mede_indieners=[("Ceder", "ChristenUnie")],
        )  # fmt: skip
        commitments.motie_rapporteren(
            motie=motie, by=people["parlementair"], kenmerk=f"{i}-2-VGP", datum=date(2023, 1, 1)
        )


@pytest.mark.parametrize(
    "url",
    [
        reverse("toezegging_list"),
        reverse("motie_list"),
        reverse("register_export", args=["toezeggingen", "csv"]),
        reverse("register_export", args=["moties", "xlsx"]),
        reverse("toezegging_list") + "?q=1&te_laat=on&binnen=5",
        reverse("motie_list") + "?q=Ceder&status=aangenomen",
    ],
)
def test_register_queries_do_not_grow_with_rows(
    keeper, register_toezegging, register_motie, people, url, django_assert_max_num_queries
):
    _many(register_toezegging, register_motie, people, 2, start=1)
    with django_assert_max_num_queries(12) as few:
        assert keeper.get(url).status_code == 200
    _many(register_toezegging, register_motie, people, 20, start=3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert keeper.get(url).status_code == 200


def test_detail_pages_show_the_letters_and_history(client, demo, people):
    client.force_login(people["opsteller"])
    motie = Motie.objects.get(titel__startswith="Motie van de leden Dik-Faber")
    content = client.get(reverse("motie_detail", args=[motie.pk])).content.decode()
    assert "Dik-Faber (ChristenUnie)" in content and "Diertens (D66) (mede-indiener)" in content
    assert "3382139-1030472-PG" in content and "Kamerstuk 32 793, nr. 613" in content
    assert "motie_afgedaan" in content
    assert "Register bijhouden" not in content
    toezegging = Toezegging.objects.get(bron_kenmerk="3382139-1030472-PG")
    content = client.get(reverse("toezegging_detail", args=[toezegging.pk])).content.decode()
    assert "periodiek, jaarlijks" in content
    assert "toezegging_geregistreerd" in content


@pytest.mark.parametrize("kind", ["toezegging", "motie"])
def test_detail_pages_keep_a_fixed_number_of_queries(
    keeper, register_toezegging, register_motie, people, kind, django_assert_max_num_queries
):
    item = register_toezegging() if kind == "toezegging" else register_motie()
    url = reverse(f"{kind}_detail", args=[item.pk])
    with django_assert_max_num_queries(15) as few:
        assert keeper.get(url).status_code == 200
    before = len(few.captured_queries)
    for i in range(5):
        report = (
            commitments.toezegging_rapporteren
            if kind == "toezegging"
            else commitments.motie_rapporteren
        )
        report(
            **{kind: item}, by=people["parlementair"], kenmerk=f"{i}-9-VGP",
            datum=date(2023, 1, 1),
        )  # fmt: skip
    with django_assert_max_num_queries(before):
        assert keeper.get(url).status_code == 200


def test_the_keeper_registers_a_toezegging_through_the_form(keeper, demo, posts):
    url = reverse("toezegging_create")
    content = keeper.get(url).content.decode()
    for label in ("Tekst", "Bewindspersoon", "Gedaan", "Kenmerk van de brief", "Deadline"):
        assert f">{label}:</label>" in content
    response = keeper.post(url, {"bron": "debat", "soort": "eenmalig"})
    assert "Dit veld is verplicht." in response.content.decode()
    response = keeper.post(
        url, {"tekst": "Iets.", "bewindspersoon": posts["StasVWS"].pk, "bron": "debat",
              "soort": "eenmalig"},
    )  # fmt: skip
    assert "Geef de datum van het debat" in response.content.decode()
    response = keeper.post(
        url, {"tekst": "Voor de zomer een brief over wachttijden.",
              "bewindspersoon": posts["StasVWS"].pk, "bron": "debat",
              "debat": "Commissiedebat GGZ", "debat_datum": "2023-02-08",
              "soort": "periodiek", "herhaling": "jaarlijks", "deadline": "2023-06-30"},
        follow=True,
    )  # fmt: skip
    assert "De toezegging staat in het register." in response.content.decode()
    created = Toezegging.objects.get(tekst__startswith="Voor de zomer")
    assert (created.herhaling, created.deadline) == ("jaarlijks", date(2023, 6, 30))


def test_others_are_refused_with_the_reason(client, demo, people, posts):
    client.force_login(people["opsteller"])
    response = client.post(
        reverse("toezegging_create"),
        {"tekst": "Iets.", "bewindspersoon": posts["StasVWS"].pk, "bron": "debat",
         "debat_datum": "2023-02-08", "soort": "eenmalig"},
    )  # fmt: skip
    assert "Alleen parlementaire coördinatie houdt het register" in response.content.decode()
    motie = Motie.objects.get(kamerstuk="Kamerstuk 31 839, nr. 870")
    response = client.post(reverse("motie_action", args=[motie.pk, "in-uitvoering"]), follow=True)
    assert "Alleen parlementaire coördinatie" in response.content.decode()
    assert Motie.objects.get(pk=motie.pk).status == Motie.Status.AANGENOMEN


def test_the_keeper_records_a_letter_and_lapses_through_the_page(keeper, demo):
    motie = Motie.objects.get(kamerstuk="Kamerstuk 31 839, nr. 870")
    response = keeper.post(
        reverse("motie_action", args=[motie.pk, "afdoen"]),
        {"brief-kenmerk": "1234567-1060001-PG", "brief-datum": "2024-03-01"},
        follow=True,
    )
    assert "Gelukt: nu afgedaan." in response.content.decode()
    toezegging = Toezegging.objects.get(bron_kenmerk="3465580-1039411-VGP")
    response = keeper.post(
        reverse("toezegging_action", args=[toezegging.pk, "vervallen"]), {"reden-reden": ""},
        follow=True,
    )  # fmt: skip
    assert "Geef de reden waarom de toezegging vervalt." in response.content.decode()
    keeper.post(
        reverse("toezegging_action", args=[toezegging.pk, "vervallen"]),
        {"reden-reden": "Ingehaald."},
    )
    assert Toezegging.objects.get(pk=toezegging.pk).status == Toezegging.Status.VERVALLEN


def test_the_keeper_sees_the_actions_that_fit_the_status(keeper, demo):
    motie = Motie.objects.get(kamerstuk="Kamerstuk 31 839, nr. 870")
    content = keeper.get(reverse("motie_detail", args=[motie.pk])).content.decode()
    assert "Register bijhouden" in content
    for button in (
        "Afgedaan met deze brief",
        "Alleen stand van zaken gegeven",
        "In uitvoering",
        "Niet uitgevoerd",
    ):
        assert f">{button}</button>" in content
    assert ">Weer openzetten</button>" not in content
    assert ">Deels afgedaan</button>" not in content  # moties are not discharged in part
    done = Motie.objects.get(titel__startswith="Motie van het lid Bikker")
    content = keeper.get(reverse("motie_detail", args=[done.pk])).content.decode()
    assert ">Weer openzetten</button>" in content
    assert ">Afgedaan met deze brief</button>" not in content


def test_the_motie_form_edits_indieners(keeper, demo):
    motie = Motie.objects.get(kamerstuk="Kamerstuk 36 200 XVI, nr. 131")
    url = reverse("motie_edit", args=[motie.pk])
    assert "Richardson" in keeper.get(url).content.decode()
    keeper.post(
        url, {"titel": motie.titel, "kamerstuk": "36200 XVI nr 131", "indieners": "Richardson, VVD",
              "mede_indieners": "Tielen, VVD\nPaulusma, D66"},
    )  # fmt: skip
    current = [str(i) for i in motie.indieners.filter(vervangen_op__isnull=True)]
    assert current == ["Richardson (VVD)", "Tielen (VVD)", "Paulusma (D66)"]


def test_the_opsteller_links_on_the_nota_page(client, letter, people, register_toezegging):
    toezegging = register_toezegging()
    client.force_login(people["opsteller"])
    page = reverse("nota_detail", args=[letter.nota_id])
    content = client.get(page).content.decode()
    assert "Toezeggingen en moties die deze brief behandelt" in content
    content = client.get(page, {"koppeling_zoek": "voortgangsrapportage"}).content.decode()
    assert f'value="t{toezegging.pk}"' in content
    response = client.post(
        reverse("nota_link", args=[letter.nota_id]),
        {"item": f"t{toezegging.pk}", "wijze": "afdoen"},
        follow=True,
    )
    content = response.content.decode()
    assert "Gekoppeld; onderdeel g van de nota is opnieuw geschreven." in content
    assert "Deze toezegging wordt met deze kamerbrief afgedaan." in content  # section g
    koppeling = letter.nota.koppelingen.get()
    client.post(reverse("nota_unlink", args=[letter.nota_id, koppeling.pk]))
    assert letter.nota.koppelingen.get().ontkoppeld_op is not None
    client.force_login(people["dg"])  # may read the nota once submitted, but not link
    assert client.post(
        reverse("nota_link", args=[letter.nota_id]),
        {"item": f"t{toezegging.pk}", "wijze": "afdoen"},
    ).status_code in (302, 404)
    assert letter.nota.koppelingen.filter(ontkoppeld_op__isnull=True).count() == 0


def test_a_sent_letter_offers_the_keeper_to_register_its_toezeggingen(
    client, letter, people, offices
):
    sent = sign_and_send(letter, people, offices)
    client.force_login(people["parlementair"])
    content = client.get(reverse("nota_detail", args=[sent.nota_id])).content.decode()
    assert "Een toezegging uit deze brief registreren" in content
    form = client.get(reverse("toezegging_create"), {"kenmerk": sent.kenmerk}).content.decode()
    assert f'value="{sent.kenmerk}"' in form


@pytest.mark.parametrize("kind", ["toezegging", "motie"])
def test_a_list_reads_the_letters_only_of_lines_that_have_any(
    keeper, register_toezegging, register_motie, kind
):
    if kind == "toezegging":
        handled, _open = register_toezegging(), register_toezegging()
    else:
        handled, _open = register_motie(), register_motie(kamerstuk="Kamerstuk 25 424, nr. 631")
    url = reverse(f"{kind}_list")
    with CaptureQueriesContext(connection) as none_handled:
        content = keeper.get(url).content.decode()
    assert "brief van" not in content
    StandVanZaken.objects.create(
        **{kind: handled}, wijze=StandVanZaken.Wijze.AFGEDAAN, kenmerk="1234-5678-VGP",
        datum=date(2024, 3, 3),
    )  # fmt: skip
    with CaptureQueriesContext(connection) as one_handled:
        content = keeper.get(url).content.decode()
    assert "brief van 3 maart 2024 1234-5678-VGP" in content
    # One query for the letters, now that a line has one; none before.
    assert len(one_handled) == len(none_handled) + 1
