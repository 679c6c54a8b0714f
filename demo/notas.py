"""The demo data: the organisation of the seed case (../shared/DOMAIN.md) and a user per role.

Everything is looked up by a natural key and created only when missing, so loading twice
changes nothing. Later issues add their part of the seed case here.
"""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from demo.programma import load_demo_programma
from demo.teksten import (
    LAUNCH_BRIEF_TEKST,
    LAUNCH_BRIEF_VOETNOTEN,
    SEED_BRIEF_TEKST,
    SEED_BRIEF_VOETNOTEN,
)
from letters.models import Dossier, Kamerbrief, Nota
from workflow import commitments
from workflow.deadlines import norms, werkkalender
from workflow.handelen import notifications_muted
from workflow.models import (
    Ambtsperiode,
    Bewindspersoon,
    Koppeling,
    Medewerker,
    Ministerie,
    Motie,
    Organisatieonderdeel,
    Rol,
    RouteSjabloon,
    RouteSjabloonRegel,
    Soort,
    Toezegging,
)
from workflow.services.afstemming import afstemming_beantwoorden, kamerbrief_afstemming_starten
from workflow.services.bijlagen import kamerbrief_bijlage_add, nota_bijlage_replace
from workflow.services.kamerbrief import kamerbrief_create
from workflow.services.nota import nota_indienen, nota_paraferen, nota_terugsturen
from workflow.services.opstellen import nota_create, nota_update
from workflow.services.verzending import kamerbrief_publiceren, kamerbrief_register_sent

DEMO_PASSWORD = "parafeer-demo"

MINISTERIES = [
    # afkorting, naam, retouradres (the postadres), bezoekadres; all on www.rijksoverheid.nl
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

MINISTERIE_WEBSITE = "www.rijksoverheid.nl"

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
    ministerie: str | None = None  # for someone outside the units and offices


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
    # The offices of the co-signers of the seed letter, who give their akkoord.
    DemoUser(
        "bureau-mocw", "Mila", "Smit", "Secretariaat MOCW", Rol.ONDERSTEUNING, bureau_van="MOCW"
    ),
    DemoUser(
        "bureau-mpvo", "Ruben", "Kok", "Secretariaat MPVO", Rol.ONDERSTEUNING, bureau_van="MPVO"
    ),
    DemoUser(
        "bureau-mszw", "Noor", "Bos", "Secretariaat MSZW", Rol.ONDERSTEUNING, bureau_van="MSZW"
    ),
    DemoUser(
        "bureau-mapp", "Tim", "Vos", "Secretariaat MAPP", Rol.ONDERSTEUNING, bureau_van="MAPP"
    ),
    DemoUser(
        "bureau-bzk",
        "Eva",
        "Peters",
        "Secretariaat Staatssecretaris BZK",
        Rol.ONDERSTEUNING,
        bureau_van="StasBZK",
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
        ministerie="VWS",
    ),
]


@transaction.atomic
def load_demo_data() -> None:
    ministeries = {}
    for afkorting, naam, retouradres, bezoekadres in MINISTERIES:
        ministeries[afkorting], _ = Ministerie.objects.get_or_create(
            afkorting=afkorting,
            defaults={
                "naam": naam,
                "retouradres": retouradres,
                "bezoekadres": bezoekadres,
                "website": MINISTERIE_WEBSITE,
            },
        )
    # Databases loaded before ministries had a website get it once; a beheerder's own stays.
    Ministerie.objects.filter(afkorting__in=ministeries, website="").update(
        website=MINISTERIE_WEBSITE
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
                ministerie=ministeries.get(spec.ministerie),
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


# --- the seed nota and a few others, so every screen has something to show ---------------------

SEED_KENMERK = "3730760-1057533-PG"
SEED_ONDERWERP = (
    "Kamerbrief aanbieding eerste voortgangsrapportage aanpak "
    "“Mentale Gezondheid: van ons allemaal”"
)
SEED_AANLEIDING = """\
In juni 2022 is de aanpak “Mentale Gezondheid: van ons allemaal” gelanceerd. Eind 2022 heeft u \
in de kamerbrief over onderwerpen bevordering gezondheid, preventie en leefstijl toegezegd om voor \
eind 2023 een voortgangsrapportage naar de Tweede Kamer te sturen inclusief de voortgang van het \
meerjarenprogramma depressiepreventie.

De begeleidende kamerbrief en bijhorende bijlagen treft u bijgaand aan. U verzendt deze vanuit uw \
rol als coördinerend bewindspersoon, mede namens de minister voor Langdurige Zorg en Sport (MLZS), \
de minister van Onderwijs, Cultuur en Wetenschap (MOCW), de minister voor Primair en Voortgezet \
Onderwijs (MPVO), de minister van Sociale Zaken en Werkgelegenheid (MSZW) en de minister voor \
Armoedebeleid, Participatie en Pensioenen (MAPP). Nieuw is dat de staatssecretaris van \
Koninkrijkrelaties en Digitalisering (BZK) zich heeft aangesloten bij de aanpak als het gaat om de \
mentaal gezonde online omgeving. U verzendt de brief ook namens haar.

Staatssecretaris BZK, MSZW, MAPP, MOCW en MPVO zijn reeds akkoord met de inhoud van de kamerbrief \
en bijbehorende bijlagen. Het akkoord van MLZS verwachten we binnenkort."""
SEED_GEADVISEERD_BESLUIT = """\
Advies is om akkoord te gaan met verzending van de kamerbrief en bijbehorende bijlagen.

Toegezegd is de Tweede Kamer te informeren voor eind 2023. Het verzoek aan u is om uiterlijk \
15 december te reageren op de kamerbrief en bijbehorende bijlagen, zodat eventueel nog iets \
aangepast kan worden alvorens de brief voor het kerstreces wordt verzonden."""
SEED_KERNPUNTEN = """\
In de begeleidende kamerbrief gaat u op hoofdlijnen in op de voortgang van de aanpak. \
Hoofdboodschap is dat bijna alle voorgenomen activiteiten in gang zijn gezet en dat ook eerste \
(tussen)resultaten zijn geboekt. U kondigt aan dat de aanpak in 2024 wordt geactualiseerd in \
samenwerking met betrokken partijen. Vervolgens doet u in de kamerbrief een drietal moties af en \
geeft u de stand van zaken van de motie van het lid de Neef.

De voortgangsrapportage wordt als bijlage meegezonden (bijlage 1). De motie van het lid Mohandis \
wordt in de kamerbrief afgedaan; in bijlage 2 staat het gevraagde overzicht van plannen, \
programma's of afspraken. De volledige voortgang van het meerjarenprogramma depressiepreventie \
wordt als bijlage 3 meegezonden. In bijlage 4 vindt u een voorproef van de opmaak."""
SEED_TOELICHTING = {
    "a": ("In de Tweede Kamer is geregeld aandacht voor de mentale gezondheid van de Nederlandse "
          "bevolking.", False),
    "b": ("Mentale gezondheid staat hoog op de maatschappelijke agenda en in de media is er "
          "geregeld aandacht voor.", False),
    "c": ("", True),
    "d": ("", True),
    "e": ("Deze kamerbrief en bijbehorende bijlagen zijn interdepartementaal afgestemd met MOCW, "
          "MPVO, MSZW, MAPP en de staatssecretaris Koninkrijksrelaties en Digitalisering (BZK). "
          "Ook intern worden de kamerbrief en bijlagen nog afgestemd met MLZS.", False),
    "f": ("", True),
    "g": ("In de kamerbrief over onderwerpen bevordering gezondheid, preventie en leefstijl is "
          "toegezegd om voor eind 2023 een voortgangsrapportage naar de Tweede Kamer te sturen. "
          "Deze toezegging wordt met deze kamerbrief afgedaan. Ook is in de kamerbrief over de "
          "aanpak “Mentale Gezondheid: van ons allemaal” toegezegd de Tweede Kamer jaarlijks te "
          "informeren over de voortgang op de aanpak. Deze toezegging blijft staan en is "
          "meerjarig.", False),
    "h": ("", True),
}  # fmt: skip
SEED_NIET_OPENBAAR = (
    "Tot personen herleidbare gegevens zijn onleesbaar gemaakt vanwege de bescherming van de "
    "persoonlijke levenssfeer."
)
SEED_BIJLAGEN = [
    "Voortgangsrapportage aanpak “Mentale Gezondheid: van ons allemaal”",
    "Overzicht plannen, programma's en afspraken (motie Mohandis)",
    "Voortgang meerjarenprogramma depressiepreventie",
    "Voorproef opmaak voortgangsrapportage",
]


def demo_pdf(*regels: str) -> bytes:
    """A one-page PDF with these lines of text: small, valid, its text readable by pypdf.

    Built by hand (a few objects and their cross-reference table) rather than rendered, so that
    loading the demo stays fast in every test that uses it.
    """

    def literal(text: str) -> bytes:
        raw = text.encode("cp1252", "replace")
        return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"

    stream = b"BT /F1 11 Tf 56 780 Td 16 TL " + b" ".join(literal(r) + b" Tj T*" for r in regels)
    stream += b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)


def _at(day: date, hour: int, minute: int = 0):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo("Europe/Amsterdam"))


# The seed case plays in the present: the notas in flight are dated in werkdagen from the day the
# demo is loaded, so a newcomer sees deadlines of "nog 8 werkdagen", not "757 werkdagen te laat".
# On SEED_VANDAAG, the day the seed documents describe, the offsets give the documents' own dates
# (written 30 November 2023, deadline 15 December 2023); the tests load the demo on that day.
# Letters sent before the case (2022) and the register's history keep their real dates.
SEED_VANDAAG = date(2023, 12, 5)
SEED_DEADLINE_WERKDAGEN = 8


class Demodagen:
    """The demo's days, counted in werkdagen from `vandaag` on the employer's calendar."""

    def __init__(self, vandaag: date):
        self.vandaag = vandaag
        self.kalender = werkkalender()

    def dag(self, werkdagen: int) -> date:
        """The werkdag `werkdagen` from today (0: today, or the next werkdag on a day off)."""
        return self.kalender.add_werkdagen(self.vandaag, werkdagen)

    def om(self, werkdagen: int, hour: int, minute: int = 0):
        """A moment on that day; never later than now, so nothing happens in the future."""
        from django.utils import timezone

        return min(_at(self.dag(werkdagen), hour, minute), timezone.now())


def _datum_in_woorden(d: date) -> str:
    from django.utils import formats, translation

    with translation.override("nl"):
        return formats.date_format(d, "j F Y")


def load_route_templates() -> None:
    """The route template of directie PG: afdelingshoofd → directeur → DG."""

    sjabloon, created = RouteSjabloon.objects.get_or_create(
        organisatieonderdeel=Organisatieonderdeel.objects.get(
            code="PG", ministerie__afkorting="VWS"
        ),
        naam="Standaardroute PG: afdelingshoofd, directeur, DG",
        defaults={"opnieuw_paraferen": True},
    )
    if created:
        for volgorde, functie, omschrijving in [
            (1, RouteSjabloonRegel.Functie.AFDELINGSHOOFD, "Afdelingshoofd"),
            (2, RouteSjabloonRegel.Functie.DIRECTEUR, "Directeur PG"),
            (3, RouteSjabloonRegel.Functie.DG, "DG Volksgezondheid"),
        ]:
            RouteSjabloonRegel.objects.create(
                sjabloon=sjabloon, volgorde=volgorde, functie=functie, omschrijving=omschrijving
            )


def load_demo_notas(*, seed_submitted: bool = True, vandaag: date | None = None) -> None:
    """The demo's notas and register, dated from `vandaag` (today by default; the tests pass
    SEED_VANDAAG). `seed_submitted=False` leaves the seed nota a concept (its letter already in
    afstemming), for the browser test that plays the whole route."""
    from django.utils import timezone

    dagen = Demodagen(vandaag or timezone.localdate())
    with notifications_muted():
        _load_demo_notas(dagen, seed_submitted)
        _load_demo_register(dagen)

        load_demo_programma(vandaag=dagen.vandaag)


@transaction.atomic
def _load_demo_notas(dagen: Demodagen, seed_submitted: bool = True) -> None:

    load_route_templates()
    pg_mg = Organisatieonderdeel.objects.get(code="PG-MG", ministerie__afkorting="VWS")
    if Nota.objects.filter(kenmerk=SEED_KENMERK).exists():
        return
    _load_earlier_letters()

    users = {u.username: u for u in Medewerker.objects.filter(organisatieonderdeel__isnull=False)}
    opsteller = users["opsteller"]
    assert opsteller.organisatieonderdeel_id == pg_mg.pk
    stas = Bewindspersoon.objects.get(afkorting="StasVWS")
    mlzs = Bewindspersoon.objects.get(afkorting="MLZS")

    # The seed nota: drafted three werkdagen ago (30 Nov 2023), initialled along the route, now
    # ter beslissing; its deadline eight werkdagen ahead (15 Dec 2023).
    dossier, _ = Dossier.objects.get_or_create(
        nummer=1057533, defaults={"onderwerp": "Aanpak Mentale Gezondheid: van ons allemaal"}
    )
    deadline = dagen.dag(SEED_DEADLINE_WERKDAGEN)
    nota = nota_create(
        by=opsteller,
        aan=stas,
        cc=[mlzs],
        onderwerp=SEED_ONDERWERP,
        dossier=dossier,
        documentnummer=3730760,
        deadline=deadline,
        deadline_omschrijving=f"{deadline:%d-%m-%Y}",
        bijlagen=SEED_BIJLAGEN,
        aanleiding=SEED_AANLEIDING,
        geadviseerd_besluit=SEED_GEADVISEERD_BESLUIT,
        kernpunten=SEED_KERNPUNTEN,
        niet_openbaar=SEED_NIET_OPENBAAR,
        now=dagen.om(-3, 9),
    )
    nota_update(nota=nota, by=opsteller, toelichting=SEED_TOELICHTING, now=dagen.om(-3, 9, 30))
    # The voorproef of the layout is a bijlage of the nota only, not sent with the letter.
    nota_bijlage_replace(
        bijlage=nota.bijlagen.get(volgnummer=4), by=opsteller,
        inhoud=demo_pdf(SEED_BIJLAGEN[3], "(demo-inhoud van de bijlage)"),
        bestandsnaam="voorproef-opmaak.pdf", now=dagen.om(-3, 9, 35),
    )  # fmt: skip
    _load_seed_letter(nota, opsteller, dagen)
    if seed_submitted:
        nota_indienen(nota=nota, by=opsteller, now=dagen.om(-3, 10))
        nota_paraferen(nota=nota, by=users["afdelingshoofd"], now=dagen.om(-3, 14))
        nota_paraferen(
            nota=nota,
            by=users["directeur"],
            remark="Akkoord, goede brief.",
            now=dagen.om(-2, 11),
        )
        nota_paraferen(nota=nota, by=users["dg"], now=dagen.om(-1, 16))

    # A concept still being written.
    nota_create(
        by=opsteller,
        aan=stas,
        onderwerp="Beantwoording Kamervragen over wachttijden in de ggz",
        deadline=dagen.dag(11),
        deadline_omschrijving="binnen drie weken na ontvangst",
        aanleiding="Het lid Dijk heeft Kamervragen gesteld over de wachttijden in de ggz.",
        now=dagen.om(0, 9),
    )

    # One waiting for the directeur's paraaf, who is a werkdag late with it on purpose: its
    # deadline leaves the besluit norm and the DG's paraaf norm, and one day less.
    norm = norms()
    waiting = nota_create(
        by=opsteller,
        aan=stas,
        cc=[mlzs],
        onderwerp="Subsidieverlening landelijke campagne mentale gezondheid",
        deadline=dagen.dag(norm[Soort.BESLUIT] + norm[Soort.PARAFEERSTAP] - 1),
        deadline_omschrijving="voordat de subsidie afloopt",
        aanleiding="De campagne “Hey, het is oké” loopt binnenkort af.",
        geadviseerd_besluit="Akkoord gaan met verlenging van de subsidie voor een jaar.",
        now=dagen.om(-5, 9),
    )
    nota_indienen(nota=waiting, by=opsteller, now=dagen.om(-5, 10))
    nota_paraferen(nota=waiting, by=users["afdelingshoofd"], now=dagen.om(-4, 9))

    # One for information, already taken note of... by nobody yet: it is ter kennisname.
    info = nota_create(
        by=opsteller,
        aan=stas,
        soort=Nota.Soort.TER_INFORMATIE,
        onderwerp="Stand van zaken monitor mentale gezondheid jongeren",
        aanleiding="Het RIVM heeft de eerste resultaten van de monitor gepubliceerd.",
        now=dagen.om(-6, 9),
    )
    nota_indienen(nota=info, by=opsteller, now=dagen.om(-6, 10))
    for username, hour in [("afdelingshoofd", 11), ("directeur", 14), ("dg", 16)]:
        nota_paraferen(nota=info, by=users[username], now=dagen.om(-5, hour))

    # One sent back by the directeur, to be reworked by the opsteller.
    sent_back = nota_create(
        by=opsteller,
        aan=stas,
        onderwerp="Reactie op het advies van de Gezondheidsraad over suïcidepreventie",
        deadline=dagen.dag(38),
        aanleiding=(
            f"De Gezondheidsraad heeft op {_datum_in_woorden(dagen.dag(-11))} geadviseerd."
        ),
        geadviseerd_besluit="Akkoord gaan met de kabinetsreactie.",
        now=dagen.om(-4, 9),
    )
    nota_indienen(nota=sent_back, by=opsteller, now=dagen.om(-4, 10))
    nota_paraferen(nota=sent_back, by=users["afdelingshoofd"], now=dagen.om(-3, 9))
    nota_terugsturen(
        nota=sent_back,
        by=users["directeur"],
        remark="Graag de financiële paragraaf aanvullen en afstemmen met FEZ.",
        now=dagen.om(-2, 15),
    )


# --- the Kamerbrieven of the seed case ------------------------------------------------------------

SEED_BRIEF_BETREFT = (
    "Voortgang aanpak “Mentale Gezondheid: van ons allemaal” en meerjarenprogramma "
    "depressiepreventie"
)
SEED_BRIEF_BIJLAGEN = [
    ("Voortgangsrapportage aanpak “Mentale Gezondheid: van ons allemaal”", "bijlage-1.pdf"),
    ("Overzicht plannen, programma's en afspraken (motie Mohandis)", "bijlage-2.pdf"),
    ("Voortgang meerjarenprogramma depressiepreventie", "bijlage-3.pdf"),
]
SEED_MEDE_NAMENS = ["MLZS", "MOCW", "MPVO", "MSZW", "MAPP", "StasBZK"]


def _load_seed_letter(nota, opsteller, dagen: Demodagen) -> None:
    """The seed Kamerbrief, in afstemming: five akkoorden given, MLZS still pending."""
    from datetime import timedelta

    now = dagen.om(-3, 9, 40)
    cosigners = [Bewindspersoon.objects.get(afkorting=a) for a in SEED_MEDE_NAMENS]
    brief = kamerbrief_create(
        nota=nota,
        by=opsteller,
        betreft=SEED_BRIEF_BETREFT,
        tekst=SEED_BRIEF_TEKST,
        voetnoten=SEED_BRIEF_VOETNOTEN,
        medeondertekenaars=cosigners,
        geplande_verzenddatum=dagen.dag(10),
        now=now,
    )
    for titel, naam in SEED_BRIEF_BIJLAGEN:
        kamerbrief_bijlage_add(
            kamerbrief=brief, by=opsteller, titel=titel, bestandsnaam=naam,
            inhoud=demo_pdf(titel, "(demo-inhoud van de bijlage)"), now=now,
        )  # fmt: skip
    kamerbrief_afstemming_starten(
        kamerbrief=brief, by=opsteller, deadline=dagen.dag(6), now=now + timedelta(minutes=5)
    )
    offices = {
        u.bureau_van.afkorting: u for u in Medewerker.objects.filter(bureau_van__isnull=False)
    }
    for minutes, afkorting in enumerate(["MOCW", "MPVO", "MSZW", "MAPP", "StasBZK"], start=6):
        verzoek = brief.afstemmingsverzoeken.get(bewindspersoon__afkorting=afkorting)
        afstemming_beantwoorden(
            verzoek=verzoek, by=offices[afkorting], antwoord="akkoord",
            now=now + timedelta(minutes=minutes),
        )  # fmt: skip


def _load_earlier_letters() -> None:
    """The letters the seed case refers to, sent before Parafeer, registered afterwards."""

    beheerder = Medewerker.objects.get(username="beheerder")
    parlementair = Medewerker.objects.get(username="parlementair")
    posts = {b.afkorting: b for b in Bewindspersoon.objects.all()}
    launch = kamerbrief_register_sent(
        by=beheerder,
        kenmerk="3382139-1030472-PG",
        afzender=posts["StasVWS"],
        medeondertekenaars=[posts[a] for a in ["MLZS", "MOCW", "MPVO", "StasCM", "MSZW", "MAPP"]],
        vorm=Kamerbrief.Vorm.MEDEONDERTEKENING,
        betreft="Aanpak “Mentale Gezondheid: van ons allemaal”",
        tekst=LAUNCH_BRIEF_TEKST,
        voetnoten=LAUNCH_BRIEF_VOETNOTEN,
        datum=date(2022, 6, 10),
        now=_at(date(2022, 6, 10), 12),
    )
    kamerbrief_publiceren(
        kamerbrief=launch, by=parlementair, kamerstuk="Kamerstuk 32 793, nr. 613",
        now=_at(date(2022, 6, 14), 9),
    )  # fmt: skip
    kamerbrief_register_sent(
        by=beheerder,
        kenmerk="3465580-1039411-VGP",
        afzender=posts["StasVWS"],
        medeondertekenaars=[],
        vorm=Kamerbrief.Vorm.MEDE_NAMENS,
        betreft="Onderwerpen bevordering gezondheid, preventie en leefstijl",
        tekst=(
            "Voor eind 2023 stuur ik uw Kamer een voortgangsrapportage van de aanpak, inclusief "
            "de voortgang van het meerjarenprogramma depressiepreventie."
        ),
        datum=date(2022, 12, 2),
        now=_at(date(2022, 12, 2), 12),
    )


# --- the register: the toezeggingen of section g and the moties the letters handle -------------

LAUNCH_KENMERK = "3382139-1030472-PG"
VGP_KENMERK = "3465580-1039411-VGP"

# tekst, made in letter, deadline, as worded, herhaling, registered on, notities. A deadline of
# None is the end of the year the seed letter is due in ("voor eind 2023" on SEED_VANDAAG), so
# the register's seed items are due with the case rather than years overdue.
DEMO_TOEZEGGINGEN = [
    (
        "Voor eind 2023 een voortgangsrapportage van de aanpak “Mentale Gezondheid: van ons allemaal” naar de Tweede Kamer sturen, inclusief de voortgang van het meerjarenprogramma depressiepreventie.",
        VGP_KENMERK, None, "voor eind {jaar}", "", date(2022, 12, 5), "",
    ),
    (
        "De Tweede Kamer jaarlijks informeren over de voortgang op de aanpak “Mentale Gezondheid: van ons allemaal”.",
        LAUNCH_KENMERK, None, "voor het einde van het jaar, daarna jaarlijks", "jaarlijks", date(2022, 6, 14),
        "De eerste voortgangsrapportage is in de brief van 2 december 2022 (3465580-1039411-VGP) toegezegd voor eind 2023.",
    ),
]  # fmt: skip

# kamerstuk, titel, indieners, mede_indieners, debat, datum, vergaderjaar, TK document, dictum
DEMO_MOTIES = [
    (
        "Kamerstuk 25 424, nr. 630",
        "Motie van het lid Mohandis over plannen, programma’s en afspraken gericht op de aanpak en preventie van mentale gezondheid",
        [("Mohandis", "PvdA")], [], "Tweeminutendebat GGZ/Suïcidepreventie", date(2022, 11, 16), "2022-2023", "2022D47993",
        "verzoekt de regering een overzicht te zenden van de verschillende plannen, programma’s en afspraken gericht op de aanpak en preventie van mentale gezondheid en daarbij aan te geven hoe deze samenhangen, wie verantwoordelijk is voor de uitvoering en welk budget daarvoor beschikbaar is",
    ),
    (
        "Kamerstuk 36 200 XVI, nr. 131",
        "Motie van het lid Richardson c.s. over een landelijke campagne om aandacht te vragen voor mentale gezondheid bij jongeren",
        [("Richardson", "")], [], "Begrotingsbehandeling VWS 2023", None, "2022-2023", "",
        "verzoekt de regering met een landelijke campagne aandacht te vragen voor de mentale gezondheid van jongeren",
    ),
    (
        "Kamerstuk 31 839, nr. 870",
        "Motie van het lid de Neef over beschikbaarheid van laagdrempelige inloopvoorzieningen voor jongeren bij verschillende gemeenten",
        [("De Neef", "")], [], "", None, "2021-2022", "2022D29586",
        "verzoekt de regering inzicht te bieden in de maatschappelijke baten van laagdrempelige inloopvoorzieningen",
    ),
    (
        "Kamerstuk 36 200 XVI, nr. 142",
        "Motie van het lid Ceder over mediawijsheid van opvoeders expliciet onderdeel maken van actielijn mentaal gezond online",
        [("Ceder", "ChristenUnie")], [], "Begrotingsbehandeling VWS 2023", None, "2022-2023", "",
        "verzoekt de regering mediawijsheid van opvoeders expliciet onderdeel te maken van de actielijn mentaal gezond online",
    ),
    (
        "",
        "Motie van de leden Dik-Faber en Diertens over een verkenning naar een Nationaal Preventieakkoord Mentale Gezondheid",
        [("Dik-Faber", "ChristenUnie")], [("Diertens", "D66")], "", None, "2020-2021", "2021D04467",
        "verzoekt de regering een verkenning te doen naar een Nationaal Preventieakkoord Mentale Gezondheid",
    ),
    (
        "",
        "Motie van het lid Bikker c.s. over een steunpakket sociaal en mentaal welzijn en leefstijl",
        [("Bikker", "ChristenUnie")], [], "", None, "", "", "",
    ),
]  # fmt: skip

# How the 2022 letter handled its moties (DOMAIN.md: the seed case), by title prefix.
LAUNCH_AFGEDAAN = {
    "Motie van de leden Dik-Faber en Diertens": "Via deze brief wordt de motie van Dik-Faber/Diertens afgehandeld: de resultaten van de tweede fase van de verkenning vormen de basis voor de aanpak.",
    "Motie van het lid Bikker c.s.": "Hiermee geven we invulling aan de motie van Bikker c.s.: de kennis, ervaring en het netwerk uit de steunpakketten nemen we mee bij de uitvoering van de aanpak.",
}

# What the seed letter does to each item (nota section g and the letter's moties).
SEED_KOPPELINGEN = [
    ("toezegging", VGP_KENMERK, "afdoen", ""),
    ("toezegging", LAUNCH_KENMERK, "afdoen", "De voortgangsrapportage is bijlage 1 bij de brief."),
    ("motie", "Kamerstuk 25 424, nr. 630", "afdoen", "In bijlage 2 treft u het gevraagde overzicht aan."),
    ("motie", "Kamerstuk 36 200 XVI, nr. 131", "afdoen", "Met de campagne «Hey, het is oké» is uitvoering gegeven aan de motie."),
    ("motie", "Kamerstuk 31 839, nr. 870", "rapporteren", "Op verzoek van VWS wordt voor eind 2023 een verandertheorie opgesteld die inzicht geeft in de baten van laagdrempelige inloopvoorzieningen."),
    ("motie", "Kamerstuk 36 200 XVI, nr. 142", "afdoen", "Mediawijsheid voor opvoeders is expliciet onderdeel van de actielijn mentaal gezond online."),
]  # fmt: skip


def _registered_on(titel: str) -> date:
    # The 2022 letter's moties were in the register before it discharged them.
    return date(2022, 6, 13) if titel.startswith(tuple(LAUNCH_AFGEDAAN)) else date(2022, 12, 1)


@transaction.atomic
def _load_demo_register(dagen: Demodagen) -> None:
    """Only what is missing: the toezeggingen, the moties, and the seed letter's links."""

    parlementair = Medewerker.objects.get(username="parlementair")
    stas = Bewindspersoon.objects.get(afkorting="StasVWS")
    toezeggingen = {}
    eind_van_het_jaar = date(dagen.dag(SEED_DEADLINE_WERKDAGEN).year, 12, 31)
    for tekst, kenmerk, deadline, omschrijving, herhaling, day, notities in DEMO_TOEZEGGINGEN:
        deadline = deadline or eind_van_het_jaar
        omschrijving = omschrijving.format(jaar=deadline.year)
        toezegging = Toezegging.objects.filter(bron_kenmerk=kenmerk, tekst=tekst).first()
        if toezegging is None:
            toezegging = commitments.toezegging_register(
                by=parlementair, tekst=tekst, bewindspersoon=stas, bron=Toezegging.Bron.BRIEF,
                bron_kenmerk=kenmerk, deadline=deadline, deadline_omschrijving=omschrijving,
                soort=Toezegging.Soort.PERIODIEK if herhaling else Toezegging.Soort.EENMALIG,
                herhaling=herhaling, notities=notities, now=_at(day, 10),
            )  # fmt: skip
        toezeggingen[kenmerk] = toezegging

    moties = {}
    for kamerstuk, titel, indieners, mede, debat, datum, jaar, document, dictum in DEMO_MOTIES:
        motie = Motie.objects.filter(titel=titel).first()
        if motie is None:
            motie = commitments.motie_register(
                by=parlementair, titel=titel, kamerstuk=kamerstuk, indieners=indieners,
                mede_indieners=mede, debat=debat, datum=datum, vergaderjaar=jaar,
                tk_document_nummer=document, dictum=dictum, bewindspersoon=stas,
                now=_at(datum or _registered_on(titel), 16),
            )  # fmt: skip
            for prefix, tekst in LAUNCH_AFGEDAAN.items():
                if titel.startswith(prefix):
                    commitments.motie_afdoen(
                        motie=motie, by=parlementair, kenmerk=LAUNCH_KENMERK, tekst=tekst,
                        now=_at(date(2022, 6, 14), 11),
                    )  # fmt: skip
        moties[kamerstuk or titel] = motie

    brief = Kamerbrief.objects.filter(nota__kenmerk=SEED_KENMERK).select_related("nota").first()
    if brief is None or not brief.bewerkbaar:
        return
    opsteller = brief.nota.opsteller
    for soort, key, wijze, toelichting in SEED_KOPPELINGEN:
        item = {"toezegging": toezeggingen, "motie": moties}[soort][key]
        if Koppeling.objects.filter(nota=brief.nota, **{soort: item}).exists():
            continue
        commitments.nota_link_commitment(
            nota=brief.nota, by=opsteller, wijze=wijze, toelichting=toelichting,
            now=dagen.om(-3, 9, 45), **{soort: item},
        )  # fmt: skip
