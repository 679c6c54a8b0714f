"""The seed case: sending the seed Kamerbrief afdoet exactly its toezeggingen and moties."""

from datetime import date

import pytest

from demo.notas import SEED_KENMERK, SEED_VANDAAG, load_demo_notas
from letters.models import Kamerbrief, Toelichtingspunt
from tests.support import at
from workflow.models import Gebeurtenis, Koppeling, Motie, StandVanZaken, Toezegging
from workflow.services.afstemming import afstemming_beantwoorden
from workflow.services.nota import nota_besluit_vastleggen
from workflow.services.verzending import kamerbrief_ondertekenen, kamerbrief_verzenden

T, M, W = Toezegging.Status, Motie.Status, StandVanZaken.Wijze


@pytest.fixture
def seed_letter(seed_organisation):
    load_demo_notas(vandaag=SEED_VANDAAG)
    return Kamerbrief.objects.select_related("nota").get(nota__kenmerk=SEED_KENMERK)


def motie(kamerstuk_or_titel: str) -> Motie:
    return (
        Motie.objects.get(kamerstuk=kamerstuk_or_titel)
        if kamerstuk_or_titel.startswith("Kamerstuk")
        else Motie.objects.get(titel__startswith=kamerstuk_or_titel)
    )


def toezegging(kenmerk: str) -> Toezegging:
    return Toezegging.objects.get(bron_kenmerk=kenmerk)


def test_the_demo_register_holds_the_seed_case(seed_letter):
    eenmalig, jaarlijks = toezegging("3465580-1039411-VGP"), toezegging("3382139-1030472-PG")
    assert (eenmalig.soort, eenmalig.deadline, eenmalig.deadline_omschrijving) == (
        Toezegging.Soort.EENMALIG, date(2023, 12, 31), "voor eind 2023",
    )  # fmt: skip
    assert (jaarlijks.soort, jaarlijks.herhaling, jaarlijks.status) == (
        Toezegging.Soort.PERIODIEK, Toezegging.Herhaling.JAARLIJKS, T.OPENSTAAND,
    )  # fmt: skip
    assert eenmalig.bron_kamerbrief.datum == date(2022, 12, 2)
    statuses = {m.titel.split(" over ")[0]: m.status for m in Motie.objects.all()}
    assert statuses == {
        "Motie van het lid Mohandis": M.AANGENOMEN,
        "Motie van het lid Richardson c.s.": M.AANGENOMEN,
        "Motie van het lid de Neef": M.AANGENOMEN,
        "Motie van het lid Ceder": M.AANGENOMEN,
        "Motie van de leden Dik-Faber en Diertens": M.AFGEDAAN,
        "Motie van het lid Bikker c.s.": M.AFGEDAAN,
    }
    assert {s.kenmerk for s in StandVanZaken.objects.filter(motie__status=M.AFGEDAAN)} == {
        "3382139-1030472-PG"
    }
    assert [str(i) for i in motie("Motie van de leden Dik-Faber").indieners.all()] == [
        "Dik-Faber (ChristenUnie)", "Diertens (D66)",
    ]  # fmt: skip


def test_section_g_of_the_seed_nota_is_written_from_its_links(seed_letter):
    g = seed_letter.nota.toelichting.get(punt=Toelichtingspunt.Punt.G).tekst
    paragraphs = g.split("\n\n")
    assert len(paragraphs) == 6
    assert paragraphs[0].startswith(
        "In de kamerbrief over “Onderwerpen bevordering gezondheid, preventie en leefstijl” "
        "(3465580-1039411-VGP, 2 december 2022) is toegezegd: “Voor eind 2023"
    )
    assert paragraphs[0].endswith("Deze toezegging wordt met deze kamerbrief afgedaan.")
    assert "Deze toezegging is periodiek (jaarlijks)" in paragraphs[1]
    assert "en zij blijft staan." in paragraphs[1]
    assert paragraphs[4].startswith(
        "Met deze kamerbrief wordt de stand van zaken gegeven van de motie van het lid de Neef"
    )


def test_loading_the_demo_again_adds_nothing(seed_letter):
    counts = (Toezegging.objects.count(), Motie.objects.count(), Koppeling.objects.count())
    load_demo_notas(vandaag=SEED_VANDAAG)
    assert (Toezegging.objects.count(), Motie.objects.count(), Koppeling.objects.count()) == counts
    assert counts == (2, 6, 6)


def test_sending_the_seed_letter_discharges_exactly_its_toezeggingen_and_moties(
    seed_letter, user_named
):
    untouched = {m.pk: m.status for m in Motie.objects.filter(kamerstuk="")}
    verzoek = seed_letter.afstemmingsverzoeken.get(
        bewindspersoon__afkorting="MLZS", status="aangevraagd"
    )
    afstemming_beantwoorden(verzoek=verzoek, by=user_named("bureau-mlzs"), antwoord="akkoord")
    secretariaat = user_named("secretariaat")
    nota_besluit_vastleggen(nota=seed_letter.nota, by=secretariaat, uitkomst="akkoord")
    kamerbrief_ondertekenen(kamerbrief=seed_letter, by=secretariaat, now=at(18, 15))
    kamerbrief_verzenden(kamerbrief=seed_letter, by=secretariaat, now=at(19, 10))

    eenmalig, jaarlijks = toezegging("3465580-1039411-VGP"), toezegging("3382139-1030472-PG")
    assert eenmalig.status == T.VOLDAAN
    assert (jaarlijks.status, jaarlijks.deadline) == (T.OPENSTAAND, date(2024, 12, 31))
    occurrence = jaarlijks.standen.get()
    assert (occurrence.kamerbrief_id, occurrence.termijn, occurrence.volgende_termijn) == (
        seed_letter.pk, date(2023, 12, 31), date(2024, 12, 31),
    )  # fmt: skip
    assert {k: motie(k).status for k in (
        "Kamerstuk 25 424, nr. 630", "Kamerstuk 36 200 XVI, nr. 131",
        "Kamerstuk 31 839, nr. 870", "Kamerstuk 36 200 XVI, nr. 142",
    )} == {
        "Kamerstuk 25 424, nr. 630": M.AFGEDAAN, "Kamerstuk 36 200 XVI, nr. 131": M.AFGEDAAN,
        "Kamerstuk 31 839, nr. 870": M.AANGENOMEN, "Kamerstuk 36 200 XVI, nr. 142": M.AFGEDAAN,
    }  # fmt: skip
    de_neef = motie("Kamerstuk 31 839, nr. 870").standen.get()
    assert (de_neef.wijze, de_neef.kamerbrief_id, de_neef.datum) == (
        W.STAND_VAN_ZAKEN, seed_letter.pk, date(2023, 12, 19),
    )  # fmt: skip
    assert "verandertheorie" in de_neef.tekst
    # The 2022 letter's moties stay as they were.
    assert {m.pk: m.status for m in Motie.objects.filter(kamerstuk="")} == untouched

    # History: one event per item, in the letter's history, by the office that sent it.
    events = Gebeurtenis.objects.filter(kamerbrief=seed_letter).exclude(toezegging=None, motie=None)
    assert sorted(e.actie for e in events) == sorted([
        "toezegging_voldaan", "toezegging_nagekomen", "motie_afgedaan", "motie_afgedaan",
        "motie_stand_van_zaken", "motie_afgedaan",
    ])  # fmt: skip
    assert {e.actor.username for e in events} == {"secretariaat"}
    assert {e.tijdstip for e in events} == {at(19, 10)}
    assert StandVanZaken.objects.filter(kamerbrief=seed_letter).count() == 6
