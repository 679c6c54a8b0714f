"""Reads about letters that views, emails and tasks share."""

import difflib
from dataclasses import dataclass

from django.db.models import F, Prefetch
from django.utils.translation import gettext as _

from .models import Afstemmingsverzoek, Bijlageversie, NotaBijlageversie


@dataclass(frozen=True)
class Wijzigingen:
    """What changed between the pakket an office answered before and the one asked now."""

    tekst_diff: list[str]  # unified diff lines of the letter text ('' when unchanged)
    bijlagen_gewijzigd: list[str]  # "Bijlage 2: …: nieuwe versie 3", "…: toegevoegd", …

    @property
    def iets_gewijzigd(self) -> bool:
        return bool(self.tekst_diff or self.bijlagen_gewijzigd)


@dataclass(frozen=True)
class Afstemmingsstand:
    """One co-signer of a letter and their current request (None: not asked yet)."""

    bewindspersoon: object
    verzoek: Afstemmingsverzoek | None


def afstemming_per_cosigner(kamerbrief) -> list[Afstemmingsstand]:
    """Each co-signer with their current request, in two queries whatever the history (none
    when the nota page prefetched them: `huidige_verzoeken` and `medeondertekenaars`)."""
    verzoeken = getattr(kamerbrief, "huidige_verzoeken", None)
    if verzoeken is None:
        verzoeken = kamerbrief.afstemmingsverzoeken.filter(
            status__in=Afstemmingsverzoek.GELDIG
        ).select_related("briefversie", "bewindspersoon")
    current = {verzoek.bewindspersoon_id: verzoek for verzoek in verzoeken}
    cosigners = sorted(kamerbrief.medeondertekenaars.all(), key=lambda b: b.afkorting)
    return [Afstemmingsstand(b, current.get(b.pk)) for b in cosigners]


def verzoek_changes(verzoek: Afstemmingsverzoek) -> Wijzigingen | None:
    """For a request that follows a lapsed one: what changed since. None for a first request."""
    vorig = verzoek.vorig_verzoek
    if vorig is None:
        return None
    old, new = vorig.briefversie, verzoek.briefversie
    diff = version_diff(old, new) if old.pk != new.pk else []
    versies = {
        v.pk: v
        for v in Bijlageversie.objects.filter(
            pk__in=[*vorig.bijlageversies.values(), *verzoek.bijlageversies.values()]
        ).select_related("bijlage")
    }
    changed = []
    for bijlage_id in sorted(set(vorig.bijlageversies) | set(verzoek.bijlageversies), key=int):
        before, after = vorig.bijlageversies.get(bijlage_id), verzoek.bijlageversies.get(bijlage_id)
        if before == after:
            continue
        if after is None:
            changed.append(_("%(bijlage)s: withdrawn") % {"bijlage": versies[before].bijlage})
        elif before is None:
            changed.append(_("%(bijlage)s: added") % {"bijlage": versies[after].bijlage})
        else:
            changed.append(
                _("%(bijlage)s: new version %(nummer)s")
                % {"bijlage": versies[after].bijlage, "nummer": versies[after].nummer}
            )
    return Wijzigingen(tekst_diff=diff, bijlagen_gewijzigd=changed)


def version_diff(old, new) -> list[str]:
    """The unified diff of two versions of a letter (text and footnotes), as lines."""
    return text_diff(old.tekst, old.voetnoten, new.tekst, new.voetnoten,
                     f"versie {old.nummer}", f"versie {new.nummer}")  # fmt: skip


def text_diff(
    old_tekst: str, old_voetnoten, new_tekst: str, new_voetnoten, old_naam: str, new_naam: str
) -> list[str]:
    return list(
        difflib.unified_diff(
            _lines(old_tekst, list(old_voetnoten)),
            _lines(new_tekst, list(new_voetnoten)),
            fromfile=old_naam,
            tofile=new_naam,
            lineterm="",
        )
    )


def _lines(tekst: str, voetnoten: list[str]) -> list[str]:
    return tekst.splitlines() + [f"[{i}] {v}" for i, v in enumerate(voetnoten, start=1)]


def bijlagen_with_versions(owner) -> list:
    """Every bijlage of a nota or letter, withdrawn ones last, each with its versions and their
    uploaders: two queries, whatever the number of versions."""
    versies = (NotaBijlageversie if owner._meta.model_name == "nota" else Bijlageversie).objects
    return list(
        owner.bijlagen.prefetch_related(
            Prefetch("versies", queryset=versies.select_related("auteur").order_by("nummer"))
        ).order_by(F("ingetrokken_op").asc(nulls_first=True), "volgnummer", "pk")
    )
