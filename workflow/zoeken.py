"""Zoeken: one search over notas, Kamerbrieven, toezeggingen and moties.

On PostgreSQL a Dutch full-text search (`dutch` stemming: "wachtlijsten" finds "wachtlijst"),
ranked, with snippets from `ts_headline`. Every searched text has a GIN index on exactly the
expression the query uses (migration workflow 0014), so the index is current
in the transaction of every change without a trigger; versions, which refuse UPDATE, need no
backfill either. On SQLite (the demo) every word must occur in one of the same fields.

Permission is part of the query: a nota is searched only among `notas_visible_to(user)`, a
letter among `kamerbrieven_visible_to(user)`; the registers are readable by everybody. A
snippet comes from the row that matched, so it shows nothing its reader may not read.

An exact kenmerk, Kamerstuk ("32 793 nr. 613", any form the parser reads), Kamer number of a
toezegging (TZ…) or document number of a motie jumps straight to the item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet, TextField, Value
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from letters.models import Kamerbriefversie, Toelichtingspunt

from .kamerstuk import OngeldigeKamerstukReferentie, parse_kamerstuk
from .models import Medewerker, Motie, Toezegging
from .models.expressions import TekstKetting
from .selectors import kamerbrieven_visible_to, leest_niet_openbaar, notas_visible_to

CONFIG = "dutch"
PER_SOORT = 20

# The fields each index covers, in the order of the index expression (the migrations name the
# same tuples; tests/workflow/test_zoeken.py checks PostgreSQL uses the indexes).
NOTA_VELDEN = (
    "kenmerk", "onderwerp", "aanleiding", "geadviseerd_besluit", "kernpunten", "niet_openbaar",
)  # fmt: skip
TOELICHTING_VELDEN = ("tekst",)
BRIEF_VELDEN = ("kenmerk", "betreft", "kamerstuk")
TOEZEGGING_VELDEN = (
    "tekst", "tk_nummer", "bron_kenmerk", "debat", "aan_persoon", "aan_fractie", "notities",
)  # fmt: skip
MOTIE_VELDEN = (
    "titel", "onderwerp", "kamerstuk", "dictum", "debat", "tk_zaak_nummer", "tk_document_nummer",
)  # fmt: skip

# Marks that ts_headline puts around a hit; the snippet is escaped first and they become <mark>.
_BEGIN, _EIND = "\u27e6", "\u27e7"


class Soort:
    NOTA = "nota"
    KAMERBRIEF = "kamerbrief"
    TOEZEGGING = "toezegging"
    MOTIE = "motie"
    ALLE = (NOTA, KAMERBRIEF, TOEZEGGING, MOTIE)


def vector(*velden: str) -> SearchVector:
    return SearchVector(*velden, config=CONFIG)


def briefversie_vector() -> SearchVector:
    return SearchVector("tekst", Cast("voetnoten", TextField()), config=CONFIG)


@dataclass(frozen=True)
class Zoekvraag:
    q: str
    soort: str = ""
    van: date | None = None
    tot: date | None = None
    bewindspersoon_id: int | None = None
    # "soort:status", e.g. "nota:in_parafering": only that kind, in that status.
    status: str = ""
    # Notas of this directie (or a unit below it) and their letters; nothing else has one.
    directie_id: int | None = None

    @property
    def soorten(self) -> list[str]:
        """The kinds this question can find, given its kind, status and directie filters."""
        soorten = [self.soort] if self.soort in Soort.ALLE else list(Soort.ALLE)
        if self.status:
            soorten = [s for s in soorten if s == self.status.split(":", 1)[0]]
        if self.directie_id:
            soorten = [s for s in soorten if s in (Soort.NOTA, Soort.KAMERBRIEF)]
        return soorten

    def status_van(self, soort: str) -> str:
        eigen, _sep, status = self.status.partition(":")
        return status if eigen == soort else ""

    @property
    def woorden(self) -> list[str]:
        return [w for w in re.split(r"\s+", self.q.strip()) if w][:12]


@dataclass
class Treffer:
    soort: str
    titel: str
    link: str
    kenmerk: str
    status: str
    datum: date | None
    fragment: SafeString


@dataclass
class Treffers:
    soort: str
    aantal: int
    regels: list[Treffer] = field(default_factory=list)


def direct_naar(q: str, user: Medewerker) -> str | None:
    """The page of the one item an exact reference names, if the user may read it."""
    tekst = q.strip()
    if not tekst or len(tekst) > 80:
        return None
    nota = notas_visible_to(user).filter(kenmerk__iexact=tekst).values_list("pk", flat=True)
    if pk := nota.first():
        return reverse("nota_detail", args=[pk])
    brieven = kamerbrieven_visible_to(user).filter(kenmerk__iexact=tekst)
    if pk := brieven.values_list("pk", flat=True).first():
        return reverse("kamerbrief_detail", args=[pk])
    if (
        pk := Toezegging.objects.filter(tk_nummer__iexact=tekst)
        .values_list("pk", flat=True)
        .first()
    ):
        return reverse("toezegging_detail", args=[pk])
    motie = Motie.objects.filter(
        Q(tk_document_nummer__iexact=tekst) | Q(tk_zaak_nummer__iexact=tekst)
    )
    if pk := motie.values_list("pk", flat=True).first():
        return reverse("motie_detail", args=[pk])
    try:
        kamerstuk = str(parse_kamerstuk(tekst))
    except (OngeldigeKamerstukReferentie, ValueError):
        return None
    if pk := Motie.objects.filter(kamerstuk=kamerstuk).values_list("pk", flat=True).first():
        return reverse("motie_detail", args=[pk])
    brieven = kamerbrieven_visible_to(user).filter(kamerstuk=kamerstuk)
    if pk := brieven.values_list("pk", flat=True).first():
        return reverse("kamerbrief_detail", args=[pk])
    return None


def zoek(vraag: Zoekvraag, user: Medewerker) -> list[Treffers]:
    """Per kind of item the number of hits and the best PER_SOORT, best first."""
    if not vraag.woorden:
        return []
    soorten = vraag.soorten
    zoeker = _Postgres(vraag) if connection.vendor == "postgresql" else _Eenvoudig(vraag)
    resultaat = []
    for soort in soorten:
        queryset, velden, fragmentvelden = _bron(soort, vraag, user)
        gevonden = zoeker.filter(soort, queryset, velden)
        aantal = gevonden.count()
        regels = zoeker.beste(gevonden, fragmentvelden)[:PER_SOORT] if aantal else []
        resultaat.append(Treffers(soort, aantal, [_treffer(soort, r, zoeker) for r in regels]))
    return resultaat


def _bron(soort: str, vraag: Zoekvraag, user: Medewerker):
    """What may be searched of one kind, with the period, bewindspersoon, status and directie
    filters applied."""
    qs, velden, fragmentvelden = _zoekbaar(soort, vraag, user)
    if status := vraag.status_van(soort):
        qs = qs.filter(status=status)
    if vraag.directie_id:
        pad = "organisatieonderdeel" if soort == Soort.NOTA else "nota__organisatieonderdeel"
        qs = qs.filter(
            Q(**{f"{pad}_id": vraag.directie_id})
            | Q(**{f"{pad}__bovenliggend_id": vraag.directie_id})
        )
    return qs, velden, fragmentvelden


def _zoekbaar(soort: str, vraag: Zoekvraag, user: Medewerker):
    if soort == Soort.NOTA:
        qs = notas_visible_to(user)
        qs = _periode(qs, "datum", vraag)
        if vraag.bewindspersoon_id:
            qs = qs.filter(aan_id=vraag.bewindspersoon_id)
        # Who may not read section 5 does not find a nota by it either: their search leaves
        # the field out (without the index, which covers all fields: beheerders search rarely).
        velden = NOTA_VELDEN if leest_niet_openbaar(user) else NOTA_VELDEN[:-1]
        return qs, velden, ("onderwerp", "aanleiding", "geadviseerd_besluit", "kernpunten")
    if soort == Soort.KAMERBRIEF:
        qs = kamerbrieven_visible_to(user)
        qs = _periode(qs, "datum", vraag)
        if vraag.bewindspersoon_id:
            qs = qs.filter(afzender_id=vraag.bewindspersoon_id)
        return qs, BRIEF_VELDEN, ("betreft",)
    if soort == Soort.TOEZEGGING:
        qs = _periode(Toezegging.objects.all(), "deadline", vraag)
        if vraag.bewindspersoon_id:
            qs = qs.filter(bewindspersoon_id=vraag.bewindspersoon_id)
        return qs, TOEZEGGING_VELDEN, ("tekst",)
    qs = _periode(Motie.objects.all(), "datum", vraag)
    if vraag.bewindspersoon_id:
        qs = qs.filter(bewindspersoon_id=vraag.bewindspersoon_id)
    return qs, MOTIE_VELDEN, ("titel", "dictum")


def _periode(qs: QuerySet, veld: str, vraag: Zoekvraag) -> QuerySet:
    if vraag.van:
        qs = qs.filter(**{f"{veld}__gte": vraag.van})
    if vraag.tot:
        qs = qs.filter(**{f"{veld}__lte": vraag.tot})
    return qs


class _Postgres:
    def __init__(self, vraag: Zoekvraag):
        # websearch: plain words all must match, "quoted phrases", -uitgesloten, OR.
        self.query = SearchQuery(vraag.q, config=CONFIG, search_type="websearch")

    def filter(self, soort: str, qs: QuerySet, velden: tuple[str, ...]) -> QuerySet:
        hier = vector(*velden)
        # A hit in the item's own text or in its parts (toelichting, versions): the ids of each
        # from its own index, joined as a UNION, so no row is scanned to compute a vector.
        if soort == Soort.NOTA:
            delen = Toelichtingspunt.objects.annotate(v=vector(*TOELICHTING_VELDEN))
            delen = delen.filter(v=self.query).values("nota_id")
        elif soort == Soort.KAMERBRIEF:
            delen = Kamerbriefversie.objects.annotate(v=briefversie_vector())
            delen = delen.filter(v=self.query).values("kamerbrief_id")
        else:
            return qs.annotate(v=hier).filter(v=self.query)
        eigen = qs.model.objects.annotate(v=hier).filter(v=self.query).values("pk")
        return qs.annotate(v=hier).filter(pk__in=eigen.union(delen))

    def beste(self, qs: QuerySet, fragmentvelden: tuple[str, ...]) -> QuerySet:
        tekst = TekstKetting(*_tussen(fragmentvelden))
        return qs.annotate(
            rang=SearchRank(F("v"), self.query),
            fragment=SearchHeadline(
                tekst, self.query, config=CONFIG, start_sel=_BEGIN, stop_sel=_EIND,
                max_fragments=2, max_words=30, min_words=12, fragment_delimiter=" … ",
            ),
        ).order_by("-rang", "-pk")  # fmt: skip

    def fragment(self, regel) -> SafeString:
        return _gemarkeerd(regel.fragment)


class _Eenvoudig:
    """SQLite: every word in one of the fields, newest first, the first hit as snippet."""

    def __init__(self, vraag: Zoekvraag):
        self.woorden = vraag.woorden

    def filter(self, soort: str, qs: QuerySet, velden: tuple[str, ...]) -> QuerySet:
        for woord in self.woorden:
            ergens = Q()
            for veld in velden:
                ergens |= Q(**{f"{veld}__icontains": woord})
            if soort == Soort.NOTA:
                ergens |= Q(toelichting__tekst__icontains=woord)
            elif soort == Soort.KAMERBRIEF:
                ergens |= Q(versies__tekst__icontains=woord)
            qs = qs.filter(pk__in=qs.model.objects.filter(ergens).values("pk"))
        return qs

    def beste(self, qs: QuerySet, fragmentvelden: tuple[str, ...]) -> QuerySet:
        return qs.annotate(fragment=TekstKetting(*_tussen(fragmentvelden))).order_by("-pk")

    def fragment(self, regel) -> SafeString:
        tekst = regel.fragment or ""
        lager = tekst.lower()
        plek = min((i for w in self.woorden if (i := lager.find(w.lower())) >= 0), default=0)
        begin = max(0, plek - 80)
        stuk = tekst[begin : begin + 240]
        for woord in sorted(set(self.woorden), key=len, reverse=True):
            stuk = re.sub(
                re.escape(woord), lambda m: f"{_BEGIN}{m.group(0)}{_EIND}", stuk, flags=re.I
            )
        return _gemarkeerd(("… " if begin else "") + stuk)


def _tussen(velden: tuple[str, ...]) -> list:
    onderdelen: list = []
    for veld in velden:
        if onderdelen:
            onderdelen.append(Value(" · "))
        onderdelen.append(F(veld))
    return onderdelen


def _gemarkeerd(tekst: str) -> SafeString:
    """The snippet escaped, and only then its marks turned into <mark>: the text is the user's."""
    tekst = re.sub(r"(?:\s*·\s*)+", " · ", tekst.replace("\n", " ")).strip(" ·")
    veilig = escape(tekst)
    return mark_safe(veilig.replace(_BEGIN, "<mark>").replace(_EIND, "</mark>"))


def _treffer(soort: str, regel, zoeker) -> Treffer:
    fragment = zoeker.fragment(regel)
    if soort == Soort.NOTA:
        return Treffer(
            soort, regel.onderwerp, reverse("nota_detail", args=[regel.pk]), regel.kenmerk,
            regel.get_status_display(), regel.datum, fragment,
        )  # fmt: skip
    if soort == Soort.KAMERBRIEF:
        return Treffer(
            soort, regel.betreft, reverse("kamerbrief_detail", args=[regel.pk]), regel.kenmerk,
            regel.get_status_display(), regel.datum, fragment,
        )  # fmt: skip
    if soort == Soort.TOEZEGGING:
        return Treffer(
            soort, regel.tekst[:160], reverse("toezegging_detail", args=[regel.pk]),
            regel.tk_nummer, regel.get_status_display(), regel.deadline, fragment,
        )  # fmt: skip
    return Treffer(
        soort, regel.titel, reverse("motie_detail", args=[regel.pk]), regel.kamerstuk,
        regel.get_status_display(), regel.datum, fragment,
    )  # fmt: skip
