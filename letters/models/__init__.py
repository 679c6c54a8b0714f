from .kamerbrief import (
    Afstemmingsverzoek,
    Bijlageversie,
    Kamerbrief,
    Kamerbriefbijlage,
    Kamerbriefconcept,
    Kamerbriefversie,
    Ondertekenaar,
)
from .nota import Dossier, Nota, NotaBijlage, NotaBijlageversie, Nummerreeks, Toelichtingspunt

__all__ = [
    "Afstemmingsverzoek",
    "Bijlageversie",
    "Dossier",
    "Kamerbrief",
    "Kamerbriefbijlage",
    "Kamerbriefconcept",
    "Kamerbriefversie",
    "Nota",
    "NotaBijlage",
    "NotaBijlageversie",
    "Nummerreeks",
    "Ondertekenaar",
    "Toelichtingspunt",
]
