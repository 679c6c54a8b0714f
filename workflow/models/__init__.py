from .besluit import Besluit
from .commitments import (
    Koppeling,
    Motie,
    MotieIndiener,
    StandVanZaken,
    Toezegging,
)
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
from .routing import Parafeerstap, RouteSjabloon, RouteSjabloonRegel, RouteStap

__all__ = [
    "Ambtsperiode",
    "Besluit",
    "Bewindspersoon",
    "Gebeurtenis",
    "HistoryIsAppendOnly",
    "Koppeling",
    "Medewerker",
    "Ministerie",
    "Motie",
    "MotieIndiener",
    "Organisatieonderdeel",
    "Parafeerstap",
    "Rol",
    "RouteSjabloon",
    "RouteSjabloonRegel",
    "RouteStap",
    "StandVanZaken",
    "Toezegging",
    "Vervanging",
]
