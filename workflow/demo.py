"""The demo data: the organisation of the seed case (../shared/DOMAIN.md) and a user per role.

Everything is looked up by a natural key and created only when missing, so loading twice
changes nothing. Later issues add their part of the seed case here.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .models import (
    Ambtsperiode,
    Bewindspersoon,
    Medewerker,
    Ministerie,
    Organisatieonderdeel,
    Rol,
)

DEMO_PASSWORD = "parafeer-demo"

MINISTERIES = [
    # afkorting, naam, retouradres, bezoekadres
    (
        "VWS",
        "Ministerie van Volksgezondheid, Welzijn en Sport",
        "Postbus 20350\n2500 EJ Den Haag",
        "Parnassusplein 5\n2511 VX Den Haag",
    ),
    (
        "OCW",
        "Ministerie van Onderwijs, Cultuur en Wetenschap",
        "Postbus 16375\n2500 BJ Den Haag",
        "Rijnstraat 50\n2515 XP Den Haag",
    ),
    (
        "SZW",
        "Ministerie van Sociale Zaken en Werkgelegenheid",
        "Postbus 90801\n2509 LV Den Haag",
        "Parnassusplein 5\n2511 VX Den Haag",
    ),
    (
        "BZK",
        "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        "Postbus 20011\n2500 EA Den Haag",
        "Turfmarkt 147\n2511 DP Den Haag",
    ),
]

# ministerie, code, naam, soort, bovenliggend (code)
ORGANISATIEONDERDELEN = [
    ("VWS", "DGV", "Directoraat-Generaal Volksgezondheid", "dg", None),
    ("VWS", "PG", "Directie Publieke Gezondheid", "directie", "DGV"),
    ("VWS", "PG-MG", "Afdeling Mentale Gezondheid", "afdeling", "PG"),
    ("VWS", "VGP", "Directie Voeding, Gezondheidsbescherming en Preventie", "directie", "DGV"),
    ("VWS", "WJZ", "Directie Wetgeving en Juridische Zaken", "directie", None),
    ("VWS", "FEZ", "Directie Financieel-Economische Zaken", "directie", None),
    ("VWS", "DCO", "Directie Communicatie", "directie", None),
    ("VWS", "PARL", "Parlementaire Coördinatie", "afdeling", None),
]

# afkorting, titel, ministerie, holder, in office from
BEWINDSPERSONEN = [
    ("StasVWS", "Staatssecretaris van Volksgezondheid, Welzijn en Sport", "VWS", "M. van Ooijen"),
    ("MLZS", "Minister voor Langdurige Zorg en Sport", "VWS", "Conny Helder"),
    ("MOCW", "Minister van Onderwijs, Cultuur en Wetenschap", "OCW", "Robbert Dijkgraaf"),
    ("MPVO", "Minister voor Primair en Voortgezet Onderwijs", "OCW", "Dennis Wiersma"),
    ("StasCM", "Staatssecretaris van Cultuur en Media", "OCW", "Gunay Uslu"),
    ("MSZW", "Minister van Sociale Zaken en Werkgelegenheid", "SZW", "Karien van Gennip"),
    ("MAPP", "Minister voor Armoedebeleid, Participatie en Pensioenen", "SZW", "Carola Schouten"),
    (
        "StasBZK",
        "Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties",
        "BZK",
        "Alexandra van Huffelen",
    ),
]
# The Rutte IV cabinet was sworn in on 10 January 2022.
AMBTSPERIODE_VAN = date(2022, 1, 10)


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    functie: str
    rol: Rol
    organisatieonderdeel: str | None = None
    manager_of: str | None = None
    bureau_van: str | None = None
    group: Rol | None = None
    is_staff: bool = False


# Civil servants are fictitious: real names are redacted in the seed documents.
DEMO_USERS = [
    DemoUser("opsteller", "Fatima", "de Vries", "Beleidsmedewerker", Rol.OPSTELLER, "PG-MG"),
    DemoUser(
        "afdelingshoofd", "Anton", "Jansen", "Afdelingshoofd", Rol.PARAFEERDER, "PG-MG", "PG-MG"
    ),
    DemoUser("directeur", "Dewi", "Bakker", "Directeur PG", Rol.PARAFEERDER, "PG", "PG"),
    DemoUser("dg", "Gerard", "Visser", "Directeur-generaal DGV", Rol.PARAFEERDER, "DGV", "DGV"),
    DemoUser(
        "secretariaat",
        "Sanne",
        "Mulder",
        "Secretariaat Staatssecretaris VWS",
        Rol.ONDERSTEUNING,
        bureau_van="StasVWS",
    ),
    DemoUser(
        "bureau-mlzs",
        "Lars",
        "Dekker",
        "Politiek assistent MLZS",
        Rol.ONDERSTEUNING,
        bureau_van="MLZS",
    ),
    DemoUser(
        "parlementair",
        "Priya",
        "Meijer",
        "Coördinator parlementaire zaken",
        Rol.PARLEMENTAIRE_COORDINATIE,
        "PARL",
        group=Rol.PARLEMENTAIRE_COORDINATIE,
    ),
    DemoUser(
        "beheerder",
        "Bram",
        "de Boer",
        "Functioneel beheerder",
        Rol.BEHEERDER,
        group=Rol.BEHEERDER,
        is_staff=True,
    ),
]


@transaction.atomic
def load_demo_data() -> None:
    ministeries = {}
    for afkorting, naam, retouradres, bezoekadres in MINISTERIES:
        ministeries[afkorting], _ = Ministerie.objects.get_or_create(
            afkorting=afkorting,
            defaults={"naam": naam, "retouradres": retouradres, "bezoekadres": bezoekadres},
        )

    onderdelen = {}
    for ministerie, code, naam, soort, bovenliggend in ORGANISATIEONDERDELEN:
        onderdelen[code], _ = Organisatieonderdeel.objects.get_or_create(
            ministerie=ministeries[ministerie],
            code=code,
            defaults={
                "naam": naam,
                "soort": soort,
                "bovenliggend": onderdelen.get(bovenliggend),
            },
        )

    bewindspersonen = {}
    for afkorting, titel, ministerie, holder in BEWINDSPERSONEN:
        post, _ = Bewindspersoon.objects.get_or_create(
            afkorting=afkorting, defaults={"titel": titel, "ministerie": ministeries[ministerie]}
        )
        Ambtsperiode.objects.get_or_create(
            bewindspersoon=post, naam=holder, defaults={"van": AMBTSPERIODE_VAN}
        )
        bewindspersonen[afkorting] = post

    groups = {rol: _group_for(rol) for rol in (Rol.BEHEERDER, Rol.PARLEMENTAIRE_COORDINATIE)}
    for spec in DEMO_USERS:
        user = Medewerker.objects.filter(username=spec.username).first()
        if user is None:
            user = Medewerker(
                username=spec.username,
                first_name=spec.first_name,
                last_name=spec.last_name,
                email=f"{spec.username}@parafeer.example",
                functie=spec.functie,
                organisatieonderdeel=onderdelen.get(spec.organisatieonderdeel),
                bureau_van=bewindspersonen.get(spec.bureau_van),
                is_staff=spec.is_staff,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            if spec.group:
                user.groups.add(groups[spec.group])
        if spec.manager_of and onderdelen[spec.manager_of].manager_id is None:
            onderdelen[spec.manager_of].manager = user
            onderdelen[spec.manager_of].save(update_fields=["manager"])


def _group_for(rol: Rol) -> Group:
    group, created = Group.objects.get_or_create(name=rol.value)
    if created and rol == Rol.BEHEERDER:
        # The beheerder keeps the reference data: everything of the workflow app.
        group.permissions.set(Permission.objects.filter(content_type__app_label="workflow"))
    return group
