import pytest


@pytest.fixture
def programma(people):
    """A small programme: one actielijn with two maatregelen; the afdelingshoofd coordinates,
    the opsteller is the contact of both."""
    from programma.models import Actielijn, Maatregel, Programma
    from workflow.models import Bewindspersoon, Organisatieonderdeel

    programma = Programma.objects.create(
        naam="Mentale gezondheid: van ons allemaal",
        coordinerend_bewindspersoon=Bewindspersoon.objects.get(afkorting="StasVWS"),
        coordinator=people["afdelingshoofd"],
    )
    lijn = Actielijn.objects.create(
        programma=programma, nummer=1, titel="Mentaal gezonde maatschappij"
    )
    pg = Organisatieonderdeel.objects.get(code="PG", ministerie__afkorting="VWS")
    for nummer in (1, 2):
        Maatregel.objects.create(
            actielijn=lijn, nummer=nummer, titel=f"Maatregel {nummer}", directie=pg,
            contact=people["opsteller"],
        )  # fmt: skip
    return programma
