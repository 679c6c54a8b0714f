"""The reads that views and tasks share, with their joins decided once, here."""

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from itertools import chain
from types import SimpleNamespace

from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Coalesce, Lower, RowNumber
from django.utils import timezone

from letters.models import (
    Afstemmingsverzoek,
    Bijlageversie,
    Kamerbrief,
    Kamerbriefbijlage,
    Nota,
    NotaBijlage,
)
from workflow.deadlines import werkdagen_in_words, werkkalender
from workflow.handelen import substituted_by
from workflow.models import (
    Besluit,
    Bewindspersoon,
    Gebeurtenis,
    Inzage,
    Koppeling,
    Medewerker,
    Organisatieonderdeel,
    Parafeerstap,
    Rol,
    Volger,
)
from workflow.models.organisation import MANAGEMENT_DEPTH

Status = Nota.Status


def _represented_ids(user: Medewerker, on: date) -> list[int]:
    """The user and everyone they stand in for today."""

    return [user.pk, *substituted_by(user, on)]


def _offices_of(user: Medewerker, people: list[int]) -> list[int]:
    """The bewindspersonen whose office the user works in, or stands in for."""
    if people == [user.pk]:  # nobody to stand in for: no query needed
        return [user.bureau_van_id] if user.bureau_van_id else []
    return list(
        Medewerker.objects.filter(pk__in=people, bureau_van__isnull=False).values_list(
            "bureau_van_id", flat=True
        )
    )


def ministry_wide(user: Medewerker) -> bool:
    """Parlementaire coördinatie and beheerders read within their whole ministry."""
    return user.has_rol(Rol.BEHEERDER) or user.has_rol(Rol.PARLEMENTAIRE_COORDINATIE)


def leest_niet_openbaar(user: Medewerker) -> bool:
    """Section 5 of a nota ("informatie die niet openbaar gemaakt kan worden") is read by whoever
    reads the nota, except a beheerder: the role that keeps people and reference data reads no
    nota's section 5 (unless they also coordinate parliamentary work)."""
    return not user.has_rol(Rol.BEHEERDER) or user.has_rol(Rol.PARLEMENTAIRE_COORDINATIE)


def _nota_of_ministry(ministerie_id: int | None) -> Q:
    """A nota written in the ministry, or addressed to one of its bewindspersonen."""
    if ministerie_id is None:
        return Q(pk__in=[])
    return Q(organisatieonderdeel__ministerie_id=ministerie_id) | Q(
        aan__ministerie_id=ministerie_id
    )


def notas_visible_to(
    user: Medewerker, on: date | None = None, *, people: list[int] | None = None
) -> QuerySet[Nota]:
    """Notas this user may read: their own, those they (will) initial or initialled, their
    office's once submitted, and all of the units they manage (and the units below those).

    Parliamentary coordination and beheerders read every nota of their own ministry, and no other
    ministry's (a letter their ministry co-signs, they read through `kamerbrieven_visible_to`).
    """
    on = on or timezone.localdate()
    people = people or _represented_ids(user, on)
    offices = _offices_of(user, people)
    # Two checks rather than one with OR: each is answered from an index alone
    # (parafeerstap_parafeerder_nota, parafeerstap_afgehandeld_nota), where the OR read every
    # step of the person from the table (3,257 pages for a busy parafeerder at 100,000 notas).
    stappen = Parafeerstap.objects.filter(nota=OuterRef("pk"))
    in_route = Exists(stappen.filter(parafeerder_id__in=people)) | Exists(
        stappen.filter(afgehandeld_door_id__in=people)
    )
    in_cc = Nota.cc.through.objects.filter(nota_id=OuterRef("pk"), bewindspersoon_id__in=offices)
    personal = (
        Q(opsteller_id__in=people)
        | in_route
        | (Q(aan_id__in=offices) | Exists(in_cc)) & ~Q(status=Nota.Status.CONCEPT, ronde=0)
        | _in_units_managed_by(people)
    )
    if ministry_wide(user):
        personal |= _nota_of_ministry(user.eigen_ministerie_id)
    return Nota.objects.filter(personal)


def _in_units_managed_by(people: list[int]) -> Q:
    """A nota of a unit these people manage, or of any unit below it: the units are a subquery
    over the (small) tree, in the same query rather than a query per level.

    PostgreSQL answers the subquery once and keeps its ids in a hash, so each nota costs a
    lookup; joining the nota's unit up the tree instead cost four joins per nota checked, which
    made up most of checking 1,429 letters one by one for a search (77 of 88 ms)."""
    condition = Q()
    path = ""
    for _level in range(MANAGEMENT_DEPTH):
        condition |= Q(**{f"{path}manager_id__in": people})
        path += "bovenliggend__"
    units = Organisatieonderdeel.objects.filter(condition).order_by().values("pk")
    return Q(organisatieonderdeel_id__in=units)


def nota_for_action(user: Medewerker, pk: int) -> Nota:
    """One nota, without what its page shows; Nota.DoesNotExist when the user may not see it.

    For a POST: the service locks and reads the nota again, so the page's ten prefetches would
    be thrown away (bench/RESULTS.md, issue 9)."""
    return notas_visible_to(user).get(pk=pk)


def nota_for_message(user: Medewerker, pk: int) -> Nota:
    """One nota with what `nota_next_message` reads, for the message after an act: its open and
    waiting steps with their parafeerders, its office and opsteller; not the page's ten
    prefetches (the redirect reads the page again; reading it twice was half a paraaf's time).
    Nota.DoesNotExist when the user may not see it (any more)."""
    stappen = (
        Parafeerstap.objects.filter(
            status__in=[Parafeerstap.Status.AAN_DE_BEURT, Parafeerstap.Status.WACHTEND]
        )
        .select_related("parafeerder")
        .order_by("ronde", "volgorde", "pk")
    )
    return (
        notas_visible_to(user)
        .select_related("aan", "opsteller")
        .prefetch_related(
            Prefetch("parafeerstappen", queryset=stappen),
            # The message says who has it and until when, not since when or why.
            Prefetch("gebeurtenissen", queryset=Gebeurtenis.objects.none()),
        )
        .get(pk=pk)
    )


def nota_for_detail(user: Medewerker, pk: int) -> Nota:
    """One nota with all its page shows; Nota.DoesNotExist when the user may not see it.

    The planned route (`nota.route`) is not prefetched: the page shows it only before the nota
    was first submitted, when there are no parafeerstappen yet.
    """

    stappen = Parafeerstap.objects.select_related("parafeerder", "afgehandeld_door").order_by(
        "ronde", "volgorde", "pk"
    )
    gebeurtenissen = Gebeurtenis.objects.select_related(
        "actor", "namens", "namens_bewindspersoon"
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
            Prefetch(
                "kamerbrief__afstemmingsverzoeken",
                queryset=Afstemmingsverzoek.objects.filter(
                    status__in=Afstemmingsverzoek.GELDIG
                ).select_related("briefversie", "bewindspersoon"),
                to_attr="huidige_verzoeken",
            ),
            "kamerbrief__medeondertekenaars",
        )
        .annotate(
            volgt=Exists(_following(user)),
            # Whether the user opened it in this round: the page records that only once.
            geopend=Exists(
                Inzage.objects.filter(nota=OuterRef("pk"), medewerker=user, ronde=OuterRef("ronde"))
            ),
        )
        .get(pk=pk)
    )


def _following(user: Medewerker):
    return Volger.objects.filter(nota=OuterRef("pk"), medewerker=user, gestopt_op=None)


def _links():

    # Whether a link was done is its verwerkt_in_id: the StandVanZaken itself is not shown.
    return Koppeling.objects.select_related("toezegging", "motie").order_by("gekoppeld_op", "pk")


def _current_bijlagen():

    return NotaBijlage.objects.filter(ingetrokken_op__isnull=True).order_by("volgnummer")


@dataclass
class Regel:
    """One line of the werkvoorraad: the item, its deadline for me, and that in words.

    The words and the marker are worked out when a page shows the line, not for every line of
    a group of hundreds of which the page shows the first fifty.
    """

    item: object
    kenmerk: str
    onderwerp: str
    status: str
    link: str
    deadline: date | None
    today: date | None = field(default=None, repr=False)
    kalender: object = field(default=None, repr=False)

    @cached_property
    def _left(self) -> int:
        return self.kalender.werkdagen_tussen(self.today, self.deadline)

    @cached_property
    def in_woorden(self) -> str:

        if self.deadline is None:
            return ""
        return werkdagen_in_words(self.deadline, self.today, self.kalender, n=self._left)

    @cached_property
    def marker(self) -> str:  # op_tijd, bijna, te_laat
        if self.deadline is None:
            return ""
        if self.deadline < self.today:
            return "te_laat"
        return "bijna" if self._left <= 2 else "op_tijd"


# The groups of the werkvoorraad, in the order the page shows them.
GROEPEN = (
    "te_paraferen", "ter_beslissing", "om_akkoord", "te_ondertekenen", "terug_bij_mij",
    "concepten", "lopend", "gevolgd",
)  # fmt: skip
# The orders a group can be shown in; "deadline", the most urgent first, is the default.
SORTERINGEN = ("deadline", "kenmerk", "onderwerp", "directie")


@dataclass(frozen=True)
class Weergave:
    """How one group is shown: its order, the directie it is narrowed to, which page of it and
    how many lines a page holds (None: the werkvoorraad's `per_groep`)."""

    sortering: str = "deadline"
    directie: str = ""
    pagina: int = 1
    per_pagina: int | None = None


@dataclass
class Groep:
    code: str
    aantal: int  # every line of the group (within the directie chosen), not only those read
    regels: list[Regel]  # the lines of the page asked for, at most `per_groep`
    directies: list[str] = field(default_factory=list)  # the directies among all its lines
    weergave: Weergave = field(default_factory=Weergave)


@dataclass
class Werkvoorraad:
    groepen: list[Groep]

    def groep(self, code: str) -> Groep:
        return next(g for g in self.groepen if g.code == code)

    # The lines read of each group, by name.
    te_paraferen = property(lambda self: self.groep("te_paraferen").regels)
    ter_beslissing = property(lambda self: self.groep("ter_beslissing").regels)
    om_akkoord = property(lambda self: self.groep("om_akkoord").regels)
    te_ondertekenen = property(lambda self: self.groep("te_ondertekenen").regels)
    terug_bij_mij = property(lambda self: self.groep("terug_bij_mij").regels)
    concepten = property(lambda self: self.groep("concepten").regels)
    lopend = property(lambda self: self.groep("lopend").regels)
    gevolgd = property(lambda self: self.groep("gevolgd").regels)


# What a werkvoorraad line shows and sorts on: not the nota's texts, which a line never shows.
WERKVOORRAAD_FIELDS = (
    "kenmerk", "onderwerp", "status", "deadline", "documentnummer", "ronde", "aan_id",
    "opsteller_id",
)  # fmt: skip

# The directie a line is filtered on: the nota's unit, or an afdeling's parent (two joins on
# primary keys in the query that reads the lines, not a query of their own).
DIRECTIE = Case(
    When(
        organisatieonderdeel__soort="afdeling",
        organisatieonderdeel__bovenliggend__isnull=False,
        then=F("organisatieonderdeel__bovenliggend__code"),
    ),
    default=Coalesce(F("organisatieonderdeel__code"), Value("")),
    output_field=CharField(),
)


# The drafter's groups: which of my notas each holds (every state but the final two has one).
MIJN_GROEPEN = {
    "terug_bij_mij": Q(
        status__in=(Status.AKKOORD_MET_WIJZIGINGEN, Status.NIET_AKKOORD, Status.AKKOORD)
    )
    | Q(status=Status.CONCEPT, ronde__gt=0),
    "concepten": Q(status=Status.CONCEPT, ronde=0),
    "lopend": Q(
        status__in=(
            Status.IN_PARAFERING, Status.TER_BESLISSING, Status.AANGEHOUDEN,
            Status.TER_KENNISNAME,
        )
    ),
}  # fmt: skip


def _werkvoorraad_querysets(user: Medewerker, on: date, people: list[int]) -> dict[str, QuerySet]:
    """Each group but te_paraferen as a query of its own: the database counts and orders every
    group, and Python reads only the lines a page shows (an office's group holds thousands)."""
    offices = _offices_of(user, people)
    office_states = (Status.TER_BESLISSING, Status.TER_KENNISNAME, Status.AANGEHOUDEN)
    # My open steps in the nota's current round (only for the followed notas: te_paraferen is
    # read from my steps, see _te_paraferen).
    mijn_stap = Parafeerstap.objects.filter(
        nota=OuterRef("pk"),
        ronde=OuterRef("ronde"),
        parafeerder_id__in=people,
        status=Parafeerstap.Status.AAN_DE_BEURT,
    )
    ter_beslissing = Q(aan_id__in=offices, status__in=office_states)
    mijn = Q(opsteller_id__in=people)
    groepen = {
        **{code: Nota.objects.filter(mijn, q) for code, q in MIJN_GROEPEN.items()},
        # What I follow and that is in no group above already, as long as I may read it.
        "gevolgd": notas_visible_to(user, on, people=people)
        .filter(Exists(_following(user)))
        .exclude(status__in=[Status.AFGEHANDELD, Status.INGETROKKEN])
        .exclude(ter_beslissing | mijn)
        .exclude(Q(status=Status.IN_PARAFERING) & Exists(mijn_stap)),
    }
    if not offices:  # the office's groups: only for (whoever stands in for) an office
        return groepen
    return {
        "ter_beslissing": Nota.objects.filter(ter_beslissing),
        **groepen,
        "om_akkoord": Afstemmingsverzoek.objects.filter(
            bewindspersoon_id__in=offices, status=Afstemmingsverzoek.Status.AANGEVRAAGD
        ),
        "te_ondertekenen": Kamerbrief.objects.filter(
            afzender_id__in=offices,
            status__in=[
                Kamerbrief.Status.GEREED_VOOR_ONDERTEKENING,
                Kamerbrief.Status.ONDERTEKEND,
            ],
        ),
    }


def _te_paraferen(people: list[int]) -> list[SimpleNamespace]:
    """The notas waiting for my paraaf (or that of whom I stand in for), as light rows with
    `stap_deadline`, my step's deadline: read from my open steps by the (parafeerder, status)
    index, then those notas by primary key. Asked of the database as one join, PostgreSQL
    misjudges how many steps a person has and reads every nota in parafering. A person has
    hundreds of open steps at most (the bench's busiest, 501), so this list stays short."""
    my_steps: dict[tuple[int, int], date | None] = {}
    for nota_id, ronde, deadline in (
        Parafeerstap.objects.filter(
            parafeerder_id__in=people, status=Parafeerstap.Status.AAN_DE_BEURT
        )
        .order_by()  # the model's ordering joins every nota to sort by
        .values_list("nota_id", "ronde", "deadline")
    ):
        earliest = my_steps.get((nota_id, ronde))
        my_steps[(nota_id, ronde)] = min(filter(None, (earliest, deadline)), default=None)
    if not my_steps:
        return []
    fields = ("id", *WERKVOORRAAD_FIELDS, "directie")
    rows = []
    for values in (
        Nota.objects.filter(
            pk__in={nota_id for nota_id, _ronde in my_steps}, status=Status.IN_PARAFERING
        )
        .annotate(directie=DIRECTIE)
        .order_by()
        .values_list(*fields)
    ):
        row = dict(zip(fields, values, strict=True))
        deadline = my_steps.get((row["id"], row["ronde"]), False)
        if deadline is not False:
            rows.append(SimpleNamespace(pk=row["id"], stap_deadline=deadline, **row))
    return rows


# The orders of te_paraferen's lines, which are sorted here (see _te_paraferen).
_PYTHON_ORDER = {
    "deadline": lambda n: (n.stap_deadline is None, n.stap_deadline or date.min),
    "kenmerk": lambda n: n.kenmerk,
    "onderwerp": lambda n: n.onderwerp.casefold(),
    "directie": lambda n: (n.directie, n.stap_deadline is None, n.stap_deadline or date.min),
}


def _nota_order(sortering: str) -> list:
    deadline = [F("deadline").asc(nulls_last=True)]
    order = {
        "deadline": deadline,
        "kenmerk": ["kenmerk"],
        "onderwerp": [Lower("onderwerp")],
        "directie": ["directie", *deadline],
    }
    return [*order[sortering], "documentnummer", "pk"]


def _letter_order(sortering: str, prefix: str, deadline: str) -> list:
    order = {"kenmerk": [f"{prefix}kenmerk"], "onderwerp": [Lower(f"{prefix}betreft")]}
    return [*order.get(sortering, [F(deadline).asc(nulls_last=True)]), "pk"]


def werkvoorraad_for(
    user: Medewerker,
    on: date | None = None,
    *,
    per_groep: int = 50,
    weergave: dict[str, Weergave] | None = None,
) -> Werkvoorraad:
    """What waits for this user (or for whom they stand in): per group how many lines it holds
    and the first `per_groep` of them (or the page `weergave` asks), with the deadline in
    werkdagen. One query counts every group (per directie, for the filter); one more reads the
    lines shown of every group; te_paraferen takes two (see _te_paraferen). The work does not
    grow with the number of lines."""
    from django.urls import reverse

    on = on or timezone.localdate()
    weergave = weergave or {}
    kalender = werkkalender()
    people = _represented_ids(user, on)
    groepen = _werkvoorraad_querysets(user, on, people)

    # Every group's size per directie, in one round trip: a UNION ALL of small GROUP BYs. The
    # drafter's three groups are one part, told apart by a CASE: one index scan, and one
    # queryset less to build (building them costs more than running them).
    delen = [
        Nota.objects.filter(opsteller_id__in=people)
        .exclude(status__in=[Status.AFGEHANDELD, Status.INGETROKKEN])
        .annotate(
            groep=Case(
                *(When(q, then=Value(code)) for code, q in MIJN_GROEPEN.items()),
                output_field=CharField(),
            )
        )
    ]
    for code, qs in groepen.items():
        if code not in MIJN_GROEPEN:
            delen.append(qs.annotate(groep=Value(code, CharField())))
    telling = None
    for qs in delen:
        part = (
            qs.order_by()
            .annotate(dir=DIRECTIE if qs.model is Nota else Value("", CharField()))
            .values("groep", "dir")
            .annotate(n=Count("pk"))
            .values_list("groep", "dir", "n")
        )
        telling = part if telling is None else telling.union(part, all=True)
    per_directie: dict[str, dict[str, int]] = {code: {} for code in GROEPEN}
    for code, directie, n in telling or ():
        if code:  # a draft of mine in no group (none: every open state has one)
            per_directie[code][directie] = n
    te_paraferen = _te_paraferen(people)
    for n in te_paraferen:
        tellingen = per_directie["te_paraferen"]
        tellingen[n.directie] = tellingen.get(n.directie, 0) + 1

    status_labels = dict(Status.choices)
    verzoek_labels = dict(Afstemmingsverzoek.Status.choices)
    brief_labels = dict(Kamerbrief.Status.choices)
    # One reverse() per line cost as much as the rest of a line: reversed once, filled in.
    nota_link = reverse("nota_detail", args=[0]).replace("/0/", "/{}/")
    brief_link = reverse("kamerbrief_detail", args=[0]).replace("/0/", "/{}/")

    # Per group: which lines to show; the lines of every group but te_paraferen are then read
    # in one round trip, a UNION ALL of each group's ordered and sliced query.
    pagina_van: dict[str, tuple[Weergave, list[str], int, int, int]] = {}
    delen = []
    for code in GROEPEN:
        keuze = weergave.get(code, Weergave())
        tellingen = per_directie[code]
        directies = sorted(set(tellingen) - {""})
        gekozen = keuze.directie if keuze.directie in directies else ""
        sortering = keuze.sortering if keuze.sortering in SORTERINGEN else "deadline"
        aantal = tellingen.get(gekozen, 0) if gekozen else sum(tellingen.values())
        per_pagina = keuze.per_pagina or per_groep
        pagina = min(max(1, keuze.pagina), max(1, -(-aantal // per_pagina)))
        start = (pagina - 1) * per_pagina
        keuze = Weergave(sortering, gekozen, pagina, per_pagina)
        pagina_van[code] = (keuze, directies, aantal, start, start + per_pagina)
        if aantal and code in groepen:
            delen.append(_regels_query(code, groepen[code], keuze)[start : start + per_pagina])
    gelezen: dict[str, list[tuple]] = {code: [] for code in GROEPEN}
    if len(delen) > 1 and connection.features.supports_slicing_ordering_in_compound:
        rijen = delen[0].union(*delen[1:], all=True)
    else:  # SQLite (the demo) takes no LIMIT inside a UNION's parts: a query per group
        rijen = chain.from_iterable(delen)
    for row in rijen:
        gelezen[row[0]].append(row)

    result = []
    for code in GROEPEN:
        keuze, directies, aantal, start, stop = pagina_van[code]
        if code == "te_paraferen":  # sorted and sliced here
            rijen = [n for n in te_paraferen if n.directie == keuze.directie or not keuze.directie]
            rijen.sort(key=lambda n: (n.deadline is None, n.deadline or date.min, n.documentnummer))
            rijen.sort(key=_PYTHON_ORDER[keuze.sortering])
            regels = [
                Regel(
                    n,
                    n.kenmerk,
                    n.onderwerp,
                    status_labels[n.status],
                    nota_link.format(n.pk),
                    n.stap_deadline,
                    on,
                    kalender,
                )
                for n in rijen[start:stop]
            ]
        else:
            labels, link = {
                "om_akkoord": (verzoek_labels, brief_link),
                "te_ondertekenen": (brief_labels, brief_link),
            }.get(code, (status_labels, nota_link))
            regels = [
                Regel(
                    SimpleNamespace(pk=pk, ronde=ronde, directie=directie),
                    kenmerk,
                    onderwerp,
                    labels[status],
                    link.format(link_id),
                    deadline,
                    on,
                    kalender,
                )
                for (
                    _g,
                    _r,
                    pk,
                    kenmerk,
                    onderwerp,
                    status,
                    deadline,
                    ronde,
                    directie,
                    link_id,
                ) in (sorted(gelezen[code], key=lambda row: row[1]))
            ]
        result.append(Groep(code, aantal, regels, directies, keuze))
    return Werkvoorraad(result)


def _regels_query(code: str, qs: QuerySet, keuze: Weergave) -> QuerySet:
    """One group's lines in its order, as the columns every group shares: (group, rank, id,
    kenmerk, onderwerp, status, deadline, ronde, directie, the id its link goes to). The rank
    keeps the order through the UNION, which promises none."""
    if qs.model is Nota:
        qs = qs.annotate(directie=DIRECTIE)
        if keuze.directie:
            qs = qs.filter(directie=keuze.directie)
        order = _nota_order(keuze.sortering)
        columns = {
            "r_kenmerk": F("kenmerk"),
            "r_onderwerp": F("onderwerp"),
            "r_deadline": F("deadline"),
            "r_ronde": F("ronde"),
            "r_directie": F("directie"),
            "r_link": F("pk"),
        }
    else:
        brief = "kamerbrief__" if qs.model is Afstemmingsverzoek else ""
        deadline = "deadline" if brief else "geplande_verzenddatum"
        order = _letter_order(keuze.sortering, brief, deadline)
        columns = {
            "r_kenmerk": F(f"{brief}kenmerk"),
            "r_onderwerp": Cast(F(f"{brief}betreft"), TextField()),
            "r_deadline": F(deadline),
            "r_ronde": Value(0),
            "r_directie": Value("", CharField()),
            "r_link": F("kamerbrief_id") if brief else F("pk"),
        }
    columns["r_onderwerp"] = Cast(columns["r_onderwerp"], TextField())
    return (
        qs.annotate(
            r_groep=Value(code, CharField()),
            r_rang=Window(RowNumber(), order_by=order),
            **columns,
        )
        .order_by(*order)
        .values_list(
            "r_groep",
            "r_rang",
            "id",
            "r_kenmerk",
            "r_onderwerp",
            "status",
            "r_deadline",
            "r_ronde",
            "r_directie",
            "r_link",
        )
    )


def kamerbrieven_with_details():
    """Letters with what their page and PDF show, whoever asks (callers decide who may)."""

    return Kamerbrief.objects.select_related(
        "nota__aan",
        "nota__opsteller",
        "nota__organisatieonderdeel__bovenliggend",
        "afzender__ministerie",
    ).prefetch_related(
        Prefetch(
            "medeondertekenaars", queryset=Bewindspersoon.objects.select_related("ministerie")
        ),
        "versies",
        "ondertekenaars",
        Prefetch(
            "bijlagen",
            queryset=Kamerbriefbijlage.objects.filter(ingetrokken_op__isnull=True)
            .prefetch_related(
                Prefetch("versies", queryset=Bijlageversie.objects.select_related("auteur"))
            )
            .order_by("volgnummer"),
        ),
        Prefetch(
            "afstemmingsverzoeken",
            queryset=Afstemmingsverzoek.objects.select_related(
                "bewindspersoon", "briefversie", "beantwoord_door", "vorig_verzoek__briefversie"
            ).order_by("bewindspersoon__afkorting", "aangevraagd_op", "pk"),
        ),
        Prefetch(
            "gebeurtenissen",
            queryset=Gebeurtenis.objects.select_related(
                "actor", "namens", "namens_bewindspersoon"
            ).order_by("tijdstip", "pk"),
        ),
    )


def kamerbrieven_visible_to(user: Medewerker, letters: QuerySet | None = None) -> QuerySet:
    """Letters this user may read: whoever may read its nota, and the offices of its co-signers
    and sender. Parliamentary coordination and beheerders read every letter their ministry sends
    or co-signs, and no other ministry's."""

    if letters is None:
        letters = Kamerbrief.objects.all()
    on = timezone.localdate()
    people = _represented_ids(user, on)
    offices = _offices_of(user, people)
    # EXISTS rather than IN: under the OR, an IN list is every readable nota hashed first (all
    # 100,000 of them for one letter's page); EXISTS lets PostgreSQL look up just this letter's
    # nota, or still hash when a list of letters makes that cheaper.
    readable = (
        Exists(notas_visible_to(user, on, people=people).filter(pk=OuterRef("nota_id")))
        | Q(afzender_id__in=offices)
        | Exists(
            Kamerbrief.medeondertekenaars.through.objects.filter(
                kamerbrief_id=OuterRef("pk"), bewindspersoon_id__in=offices
            )
        )
    )
    if ministry_wide(user) and (ministerie_id := user.eigen_ministerie_id) is not None:
        readable |= Q(afzender__ministerie_id=ministerie_id) | Exists(
            Kamerbrief.medeondertekenaars.through.objects.filter(
                kamerbrief_id=OuterRef("pk"), bewindspersoon__ministerie_id=ministerie_id
            )
        )
    return letters.filter(readable)


def kamerbrief_for_detail(user: Medewerker, pk: int):
    """A letter with what its page shows; DoesNotExist unless the user may read it."""
    return kamerbrieven_visible_to(user, kamerbrieven_with_details()).get(pk=pk)


COLLEAGUE_SUGGESTIONS = 20


@dataclass(frozen=True)
class Keuze:
    """One search result to choose, as the search partial shows it."""

    value: str
    soort: str
    label: str


def parafeerbevoegd() -> QuerySet:
    """Who may initial a nota: an active civil servant of an organisatieonderdeel (an office's
    staff records decisions, it does not initial). The one rule, with may_initial beside it: the
    route editor offers only them and the route service refuses anyone else."""
    return Medewerker.objects.filter(is_active=True, organisatieonderdeel__isnull=False)


def may_initial(person: Medewerker) -> bool:
    """parafeerbevoegd() for one person already loaded."""
    return person.is_active and person.organisatieonderdeel_id is not None


def colleague_choices(
    q: str,
    *,
    exclude: Medewerker | None,
    limit: int = COLLEAGUE_SUGGESTIONS,
    among: QuerySet | None = None,
) -> tuple[list[Keuze], bool]:
    """Active colleagues (`among` them, if given) whose name, position or unit holds every word
    of `q`: at most `limit`, and whether there were more. One query."""
    words = q.split()
    if not words:
        return [], False
    qs = among if among is not None else Medewerker.objects.filter(is_active=True)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    for word in words[:5]:
        qs = qs.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(username__iexact=word)
            | Q(functie__icontains=word)
            | Q(organisatieonderdeel__code__iexact=word)
            | Q(organisatieonderdeel__naam__icontains=word)
        )
    found = list(
        qs.select_related("organisatieonderdeel").order_by("last_name", "first_name", "pk")[
            : limit + 1
        ]
    )
    choices = [
        Keuze(
            str(m.pk),
            m.organisatieonderdeel.code if m.organisatieonderdeel else "",
            f"{m} ({m.functie})" if m.functie else str(m),
        )
        for m in found[:limit]
    ]
    return choices, len(found) > limit


@dataclass
class Stand:
    """Where a nota stands, as its page says it first: who has it, since when, until when, what
    comes next, and why it came back. Worked out from what nota_for_detail prefetched."""

    bij: list[str]
    sinds: object = None
    deadline: date | None = None
    deadline_woorden: str = ""
    volgende: str = ""
    reden_kop: str = ""
    reden: str = ""
    reden_door: str = ""


def person_with_function(person: Medewerker) -> str:
    """'Dewi Bakker, Directeur PG': a name alone does not say whether it is the right person."""
    return f"{person}, {person.functie}" if person.functie else str(person)


def nota_stand(nota: Nota, on: date | None = None) -> Stand:
    from django.utils.translation import gettext as _

    on = on or timezone.localdate()
    stappen = [s for s in nota.parafeerstappen.all() if s.ronde == nota.ronde]
    events = list(nota.gebeurtenissen.all())

    def last(*acties):
        return next((g for g in reversed(events) if g.actie in acties), None)

    office = _("the office of %(post)s") % {"post": nota.aan}
    stand = Stand(bij=[], deadline=nota.deadline)
    if nota.status == Status.IN_PARAFERING:
        beurt = [s for s in stappen if s.status == Parafeerstap.Status.AAN_DE_BEURT]
        stand.bij = [person_with_function(s.parafeerder) for s in beurt]
        stand.sinds = min(filter(None, (s.aan_de_beurt_sinds for s in beurt)), default=None)
        stand.deadline = min((s.deadline for s in beurt if s.deadline), default=nota.deadline)
        wachtend = [s for s in stappen if s.status == Parafeerstap.Status.WACHTEND]
        if wachtend:
            volgende = [s for s in wachtend if s.volgorde == wachtend[0].volgorde]
            stand.volgende = _("Then it goes to %(who)s.") % {
                "who": _(" and ").join(person_with_function(s.parafeerder) for s in volgende)
            }
        elif nota.soort == Nota.Soort.TER_INFORMATIE:
            stand.volgende = _("After the last initial it goes to %(office)s for notice.") % {
                "office": office
            }
        else:
            stand.volgende = _("After the last initial it goes to %(office)s for decision.") % {
                "office": office
            }
    elif nota.status in (Status.TER_BESLISSING, Status.AANGEHOUDEN, Status.TER_KENNISNAME):
        stand.bij = [office]
        g = last("ter_beslissing_voorgelegd", "ter_kennisname_voorgelegd", "besluit_aangehouden",
                 "hervat", "wijzigingen_verwerkt")  # fmt: skip
        stand.sinds = g.tijdstip if g else None
        stand.volgende = {
            Status.TER_BESLISSING: _("The office records the decision of %(post)s."),
            Status.AANGEHOUDEN: _("The office puts it up for decision again when the time comes."),
            Status.TER_KENNISNAME: _("The office records that %(post)s has taken notice."),
        }[nota.status] % {"post": nota.aan}
    elif nota.status in (
        Status.CONCEPT, Status.AKKOORD_MET_WIJZIGINGEN, Status.NIET_AKKOORD, Status.AKKOORD,
    ):  # fmt: skip
        stand.bij = [person_with_function(nota.opsteller)]
        stand.volgende = {
            Status.CONCEPT: _("The drafter submits it; then the parafenroute starts."),
            Status.AKKOORD_MET_WIJZIGINGEN: _(
                "The drafter processes the changes asked; then the office confirms the akkoord."
            ),
            Status.NIET_AKKOORD: _(
                "The drafter takes it back to draft, or the office puts it up for decision again."
            ),
            Status.AKKOORD: _("The letter can be signed and sent; then the nota is completed."),
        }[nota.status]
        g = last("besluit_akkoord", "besluit_akkoord_met_wijzigingen", "besluit_niet_akkoord",
                 "teruggestuurd", "terug_naar_concept", "aangemaakt")  # fmt: skip
        stand.sinds = g.tijdstip if g else None
        if nota.status == Status.CONCEPT and g and g.actie == "teruggestuurd":
            stand.reden_kop = _("Why it came back")
            stand.reden, stand.reden_door = g.opmerking, str(g.actor or "")
        elif nota.status in (Status.AKKOORD_MET_WIJZIGINGEN, Status.NIET_AKKOORD) and g:
            stand.reden_kop = (
                _("The changes asked")
                if nota.status == Status.AKKOORD_MET_WIJZIGINGEN
                else _("Why not approved")
            )
            stand.reden, stand.reden_door = g.opmerking, str(g.actor or "")
    if nota.status == Status.AANGEHOUDEN:
        g = last("besluit_aangehouden")
        if g:
            stand.reden_kop = _("Why on hold")
            stand.reden, stand.reden_door = g.opmerking, str(g.actor or "")
    if stand.deadline and stand.bij:
        stand.deadline_woorden = werkdagen_in_words(stand.deadline, on, werkkalender())
    return stand


def nota_next_message(nota: Nota, done: str, on: date | None = None) -> str:
    """'Geparafeerd. De nota ligt nu bij Dewi Bakker, Directeur PG, deadline 12 december.'

    From a nota read by `nota_for_message` (or `nota_for_detail`)."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    stand = nota_stand(nota, on)
    if not stand.bij:
        return _("%(done)s The nota is now %(status)s.") % {
            "done": done,
            "status": nota.get_status_display(),
        }
    values = {"done": done, "who": _(" and ").join(stand.bij)}
    if stand.deadline:
        values["deadline"] = date_format(stand.deadline, "j F Y")
        return _("%(done)s The nota is now with %(who)s, deadline %(deadline)s.") % values
    return _("%(done)s The nota is now with %(who)s.") % values


def _office(post: Bewindspersoon) -> str:
    from django.utils.translation import gettext as _

    return _("the office of %(post)s") % {"post": post}


def kamerbrief_stand(kamerbrief: Kamerbrief, on: date | None = None) -> Stand:
    """Where a letter stands, as its page says it first: who has it, since when, until when and
    what comes next ("wacht op akkoord van OCW, deadline 12 december"). Worked out from what
    kamerbrief_for_detail prefetched."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    KB = Kamerbrief.Status
    on = on or timezone.localdate()
    events = list(kamerbrief.gebeurtenissen.all())

    def last(*acties):
        return next((g for g in reversed(events) if g.actie in acties), None)

    def since(*acties):
        g = last(*acties)
        return g.tijdstip if g else None

    nota = kamerbrief.nota
    deadline = nota.deadline if nota is not None else kamerbrief.geplande_verzenddatum
    stand = Stand(bij=[], deadline=deadline)
    opsteller = person_with_function(nota.opsteller) if nota is not None else ""
    if kamerbrief.status == KB.CONCEPT:
        stand.bij = [opsteller] if opsteller else []
        stand.sinds = since("kamerbrief_aangemaakt", "geregistreerd")
        stand.volgende = (
            _("The drafter writes it and starts the afstemming with the co-signers.")
            if kamerbrief.medeondertekenaars.all()
            else _(
                "The drafter writes it; without co-signers it is ready once the nota is approved."
            )
        )
    elif kamerbrief.status == KB.IN_AFSTEMMING:
        open_ = [
            v
            for v in kamerbrief.afstemmingsverzoeken.all()
            if v.status == Afstemmingsverzoek.Status.AANGEVRAAGD
        ]
        refused = [
            v
            for v in kamerbrief.afstemmingsverzoeken.all()
            if v.status == Afstemmingsverzoek.Status.NIET_AKKOORD
        ]
        if open_:
            stand.bij = [_office(v.bewindspersoon) for v in open_]
            stand.sinds = min(v.aangevraagd_op for v in open_)
            stand.deadline = min((v.deadline for v in open_ if v.deadline), default=deadline)
            waiting = _(" and ").join(v.bewindspersoon.afkorting for v in open_)
            if stand.deadline:
                stand.volgende = _("Waiting for the akkoord of %(who)s, deadline %(date)s.") % {
                    "who": waiting,
                    "date": date_format(stand.deadline, "j F"),
                }
            else:
                stand.volgende = _("Waiting for the akkoord of %(who)s.") % {"who": waiting}
        elif refused:
            stand.bij = [opsteller] if opsteller else []
            stand.sinds = max(v.beantwoord_op for v in refused if v.beantwoord_op)
            stand.volgende = _(
                "The drafter changes the letter, so that the office is asked again, or drops "
                "the co-signer."
            )
            stand.reden_kop = _("Why not agreed")
            stand.reden = "\n".join(f"{v.bewindspersoon.afkorting}: {v.opmerking}" for v in refused)
        elif nota is not None and nota.status != Nota.Status.AKKOORD:
            stand.bij = [_office(nota.aan)]
            stand.volgende = _(
                "Every co-signer agreed; waiting for the decision on nota %(kenmerk)s."
            ) % {"kenmerk": nota.kenmerk}
    elif kamerbrief.status in (KB.GEREED_VOOR_ONDERTEKENING, KB.ONDERTEKEND):
        stand.bij = [_office(kamerbrief.afzender)]
        if kamerbrief.status == KB.GEREED_VOOR_ONDERTEKENING:
            stand.sinds = since("gereed_voor_ondertekening")
            stand.volgende = _("The office signs it; then it is sent to the Kamer.")
        else:
            stand.sinds = since("ondertekend")
            stand.volgende = _("The office sends it to the Kamer.")
    elif kamerbrief.status == KB.VERZONDEN:
        stand.bij = [_("parliamentary coordination")]
        stand.sinds = since("verzonden")
        stand.deadline = None
        stand.volgende = _("Once the Kamer publishes it, its Kamerstuk number is registered.")
    elif kamerbrief.status == KB.INGETROKKEN:
        g = last("kamerbrief_ingetrokken")
        if g:
            stand.reden_kop = _("Why withdrawn")
            stand.reden, stand.reden_door = g.opmerking, str(g.actor or "")
    if stand.deadline and stand.bij:
        stand.deadline_woorden = werkdagen_in_words(stand.deadline, on, werkkalender())
    return stand


def kamerbrief_next_message(kamerbrief: Kamerbrief, done: str, on: date | None = None) -> str:
    """'Akkoord gegeven. De brief ligt nu bij het bureau van de Minister van OCW, deadline ...'"""
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _

    stand = kamerbrief_stand(kamerbrief, on)
    if not stand.bij:
        return _("%(done)s The letter is now %(status)s.") % {
            "done": done,
            "status": kamerbrief.get_status_display(),
        }
    values = {"done": done, "who": _(" and ").join(stand.bij)}
    if stand.deadline:
        values["deadline"] = date_format(stand.deadline, "j F Y")
        return _("%(done)s The letter is now with %(who)s, deadline %(deadline)s.") % values
    return _("%(done)s The letter is now with %(who)s.") % values


def opened_by(user: Medewerker, lines) -> set[int]:
    """Of these werkvoorraad lines, the notas this user opened in their current round."""
    rondes = {line.pk: line.ronde for line in lines}
    if not rondes:
        return set()
    return {
        nota_id
        for nota_id, ronde in Inzage.objects.filter(
            medewerker=user, nota_id__in=list(rondes)
        ).values_list("nota_id", "ronde")
        if rondes[nota_id] == ronde
    }
