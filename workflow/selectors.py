"""The reads that views and tasks share, with their joins decided once, here."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from letters.models import Nota

from .models import (
    Besluit,
    Gebeurtenis,
    Medewerker,
    Organisatieonderdeel,
    Parafeerstap,
    Rol,
    RouteStap,
    Vervanging,
)

Status = Nota.Status


def _represented_ids(user: Medewerker, on: date) -> list[int]:
    """The user and everyone they stand in for today."""
    stood_in_for = Vervanging.objects.filter(vervanger=user, van__lte=on, tot__gte=on)
    return [user.pk, *stood_in_for.values_list("medewerker_id", flat=True)]


def notas_visible_to(user: Medewerker, on: date | None = None) -> QuerySet[Nota]:
    """Notas this user may read: their own, those they (will) initial or initialled, their
    office's once submitted, and all of the units they manage (and the units below those).

    Parliamentary coordination and beheerders read everything.
    """
    if user.has_rol(Rol.BEHEERDER) or user.has_rol(Rol.PARLEMENTAIRE_COORDINATIE):
        return Nota.objects.all()
    on = on or timezone.localdate()
    people = _represented_ids(user, on)
    offices = list(
        Medewerker.objects.filter(pk__in=people, bureau_van__isnull=False).values_list(
            "bureau_van_id", flat=True
        )
    )
    in_route = Parafeerstap.objects.filter(nota=OuterRef("pk")).filter(
        Q(parafeerder_id__in=people) | Q(afgehandeld_door_id__in=people)
    )
    in_cc = Nota.cc.through.objects.filter(nota_id=OuterRef("pk"), bewindspersoon_id__in=offices)
    return Nota.objects.filter(
        Q(opsteller_id__in=people)
        | Exists(in_route)
        | (Q(aan_id__in=offices) | Exists(in_cc)) & ~Q(status=Nota.Status.CONCEPT, ronde=0)
        | Q(organisatieonderdeel_id__in=_managed_units(people))
    )


def _managed_units(people: list[int]) -> list[int]:
    """The units these people manage, with every unit below them (the tree is shallow)."""
    units = set(
        Organisatieonderdeel.objects.filter(manager_id__in=people).values_list("pk", flat=True)
    )
    frontier = set(units)
    while frontier:
        frontier = (
            set(
                Organisatieonderdeel.objects.filter(bovenliggend_id__in=frontier).values_list(
                    "pk", flat=True
                )
            )
            - units
        )
        units |= frontier
    return sorted(units)


def nota_for_detail(user: Medewerker, pk: int) -> Nota:
    """One nota with all its page shows; Nota.DoesNotExist when the user may not see it."""
    stappen = Parafeerstap.objects.select_related("parafeerder", "afgehandeld_door").order_by(
        "ronde", "volgorde", "pk"
    )
    gebeurtenissen = Gebeurtenis.objects.select_related(
        "actor", "namens", "namens_bewindspersoon", "parafeerstap"
    ).order_by("tijdstip", "pk")
    return (
        notas_visible_to(user)
        .select_related(
            "aan__ministerie",
            "organisatieonderdeel__bovenliggend",
            "organisatieonderdeel__manager",
            "opsteller",
            "dossier",
            "kamerbrief",
        )
        .prefetch_related(
            Prefetch("koppelingen", queryset=_links()),
            "cc",
            "toelichting",
            Prefetch("bijlagen", queryset=_current_bijlagen()),
            Prefetch("parafeerstappen", queryset=stappen),
            Prefetch("gebeurtenissen", queryset=gebeurtenissen),
            Prefetch("besluiten", queryset=Besluit.objects.select_related("vastgelegd_door")),
            Prefetch("route", queryset=RouteStap.objects.select_related("parafeerder")),
        )
        .get(pk=pk)
    )


def _links():
    from .models import Koppeling

    return Koppeling.objects.select_related("toezegging", "motie", "verwerkt_in").order_by(
        "gekoppeld_op", "pk"
    )


def _current_bijlagen():
    from letters.models import NotaBijlage

    return NotaBijlage.objects.filter(ingetrokken_op__isnull=True).order_by("volgnummer")


@dataclass
class Werkvoorraad:
    te_paraferen: list[Nota]
    ter_beslissing: list[Nota]
    terug_bij_mij: list[Nota]
    concepten: list[Nota]
    lopend: list[Nota]

    @property
    def groepen(self):
        return [
            ("te_paraferen", self.te_paraferen),
            ("ter_beslissing", self.ter_beslissing),
            ("terug_bij_mij", self.terug_bij_mij),
            ("concepten", self.concepten),
            ("lopend", self.lopend),
        ]


def werkvoorraad_for(user: Medewerker, on: date | None = None) -> Werkvoorraad:
    """What waits for this user (or for whom they stand in), in a fixed number of queries."""
    on = on or timezone.localdate()
    people = _represented_ids(user, on)
    offices = list(
        Medewerker.objects.filter(pk__in=people, bureau_van__isnull=False).values_list(
            "bureau_van_id", flat=True
        )
    )
    base = Nota.objects.select_related("aan", "opsteller", "organisatieonderdeel").order_by(
        "deadline", "documentnummer"
    )
    my_turn = Parafeerstap.objects.filter(
        nota=OuterRef("pk"),
        ronde=OuterRef("ronde"),
        status=Parafeerstap.Status.AAN_DE_BEURT,
        parafeerder_id__in=people,
    )
    notas = list(
        base.filter(
            Q(Exists(my_turn), status=Status.IN_PARAFERING)
            | Q(
                aan_id__in=offices,
                status__in=[Status.TER_BESLISSING, Status.TER_KENNISNAME, Status.AANGEHOUDEN],
            )
            | Q(opsteller_id__in=people) & ~Q(status__in=[Status.AFGEHANDELD, Status.INGETROKKEN])
        ).annotate(mijn_beurt=Exists(my_turn))
    )
    mine = set(people)
    return Werkvoorraad(
        te_paraferen=[n for n in notas if n.mijn_beurt],
        ter_beslissing=[
            n for n in notas if n.aan_id in offices and n.status != Status.IN_PARAFERING
        ],
        terug_bij_mij=[
            n
            for n in notas
            if (
                n.opsteller_id in mine
                and n.status
                in (Status.AKKOORD_MET_WIJZIGINGEN, Status.NIET_AKKOORD, Status.AKKOORD)
            )
            or (n.opsteller_id in mine and n.status == Status.CONCEPT and n.ronde > 0)
        ],
        concepten=[
            n
            for n in notas
            if n.opsteller_id in mine and n.status == Status.CONCEPT and n.ronde == 0
        ],
        lopend=[
            n
            for n in notas
            if n.opsteller_id in mine
            and n.status
            in (
                Status.IN_PARAFERING,
                Status.TER_BESLISSING,
                Status.AANGEHOUDEN,
                Status.TER_KENNISNAME,
            )
        ],
    )
