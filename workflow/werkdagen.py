"""Werkdagen en recessen: rekenen met termijnen zoals een ministerie dat doet.

Tussentijdse deadlines worden in *werkdagen* teruggerekend vanaf de einddeadline. Geen werkdag
zijn: het weekend, de feestdagen van de werkgever en de sluitingsdagen die de beheerder instelt.

Welke feestdagen vrij zijn verschilt per werkgever. Het `holidays`-pakket levert de Nederlandse
feestdagen (inclusief de Koningsdag-regel: op zaterdag 26 april als 27 april een zondag is), maar
zijn lijst is geen werkgeversbeleid: Goede Vrijdag staat erin, en Bevrijdingsdag staat er alleen
in lustrumjaren in. Daarom kiest `Werkkalender` zelf, expliciet, welke dagen vrij zijn. De
standaard (`Werkkalender.rijksoverheid()`) volgt de CAO Rijk:

    Nieuwjaarsdag, Tweede paasdag, Koningsdag, Bevrijdingsdag (alleen in lustrumjaren: 2025,
    2030, ...), Hemelvaartsdag, Tweede pinksterdag, Eerste en Tweede kerstdag.

Goede Vrijdag is bij het Rijk een gewone werkdag; Eerste paas- en pinksterdag vallen altijd op
zondag en kosten dus nooit een werkdag (ze worden alleen bij naam genoemd).

Daarnaast: de recesperioden van de Tweede Kamer (`Reces`, `reces_op`), zodat het systeem kan
waarschuwen dat een brief die verstuurd moet worden in het kerstreces valt.

Dit module importeert geen Django: het is zonder settings te gebruiken en te testen.
"""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from types import MappingProxyType
from typing import Literal

import holidays

__all__ = [
    "TWEEDE_KAMER_RECESSEN_2023_2024",
    "Bevrijdingsdagbeleid",
    "Reces",
    "Werkkalender",
    "reces_op",
]

Bevrijdingsdagbeleid = Literal["jaarlijks", "lustrum", "nooit"]
_BEVRIJDINGSDAGBELEID: tuple[str, ...] = ("jaarlijks", "lustrum", "nooit")

WEEKEND = "Weekend"
SLUITINGSDAG = "Sluitingsdag"
BEVRIJDINGSDAG = "Bevrijdingsdag"

# Namen zoals het `holidays`-pakket ze in het Nederlands (language="nl") spelt, in kleine letters
# vergeleken. We kiezen op naam en niet op "alles wat het pakket geeft", zodat een wijziging in
# het pakket nooit stilzwijgend een vrije dag toevoegt.
_RIJK_FEESTDAGEN: frozenset[str] = frozenset(
    {
        "nieuwjaarsdag",
        "eerste paasdag",  # altijd zondag: alleen voor de naam
        "tweede paasdag",
        "hemelvaartsdag",
        "eerste pinksterdag",  # altijd zondag: alleen voor de naam
        "tweede pinksterdag",
        "eerste kerstdag",
        "tweede kerstdag",
    }
)
_GOEDE_VRIJDAG = "goede vrijdag"


def _koningsdag_naam(jaar: int) -> str:
    # Tot en met 2013 was het Koninginnedag (30 april); het pakket kent beide.
    return "koningsdag" if jaar >= 2014 else "koninginnedag"


@functools.lru_cache(maxsize=128)
def _nl_feestdagen(jaar: int) -> Mapping[date, tuple[str, ...]]:
    """Alle Nederlandse feestdagen van één jaar volgens het `holidays`-pakket (Nederlandse namen).

    Per jaar gecachet: het pakket opbouwen kost milliseconden, een opzoeking in een dict niets.
    Per datum een tuple namen, want feestdagen kunnen samenvallen (5 mei 2005 was zowel
    Bevrijdingsdag als Hemelvaartsdag).
    """
    # language="nl" expliciet: zonder die optie volgt het pakket de locale van het proces.
    kalender = holidays.country_holidays("NL", years=jaar, language="nl")
    return {d: tuple(kalender.get_list(d)) for d in kalender}


def _alleen_datum(d: date) -> date:
    # datetime is een subklasse van date maar is er nooit gelijk aan: een datetime zou elke
    # feestdag missen. Liever een duidelijke fout dan een stil verkeerde termijn.
    if isinstance(d, datetime):
        raise TypeError(
            f"verwacht een date, geen datetime ({d!r}); gebruik bijvoorbeeld timezone.localdate()"
        )
    if not isinstance(d, date):
        raise TypeError(f"verwacht een date, kreeg {type(d).__name__}")
    return d


@dataclass(frozen=True)
class Werkkalender:
    """Welke dagen werkdagen zijn, en rekenen in werkdagen.

    - `goede_vrijdag_vrij`: Goede Vrijdag is een vrije dag (bij het Rijk niet).
    - `bevrijdingsdag`: "jaarlijks" (5 mei is elk jaar vrij), "lustrum" (alleen als het jaartal
      deelbaar is door 5, zoals in de CAO Rijk) of "nooit".
    - `sluitingsdagen`: extra dagen waarop de organisatie dicht is (door de beheerder ingesteld,
      bijvoorbeeld de dagen tussen Kerst en Nieuwjaar).
    """

    goede_vrijdag_vrij: bool = False
    bevrijdingsdag: Bevrijdingsdagbeleid = "lustrum"
    sluitingsdagen: frozenset[date] = frozenset()

    # Vrije dagen (exclusief weekend) per jaar, voor deze instellingen. Geen deel van gelijkheid,
    # hash of repr: het is alleen een cache.
    _per_jaar: dict[int, Mapping[date, str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _doordeweeks_vrij: dict[int, list[date]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _doordeweeks_vrij_set: dict[int, frozenset[date]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        # Instellingen komen later uit de database: controleer wat het type niet afdwingt.
        if self.bevrijdingsdag not in _BEVRIJDINGSDAGBELEID:
            raise ValueError(
                f"bevrijdingsdag moet een van {', '.join(_BEVRIJDINGSDAGBELEID)} zijn, "
                f"niet {self.bevrijdingsdag!r}"
            )
        # Een lijst of set uit de configuratie is ook goed; bewaard wordt een frozenset.
        dagen = frozenset(_alleen_datum(d) for d in self.sluitingsdagen)
        object.__setattr__(self, "sluitingsdagen", dagen)

    @classmethod
    def rijksoverheid(cls) -> Werkkalender:
        """De standaard van de app: de vrije dagen volgens de CAO Rijk, zonder sluitingsdagen."""
        return cls()

    # -- Welke dagen zijn vrij -------------------------------------------------------------

    def feestdagen(self, jaar: int) -> Mapping[date, str]:
        """De feestdagen die in `jaar` vrij zijn volgens deze kalender, met hun naam.

        Zonder sluitingsdagen; feestdagen die in het weekend vallen staan er wel in.
        """
        try:
            return self._per_jaar[jaar]
        except KeyError:
            pass

        gewenst = set(_RIJK_FEESTDAGEN) | {_koningsdag_naam(jaar)}
        if self.goede_vrijdag_vrij:
            gewenst.add(_GOEDE_VRIJDAG)

        vrij: dict[date, list[str]] = {}
        for d, namen in _nl_feestdagen(jaar).items():
            gekozen = [naam for naam in namen if naam.lower() in gewenst]
            if gekozen:
                vrij[d] = gekozen

        # Hernoemt het pakket ooit een feestdag, dan willen we dat merken in plaats van stil een
        # werkdag te veel te tellen.
        gevonden = {naam.lower() for namen in vrij.values() for naam in namen}
        if ontbrekend := gewenst - gevonden:
            raise RuntimeError(
                f"het holidays-pakket ({holidays.__version__}) levert voor {jaar} niet: "
                f"{', '.join(sorted(ontbrekend))}"
            )

        # Bevrijdingsdag regelen we zelf: het pakket kiest één werkgeversbeleid (lustrum).
        if self.bevrijdingsdag == "jaarlijks" or (
            self.bevrijdingsdag == "lustrum" and jaar % 5 == 0
        ):
            vrij.setdefault(date(jaar, 5, 5), []).insert(0, BEVRIJDINGSDAG)

        # Alleen-lezen: de cache wordt gedeeld door alle aanroepers.
        resultaat = MappingProxyType({d: " en ".join(namen) for d, namen in sorted(vrij.items())})
        self._per_jaar[jaar] = resultaat
        return resultaat

    def vrije_dag_naam(self, d: date) -> str | None:
        """Waarom `d` geen werkdag is, of None als het een werkdag is.

        Een feestdag gaat voor: zaterdag 26 april 2025 heet "Koningsdag", niet "Weekend".
        Daarna "Sluitingsdag", daarna "Weekend".
        """
        d = _alleen_datum(d)
        naam = self.feestdagen(d.year).get(d)
        if naam is not None:
            return naam
        if d in self.sluitingsdagen:
            return SLUITINGSDAG
        if d.weekday() >= 5:
            return WEEKEND
        return None

    def is_werkdag(self, d: date) -> bool:
        """Of `d` een werkdag is: hetzelfde als `vrije_dag_naam(d) is None`, maar zonder de naam
        op te zoeken. De herinneringsscan en het rekenen in werkdagen vragen dit honderdduizenden
        keren; het weekend en een opzoeking in een set per jaar zijn genoeg."""
        if _alleen_datum(d).weekday() >= 5:
            return False
        try:
            vrij = self._doordeweeks_vrij_set[d.year]
        except KeyError:
            vrij = self._doordeweeks_vrij_set[d.year] = frozenset(
                self._vrije_doordeweekse_dagen(d.year)
            )
        return d not in vrij

    # -- Rekenen in werkdagen --------------------------------------------------------------

    def volgende_werkdag(self, d: date) -> date:
        """De eerste werkdag ná `d` (ook als `d` zelf een werkdag is)."""
        dag = _alleen_datum(d) + timedelta(days=1)
        while not self.is_werkdag(dag):
            dag += timedelta(days=1)
        return dag

    def vorige_werkdag(self, d: date) -> date:
        """De laatste werkdag vóór `d` (ook als `d` zelf een werkdag is)."""
        dag = _alleen_datum(d) - timedelta(days=1)
        while not self.is_werkdag(dag):
            dag -= timedelta(days=1)
        return dag

    def add_werkdagen(self, d: date, n: int) -> date:
        """De n-de werkdag na `d` (n > 0) of de |n|-de werkdag vóór `d` (n < 0).

        `d` zelf telt nooit mee: vrijdag + 1 is maandag, en zaterdag + 1 ook.

        n == 0 geeft `d` als dat een werkdag is, en anders de volgende werkdag. Keuze: "0
        werkdagen na" een termijn op zaterdag betekent in de praktijk "zo snel mogelijk", dus de
        maandag erna — nooit een datum die al voorbij is.
        """
        d = _alleen_datum(d)
        if n == 0:
            return d if self.is_werkdag(d) else self.volgende_werkdag(d)
        stap = self.volgende_werkdag if n > 0 else self.vorige_werkdag
        dag = d
        for _ in range(abs(n)):
            dag = stap(dag)
        return dag

    def subtract_werkdagen(self, d: date, n: int) -> date:
        """De n-de werkdag vóór `d`; gelijk aan `add_werkdagen(d, -n)` (ook voor n == 0)."""
        return self.add_werkdagen(d, -n)

    def werkdagen_tussen(self, start: date, end: date) -> int:
        """Hoeveel werkdagen het is van `start` tot `end`: `start` telt niet mee, `end` wel.

        Vooruit (end >= start) is dat het aantal werkdagen in (start, end]. Terug (end < start)
        is het min het aantal werkdagen in [end, start): weer zonder start, met end. Zo geldt,
        voor elke start:

            add_werkdagen(start, werkdagen_tussen(start, end)) == end   als end een werkdag is

        en omgekeerd `werkdagen_tussen(start, add_werkdagen(start, n)) == n` als start een
        werkdag is. Bij een vrije dag als grens is het niet antisymmetrisch: van zaterdag terug
        naar vrijdag is -1 (vrijdag telt), van vrijdag naar zaterdag is 0.
        """
        start, end = _alleen_datum(start), _alleen_datum(end)
        if end >= start:
            return self._werkdagen_in(start + timedelta(days=1), end)
        return -self._werkdagen_in(end, start - timedelta(days=1))

    def _werkdagen_in(self, eerste: date, laatste: date) -> int:
        """Het aantal werkdagen in [eerste, laatste]: de doordeweekse dagen min de vrije
        doordeweekse dagen. Rekent, in plaats van dag voor dag te tellen: de werkvoorraad vraagt
        dit voor honderden regels per pagina, met termijnen die maanden ver liggen."""
        if laatste < eerste:
            return 0
        weken, rest = divmod((laatste - eerste).days + 1, 7)
        eerste_dag = eerste.weekday()
        doordeweeks = weken * 5 + sum(1 for i in range(rest) if (eerste_dag + i) % 7 < 5)
        vrij = 0
        for jaar in range(eerste.year, laatste.year + 1):
            dagen = self._vrije_doordeweekse_dagen(jaar)
            vrij += bisect_right(dagen, laatste) - bisect_left(dagen, eerste)
        return doordeweeks - vrij

    def _vrije_doordeweekse_dagen(self, jaar: int) -> list[date]:
        """Feestdagen en sluitingsdagen van `jaar` die niet in het weekend vallen, gesorteerd."""
        try:
            return self._doordeweeks_vrij[jaar]
        except KeyError:
            pass
        dagen = {d for d in self.feestdagen(jaar) if d.weekday() < 5}
        dagen.update(d for d in self.sluitingsdagen if d.year == jaar and d.weekday() < 5)
        resultaat = sorted(dagen)
        self._doordeweeks_vrij[jaar] = resultaat
        return resultaat


# -- Recessen van de Tweede Kamer ------------------------------------------------------------


@dataclass(frozen=True)
class Reces:
    """Een recesperiode van de Kamer: `van` is de eerste recesdag, `tot` de eerste vergaderdag
    erna (dus exclusief), precies zoals de Kamer ze publiceert."""

    naam: str
    van: date
    tot: date

    def __post_init__(self) -> None:
        if not self.van < self.tot:
            raise ValueError(f"{self.naam}: van ({self.van}) moet vóór tot ({self.tot}) liggen")

    @property
    def laatste_dag(self) -> date:
        """De laatste recesdag, voor weergave ("t/m 14 januari")."""
        return self.tot - timedelta(days=1)

    def bevat(self, d: date) -> bool:
        return self.van <= _alleen_datum(d) < self.tot


def reces_op(d: date, recessen: Iterable[Reces]) -> Reces | None:
    """Het reces waarin `d` valt, of None als de Kamer dan vergadert (of het niet bekend is)."""
    d = _alleen_datum(d)
    return next((reces for reces in recessen if reces.bevat(d)), None)


# Zoals gepubliceerd door de Tweede Kamer. Dient als startdata voor de app; latere perioden voert
# de beheerder in (ze worden elk jaar door de Kamer vastgesteld).
TWEEDE_KAMER_RECESSEN_2023_2024: tuple[Reces, ...] = (
    Reces("meireces 2023", date(2023, 4, 21), date(2023, 5, 8)),
    Reces("zomerreces 2023", date(2023, 7, 7), date(2023, 9, 4)),
    Reces("herfstreces 2023", date(2023, 10, 13), date(2023, 10, 23)),
    Reces("kerstreces 2023", date(2023, 12, 22), date(2024, 1, 15)),
    Reces("voorjaarsreces 2024", date(2024, 2, 16), date(2024, 2, 26)),
    Reces("meireces 2024", date(2024, 4, 26), date(2024, 5, 13)),
    Reces("zomerreces 2024", date(2024, 7, 5), date(2024, 9, 2)),
)
