"""Fixtures for the register of toezeggingen and moties: offices, letters, register items."""

from datetime import date

import pytest

from letters.models import Kamerbrief
from tests.support import at
from workflow import commitments
from workflow.models import Bewindspersoon, Toezegging
from workflow.services.afstemming import afstemming_beantwoorden, kamerbrief_afstemming_starten
from workflow.services.kamerbrief import kamerbrief_create
from workflow.services.nota import nota_besluit_vastleggen, nota_indienen, nota_paraferen
from workflow.services.verzending import kamerbrief_ondertekenen, kamerbrief_verzenden


@pytest.fixture
def posts(seed_organisation):
    return {b.afkorting: b for b in Bewindspersoon.objects.all()}


@pytest.fixture
def letter(make_nota, people, posts):
    """A concept Kamerbrief of a concept nota, co-signed by MLZS."""
    return kamerbrief_create(
        nota=make_nota(), by=people["opsteller"], betreft="Voortgang aanpak mentale gezondheid",
        tekst="Geachte voorzitter,\n\nHierbij informeer ik u.\n",
        medeondertekenaars=[posts["MLZS"]], now=at(1, 9),
    )  # fmt: skip


def sign_and_send(kamerbrief: Kamerbrief, people, offices, day: int = 19) -> Kamerbrief:
    """Afstemming, parafen, besluit, signature and sending, the whole way for one letter."""
    kamerbrief = Kamerbrief.objects.get(pk=kamerbrief.pk)
    nota = kamerbrief.nota
    if kamerbrief.status == Kamerbrief.Status.CONCEPT:
        kamerbrief_afstemming_starten(kamerbrief=kamerbrief, by=people["opsteller"])
    for verzoek in kamerbrief.afstemmingsverzoeken.filter(status="aangevraagd"):
        afstemming_beantwoorden(
            verzoek=verzoek, by=offices[verzoek.bewindspersoon.afkorting], antwoord="akkoord"
        )
    nota.refresh_from_db()
    if nota.status == nota.Status.CONCEPT:
        nota_indienen(nota=nota, by=people["opsteller"])
        for name in ("afdelingshoofd", "directeur", "dg"):
            nota_paraferen(nota=nota, by=people[name])
    nota_besluit_vastleggen(nota=nota, by=offices["StasVWS"], uitkomst="akkoord")
    kamerbrief_ondertekenen(kamerbrief=kamerbrief, by=offices["StasVWS"], now=at(day, 9))
    kamerbrief_verzenden(kamerbrief=kamerbrief, by=offices["StasVWS"], now=at(day, 10))
    return Kamerbrief.objects.get(pk=kamerbrief.pk)


@pytest.fixture
def register_toezegging(people, posts):
    def make(**overrides) -> Toezegging:
        fields = {
            "by": people["parlementair"],
            "tekst": "Voor eind 2023 een voortgangsrapportage naar de Kamer sturen.",
            "bewindspersoon": posts["StasVWS"],
            "bron": Toezegging.Bron.DEBAT,
            "debat": "Commissiedebat GGZ",
            "debat_datum": date(2023, 2, 8),
            "deadline": date(2023, 12, 31),
            "deadline_omschrijving": "voor eind 2023",
            "now": at(1, 8),
        }
        fields.update(overrides)
        return commitments.toezegging_register(**fields)

    return make


@pytest.fixture
def register_motie(people, posts):
    def make(**overrides):
        fields = {
            "by": people["parlementair"],
            "titel": "Motie van het lid Mohandis over plannen, programma's en afspraken",
            "kamerstuk": "Kamerstuk 25 424, nr. 630",
            "indieners": [("Mohandis", "PvdA")],
            "dictum": "verzoekt de regering een overzicht te zenden",
            "bewindspersoon": posts["StasVWS"],
            "now": at(1, 8),
        }
        fields.update(overrides)
        return commitments.motie_register(**fields)

    return make
