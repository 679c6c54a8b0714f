"""`manage.py import_tk`: the Kamer's open data in, matched on its ids, never half a record."""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.support import at
from workflow import commitments
from workflow.models import Gebeurtenis, Koppeling, Motie, Toezegging
from workflow.tk_import import import_file

DATA = Path(__file__).parent / "data" / "tk"
T, M = Toezegging.Status, Motie.Status


def imported(name: str):
    return import_file(DATA / name, now=at(20))


def counts(rapport) -> tuple[int, int, int, int]:
    return rapport.aangemaakt, rapport.bijgewerkt, rapport.ongewijzigd, len(rapport.afgewezen)


def tz(nummer: str) -> Toezegging:
    return Toezegging.objects.get(tk_nummer=nummer)


def test_importing_toezeggingen_creates_them_with_the_known_quirks(seed_organisation):
    rapport = imported("toezeggingen.json")
    assert counts(rapport) == (3, 0, 0, 0)
    first = tz("TZ202312-101")
    assert (first.status, first.deadline, first.bron, first.activiteit_nummer) == (
        T.OPENSTAAND, date(2024, 6, 30), Toezegging.Bron.DEBAT, "2023A07123",
    )  # fmt: skip
    assert (first.bewindspersoon.afkorting, first.ministerie.afkorting) == ("StasVWS", "VWS")
    assert first.aan_fractie == "GL"
    # 0001-01-01 means no date; KamerbriefNakoming may come more than once.
    second = tz("TZ202311-55")
    assert (second.status, second.deadline) == (T.VOLDAAN, None)
    assert second.kamerbrief_nakoming == "Kamerstuk 32 793, nr. 680; 2023D51234"
    assert second.bewindspersoon.afkorting == "MLZS"
    assert list(second.herhaalt.all()) == [first]
    # A record with fields never seen before, naming a post Parafeer does not know.
    third = tz("TZ202401-7")
    assert (third.status, third.deadline, third.bewindspersoon) == (
        T.DEELS_VOLDAAN, date(2024, 4, 1), None,
    )  # fmt: skip
    assert third.bewindspersoon_label == "minister van Klimaat en Groene Groei"
    assert third.tk_data["NieuwVeldVanDeKamer"] == "iets wat Parafeer nog nooit zag"
    assert set(
        Gebeurtenis.objects.filter(toezegging__isnull=False).values_list("actie", flat=True)
    ) == {"tk_geimporteerd"}


def test_reimporting_the_same_file_changes_nothing(seed_organisation):
    imported("toezeggingen.json")
    events = Gebeurtenis.objects.count()
    assert counts(imported("toezeggingen.json")) == (0, 0, 3, 0)
    assert Toezegging.objects.count() == 3
    assert Gebeurtenis.objects.count() == events


def test_reimporting_changed_records_updates_them_and_keeps_local_work(
    seed_organisation, people, make_nota
):
    imported("toezeggingen.json")
    first = tz("TZ202312-101")
    commitments.toezegging_update(
        toezegging=first, by=people["parlementair"], notities="Navragen bij PG.",
        deadline=date(2024, 7, 4), deadline_omschrijving="voor het zomerreces",
    )  # fmt: skip
    nota = make_nota()
    commitments.nota_link_commitment(
        nota=nota, by=people["opsteller"], toezegging=first, wijze="rapporteren"
    )

    assert counts(imported("toezeggingen_gewijzigd.json")) == (0, 2, 1, 0)

    first = tz("TZ202312-101")
    assert first.status == T.VOLDAAN
    assert first.tekst.endswith("(aangevuld)")
    assert first.kamerbrief_nakoming == "2024D20001"
    # The Kamer did not change its DatumNakoming: the deadline moved here stays.
    assert (first.deadline, first.deadline_omschrijving) == (
        date(2024, 7, 4),
        "voor het zomerreces",
    )
    assert first.notities == "Navragen bij PG."
    assert Koppeling.objects.filter(toezegging=first, ontkoppeld_op__isnull=True).count() == 1
    event = Gebeurtenis.objects.get(toezegging=first, actie="tk_bijgewerkt")
    assert (event.actie, event.van_status, event.naar_status) == (
        "tk_bijgewerkt", T.OPENSTAAND, T.VOLDAAN,
    )  # fmt: skip
    assert "kamerbrief_nakoming" in event.opmerking and "tekst" in event.opmerking
    # Deleted by the Kamer: kept, and marked.
    assert tz("TZ202401-7").tk_verwijderd
    # An older delivery does not undo a newer one.
    assert counts(imported("toezeggingen.json"))[1] == 0
    assert tz("TZ202312-101").status == T.VOLDAAN


def test_a_malformed_record_is_rejected_with_its_reason_and_the_rest_imported(seed_organisation):
    rapport = imported("toezeggingen_met_fout.json")
    assert counts(rapport) == (2, 0, 0, 3)
    assert [(a.positie, a.sleutel) for a in rapport.afgewezen] == [
        (2, "TZ202402-13"), (4, "TZ202402-15"), (5, "TZ202402-16"),
    ]  # fmt: skip
    reasons = [a.reden for a in rapport.afgewezen]
    assert "DatumNakoming 'eind volgend jaar' is geen datum en tijd." in reasons[0]
    assert "geen id (GUID) van de Kamer" in reasons[1]
    assert "'Half Voldaan' is geen status van het register van de Kamer" in reasons[2]
    assert sorted(Toezegging.objects.values_list("tk_nummer", flat=True)) == [
        "TZ202402-12", "TZ202402-14",
    ]  # fmt: skip
    lapsed = tz("TZ202402-14")
    assert (lapsed.status, lapsed.reden_vervallen) == (
        T.VERVALLEN, "Vervallen volgens het register van de Kamer.",
    )  # fmt: skip


def test_a_file_with_one_record_is_read_too(seed_organisation):
    assert counts(imported("toezegging_enkel.json")) == (1, 0, 0, 0)
    assert tz("TZ202403-1").deadline == date(2024, 5, 1)


def test_importing_moties_takes_adopted_ones_and_says_why_it_rejects_others(seed_organisation):
    rapport = imported("moties.json")
    assert counts(rapport) == (3, 0, 0, 2)
    assert [(a.sleutel, a.reden) for a in rapport.afgewezen] == [
        ("2022Z22401",
         "Niet aangenomen door de Kamer (Stemmen - verworpen): geen motie voor het register."),
        ("2022Z22402", "Deze zaak is geen motie maar “Amendement”."),
    ]  # fmt: skip
    mohandis = Motie.objects.get(tk_zaak_nummer="2022Z22050")
    assert (mohandis.kamerstuk, mohandis.vergaderjaar, mohandis.datum, mohandis.status) == (
        "Kamerstuk 25 424, nr. 630", "2022-2023", date(2022, 11, 16), M.AANGENOMEN,
    )  # fmt: skip
    assert (mohandis.kabinetsappreciatie, mohandis.bewindspersoon.afkorting) == (
        Motie.Kabinetsappreciatie.OORDEEL_KAMER, "StasVWS",
    )  # fmt: skip
    westerveld = Motie.objects.get(tk_zaak_nummer="2022Z22400")
    assert westerveld.kamerstuk == "Kamerstuk 36 200 XVI, nr. 150"
    assert [(i.rol, str(i)) for i in westerveld.indieners.all()] == [
        ("indiener", "L. Westerveld (GL)"), ("medeindiener", "C. Ceder (ChristenUnie)"),
        ("medeindiener", "J. Slagt-Tichelman (GL)"),
    ]  # fmt: skip
    # An opinion in words never seen before is kept as the Kamer wrote it.
    assert westerveld.get_kabinetsappreciatie_display() == "Ontraden, maar sympathiek bejegend"
    assert Motie.objects.get(tk_zaak_nummer="2023Z18970").kamerstuk == ""
    assert counts(imported("moties.json")) == (0, 0, 3, 2)


def test_importing_a_motie_registered_by_hand_joins_it_and_keeps_its_links(seed_organisation):
    from demo.notas import SEED_VANDAAG, load_demo_notas

    load_demo_notas(vandaag=SEED_VANDAAG)
    local = Motie.objects.get(kamerstuk="Kamerstuk 25 424, nr. 630")
    links = list(local.koppelingen.values_list("pk", flat=True))
    assert links
    rapport = imported("moties.json")
    assert counts(rapport) == (2, 1, 0, 2)
    local.refresh_from_db()
    assert str(local.tk_id).endswith("000000000001") and local.tk_zaak_nummer == "2022Z22050"
    # Filled where empty, kept where the register keeper wrote it.
    assert local.kabinetsappreciatie == Motie.Kabinetsappreciatie.OORDEEL_KAMER
    assert local.titel.startswith("Motie van het lid Mohandis over plannen, programma’s")
    assert [str(i) for i in local.indieners.filter(vervangen_op__isnull=True)] == [
        "Mohandis (PvdA)"
    ]
    assert list(local.koppelingen.values_list("pk", flat=True)) == links


def test_the_command_reports_per_file_and_fails_on_an_unreadable_one(seed_organisation):
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match=r"kapot\.json"):
        call_command(
            "import_tk", str(DATA / "toezeggingen_met_fout.json"), str(DATA / "kapot.json"),
            str(DATA / "moties.json"), stdout=out, stderr=err,
        )  # fmt: skip
    lines = out.getvalue().splitlines()
    assert lines[0] == (
        "toezeggingen_met_fout.json: 2 nieuw, 0 bijgewerkt, 0 ongewijzigd, 3 afgewezen"
    )
    assert lines[1].startswith("  record 2 (TZ202402-13) afgewezen: DatumNakoming")
    assert "moties.json: 3 nieuw, 0 bijgewerkt, 0 ongewijzigd, 2 afgewezen" in lines
    assert "kapot.json: kan niet worden gelezen" in err.getvalue()
    # The readable files were imported all the same.
    assert Motie.objects.count() == 3


@pytest.mark.parametrize("depth", [40, 200_000])
def test_a_deeply_nested_file_is_refused_with_a_reason(seed_organisation, tmp_path, depth):
    """200,000 levels would exhaust the JSON parser's recursion; 40 parse but are no record."""
    nested = tmp_path / "genest.json"
    nested.write_text('{"value": [' + '{"a": [' * depth + "]}" * depth + "]}")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match=r"genest\.json"):
        call_command("import_tk", str(nested), stdout=out, stderr=err)
    assert err.getvalue() == (
        "genest.json: kan niet worden gelezen: Het bestand is meer dan 32 niveaus diep genest: "
        "het zijn geen open data van de Tweede Kamer.\n"
    )
    assert Toezegging.objects.count() == Motie.objects.count() == 0
