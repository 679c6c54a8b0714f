"""The register's reads: filtered lists of toezeggingen and moties, and their exports.

The joins are decided here once, so a list page or an export costs the same few queries
whatever the number of rows. Exports hold exactly the filtered list, with Dutch column names,
as CSV or XLSX (workflow/spreadsheets.py).
"""

import re
from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Upper
from django.utils import translation
from django.utils.translation import gettext as _

from .bladeren import Datums, adres_per_sleutel
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


def _toezeggingen(filters: RegisterFilter, on: date) -> QuerySet[Toezegging]:
    qs = _deadline_filters(
        _common_filters(Toezegging.objects.all(), filters), Toezegging, filters, on
    )
    if filters.q:
        # In any of the ZOEKVELDEN, case-insensitive: upper-cased by the database on both sides.
        qs = qs.filter(zoektekst__contains=Upper(Value(filters.q)))
    return qs.order_by("deadline", "pk")


def toezeggingen_register(filters: RegisterFilter, on: date) -> QuerySet[Toezegging]:
    return (
        _toezeggingen(filters, on)
        .select_related("bewindspersoon", "ministerie", "bron_kamerbrief")
        .prefetch_related(_afdoeningen())
    )


def _moties(filters: RegisterFilter, on: date) -> QuerySet[Motie]:
    qs = _deadline_filters(_common_filters(Motie.objects.all(), filters), Motie, filters, on)
    if filters.q:
        # In any of MOTIE_ZOEKVELDEN (the indieners included), as the toezeggingen are searched.
        qs = qs.filter(zoektekst__contains=Upper(Value(filters.q)))
    return qs.order_by("-datum", "pk")


def moties_register(filters: RegisterFilter, on: date) -> QuerySet[Motie]:
    return (
        _moties(filters, on)
        .select_related("bewindspersoon", "ministerie")
        .prefetch_related(
            Prefetch(
                "indieners",
                queryset=MotieIndiener.objects.filter(vervangen_op__isnull=True),
                to_attr="huidige_indieners",
            ),
            _afdoeningen(),
        )
    )


# The list pages read only what their lines show (toezegging_lines, motie_lines), not whole rows
# with three related ones each: building fifty rows of seventy columns was a third of a list's
# time in Django (issue 19). The exports and the API read everything, from the selectors above.
TOEZEGGING_LINE = (
    "tekst", "tk_nummer", "tk_data", "bewindspersoon", "bewindspersoon__titel", "bron",
    "bron_kenmerk", "debat", "debat_datum", "activiteit_nummer", "deadline",
    "deadline_omschrijving", "herhaling", "status",
)  # fmt: skip
MOTIE_LINE = (
    "titel", "kamerstuk", "tk_zaak_nummer", "bewindspersoon", "bewindspersoon__titel",
    "deadline", "status",
)  # fmt: skip


def _afdoeningen_in_lines(*related: str) -> Prefetch:
    standen = StandVanZaken.objects.order_by("datum", "pk")
    if related:
        standen = standen.select_related(*related)
    return Prefetch(
        "standen",
        queryset=standen.only(
            "toezegging",
            "motie",
            "wijze",
            "kenmerk",
            "datum",
            *(f"{r}__kamerstuk" for r in related),
        ),
        to_attr="alle_standen",
    )


def _heeft_standen(model) -> Exists:
    return Exists(StandVanZaken.objects.filter(**{model._meta.model_name: OuterRef("pk")}))


def _read_standen(items: list, *related: str) -> None:
    """The letters of the lines that have any (`heeft_standen`): most open items have none,
    and a page of them then costs no query for letters at all."""
    with_standen = []
    for item in items:
        if item.heeft_standen:
            with_standen.append(item)
        else:
            item.alle_standen = []  # (set before the prefetch, it would count as read)
    if with_standen:
        prefetch_related_objects(with_standen, _afdoeningen_in_lines(*related))


def toezeggingen_list(filters: RegisterFilter, on: date) -> QuerySet[Toezegging]:
    return (
        _toezeggingen(filters, on)
        .select_related("bewindspersoon")
        .only(*TOEZEGGING_LINE)
        .annotate(heeft_standen=_heeft_standen(Toezegging))
    )


def moties_list(filters: RegisterFilter, on: date) -> QuerySet[Motie]:
    return (
        _moties(filters, on)
        .select_related("bewindspersoon")
        .only(*MOTIE_LINE)
        .prefetch_related(
            Prefetch(
                "indieners",
                # Ordered within each motie only: the model's ordering ("motie" first) joins
                # the moties again to sort by theirs.
                queryset=MotieIndiener.objects.filter(vervangen_op__isnull=True)
                .order_by("volgorde", "pk")
                .only("motie", "rol", "naam", "fractie"),
                to_attr="huidige_indieners",
            ),
        )
        .annotate(heeft_standen=_heeft_standen(Motie))
    )


# --- the list pages' lines ------------------------------------------------------------------
# What a line of a list shows, worked out once per page in Python: fifty lines of `{% url %}`,
# `|date`, `get_..._display` and `{% blocktranslate %}` per row were most of a list's time in
# the template engine (issue 19). The template only places these values.


@dataclass(frozen=True)
class ToezeggingLine:
    adres: str
    kort: str
    tk_nummer: str
    bewindspersoon: str
    herkomst: str
    deadline: str  # as the list writes a date ("3 maart 2024"), "" without one
    deadline_omschrijving: str
    herhaling: str  # the recurrence, unless the deadline's wording already says it
    te_laat: bool
    status: str
    afgedaan: list[str]  # the letters that discharged it (or partly)


@dataclass(frozen=True)
class MotieLine:
    adres: str
    titel: str
    nummer: str  # the Kamerstuk, or the House's case number
    indieners: str
    bewindspersoon: str
    deadline: str
    te_laat: bool
    status: str
    brieven: list[str]  # every letter that handled it, with how


def _labels(choices) -> dict[str, str]:
    return {value: str(label) for value, label in choices}


def _brief(stand: StandVanZaken, datums: Datums) -> str:
    return _("letter of %(datum)s") % {"datum": datums[stand.datum]} + f" {stand.kenmerk}"


def toezegging_lines(items, on: date) -> list[ToezeggingLine]:
    """The lines of a page of `toezeggingen_list`."""
    items = list(items)
    _read_standen(items, "kamerbrief")
    adres = adres_per_sleutel("toezegging_detail")
    datums = Datums()
    statussen = _labels(Toezegging.Status.choices)
    herhalingen = _labels(Toezegging.Herhaling.choices)
    lines = []
    for t in items:
        herhaling = herhalingen.get(t.herhaling, t.herhaling) if t.herhaling else ""
        if herhaling.lower() in t.deadline_omschrijving.lower():
            herhaling = ""
        afgedaan = []
        for s in t.alle_standen:
            if s.wijze != StandVanZaken.Wijze.STAND_VAN_ZAKEN:
                kamerstuk = s.kamerbrief.kamerstuk if s.kamerbrief else ""
                afgedaan.append(_brief(s, datums) + (f", {kamerstuk}" if kamerstuk else ""))
        lines.append(
            ToezeggingLine(
                adres=adres(t.pk),
                kort=t.kort,
                tk_nummer=t.tk_nummer,
                bewindspersoon=t.bewindspersoon_label,
                herkomst=t.herkomst,
                deadline=datums[t.deadline] if t.deadline else "",
                deadline_omschrijving=t.deadline_omschrijving,
                herhaling=herhaling,
                te_laat=t.is_overdue(on),
                status=statussen.get(t.status, t.status),
                afgedaan=afgedaan,
            )
        )
    return lines


def motie_lines(items, on: date) -> list[MotieLine]:
    """The lines of a page of `moties_list`."""
    items = list(items)
    _read_standen(items)
    adres = adres_per_sleutel("motie_detail")
    datums = Datums()
    statussen = _labels(Motie.Status.choices)
    wijzen = _labels(StandVanZaken.Wijze.choices)
    co = _("co")
    lines = []
    for m in items:
        indieners = ", ".join(
            f"{i} ({co})" if i.rol == MotieIndiener.Rol.MEDEINDIENER else str(i)
            for i in m.huidige_indieners
        )
        lines.append(
            MotieLine(
                adres=adres(m.pk),
                titel=m.titel,
                nummer=m.kamerstuk or m.tk_zaak_nummer,
                indieners=indieners,
                bewindspersoon=m.bewindspersoon_label,
                deadline=datums[m.deadline] if m.deadline else "",
                te_laat=m.is_overdue(on),
                status=statussen.get(m.status, m.status),
                brieven=[
                    f"{_brief(s, datums)} ({wijzen.get(s.wijze, s.wijze)})" for s in m.alle_standen
                ],
            )
        )
    return lines


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
