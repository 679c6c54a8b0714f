"""Kamerstukverwijzingen en Kamer-id's lezen, controleren en netjes schrijven.

Een *Kamerstukverwijzing* wijst een parlementair stuk aan. Ze bestaat uit: de Kamer (I of II,
optioneel), het vergaderjaar (optioneel), het dossiernummer, een optionele toevoeging en het
ondernummer. Mensen schrijven die op veel manieren; `parse_kamerstuk` accepteert onder meer:

    Kamerstuk 32 793, nr. 613                     dossier met spatie als duizendtalscheiding
    Kamerstuk 25424 nr. 630                       zonder scheiding en zonder komma
    Kamerstukken II 2022-2023, 26 643, nr. 1063   met Kamer en vergaderjaar
    Kamerstukken II, 2022-2023, 26 643, nr. 1063  met komma na de Kamer
    Kamerstukken II 2020-2021 35 882, nr. 1       zonder komma na het vergaderjaar
    Kamerstukken II 2022/23, 36200 IV, nr. 12     begrotingshoofdstuk (Romeins cijfer)
    36 200 XVI, nr. 131                           zonder het woord "Kamerstuk"
    36 200 A, nr. 5                               fonds (hoofdletter)
    21 501-32, nr. 1703                           subdossier
    Kamerstukken I 2008/09, 31700 VI, D           Eerste Kamer: het ondernummer is een letter
    Kst. 32793, Nr 613.                           "Kst", "Nr", "nr" zonder punt, punt aan het eind
    Kamerstukken II, 2021-2022 35925-VIII-164     compacte vorm met streepjes (zoals kst-id's)
    Kamerstuk 22112-3762                          compacte vorm: dossier-ondernummer

Vergaderjaren mogen als 2022-2023, 2022/2023, 2022/23 of 2022-23 geschreven worden; ze worden
2022-2023. Harde spaties (U+00A0, U+202F, ...) en gedachtestreepjes (U+2013) zijn gewone spaties en
streepjes. Hoofdletters in "Kamerstuk", "nr", de Kamer en de toevoeging doen er niet toe.

Twee keuzes om dubbelzinnigheid te vermijden:

* Een streepje met cijfers direct na het dossiernummer is een subdossier (``21 501-32``) zodra er
  nog een ondernummer volgt, of als het dossiernummer met duizendtalscheiding is geschreven. Alleen
  in de compacte vorm zonder "nr." en zonder scheiding (``22112-3762``) is het laatste deel het
  ondernummer: zo schrijft de Kamer haar eigen stuk-id's.
* Een losse hoofdletter na het dossiernummer is een toevoeging (``36 200 A``); een letter als
  ondernummer (Eerste Kamer) staat na een komma of na "nr." (``31 700 VI, D``).

`str(ref)` / `ref.canonical()` geeft de korte vorm ``Kamerstuk 32 793, nr. 613``; `ref.full()`
noemt ook Kamer en vergaderjaar: ``Kamerstukken II 2022-2023, 26 643, nr. 1063``.

Daarnaast de id's van de Kamer zelf (`parse_tk_id`): ``2022D47993`` (document), ``2023Z18970``
(zaak), ``2024A05766`` (activiteit) en ``TZ202412-116`` (toezegging).

Dit module importeert geen Django: het is zonder settings te gebruiken en te testen. Meldingen
zijn Nederlandse zinnen die een gebruiker direct te zien kan krijgen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

__all__ = [
    "Kamer",
    "KamerstukReferentie",
    "OngeldigeKamerId",
    "OngeldigeKamerstukReferentie",
    "TkId",
    "TkSoort",
    "parse_kamerstuk",
    "parse_tk_id",
]

Kamer = Literal["I", "II"]
TkSoort = Literal["document", "zaak", "activiteit", "toezegging"]

VOORBEELD = "Kamerstuk 32 793, nr. 613"

# De Staten-Generaal hebben twee Kamers sinds 1815; verder dan 2100 is een tikfout.
EERSTE_VERGADERJAAR = 1815
LAATSTE_VERGADERJAAR = 2100
EERSTE_TK_JAAR = 1990
LAATSTE_TK_JAAR = 2100


class OngeldigeKamerstukReferentie(ValueError):
    """De tekst is geen (geldige) Kamerstukverwijzing; de melding zegt wat er mis is."""


class OngeldigeKamerId(ValueError):
    """De tekst is geen (geldig) id uit het register van de Tweede Kamer."""


# --- Kamerstukverwijzing -----------------------------------------------------------------------

# Romeinse cijfers I t/m XXXIX, ruim genoeg voor alle begrotingshoofdstukken. Een A of B erachter
# bestaat ook (IXA Nationale Schuld, IXB Financiën).
_ROMEINS = re.compile(r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})[AB]?", re.ASCII)
_FONDS = re.compile(r"[A-Z]", re.ASCII)
_SUBDOSSIER = re.compile(r"\d{2,}", re.ASCII)
_VERGADERJAAR = re.compile(r"(\d{4})-(\d{4})", re.ASCII)
_ONDERNUMMER = re.compile(r"[1-9]\d*|[A-Z]{1,2}", re.ASCII)


def _is_geldige_toevoeging(toevoeging: str) -> bool:
    if toevoeging.isdigit():
        # Subdossiers schrijft de Kamer met minstens twee cijfers: 21 501-02.
        return bool(_SUBDOSSIER.fullmatch(toevoeging)) and toevoeging == f"{int(toevoeging):02d}"
    return bool(_ROMEINS.fullmatch(toevoeging) or _FONDS.fullmatch(toevoeging))


def _groepeer(getal: int) -> str:
    """32793 -> '32 793': de spatie als duizendtalscheiding, zoals de Kamer het drukt."""
    return f"{getal:,}".replace(",", " ")


@dataclass(frozen=True, kw_only=True)
class KamerstukReferentie:
    """Een verwijzing naar één Kamerstuk, bijvoorbeeld ``Kamerstuk 36 200 XVI, nr. 131``.

    `toevoeging` is een Romeins cijfer (``"XVI"``), een hoofdletter voor een fonds (``"A"``) of
    de cijfers van een subdossier (``"32"`` voor ``21 501-32``): net als het veld `Toevoeging`
    van een Kamerstukdossier in de open data van de Kamer. `ondernummer` is ``"613"`` of, bij de
    Eerste Kamer, een letter (``"D"``, ``"AB"``).
    """

    kamer: Kamer | None = None
    vergaderjaar: str | None = None
    dossiernummer: int
    toevoeging: str | None = None
    ondernummer: str

    def __post_init__(self) -> None:
        # Ook bij directe constructie geldig: dan is canonical() altijd weer te parsen.
        if self.kamer not in (None, "I", "II"):
            raise OngeldigeKamerstukReferentie(_melding_kamer(str(self.kamer)))
        if self.vergaderjaar is not None:
            _controleer_vergaderjaar(self.vergaderjaar)
        if (
            isinstance(self.dossiernummer, bool)
            or not isinstance(self.dossiernummer, int)
            or self.dossiernummer < 1
        ):
            raise OngeldigeKamerstukReferentie(
                f"Het dossiernummer moet een geheel getal groter dan 0 zijn, niet "
                f"'{self.dossiernummer}'."
            )
        if self.toevoeging is not None and not _is_geldige_toevoeging(self.toevoeging):
            raise OngeldigeKamerstukReferentie(_melding_toevoeging(self.toevoeging))
        if not isinstance(self.ondernummer, str) or not _ONDERNUMMER.fullmatch(self.ondernummer):
            raise OngeldigeKamerstukReferentie(_melding_ondernummer(str(self.ondernummer)))
        if self.kamer == "II" and self.ondernummer.isalpha():
            raise OngeldigeKamerstukReferentie(
                f"Het ondernummer '{self.ondernummer}' is een letter, en letters gebruikt alleen "
                f"de Eerste Kamer (Kamerstukken I), niet de Tweede Kamer."
            )

    @property
    def is_subdossier(self) -> bool:
        """Of de toevoeging een subdossier is (``21 501-32``) en geen hoofdstuk of fonds."""
        return self.toevoeging is not None and self.toevoeging.isdigit()

    @property
    def volgnummer(self) -> int | None:
        """Het ondernummer als getal (het veld `Volgnummer` van een Kamerdocument), of None
        voor een letter van de Eerste Kamer."""
        return int(self.ondernummer) if self.ondernummer.isdigit() else None

    @property
    def dossier(self) -> str:
        """Het dossier zoals het gedrukt wordt: ``32 793``, ``36 200 XVI`` of ``21 501-32``."""
        if self.toevoeging is None:
            return _groepeer(self.dossiernummer)
        scheiding = "-" if self.is_subdossier else " "
        return f"{_groepeer(self.dossiernummer)}{scheiding}{self.toevoeging}"

    def _dossier_en_ondernummer(self) -> str:
        if self.ondernummer.isdigit():
            return f"{self.dossier}, nr. {self.ondernummer}"
        return f"{self.dossier}, {self.ondernummer}"

    def canonical(self) -> str:
        """De korte vorm zonder Kamer en vergaderjaar: ``Kamerstuk 32 793, nr. 613``."""
        return f"Kamerstuk {self._dossier_en_ondernummer()}"

    def full(self) -> str:
        """De volledige vorm met Kamer en vergaderjaar voor zover bekend:
        ``Kamerstukken II 2022-2023, 26 643, nr. 1063``."""
        if self.kamer is None and self.vergaderjaar is None:
            return self.canonical()
        kop = " ".join(deel for deel in ("Kamerstukken", self.kamer, self.vergaderjaar) if deel)
        return f"{kop}, {self._dossier_en_ondernummer()}"

    def zonder_kamer_en_vergaderjaar(self) -> KamerstukReferentie:
        """Dezelfde verwijzing zonder Kamer en vergaderjaar: wat `canonical()` vastlegt."""
        return replace(self, kamer=None, vergaderjaar=None)

    def __str__(self) -> str:
        return self.canonical()


def _melding_kamer(kamer: str) -> str:
    return f"'{kamer}' is geen Kamer: schrijf I (Eerste Kamer) of II (Tweede Kamer)."


def _melding_toevoeging(toevoeging: str) -> str:
    return (
        f"'{toevoeging}' is geen geldige toevoeging: gebruik een Romeins cijfer voor een "
        f"begrotingshoofdstuk (36 200 XVI), een hoofdletter voor een fonds (36 200 A) of een "
        f"subdossier (21 501-32)."
    )


def _melding_ondernummer(ondernummer: str) -> str:
    return (
        f"'{ondernummer}' is geen geldig ondernummer: gebruik een nummer (nr. 613) of, voor de "
        f"Eerste Kamer, een of twee letters (D of AB)."
    )


def _controleer_vergaderjaar(vergaderjaar: str) -> None:
    """Alleen de genormaliseerde vorm '2022-2023' is een geldig veld."""
    match = _VERGADERJAAR.fullmatch(vergaderjaar)
    if not match:
        raise OngeldigeKamerstukReferentie(
            f"Het vergaderjaar '{vergaderjaar}' moet geschreven worden als bijvoorbeeld 2022-2023."
        )
    eerste, tweede = int(match[1]), int(match[2])
    _controleer_jaren(vergaderjaar, eerste, tweede)


def _controleer_jaren(geschreven: str, eerste: int, tweede: int) -> None:
    if tweede != eerste + 1:
        raise OngeldigeKamerstukReferentie(
            f"Het vergaderjaar '{geschreven}' klopt niet: het tweede jaar moet direct op het "
            f"eerste volgen."
        )
    if not EERSTE_VERGADERJAAR <= eerste <= LAATSTE_VERGADERJAAR:
        raise OngeldigeKamerstukReferentie(
            f"Het vergaderjaar '{geschreven}' kan niet: het moet tussen {EERSTE_VERGADERJAAR} en "
            f"{LAATSTE_VERGADERJAAR} beginnen."
        )


# Spaties die tekstverwerkers en pdf's gebruiken (harde spatie, smalle harde spatie, ...) en
# streepjes die Word er automatisch van maakt.
_SPATIES = re.compile(r"[\s\u00a0\u2007\u2009\u200a\u202f\u205f\u3000]+")
_STREEPJES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2212]")

# Alleen ASCII: anders passen ook Arabische cijfers of het Kelvin-teken op \d en [a-z].
_ASCII_IGNORECASE = re.IGNORECASE | re.ASCII
_VOORVOEGSEL = re.compile(r"\s*(?:kamerstukken|kamerstuk|kst)(?![a-z])[.-]?", _ASCII_IGNORECASE)
_KAMER = re.compile(r"\s*([ivx]+)(?![a-z0-9])", _ASCII_IGNORECASE)
_KOMMA = re.compile(r"\s*,", re.ASCII)
_JAREN = re.compile(r"\s*((\d{4})\s*[-/]\s*(\d{4}|\d{2}))(?![\d/-])", re.ASCII)
# Duizendtallen met spatie of punt (32 793, 32.793), of zonder scheiding (32793).
_DOSSIERNUMMER = re.compile(r"\s*(\d{1,3}(?:[ .]\d{3})+(?!\d)|\d+)", re.ASCII)
_STREEPJESDEEL = re.compile(r"\s*-\s*([0-9]+|[a-z]+)(?![a-z0-9])", _ASCII_IGNORECASE)
_TOEVOEGING_WOORD = re.compile(r"\s*([a-z]+)(?![a-z0-9])", _ASCII_IGNORECASE)
_NR = re.compile(r"\s*,?\s*nr(?![a-z])\.?\s*([0-9a-z]*)(?![a-z0-9])", _ASCII_IGNORECASE)
_LETTER_NA_KOMMA = re.compile(r"\s*,\s*([a-z]+)(?![a-z0-9])", _ASCII_IGNORECASE)
# "NR" is ook een lettercombinatie van de Eerste Kamer (na Z komen AA, AB, ...). Als laatste woord,
# in hoofdletters en zonder punt, is het die letter en niet het woord "nr".
_LETTERS_NR = re.compile(r"\s*,\s*(NR)\s*$", re.ASCII)
_SLOT = re.compile(r"\s*\.?\s*", re.ASCII)


class _Lezer:
    """Loopt van links naar rechts door de tekst; elk stuk dat past wordt opgegeten."""

    def __init__(self, tekst: str) -> None:
        self.tekst = tekst
        self.positie = 0

    def neem(self, patroon: re.Pattern[str]) -> re.Match[str] | None:
        match = patroon.match(self.tekst, self.positie)
        if match:
            self.positie = match.end()
        return match

    def ziet(self, patroon: re.Pattern[str]) -> bool:
        return patroon.match(self.tekst, self.positie) is not None

    @property
    def rest(self) -> str:
        return self.tekst[self.positie :].strip()


def _normaliseer(tekst: str) -> str:
    return _SPATIES.sub(" ", _STREEPJES.sub("-", tekst)).strip()


def parse_kamerstuk(text: str) -> KamerstukReferentie:
    """Lees een Kamerstukverwijzing in een van de vormen uit de moduledocumentatie.

    Raises:
        OngeldigeKamerstukReferentie: met een Nederlandse melding die zegt wat er mis is.
    """
    if not text or not text.strip():
        raise OngeldigeKamerstukReferentie(
            f"Er is geen Kamerstukverwijzing ingevuld: schrijf bijvoorbeeld '{VOORBEELD}'."
        )
    genormaliseerd = _normaliseer(text)
    if _TK_NUMMER.fullmatch(genormaliseerd.upper()) or _TK_TOEZEGGING.fullmatch(
        genormaliseerd.upper()
    ):
        raise OngeldigeKamerstukReferentie(
            f"'{genormaliseerd}' is een id uit het register van de Kamer, geen "
            f"Kamerstukverwijzing: schrijf bijvoorbeeld '{VOORBEELD}'."
        )
    lezer = _Lezer(genormaliseerd)

    heeft_voorvoegsel = lezer.neem(_VOORVOEGSEL) is not None
    kamer: Kamer | None = None
    if heeft_voorvoegsel and (match := lezer.neem(_KAMER)):
        geschreven = match[1].upper()
        if geschreven not in ("I", "II"):
            raise OngeldigeKamerstukReferentie(_melding_kamer(match[1]))
        kamer = "I" if geschreven == "I" else "II"
    lezer.neem(_KOMMA)

    vergaderjaar = _lees_vergaderjaar(lezer)
    if vergaderjaar is not None:
        lezer.neem(_KOMMA)

    match = lezer.neem(_DOSSIERNUMMER)
    if match is None:
        rest = lezer.rest
        uitleg = f": '{rest}' is geen nummer" if rest and not rest.lower().startswith("nr") else ""
        raise OngeldigeKamerstukReferentie(
            f"Het dossiernummer ontbreekt{uitleg}. Schrijf bijvoorbeeld '{VOORBEELD}'."
        )
    dossier_geschreven = match[1]
    dossiernummer = int(re.sub(r"[^0-9]", "", dossier_geschreven))
    if dossiernummer < 1:
        raise OngeldigeKamerstukReferentie("Het dossiernummer moet groter dan 0 zijn.")
    gegroepeerd = not dossier_geschreven.isdigit()

    toevoeging, ondernummer = _lees_toevoeging_en_ondernummer(
        lezer, dossier_geschreven, gegroepeerd
    )

    lezer.neem(_SLOT)
    if lezer.rest:
        raise OngeldigeKamerstukReferentie(
            f"Onverwachte tekst na het ondernummer: '{lezer.rest}'. "
            f"Schrijf bijvoorbeeld '{VOORBEELD}'."
        )
    return KamerstukReferentie(
        kamer=kamer,
        vergaderjaar=vergaderjaar,
        dossiernummer=dossiernummer,
        toevoeging=toevoeging,
        ondernummer=ondernummer,
    )


def _lees_vergaderjaar(lezer: _Lezer) -> str | None:
    begin = lezer.positie
    match = lezer.neem(_JAREN)
    if match is None:
        return None
    eerste = int(match[2])
    if not EERSTE_VERGADERJAAR <= eerste <= LAATSTE_VERGADERJAAR:
        # Geen jaartal: dan is het de compacte vorm dossier-ondernummer (bijv. 1234-5678).
        lezer.positie = begin
        return None
    tweede_geschreven = match[3]
    if len(tweede_geschreven) == 2:
        # 2022/23 -> 2023; ook over de eeuwgrens: 1999/00 -> 2000.
        tweede = eerste + 1 if (eerste + 1) % 100 == int(tweede_geschreven) else -1
    else:
        tweede = int(tweede_geschreven)
    _controleer_jaren(match[1], eerste, tweede)
    return f"{eerste}-{tweede}"


def _lees_toevoeging_en_ondernummer(
    lezer: _Lezer, dossier_geschreven: str, gegroepeerd: bool
) -> tuple[str | None, str]:
    delen: list[str] = []
    while match := lezer.neem(_STREEPJESDEEL):
        delen.append(match[1])
    toevoeging: str | None = None
    ondernummer: str | None = None

    if not delen:
        if not lezer.ziet(_NR) and (match := lezer.neem(_TOEVOEGING_WOORD)):
            toevoeging = match[1]
    elif len(delen) == 1 and (lezer.ziet(_NR) or lezer.ziet(_LETTER_NA_KOMMA)):
        toevoeging = delen[0]  # 21 501-32, nr. 1703
    elif len(delen) == 2 and not (lezer.ziet(_NR) or lezer.ziet(_LETTER_NA_KOMMA)):
        toevoeging, ondernummer = delen  # 35925-VIII-164 of 21501-32-1703
    elif len(delen) == 1 and delen[0].isdigit() and not gegroepeerd and not lezer.rest:
        ondernummer = delen[0]  # 22112-3762
    elif len(delen) == 1:
        toevoeging = delen[0]  # 21 501-32 zonder ondernummer: hieronder afgewezen
    else:
        raise OngeldigeKamerstukReferentie(
            f"'{dossier_geschreven}-{'-'.join(delen)}' heeft te veel delen: schrijf dossier, "
            f"toevoeging en ondernummer, bijvoorbeeld 'Kamerstuk 21 501-32, nr. 1703'."
        )

    if toevoeging is not None:
        toevoeging = _normaliseer_toevoeging(toevoeging)

    if ondernummer is None:
        match = lezer.neem(_LETTERS_NR) or lezer.neem(_NR) or lezer.neem(_LETTER_NA_KOMMA)
        if match is None or not match[1]:
            rest = lezer.rest
            waar = f" (na '{dossier_geschreven}' staat '{rest}')" if rest else ""
            raise OngeldigeKamerstukReferentie(
                f"Het ondernummer ontbreekt{waar}: schrijf bijvoorbeeld '{VOORBEELD}'."
            )
        ondernummer = match[1]
    return toevoeging, _normaliseer_ondernummer(ondernummer)


def _normaliseer_toevoeging(geschreven: str) -> str:
    if geschreven.isdigit():
        if int(geschreven) < 1:
            raise OngeldigeKamerstukReferentie(_melding_toevoeging(f"-{geschreven}"))
        return f"{int(geschreven):02d}"
    toevoeging = geschreven.upper()
    if not _is_geldige_toevoeging(toevoeging):
        raise OngeldigeKamerstukReferentie(_melding_toevoeging(geschreven))
    return toevoeging


def _normaliseer_ondernummer(geschreven: str) -> str:
    if geschreven.isdigit():
        if int(geschreven) < 1:
            raise OngeldigeKamerstukReferentie("Het ondernummer moet groter dan 0 zijn.")
        return str(int(geschreven))
    ondernummer = geschreven.upper()
    if not _ONDERNUMMER.fullmatch(ondernummer):
        raise OngeldigeKamerstukReferentie(_melding_ondernummer(geschreven))
    return ondernummer


# --- Id's uit het register van de Tweede Kamer --------------------------------------------------

_TK_SOORT_PER_LETTER: dict[str, TkSoort] = {"D": "document", "Z": "zaak", "A": "activiteit"}
_TK_NUMMER = re.compile(r"(\d{4})([DZA])(\d{5})", re.ASCII)
_TK_TOEZEGGING = re.compile(r"TZ(\d{4})(\d{2})-(\d+)", re.ASCII)
_TK_VOORBEELDEN = (
    "een document (2022D47993), zaak (2023Z18970), activiteit (2024A05766) of toezegging "
    "(TZ202412-116)"
)


@dataclass(frozen=True)
class TkId:
    """Een id uit het register van de Tweede Kamer, bijvoorbeeld ``2022D47993``.

    `waarde` is genormaliseerd (hoofdletters, geen spaties); construeer via `parse_tk_id`.
    """

    soort: TkSoort
    waarde: str

    def __post_init__(self) -> None:
        # Ook bij directe constructie geldig en genormaliseerd, zodat gelijkheid betrouwbaar is.
        if _lees_tk_id(self.waarde) != (self.soort, self.waarde):
            raise OngeldigeKamerId(
                f"'{self.waarde}' is geen genormaliseerd id van soort '{self.soort}'."
            )

    @property
    def jaar(self) -> int:
        """Het jaar waarin de Kamer het id uitgaf."""
        return int(self.waarde[2:6] if self.soort == "toezegging" else self.waarde[:4])

    def __str__(self) -> str:
        return self.waarde


def _controleer_tk_jaar(jaar: int, waarde: str) -> None:
    if not EERSTE_TK_JAAR <= jaar <= LAATSTE_TK_JAAR:
        raise OngeldigeKamerId(
            f"Het jaar {jaar} in '{waarde}' kan niet: het moet tussen {EERSTE_TK_JAAR} en "
            f"{LAATSTE_TK_JAAR} liggen."
        )


def parse_tk_id(text: str) -> TkId:
    """Lees een document-, zaak-, activiteit- of toezegging-id van de Tweede Kamer.

    Hoofdletters maken niet uit; het resultaat is in hoofdletters.

    Raises:
        OngeldigeKamerId: met een Nederlandse melding die zegt wat er mis is.
    """
    soort, waarde = _lees_tk_id(text)
    return TkId(soort, waarde)


def _lees_tk_id(text: str) -> tuple[TkSoort, str]:
    waarde = _SPATIES.sub("", text or "").upper()
    if not waarde:
        raise OngeldigeKamerId(f"Er is geen Kamer-id ingevuld: verwacht {_TK_VOORBEELDEN}.")

    if match := _TK_NUMMER.fullmatch(waarde):
        _controleer_tk_jaar(int(match[1]), waarde)
        return _TK_SOORT_PER_LETTER[match[2]], waarde

    if match := _TK_TOEZEGGING.fullmatch(waarde):
        _controleer_tk_jaar(int(match[1]), waarde)
        if not 1 <= int(match[2]) <= 12:
            raise OngeldigeKamerId(
                f"De maand {match[2]} in '{waarde}' bestaat niet: gebruik 01 tot en met 12."
            )
        # Het volgnummer blijft zoals geschreven (ook voorloopnullen): zo staat het in het
        # register, en daarmee moet het overeenkomen.
        if int(match[3]) < 1:
            raise OngeldigeKamerId(
                f"Het volgnummer van toezegging '{waarde}' moet groter dan 0 zijn."
            )
        return "toezegging", waarde

    raise OngeldigeKamerId(f"'{text.strip()}' is geen Kamer-id: verwacht {_TK_VOORBEELDEN}.")
