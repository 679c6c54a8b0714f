from .besluit import Besluit
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
    "Medewerker",
    "Ministerie",
    "Organisatieonderdeel",
    "Parafeerstap",
    "Rol",
    "RouteSjabloon",
    "RouteSjabloonRegel",
    "RouteStap",
    "Vervanging",
]
