"""The demo's programme: the aanpak "Mentale gezondheid: van ons allemaal" with its five
actielijnen and 29 maatregelen (programma.seed_data), the 2023 round with every contribution
accepted (the seed report's own text, programma.seed_toelichtingen), the milestones the seed
names, and the 2024 round open with a few contributions asked, one of them late.

Played through the services, as a coordinator and a contact would, so the history is the real
one. Loading again changes nothing.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Q

from demo.programma_maatregelen import ACTIELIJNEN, MAATREGELEN, MIJLPALEN, PROGRAMMA
from demo.programma_toelichtingen import TOELICHTINGEN
from letters.models import Kamerbrief
from programma import services
from programma.models import (
    Actielijn,
    Deelname,
    Maatregel,
    MaatregelStatus,
    Mijlpaal,
    Programma,
)
from workflow.deadlines import werkkalender
from workflow.models import Bewindspersoon, Medewerker, Organisatieonderdeel, Toezegging

AMS = ZoneInfo("Europe/Amsterdam")

# The seed marks each maatregel's status with an icon of its legend, which its text does not
# carry; the report says "bijna alle voorgenomen maatregelen [zijn] in gang gezet". So the 2023
# contributions report "in uitvoering" for all 29 — the one value the demo had to choose.
# A per-number entry here overrides it once the real marks are known.
SEED_STATUS_2023: dict[int, str] = {}

# Launched by the letter of 10 June 2022, signed by these seven; BZK joined in 2023 (the nota of
# 30 November 2023: "Nieuw is dat de staatssecretaris van Koninkrijkrelaties en Digitalisering
# (BZK) zich heeft aangesloten"), the only day the seed gives for it.
DEELNAMES = [
    ("StasVWS", date(2022, 6, 10)),
    ("MLZS", date(2022, 6, 10)),
    ("MOCW", date(2022, 6, 10)),
    ("MPVO", date(2022, 6, 10)),
    ("StasCM", date(2022, 6, 10)),
    ("MSZW", date(2022, 6, 10)),
    ("MAPP", date(2022, 6, 10)),
    ("StasBZK", date(2023, 11, 30)),
]
# The 2024 round asks a few contacts (one of them later, and late by now).
RONDE_2024 = [1, 2, 3, 27]
LAAT_2024 = 19

# The launch letter, the letter promising the first report, and the seed nota's letter.
LETTERS = ["3382139-1030472-PG", "3465580-1039411-VGP"]
SEED_NOTA = "3730760-1057533-PG"


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=AMS)


@transaction.atomic
def load_demo_programma(*, vandaag: date) -> None:

    if Programma.objects.filter(naam=PROGRAMMA).exists():
        return
    coordinator = Medewerker.objects.get(username="afdelingshoofd")
    contact = Medewerker.objects.get(username="opsteller")
    pg = Organisatieonderdeel.objects.get(code="PG", ministerie__afkorting="VWS")
    programma = Programma.objects.create(
        naam=PROGRAMMA,
        coordinerend_bewindspersoon=Bewindspersoon.objects.get(afkorting="StasVWS"),
        coordinator=coordinator,
    )
    posts = {b.afkorting: b for b in Bewindspersoon.objects.all()}
    Deelname.objects.bulk_create(
        [Deelname(programma=programma, bewindspersoon=posts[a], sinds=d) for a, d in DEELNAMES]
    )
    programma.toezeggingen.set(Toezegging.objects.filter(tekst__contains="Mentale Gezondheid"))
    programma.kamerbrieven.set(
        Kamerbrief.objects.filter(Q(kenmerk__in=LETTERS) | Q(nota__kenmerk=SEED_NOTA))
    )

    titels = dict((n, (titel, partners)) for n, titel, partners in MAATREGELEN)
    for nummer, titel, nummers in ACTIELIJNEN:
        lijn = Actielijn.objects.create(programma=programma, nummer=nummer, titel=titel)
        Maatregel.objects.bulk_create(
            [
                Maatregel(
                    actielijn=lijn,
                    nummer=n,
                    titel=titels[n][0],
                    partners=titels[n][1],
                    directie=pg,
                    contact=contact,
                )
                for n in nummers
            ]
        )

    ronde = services.ronde_open(
        programma=programma, by=coordinator, jaar=2023, titel="Voortgangsrapportage 2023",
        werkdagen=15, now=_at(date(2023, 10, 2), 9),
    )  # fmt: skip
    for bijdrage in ronde.bijdragen.select_related("maatregel"):
        tekst, voetnoten = TOELICHTINGEN[bijdrage.maatregel.nummer]
        services.bijdrage_submit(
            bijdrage=bijdrage, by=contact, tekst=tekst, voetnoten=voetnoten,
            maatregel_status=SEED_STATUS_2023.get(
                bijdrage.maatregel.nummer, MaatregelStatus.IN_UITVOERING
            ),
            now=_at(date(2023, 10, 16), 10),
        )  # fmt: skip
        services.bijdrage_accept(bijdrage=bijdrage, by=coordinator, now=_at(date(2023, 10, 20), 11))

    # The seed's coming steps as milestones (demo.programma_maatregelen.MIJLPALEN).
    per_nummer = {m.nummer: m for m in Maatregel.objects.filter(actielijn__programma=programma)}
    Mijlpaal.objects.bulk_create(
        [
            Mijlpaal(maatregel=per_nummer[n], datum=datum, periode=periode, tekst=tekst)
            for n, datum, periode, tekst in MIJLPALEN
        ]
    )

    # The 2024 round, open: ten werkdagen ago the coordinator asked four contacts, due in
    # fifteen (five werkdagen from now); the next day one more, for maatregel 19 (whose
    # voortgangsbrief the seed announces), due in seven — two werkdagen ago, so exactly one late.
    geopend = werkkalender().add_werkdagen(vandaag, -10)
    ronde = services.ronde_open(
        programma=programma, by=coordinator, jaar=2024, titel="Voortgangsrapportage 2024",
        werkdagen=15, maatregelen=[per_nummer[n] for n in RONDE_2024],
        now=_at(geopend, 9),
    )  # fmt: skip
    services.bijdragen_vragen(
        ronde=ronde, maatregelen=[per_nummer[LAAT_2024]], by=coordinator, werkdagen=7,
        now=_at(werkkalender().add_werkdagen(geopend, 1), 9),
    )  # fmt: skip
