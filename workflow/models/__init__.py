from .organisation import (
    Ambtsperiode,
    Bewindspersoon,
    Medewerker,
    Ministerie,
    Organisatieonderdeel,
    Rol,
    Vervanging,
)

__all__ = [
    "Ambtsperiode",
    "Bewindspersoon",
    "Medewerker",
    "Ministerie",
    "Organisatieonderdeel",
    "Rol",
    "Vervanging",
]
