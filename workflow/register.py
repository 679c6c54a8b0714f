"""The register's reads: filtered lists of toezeggingen and moties, and their exports.

The joins are decided here once, so a list page or an export costs the same few queries
whatever the number of rows. Exports hold exactly the filtered list, with Dutch column names,
as CSV or XLSX (workflow/spreadsheets.py).
"""

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet, Value
from django.db.models.functions import Upper
from django.utils import translation
from django.utils.translation import gettext as _

from .deadlines import werkkalender
from .models import Gebeurtenis, Koppeling, Motie, MotieIndiener, StandVanZaken, Toezegging
from .selectors import Keuze


@dataclass(frozen=True)
class RegisterFilter:
    """What the register's list shows; empty fields do not filter."""

    q: str = ""
    status: str = ""
    bewindspersoon_id: int | None = None
    ministerie_id: int | None = None
    te_laat: bool = False
    binnen_werkdagen: int | None = None

    @property
    def is_empty(self) -> bool:
        return self == RegisterFilter()


def _deadline_filters(qs: QuerySet, model, filters: RegisterFilter, on: date) -> QuerySet:
    if filters.te_laat or filters.binnen_werkdagen is not None:
        qs = qs.filter(status__in=model.OPEN, deadline__isnull=False)
    if filters.te_laat:
        qs = qs.filter(deadline__lt=on)
    if filters.binnen_werkdagen is not None:
        until = werkkalender().add_werkdagen(on, filters.binnen_werkdagen)
        qs = qs.filter(deadline__gte=on, deadline__lte=until)
    return qs


def _common_filters(qs: QuerySet, filters: RegisterFilter) -> QuerySet:
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.bewindspersoon_id:
        qs = qs.filter(bewindspersoon_id=filters.bewindspersoon_id)
    if filters.ministerie_id:
        qs = qs.filter(
            Q(ministerie_id=filters.ministerie_id)
            | Q(ministerie__isnull=True, bewindspersoon__ministerie_id=filters.ministerie_id)
        )
    return qs


def _afdoeningen():
    return Prefetch(
        "standen",
        queryset=StandVanZaken.objects.select_related("kamerbrief").order_by("datum", "pk"),
        to_attr="alle_standen",
    )


def toezeggingen_register(filters: RegisterFilter, on: date) -> QuerySet[Toezegging]:
    qs = Toezegging.objects.select_related(
        "bewindspersoon", "ministerie", "bron_kamerbrief"
    ).prefetch_related(_afdoeningen())
    qs = _deadline_filters(_common_filters(qs, filters), Toezegging, filters, on)
    if filters.q:
        # In any of the ZOEKVELDEN, case-insensitive: upper-cased by the database on both sides.
        qs = qs.filter(zoektekst__contains=Upper(Value(filters.q)))
    return qs.order_by("deadline", "pk")


def moties_register(filters: RegisterFilter, on: date) -> QuerySet[Motie]:
    qs = Motie.objects.select_related("bewindspersoon", "ministerie").prefetch_related(
        Prefetch(
            "indieners",
            queryset=MotieIndiener.objects.filter(vervangen_op__isnull=True),
            to_attr="huidige_indieners",
        ),
        _afdoeningen(),
    )
    qs = _deadline_filters(_common_filters(qs, filters), Motie, filters, on)
    if filters.q:
        # In any of MOTIE_ZOEKVELDEN (the indieners included), as the toezeggingen are searched.
        qs = qs.filter(zoektekst__contains=Upper(Value(filters.q)))
    return qs.order_by("-datum", "pk")


def _history():
    return Prefetch(
        "gebeurtenissen",
        queryset=Gebeurtenis.objects.select_related(
            "actor", "namens", "namens_bewindspersoon", "kamerbrief", "nota"
        ).order_by("tijdstip", "pk"),
    )


def _links():
    return Prefetch(
        "koppelingen",
        queryset=Koppeling.objects.select_related("nota", "verwerkt_in").order_by(
            "gekoppeld_op", "pk"
        ),
    )


def toezegging_for_detail(pk: int) -> Toezegging:
    return (
        Toezegging.objects.select_related(
            "bewindspersoon", "ministerie", "bron_kamerbrief", "geregistreerd_door"
        )
        .prefetch_related(
            _afdoeningen(),
            _history(),
            _links(),
            "herhaalt",
            "vult_aan",
            "wijzigt",
            "herhaald_in",
            "aangevuld_in",
            "gewijzigd_in",
        )
        .get(pk=pk)
    )


def motie_for_detail(pk: int) -> Motie:
    return (
        Motie.objects.select_related("bewindspersoon", "ministerie", "geregistreerd_door")
        .prefetch_related(
            Prefetch("indieners", queryset=MotieIndiener.objects.order_by("volgorde", "pk")),
            _afdoeningen(),
            _history(),
            _links(),
        )
        .get(pk=pk)
    )


LINK_SUGGESTIONS = 20


def _short(nummer: str, tekst: str) -> str:
    tekst = " ".join(tekst.split())
    tekst = tekst if len(tekst) <= 90 else tekst[:89].rstrip() + "…"
    return f"{nummer}: {tekst}" if nummer else tekst


def link_choices(
    q: str, exclude_toezeggingen=(), exclude_moties=(), limit: int = LINK_SUGGESTIONS
) -> tuple[list[Keuze], bool]:
    """Open toezeggingen and moties matching `q`, to link to a nota: at most `limit`, and
    whether there were more. Toezeggingen are searched as the register does (the indexed
    zoektekst); moties on title, Kamerstuk and the House's number. Two queries, each capped."""
    q = " ".join(q.split())
    if not q:
        return [], False
    toezeggingen = list(
        Toezegging.objects.filter(status__in=Toezegging.OPEN, zoektekst__contains=Upper(Value(q)))
        .exclude(pk__in=[pk for pk in exclude_toezeggingen if pk])
        .order_by("deadline", "pk")
        .values_list("pk", "tk_nummer", "tekst")[: limit + 1]
    )
    moties = list(
        Motie.objects.filter(status__in=Motie.OPEN, zoektekst__contains=Upper(Value(q)))
        .exclude(pk__in=[pk for pk in exclude_moties if pk])
        .order_by("-datum", "pk")
        .values_list("pk", "kamerstuk", "titel")[: limit + 1]
    )
    t = [
        Keuze(f"t{pk}", _("Commitment"), _short(nummer, tekst))
        for pk, nummer, tekst in toezeggingen
    ]
    m = [Keuze(f"m{pk}", _("Motion"), _short(kamerstuk, titel)) for pk, kamerstuk, titel in moties]
    # When both kinds have many, each gets half, so the one does not hide the other.
    m_count = min(len(m), max(limit // 2, limit - len(t)))
    t_count = min(len(t), limit - m_count)
    return t[:t_count] + m[:m_count], len(t) + len(m) > limit


def open_link_item(value: str) -> Toezegging | Motie | None:
    """The open toezegging ("t12") or motie ("m7") a link form names, or None."""
    if not re.fullmatch(r"[tm][0-9]{1,12}", value):  # never int("²") or a pk out of range
        return None
    model = Toezegging if value[0] == "t" else Motie
    return model.objects.filter(pk=int(value[1:]), status__in=model.OPEN).first()


# --- exports ---------------------------------------------------------------------------------


def _letters(item, *wijzen) -> str:
    return "; ".join(
        f"{s.kenmerk} ({s.datum:%d-%m-%Y})" for s in item.alle_standen if s.wijze in wijzen
    )


def _made_to(t: Toezegging) -> str:
    return ", ".join(p for p in (t.aan_persoon, t.aan_fractie) if p)


def toezegging_rows(items) -> tuple[list[str], list[list]]:
    W = StandVanZaken.Wijze
    headers = [
        _("Number"), _("Commitment"), _("Member of government"), _("Ministry"), _("Made"),
        _("Where"), _("Made to"), _("Deadline"), _("Deadline as worded"), _("Kind"),
        _("Recurrence"), _("Status"), _("Reason for lapsing"), _("Discharged by"),
        _("Progress reported in"), _("Fulfilled by (according to the House)"), _("Notes"),
    ]  # fmt: skip
    rows = [
        [
            t.tk_nummer,
            t.tekst,
            t.bewindspersoon_label,
            str(t.ministerie or ""),
            t.get_bron_display(),
            t.herkomst,
            _made_to(t),
            t.deadline,
            t.deadline_omschrijving,
            t.get_soort_display(),
            t.get_herhaling_display() if t.herhaling else "",
            t.get_status_display(),
            t.reden_vervallen,
            _letters(t, W.AFGEDAAN, W.DEELS_AFGEDAAN),
            _letters(t, W.STAND_VAN_ZAKEN),
            t.kamerbrief_nakoming,
            t.notities,
        ]
        for t in items
    ]
    return headers, rows


def motie_rows(items) -> tuple[list[str], list[list]]:
    W = StandVanZaken.Wijze
    headers = [
        _("Kamerstuk"), _("House case number"), _("Title"), _("Submitters"), _("Co-submitters"),
        _("Debate"), _("Date"), _("Dictum"), _("Government's opinion"),
        _("Member of government"), _("Ministry"), _("Deadline"), _("Status"),
        _("Reason not carried out"), _("Discharged by"), _("Progress reported in"), _("Notes"),
    ]  # fmt: skip
    rows = []
    for m in items:
        indieners = [i for i in m.huidige_indieners if i.rol == MotieIndiener.Rol.INDIENER]
        mede = [i for i in m.huidige_indieners if i.rol == MotieIndiener.Rol.MEDEINDIENER]
        rows.append(
            [
                m.kamerstuk,
                m.tk_zaak_nummer,
                m.titel,
                "; ".join(map(str, indieners)),
                "; ".join(map(str, mede)),
                m.debat,
                m.datum,
                m.dictum,
                m.get_kabinetsappreciatie_display(),
                m.bewindspersoon_label,
                str(m.ministerie or ""),
                m.deadline,
                m.get_status_display(),
                m.reden_niet_uitgevoerd,
                _letters(m, W.AFGEDAAN),
                _letters(m, W.STAND_VAN_ZAKEN),
                m.notities,
            ]
        )
    return headers, rows


def dutch(rows_of, items) -> tuple[list[str], list[list]]:
    """Exports speak Dutch, whatever language the person exporting reads the site in."""
    with translation.override("nl"):
        headers, rows = rows_of(items)
    return [h[:1].upper() + h[1:] for h in headers], rows
