from .besluit import Besluit
from .commitments import (
    Koppeling,
    Motie,
    MotieIndiener,
    StandVanZaken,
    Toezegging,
)
from .deadlines import Herinnering, Herinneringsbeleid, Reces, Sluitingsdag, Soort, Termijnnorm
from .doorlooptijden import AfgerondeStap, Doorlooptijdstand, DoorlooptijdstandKalender
from .history import Gebeurtenis, HistoryIsAppendOnly
from .organisation import (
    Ambtsperiode,
    Bewindspersoon,
    Medewerker,
    Ministerie,
    Organisatieonderdeel,
    Rol,
    Vervanging,
)
from .outbox import Melding, Webhookabonnement, Webhookbericht
from .routing import Parafeerstap, RouteSjabloon, RouteSjabloonRegel, RouteStap
from .tk_sync import TkSynchronisatie
from .volgen import Inzage, Volger
from .werkstand import Werkstand
from .werkvoorraad import WerkvoorraadVersie

__all__ = [
    "AfgerondeStap",
    "Ambtsperiode",
    "Besluit",
    "Bewindspersoon",
    "Doorlooptijdstand",
    "DoorlooptijdstandKalender",
    "Gebeurtenis",
    "Herinnering",
    "Herinneringsbeleid",
    "HistoryIsAppendOnly",
    "Inzage",
    "Koppeling",
    "Medewerker",
    "Melding",
    "Ministerie",
    "Motie",
    "MotieIndiener",
    "Organisatieonderdeel",
    "Parafeerstap",
    "Reces",
    "Rol",
    "RouteSjabloon",
    "RouteSjabloonRegel",
    "RouteStap",
    "Sluitingsdag",
    "Soort",
    "StandVanZaken",
    "Termijnnorm",
    "TkSynchronisatie",
    "Toezegging",
    "Vervanging",
    "Volger",
    "Webhookabonnement",
    "Webhookbericht",
    "Werkstand",
    "WerkvoorraadVersie",
]
