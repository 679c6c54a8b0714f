"""Writing notas: creating them with a fresh kenmerk, and editing them while they are concepts."""

from collections.abc import Sequence
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflow.models import Bewindspersoon, Medewerker, Organisatieonderdeel
from workflow.services import (
    Acting,
    ActionNotAllowed,
    as_opsteller,
    lock_nota,
    record_event,
    require_status,
    route_plan_from_template,
    route_template_for,
)

from .kenmerk import DOCUMENTNUMMER, DOSSIERNUMMER, format_kenmerk, next_number
from .models import Dossier, Nota, NotaBijlage, Toelichtingspunt

# The fields an opsteller edits on a concept (the rest is set by the process).
EDITABLE_FIELDS = (
    "soort",
    "aan",
    "deadline",
    "deadline_omschrijving",
    "onderwerp",
    "aanleiding",
    "geadviseerd_besluit",
    "kernpunten",
    "niet_openbaar",
)


def sending_unit(onderdeel: Organisatieonderdeel) -> Organisatieonderdeel:
    """The directie a unit belongs to (itself if it is one or has none above it)."""
    node = onderdeel
    while node is not None:
        if node.soort == Organisatieonderdeel.Soort.DIRECTIE:
            return node
        node = node.bovenliggend
    return onderdeel


@transaction.atomic
def nota_create(
    *,
    by: Medewerker,
    aan: Bewindspersoon,
    onderwerp: str,
    soort: str = Nota.Soort.TER_BESLISSING,
    dossier: Dossier | None = None,
    cc: Sequence[Bewindspersoon] = (),
    deadline: date | None = None,
    deadline_omschrijving: str = "",
    bijlagen: Sequence[str] = (),
    documentnummer: int | None = None,
    now: datetime | None = None,
    **sections: str,
) -> Nota:
    """A new concept nota by `by`, in their organisatieonderdeel, with the route of its template.

    `documentnummer` is only for registering a nota numbered elsewhere (the seed nota); new
    notas take the next number. The unique constraint keeps a number from being used twice.
    """
    now = now or timezone.now()
    eigen_onderdeel = by.organisatieonderdeel
    if eigen_onderdeel is None:
        raise ActionNotAllowed(
            _("You are not part of an organisational unit, so you cannot draft a nota.")
        )
    onderwerp = (onderwerp or "").strip()
    if not onderwerp:
        raise ActionNotAllowed(_("Fill in the subject of the nota."))
    unknown = set(sections) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown nota fields: {sorted(unknown)}")
    if dossier is None:
        dossier = Dossier.objects.create(
            nummer=next_number(DOSSIERNUMMER), onderwerp=onderwerp, aangemaakt_op=now
        )
    if documentnummer is None:
        documentnummer = next_number(DOCUMENTNUMMER)
    elif Nota.objects.filter(documentnummer=documentnummer).exists():
        raise ActionNotAllowed(
            _("Document number %(nummer)s is already in use.") % {"nummer": documentnummer}
        )
    sjabloon = route_template_for(eigen_onderdeel)
    # A nota goes out under the directie (the seed: “DGV / PG”, kenmerk …-PG), even when an
    # afdeling within it drafts it.
    onderdeel = sending_unit(eigen_onderdeel)
    nota = Nota.objects.create(
        kenmerk=format_kenmerk(documentnummer, dossier.nummer, onderdeel.code),
        documentnummer=documentnummer,
        dossier=dossier,
        soort=soort,
        aan=aan,
        organisatieonderdeel=onderdeel,
        opsteller=by,
        datum=timezone.localtime(now).date(),
        deadline=deadline,
        deadline_omschrijving=deadline_omschrijving,
        onderwerp=onderwerp,
        opnieuw_paraferen=sjabloon.opnieuw_paraferen if sjabloon else True,
        aangemaakt_op=now,
        **sections,
    )
    nota.cc.set(cc)
    Toelichtingspunt.objects.bulk_create(
        Toelichtingspunt(nota=nota, punt=punt) for punt in Toelichtingspunt.Punt.values
    )
    NotaBijlage.objects.bulk_create(
        NotaBijlage(nota=nota, volgnummer=i, titel=titel)
        for i, titel in enumerate(bijlagen, start=1)
    )
    if sjabloon is not None:
        from workflow.models import RouteStap

        RouteStap.objects.bulk_create(
            RouteStap(nota=nota, volgorde=v, parafeerder=p, omschrijving=o)
            for v, p, o in route_plan_from_template(sjabloon=sjabloon, opsteller=by)
        )
    record_event(
        actie="aangemaakt",
        nota=nota,
        acting=Acting(by=by),
        now=now,
        naar=nota.status,
        opmerking=_("Route from template “%(naam)s”.") % {"naam": sjabloon.naam}
        if sjabloon
        else "",
    )
    return nota


@transaction.atomic
def nota_update(
    *,
    nota: Nota,
    by: Medewerker,
    cc: Sequence[Bewindspersoon] | None = None,
    bijlagen: Sequence[str] | None = None,
    toelichting: dict[str, tuple[str, bool]] | None = None,
    now: datetime | None = None,
    **fields,
) -> Nota:
    """Edits a concept nota (or one whose besluit asks for changes): only its opsteller."""
    now = now or timezone.now()
    nota = lock_nota(nota)
    require_status(nota, Nota.Status.CONCEPT, Nota.Status.AKKOORD_MET_WIJZIGINGEN)
    acting = as_opsteller(nota, by, now)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown nota fields: {sorted(unknown)}")
    if "onderwerp" in fields and not (fields["onderwerp"] or "").strip():
        raise ActionNotAllowed(_("Fill in the subject of the nota."))
    changed = [name for name, value in fields.items() if getattr(nota, name) != value]
    for name in changed:
        setattr(nota, name, fields[name])
    if changed:
        nota.save(update_fields=changed)
    if cc is not None and set(nota.cc.all()) != set(cc):
        nota.cc.set(cc)
        changed.append("cc")
    if toelichting is not None:
        for punt in nota.toelichting.all():
            if punt.punt in toelichting:
                tekst, nvt = toelichting[punt.punt]
                if (punt.tekst, punt.niet_van_toepassing) != (tekst, nvt):
                    punt.tekst, punt.niet_van_toepassing = tekst, nvt
                    punt.save(update_fields=["tekst", "niet_van_toepassing"])
                    changed.append(f"toelichting {punt.punt}")
    if bijlagen is not None and [b.titel for b in current_bijlagen(nota)] != list(bijlagen):
        _set_bijlagen(nota, bijlagen, now)
        changed.append("bijlagen")
    if changed:
        record_event(
            actie="gewijzigd",
            nota=nota,
            acting=acting,
            now=now,
            opmerking=", ".join(changed),
        )
    return nota


def _set_bijlagen(nota: Nota, titels: Sequence[str], now: datetime) -> None:
    """Retitles and appends; bijlagen beyond the new list are withdrawn, not deleted."""
    existing = list(current_bijlagen(nota))
    for bijlage in existing[len(titels) :]:
        bijlage.ingetrokken_op = now
        bijlage.save(update_fields=["ingetrokken_op"])
    for i, titel in enumerate(titels, start=1):
        if i <= len(existing):
            if existing[i - 1].titel != titel:
                existing[i - 1].titel = titel
                existing[i - 1].save(update_fields=["titel"])
        else:
            NotaBijlage.objects.create(nota=nota, volgnummer=i, titel=titel)


def current_bijlagen(nota: Nota):
    return nota.bijlagen.filter(ingetrokken_op__isnull=True).order_by("volgnummer")
