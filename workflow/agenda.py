"""A person's deadlines as a calendar: the month view of the web UI and the iCal feed.

Both show the same thing: the open items this person (or whom they stand in for) must act on,
by the date they are due, as the reminders count them (`reminders.open_deadlines`).
"""

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from letters.models import Afstemmingsverzoek

from .deadlines import recessen, werkkalender
from .models import Medewerker, Parafeerstap, Soort
from .reminders import OTHER_SOURCES, kinds, open_deadlines
from .selectors import _represented_ids
from .werkdagen import reces_op

SOORT_VERB = {
    Soort.PARAFEERSTAP: _("Initial"),
    Soort.BESLUIT: _("Record the decision"),
    Soort.AFSTEMMING: _("Give akkoord"),
    Soort.TOEZEGGING: _("Fulfil the commitment"),
    Soort.MOTIE: _("Carry out the motion"),
}


@dataclass
class Termijn:
    """One deadline in someone's calendar."""

    soort: str
    datum: date
    kenmerk: str
    link: str
    uid: str

    @property
    def wat(self) -> str:
        if self.soort in OTHER_SOURCES:
            return str(OTHER_SOURCES[self.soort].verb)
        return str(SOORT_VERB[self.soort])


def deadlines_of(person: Medewerker, on: date, dates: list[date] | None = None) -> list[Termijn]:
    """The person's open deadlines (on `dates` only, when given), by date.

    A fixed number of queries: one per kind of item, and one each to find the nota of a
    parafeerstap and the letter of an afstemmingsverzoek for the links.
    """
    people = _represented_ids(person, on)
    found: dict[tuple[str, int], object] = {}
    for soort in kinds():
        for deadline in open_deadlines(soort, deadlines=dates, actors=people):
            found.setdefault((deadline.item_type, deadline.item_id), deadline)
    stap_ids = [pk for soort, pk in found if soort == Soort.PARAFEERSTAP]
    verzoek_ids = [pk for soort, pk in found if soort == Soort.AFSTEMMING]
    nota_of_stap = dict(Parafeerstap.objects.filter(pk__in=stap_ids).values_list("pk", "nota_id"))
    brief_of_verzoek = dict(
        Afstemmingsverzoek.objects.filter(pk__in=verzoek_ids).values_list("pk", "kamerbrief_id")
    )

    def link(soort: str, pk: int) -> str:
        if soort == Soort.PARAFEERSTAP:
            return reverse("nota_detail", args=[nota_of_stap[pk]])
        if soort == Soort.BESLUIT:
            return reverse("nota_detail", args=[pk])
        if soort == Soort.AFSTEMMING:
            return reverse("kamerbrief_detail", args=[brief_of_verzoek[pk]])
        if soort in OTHER_SOURCES:
            return OTHER_SOURCES[soort].path(pk)
        return reverse(f"{soort}_detail", args=[pk])

    termijnen = [
        Termijn(
            soort=d.item_type,
            datum=d.deadline,
            kenmerk=d.kenmerk,
            link=link(d.item_type, d.item_id),
            uid=f"{d.item_type}-{d.item_id}@parafeer",
        )
        for d in found.values()
    ]
    return sorted(termijnen, key=lambda t: (t.datum, t.kenmerk))


@dataclass
class Dag:
    datum: date
    in_maand: bool
    vandaag: bool
    vrij: str | None  # why it is no working day ("Weekend", "Eerste Kerstdag"), or None
    reces: str | None
    termijnen: list[Termijn] = field(default_factory=list)

    @property
    def is_werkdag(self) -> bool:
        return self.vrij is None


@dataclass
class Maand:
    eerste: date
    weken: list[list[Dag]]
    termijnen: list[Termijn]

    @property
    def vorige(self) -> date:
        return (self.eerste - timedelta(days=1)).replace(day=1)

    @property
    def volgende(self) -> date:
        return (self.eerste + timedelta(days=32)).replace(day=1)


def month_of(person: Medewerker, eerste: date, today: date) -> Maand:
    """The month grid (whole weeks, Monday first) with the person's deadlines on their days."""
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
        eerste.year, eerste.month
    )
    dates = [d for week in weeks for d in week]
    termijnen = deadlines_of(person, today, dates)
    by_date: dict[date, list[Termijn]] = {}
    for termijn in termijnen:
        by_date.setdefault(termijn.datum, []).append(termijn)
    kalender = werkkalender()
    recesses = recessen()

    def dag(d: date) -> Dag:
        reces = reces_op(d, recesses)
        return Dag(
            datum=d,
            in_maand=d.month == eerste.month,
            vandaag=d == today,
            vrij=kalender.vrije_dag_naam(d),
            reces=reces.naam if reces else None,
            termijnen=by_date.get(d, []),
        )

    return Maand(
        eerste=eerste,
        weken=[[dag(d) for d in week] for week in weeks],
        termijnen=[t for t in termijnen if t.datum.month == eerste.month],
    )
