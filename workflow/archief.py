"""Het archief: finished dossiers — notas afgehandeld, with their letter, Kamerstuk and besluit.

A finished nota leaves every werkvoorraad; here it can be found again by year, directie,
bewindspersoon and kind, within what the reader may read (`notas_visible_to`). The list and
its export are one query each whatever the number of dossiers; the page shows 50 at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.utils import translation
from django.utils.translation import gettext as _

from letters.models import Nota

from .bladeren import Datums, adres_per_sleutel
from .models import Besluit, Medewerker
from .selectors import notas_visible_to

# What the list shows of a dossier.
GETOOND = (
    "kenmerk", "onderwerp", "soort", "datum", "status", "afgerond_op",
    "aan__titel", "organisatieonderdeel__code", "organisatieonderdeel__naam",
    "kamerbrief__kenmerk", "kamerbrief__datum", "kamerbrief__kamerstuk",
    "kamerbrief__status", "kamerbrief__betreft",
)  # fmt: skip


@dataclass(frozen=True)
class ArchiefFilter:
    jaar: int | None = None
    directie_id: int | None = None
    bewindspersoon_id: int | None = None
    soort: str = ""


def dossiers(user: Medewerker, filter: ArchiefFilter) -> QuerySet[Nota]:
    """The finished notas this user may read, newest first, with what the list shows.

    Newest by `afgerond_op` (the day the letter went out or, without a letter, the day the nota
    was completed), which the services keep: the list is read in the order of its index
    (nota_archiefvolgorde) and stops after a page, rather than dating every finished dossier.
    """
    qs = getoond(
        notas_visible_to(user)
        .filter(status=Nota.Status.AFGEHANDELD)
        .order_by(F("afgerond_op").desc(), "-pk")
    )
    if filter.jaar:
        qs = qs.filter(afgerond_op__year=filter.jaar)
    if filter.directie_id:
        qs = qs.filter(
            Q(organisatieonderdeel_id=filter.directie_id)
            | Q(organisatieonderdeel__bovenliggend_id=filter.directie_id)
        )
    if filter.bewindspersoon_id:
        qs = qs.filter(aan_id=filter.bewindspersoon_id)
    if filter.soort:
        qs = qs.filter(soort=filter.soort)
    return qs


def getoond(notas: QuerySet[Nota]) -> QuerySet[Nota]:
    """These notas with what the list shows of them: the last besluit, the letter, the unit."""
    laatste_besluit = Besluit.objects.filter(nota=OuterRef("pk")).order_by("-pk")
    return (
        notas.annotate(besluit=Subquery(laatste_besluit.values("uitkomst")[:1]))
        .select_related("aan", "organisatieonderdeel", "kamerbrief")
        .only(*GETOOND)
    )


def dossiers_by_pk(pks: list[int]) -> QuerySet[Nota]:
    """The rows of one page of the list, already chosen (and permitted) by `dossiers`."""
    return getoond(Nota.objects.filter(pk__in=pks))


def besluit_label(uitkomst: str | None) -> str:
    return str(Besluit.Uitkomst(uitkomst).label) if uitkomst else ""


@dataclass(frozen=True)
class Line:
    """A dossier as the list shows it, worked out once per page in Python rather than with a
    `{% url %}`, `|date` and `get_soort_display` per row in the template (issue 19)."""

    adres: str
    kenmerk: str
    onderwerp: str
    soort: str
    eenheid: str
    bewindspersoon: str
    besluit: str
    brief_adres: str  # "" without a letter
    brief_kenmerk: str
    brief_datum: str
    brief_kamerstuk: str
    afgerond: str


def lines(notas) -> list[Line]:
    nota_adres = adres_per_sleutel("nota_detail")
    brief_adres = adres_per_sleutel("kamerbrief_detail")
    datums = Datums()
    soorten = {value: str(label) for value, label in Nota.Soort.choices}
    result = []
    for nota in notas:
        brief = getattr(nota, "kamerbrief", None)
        result.append(
            Line(
                adres=nota_adres(nota.pk),
                kenmerk=nota.kenmerk,
                onderwerp=nota.onderwerp,
                soort=soorten.get(nota.soort, nota.soort),
                eenheid=nota.organisatieonderdeel.naam,
                bewindspersoon=nota.aan.titel if nota.aan_id else "",
                besluit=besluit_label(nota.besluit),
                brief_adres=brief_adres(brief.pk) if brief else "",
                brief_kenmerk=brief.kenmerk if brief else "",
                brief_datum=datums[brief.datum] if brief and brief.datum else "",
                brief_kamerstuk=brief.kamerstuk if brief else "",
                afgerond=datums[nota.afgerond_op] if nota.afgerond_op else "",
            )
        )
    return result


def rows(notas) -> tuple[list[str], list[list]]:
    """The list as an export: Dutch headers, one row per dossier."""
    with translation.override("nl"):
        headers = [
            _("Reference"), _("Subject"), _("Kind"), _("Member of government"),
            _("Organisational unit"), _("Decision"), _("Letter"), _("Sent on"), _("Kamerstuk"),
            _("Completed"),
        ]  # fmt: skip
        result = []
        for nota in notas:
            brief = getattr(nota, "kamerbrief", None)
            result.append(
                [
                    nota.kenmerk,
                    nota.onderwerp,
                    nota.get_soort_display(),
                    nota.aan.titel if nota.aan_id else "",
                    nota.organisatieonderdeel.naam,
                    besluit_label(nota.besluit),
                    brief.kenmerk if brief else "",
                    brief.datum if brief else None,
                    brief.kamerstuk if brief else "",
                    nota.afgerond_op,
                ]
            )
    return [h[:1].upper() + h[1:] for h in headers], result


def jaren(today: date) -> list[int]:
    """The years to choose from: this year and the nine before it."""
    return list(range(today.year, today.year - 10, -1))
