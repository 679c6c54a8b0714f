"""Zoeken: one search over notas, Kamerbrieven, toezeggingen and moties.

On PostgreSQL a Dutch full-text search (`dutch` stemming: "wachtlijsten" finds "wachtlijst"),
ranked, with snippets from `ts_headline`. Every searched text has a GIN index on exactly the
expression the query uses (migration workflow 0014), so the index is current
in the transaction of every change without a trigger; versions, which refuse UPDATE, need no
backfill either. On SQLite (the demo) every word must occur in one of the same fields.

A nota is also found by the text of its toelichting and of its bijlagen, a letter by every
version of its text and by its bijlagen: of a bijlage only the latest version counts, and only
while it is not withdrawn (its text is read when the version is stored: letters.tekst). A hit
found only in a bijlage shows that bijlage's number and title with its snippet.

Permission is part of the query: a nota is searched only among `notas_visible_to(user)`, a
letter among `kamerbrieven_visible_to(user)`; the registers are readable by everybody. A
snippet comes from the row that matched (or its bijlage), so it shows nothing its reader may
not read.

An exact kenmerk, Kamerstuk ("32 793 nr. 613", any form the parser reads), Kamer number of a
toezegging (TZ…) or document number of a motie jumps straight to the item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery, TextField, Value
from django.db.models.functions import Cast, Substr
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from letters.models import (
    Bijlagetekst,
    Bijlageversie,
    Kamerbrief,
    Kamerbriefversie,
    NotaBijlagetekst,
    NotaBijlageversie,
    Toelichtingspunt,
)

from .bladeren import TELLEN_TOT
from .kamerstuk import OngeldigeKamerstukReferentie, parse_kamerstuk
from .models import Medewerker, Motie, Toezegging
from .models.expressions import TekstKetting
from .selectors import kamerbrieven_visible_to, leest_niet_openbaar, notas_visible_to

CONFIG = "dutch"
PER_SOORT = 20
# Hits are counted up to TELLEN_TOT ("meer dan 1000"), as the registers count theirs; of more
# hits than RANGSCHIKKEN, the newest RANGSCHIKKEN are ranked and the best PER_SOORT shown.
RANGSCHIKKEN = 200

# The fields each index covers, in the order of the index expression (the migrations name the
# same tuples; tests/workflow/test_zoeken.py checks PostgreSQL uses the indexes).
NOTA_VELDEN = (
    "kenmerk", "onderwerp", "aanleiding", "geadviseerd_besluit", "kernpunten", "niet_openbaar",
)  # fmt: skip
TOELICHTING_VELDEN = ("tekst",)
BIJLAGETEKST_VELDEN = ("tekst",)  # letters 0009: bijlagetekst_zoek, notabijlagetekst_zoek
# A snippet of a bijlage is taken from its first this many characters: ts_headline reads all
# the text it is given, and a bijlage's text may be long (letters.tekst.MAX_TEKST).
FRAGMENT_BEREIK = 100_000
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


# Per kind that has bijlagen: the text model, the version model, and the path from a text to
# the nota or letter it belongs to.
_BIJLAGEN = {
    Soort.NOTA: (NotaBijlagetekst, NotaBijlageversie, "versie__bijlage__nota_id"),
    Soort.KAMERBRIEF: (Bijlagetekst, Bijlageversie, "versie__bijlage__kamerbrief_id"),
}


def huidige_bijlageteksten(soort: str) -> QuerySet:
    """The texts of the latest version of every bijlage that is not withdrawn, annotated with
    `eigenaar` (the nota's or letter's id), `volgnummer` and `titel`."""
    tekstmodel, versiemodel, eigenaar = _BIJLAGEN[soort]
    nieuwer = versiemodel.objects.filter(
        bijlage_id=OuterRef("versie__bijlage_id"), nummer__gt=OuterRef("versie__nummer")
    )
    return (
        tekstmodel.objects.filter(versie__bijlage__ingetrokken_op__isnull=True)
        .filter(~Exists(nieuwer))
        .annotate(
            eigenaar=F(eigenaar),
            volgnummer=F("versie__bijlage__volgnummer"),
            titel=F("versie__bijlage__titel"),
        )
        .order_by()
    )


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
    aantal: int  # at most TELLEN_TOT + 1: more than TELLEN_TOT were found
    regels: list[Treffer] = field(default_factory=list)

    @property
    def meer_dan(self) -> bool:
        return self.aantal > TELLEN_TOT

    @property
    def geteld(self) -> int:
        """The number to show: exact, or TELLEN_TOT when there were more."""
        return min(self.aantal, TELLEN_TOT)


def direct_naar(q: str, user: Medewerker) -> str | None:
    """The page of the one item an exact reference names, if the user may read it."""
    tekst = q.strip()
    # Every reference holds a digit (a kenmerk, a TZ number, a document or zaak number, a
    # Kamerstuk): words without one are searched at once, without a lookup query first.
    if not tekst or len(tekst) > 80 or not any(c.isdigit() for c in tekst):
        return None
    # One query for the four exact references, in the order they are tried.
    paginas = ["nota_detail", "kamerbrief_detail", "toezegging_detail", "motie_detail"]
    delen = [
        notas_visible_to(user).filter(kenmerk__iexact=tekst),
        # The letter named first, then whether it may be read (checking only its nota).
        kamerbrieven_visible_to(user, Kamerbrief.objects.filter(kenmerk__iexact=tekst)),
        Toezegging.objects.filter(tk_nummer__iexact=tekst),
        Motie.objects.filter(Q(tk_document_nummer__iexact=tekst) | Q(tk_zaak_nummer__iexact=tekst)),
    ]
    eerste, *rest = [
        deel.order_by().annotate(volgorde=Value(i)).values_list("volgorde", "pk")
        for i, deel in enumerate(delen)
    ]
    if gevonden := min(eerste.union(*rest, all=True), default=None):
        return reverse(paginas[gevonden[0]], args=[gevonden[1]])
    try:
        kamerstuk = str(parse_kamerstuk(tekst))
    except (OngeldigeKamerstukReferentie, ValueError):
        return None
    if pk := Motie.objects.filter(kamerstuk=kamerstuk).values_list("pk", flat=True).first():
        return reverse("motie_detail", args=[pk])
    brieven = kamerbrieven_visible_to(user, Kamerbrief.objects.filter(kamerstuk=kamerstuk))
    if pk := brieven.values_list("pk", flat=True).first():
        return reverse("kamerbrief_detail", args=[pk])
    return None


def zoek(vraag: Zoekvraag, user: Medewerker) -> list[Treffers]:
    """Per kind of item the number of hits (up to TELLEN_TOT) and the best PER_SOORT.

    Bounded whatever the number of hits: per kind one query reads the ids of at most
    TELLEN_TOT + 1 readable hits, newest first (found through the GIN indexes, the permission
    a filter on those rows, no vector computed); the newest RANGSCHIKKEN of them are ranked,
    and only the PER_SOORT shown get a snippet.
    Ranking reads each candidate's text again (the index holds no positions to rank by), so
    ranking every hit of a common word cost most of the page at 100,000 notas.
    """
    if not vraag.woorden:
        return []
    soorten = vraag.soorten
    zoeker = _Postgres(vraag) if connection.vendor == "postgresql" else _Eenvoudig(vraag)
    resultaat = []
    for soort in soorten:
        gevonden, velden, fragmentvelden = _bron(soort, vraag, user, zoeker)
        ids = list(gevonden.order_by("-pk").values_list("pk", flat=True)[: TELLEN_TOT + 1])
        kandidaten = gevonden.model.objects.filter(pk__in=ids[:RANGSCHIKKEN])
        regels = list(zoeker.beste(kandidaten, velden, fragmentvelden)[:PER_SOORT]) if ids else []
        fragmenten = {r.pk: zoeker.fragment(r) for r in regels}
        if soort in _BIJLAGEN:
            # A hit only in a bijlage: its snippet, under the bijlage's number and title.
            zonder = [pk for pk, fragment in fragmenten.items() if "<mark>" not in fragment]
            if zonder:
                fragmenten.update(zoeker.bijlagefragmenten(soort, zonder))
        resultaat.append(
            Treffers(soort, len(ids), [_treffer(soort, r, fragmenten[r.pk]) for r in regels])
        )
    return resultaat


def _bron(soort: str, vraag: Zoekvraag, user: Medewerker, zoeker):
    """The hits of one kind the user may read, with the period, bewindspersoon, status and
    directie filters applied; and the fields searched and shown."""
    qs, velden, fragmentvelden = _zoekbaar(soort, vraag, user, zoeker)
    if status := vraag.status_van(soort):
        qs = qs.filter(status=status)
    if vraag.directie_id:
        pad = "organisatieonderdeel" if soort == Soort.NOTA else "nota__organisatieonderdeel"
        qs = qs.filter(
            Q(**{f"{pad}_id": vraag.directie_id})
            | Q(**{f"{pad}__bovenliggend_id": vraag.directie_id})
        )
    if soort != Soort.KAMERBRIEF:  # a letter's hits are part of its permission query already
        qs = zoeker.filter(soort, qs, velden)
    return qs, velden, fragmentvelden


def _zoekbaar(soort: str, vraag: Zoekvraag, user: Medewerker, zoeker):
    if soort == Soort.NOTA:
        # Who may not read section 5 does not find a nota by it either: their search leaves
        # the field out (without the index, which covers all fields: beheerders search rarely).
        velden = NOTA_VELDEN if leest_niet_openbaar(user) else NOTA_VELDEN[:-1]
        qs = _periode(notas_visible_to(user), "datum", vraag)
        if vraag.bewindspersoon_id:
            qs = qs.filter(aan_id=vraag.bewindspersoon_id)
        return qs, velden, ("onderwerp", "aanleiding", "geadviseerd_besluit", "kernpunten")
    if soort == Soort.KAMERBRIEF:
        # The hits first: whether a letter may be read is then asked of their notas only.
        qs = zoeker.filter(soort, Kamerbrief.objects.all(), BRIEF_VELDEN)
        qs = kamerbrieven_visible_to(user, qs)
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


class _ApartGepland(Subquery):
    """A subquery PostgreSQL plans on its own (OFFSET 0 keeps it from being pulled up).

    `id IN (SELECT id … WHERE vector @@ query)` pulled up became a merge join walking the
    primary key newest first and computing the vector of every row it passed (75 ms for
    "jeugdzorg" over 50,000 toezeggingen); planned apart it is a bitmap scan of the GIN index.
    """

    template = "(%(subquery)s OFFSET 0)"


class _Postgres:
    def __init__(self, vraag: Zoekvraag):
        # websearch: plain words all must match, "quoted phrases", -uitgesloten, OR.
        self.query = SearchQuery(vraag.q, config=CONFIG, search_type="websearch")

    def filter(self, soort: str, qs: QuerySet, velden: tuple[str, ...]) -> QuerySet:
        """The items of `qs` with a hit, found through the GIN index of each searched text, so
        that no row is read to compute a vector.

        A nota: its own hits, read straight from the index with the permission as a filter,
        UNION those through its parts (toelichting, bijlagen). A letter, toezegging or motie:
        `pk IN` the ids of the hits (for a letter also those in its versions and bijlagen).
        The subquery is planned apart: pulled up, PostgreSQL walked the primary key newest
        first and computed the vector of every row it passed (0.08 s for "jeugdzorg").
        """
        eigen = qs.model.objects.annotate(v=vector(*velden)).filter(v=self.query)
        eigen = eigen.order_by().values("pk")
        if soort == Soort.NOTA:
            toelichting = Toelichtingspunt.objects.annotate(v=vector(*TOELICHTING_VELDEN))
            delen = toelichting.filter(v=self.query).order_by().values("nota_id")
            delen = delen.union(self._bijlagen(soort))
            eigen = qs.annotate(v=vector(*velden)).filter(v=self.query).order_by().values("pk")
            return eigen.union(qs.filter(pk__in=delen).order_by().values("pk"))
        if soort == Soort.KAMERBRIEF:
            versies = Kamerbriefversie.objects.annotate(v=briefversie_vector())
            delen = versies.filter(v=self.query).order_by().values("kamerbrief_id")
            return qs.filter(pk__in=eigen.union(delen, self._bijlagen(soort)))
        return qs.filter(pk__in=_ApartGepland(eigen))

    def _bijlagen(self, soort: str) -> QuerySet:
        bijlagen = huidige_bijlageteksten(soort).annotate(v=vector(*BIJLAGETEKST_VELDEN))
        return bijlagen.filter(v=self.query).values("eigenaar")

    def beste(
        self, qs: QuerySet, velden: tuple[str, ...], fragmentvelden: tuple[str, ...]
    ) -> QuerySet:
        """Best first; the snippet is computed only for the rows returned (after the LIMIT)."""
        tekst = TekstKetting(*_tussen(fragmentvelden))
        return qs.annotate(
            rang=SearchRank(vector(*velden), self.query),
            fragment=SearchHeadline(
                tekst, self.query, config=CONFIG, start_sel=_BEGIN, stop_sel=_EIND,
                max_fragments=2, max_words=30, min_words=12, fragment_delimiter=" … ",
            ),
        ).order_by("-rang", "-pk")  # fmt: skip

    def fragment(self, regel) -> SafeString:
        return _gemarkeerd(regel.fragment)

    def bijlagefragmenten(self, soort: str, ids: list[int]) -> dict[int, SafeString]:
        """Per nota or letter among `ids` the snippet of its first bijlage with a hit."""
        teksten = (
            huidige_bijlageteksten(soort)
            .annotate(v=vector(*BIJLAGETEKST_VELDEN))
            .filter(v=self.query, eigenaar__in=ids)
            .annotate(
                fragment=SearchHeadline(
                    Substr("tekst", 1, FRAGMENT_BEREIK), self.query, config=CONFIG,
                    start_sel=_BEGIN, stop_sel=_EIND, max_fragments=2, max_words=30,
                    min_words=12, fragment_delimiter=" … ",
                )
            )
            .order_by(_BIJLAGEN[soort][2], "versie__bijlage__volgnummer")
            .distinct(_BIJLAGEN[soort][2])
            .values_list("eigenaar", "volgnummer", "titel", "fragment")
        )  # fmt: skip
        return {
            eigenaar: _met_bijlage(volgnummer, titel, _gemarkeerd(fragment))
            for eigenaar, volgnummer, titel, fragment in teksten
        }


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
            if soort in _BIJLAGEN:
                bijlagen = huidige_bijlageteksten(soort).filter(tekst__icontains=woord)
                ergens |= Q(pk__in=bijlagen.values("eigenaar"))
            qs = qs.filter(pk__in=qs.model.objects.filter(ergens).values("pk"))
        return qs

    def beste(
        self, qs: QuerySet, velden: tuple[str, ...], fragmentvelden: tuple[str, ...]
    ) -> QuerySet:
        return qs.annotate(fragment=TekstKetting(*_tussen(fragmentvelden))).order_by("-pk")

    def fragment(self, regel) -> SafeString:
        return self._fragment(regel.fragment or "")

    def bijlagefragmenten(self, soort: str, ids: list[int]) -> dict[int, SafeString]:
        """Per nota or letter among `ids` the snippet of its first bijlage holding a word."""
        ergens = Q()
        for woord in self.woorden:
            ergens |= Q(tekst__icontains=woord)
        teksten = (
            huidige_bijlageteksten(soort)
            .filter(ergens, eigenaar__in=ids)
            .order_by("-volgnummer")  # the first of each wins below
            .values_list("eigenaar", "volgnummer", "titel", Substr("tekst", 1, FRAGMENT_BEREIK))
        )
        return {
            eigenaar: _met_bijlage(volgnummer, titel, self._fragment(tekst))
            for eigenaar, volgnummer, titel, tekst in teksten
        }

    def _fragment(self, tekst: str) -> SafeString:
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


def _met_bijlage(volgnummer: int, titel: str, fragment: SafeString) -> SafeString:
    return format_html(
        "{}: {}",
        _("Attachment %(nummer)s (%(titel)s)") % {"nummer": volgnummer, "titel": titel},
        fragment,
    )


def _treffer(soort: str, regel, fragment: SafeString) -> Treffer:
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
