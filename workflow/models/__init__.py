from .besluit import Besluit
from .deadlines import Herinnering, Herinneringsbeleid, Reces, Sluitingsdag, Soort, Termijnnorm
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
    "Herinnering",
    "Herinneringsbeleid",
    "HistoryIsAppendOnly",
    "Medewerker",
    "Ministerie",
    "Organisatieonderdeel",
    "Parafeerstap",
    "Reces",
    "Rol",
    "RouteSjabloon",
    "RouteSjabloonRegel",
    "RouteStap",
    "Sluitingsdag",
    "Soort",
    "Termijnnorm",
    "Vervanging",
]
