from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from letters.services import nota_create
from workflow.demo import load_route_templates
from workflow.models import Bewindspersoon, Medewerker, Organisatieonderdeel, Vervanging

AMS = ZoneInfo("Europe/Amsterdam")


def at(day: int, hour: int = 10, month: int = 12, year: int = 2023) -> datetime:
    return datetime(year, month, day, hour, tzinfo=AMS)


@pytest.fixture
def people(user_named):
    names = [
        "opsteller", "afdelingshoofd", "directeur", "dg", "secretariaat", "bureau-mlzs",
        "parlementair", "beheerder",
    ]  # fmt: skip
    return {name: user_named(name) for name in names}


@pytest.fixture
def route_template(seed_organisation):
    """The PG template of the demo: afdelingshoofd → directeur → DG."""
    load_route_templates()


@pytest.fixture
def stas(seed_organisation):
    return Bewindspersoon.objects.get(afkorting="StasVWS")


@pytest.fixture
def make_nota(people, stas, route_template):
    def make(**overrides):
        fields = {
            "by": people["opsteller"],
            "aan": stas,
            "onderwerp": "Kamerbrief voortgang aanpak mentale gezondheid",
            "geadviseerd_besluit": "Akkoord gaan met verzending.",
            "deadline": date(2023, 12, 15),
            "now": at(1, 9),
        }
        fields.update(overrides)
        return nota_create(**fields)

    return make


@pytest.fixture
def outsider(seed_organisation):
    """A civil servant of another ministry with no part in any nota."""
    ocw = Organisatieonderdeel.objects.create(
        ministerie=Bewindspersoon.objects.get(afkorting="MOCW").ministerie,
        soort=Organisatieonderdeel.Soort.DIRECTIE,
        code="OWB",
        naam="Directie Onderwijsbeleid",
    )
    return Medewerker.objects.create_user(
        username="buitenstaander", password="x", first_name="Otto", organisatieonderdeel=ocw
    )


@pytest.fixture
def absent(seed_organisation):
    """Registers an absence: `absent(person, substitute)` for all of December 2023."""

    def register(person, substitute, van=date(2023, 12, 1), tot=date(2023, 12, 31)):
        return Vervanging.objects.create(medewerker=person, vervanger=substitute, van=van, tot=tot)

    return register
