from .kamerbrief import (
    Afstemmingsverzoek,
    Bijlagetekst,
    Bijlageversie,
    Kamerbrief,
    Kamerbriefbijlage,
    Kamerbriefconcept,
    Kamerbriefversie,
    Ondertekenaar,
    Versietekst,
)
from .nota import (
    Dossier,
    Nota,
    NotaBijlage,
    NotaBijlagetekst,
    NotaBijlageversie,
    Nummerreeks,
    Toelichtingspunt,
)

__all__ = [
    "Afstemmingsverzoek",
    "Bijlagetekst",
    "Bijlageversie",
    "Dossier",
    "Kamerbrief",
    "Kamerbriefbijlage",
    "Kamerbriefconcept",
    "Kamerbriefversie",
    "Nota",
    "NotaBijlage",
    "NotaBijlagetekst",
    "NotaBijlageversie",
    "Nummerreeks",
    "Ondertekenaar",
    "Toelichtingspunt",
    "Versietekst",
]
