"""Drafting a nota: creating the concept and editing it (its fields, its route, its bijlagen by
title).
"""

from collections.abc import Sequence
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from letters.kenmerk import (
    DOCUMENTNUMMER,
    DOSSIERNUMMER,
    EERSTE_NUMMER,
    format_kenmerk,
    next_number,
)
from letters.models import (
    Dossier,
    Nota,
    NotaBijlage,
    Toelichtingspunt,
)
from workflow.handelen import (
    Acting,
    ActionNotAllowed,
    record_event,
    today,
)
from workflow.models import (
    Bewindspersoon,
    Medewerker,
    RouteStap,
    Vervanging,
)
from workflow.services.basis import as_nota_bewerker, lock_nota
from workflow.services.route import route_plan_from_template, route_template_for

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
    elif documentnummer >= EERSTE_NUMMER[DOCUMENTNUMMER]:
        # Numbers from there on are the counter's: taking one would block a future nota.
        raise ActionNotAllowed(
            _("Document number %(nummer)s belongs to the numbers Parafeer hands out itself.")
            % {"nummer": documentnummer}
        )
    elif Nota.objects.filter(documentnummer=documentnummer).exists():
        raise ActionNotAllowed(
            _("Document number %(nummer)s is already in use.") % {"nummer": documentnummer}
        )
    sjabloon = route_template_for(eigen_onderdeel, soort)
    # A nota goes out under the directie (the seed: “DGV / PG”, kenmerk …-PG), even when an
    # afdeling within it drafts it.
    onderdeel = eigen_onderdeel.directie()
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
    opmerking = ""
    if sjabloon is not None:
        plan = route_plan_from_template(sjabloon=sjabloon, opsteller=by)
        RouteStap.objects.bulk_create(
            RouteStap(nota=nota, volgorde=v, parafeerder=p, omschrijving=o) for v, p, o in plan
        )
        opmerking = _("Route from template “%(naam)s”.") % {"naam": sjabloon.naam}
        opmerking += _absent_in_route([p for _v, p, _o in plan], today(now))
    record_event(
        actie="aangemaakt", nota=nota, acting=Acting(by=by), now=now, naar=nota.status,
        opmerking=opmerking,
    )  # fmt: skip
    return nota


def _absent_in_route(parafeerders: Sequence[Medewerker], on: date) -> str:
    """“ Afwezig: Anton Jansen (vervanger: Dewi Bakker).” for the route's absent office holders:
    the route names the holder, and their vervanger acts for them while they are away."""

    vervangingen = {
        v.medewerker_id: v
        for v in Vervanging.objects.filter(
            medewerker__in=parafeerders, van__lte=on, tot__gte=on
        ).select_related("medewerker", "vervanger")
    }
    if not vervangingen:
        return ""
    return " " + _("Absent today: %(wie)s.") % {
        "wie": "; ".join(
            _("%(naam)s (substitute: %(vervanger)s, until %(tot)s)")
            % {"naam": v.medewerker, "vervanger": v.vervanger, "tot": v.tot.strftime("%d-%m-%Y")}
            for v in vervangingen.values()
        )
    }


class BijlagenGewijzigd(ActionNotAllowed):
    """The nota's bijlagen changed after the form that edits their titles was opened."""

    def __init__(self, huidige: list[str]):
        super().__init__(
            _(
                "The attachments changed after you opened this form (a file was added or "
                "withdrawn meanwhile). The list now shows them as they are: check it and save "
                "again."
            )
        )
        self.huidige = huidige


@transaction.atomic
def nota_update(
    *,
    nota: Nota,
    by: Medewerker,
    cc: Sequence[Bewindspersoon] | None = None,
    bijlagen: Sequence[str] | None = None,
    bijlagen_gelezen: Sequence[str] | None = None,
    toelichting: dict[str, tuple[str, bool]] | None = None,
    now: datetime | None = None,
    **fields,
) -> Nota:
    """Edits a concept nota (or one whose besluit asks for changes): only its opsteller.

    `bijlagen_gelezen` is the list of bijlage titles the form showed: when the bijlagen changed
    since (a file added on the bijlagen page, in another tab), the form's list would withdraw or
    retitle them, so the edit is refused with BijlagenGewijzigd.
    """
    now = now or timezone.now()
    nota = lock_nota(nota)
    acting = as_nota_bewerker(nota, by, now)
    if bijlagen is not None and bijlagen_gelezen is not None:
        huidige = [b.titel for b in current_bijlagen(nota)]
        if huidige != list(bijlagen_gelezen):
            raise BijlagenGewijzigd(huidige)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown nota fields: {sorted(unknown)}")
    if nota.vaste_velden:
        # After a besluit only the content changes; who decides, and how, stay as decided.
        fixed = [
            name
            for name in nota.vaste_velden
            if name in fields and fields[name] != getattr(nota, name)
        ]
        if fixed or (
            "cc" in nota.vaste_velden and cc is not None and set(nota.cc.all()) != set(cc)
        ):
            raise ActionNotAllowed(
                _("After the decision only the content can change: not the addressee, cc or kind.")
            )
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
    """Makes the nota's bijlagen the list of titles, in that order, without moving a file.

    A bijlage keeps its files under its own title: a title still in the list keeps its bijlage
    wherever it moved; the titles left over on both sides are renames, paired in order; a
    bijlage whose title is gone is withdrawn (never deleted), a new title is a new bijlage.
    """
    existing = list(current_bijlagen(nota))
    by_title: dict[str, list[NotaBijlage]] = {}
    for bijlage in existing:
        by_title.setdefault(bijlage.titel, []).append(bijlage)
    order: list[NotaBijlage | str] = [
        by_title[titel].pop(0) if by_title.get(titel) else titel for titel in titels
    ]
    unmatched = [b for b in existing if b not in order]
    for i, item in enumerate(order):
        if isinstance(item, str) and unmatched:
            bijlage = unmatched.pop(0)
            bijlage.titel = item
            order[i] = bijlage
    for bijlage in unmatched:
        bijlage.ingetrokken_op = now
        bijlage.save(update_fields=["ingetrokken_op"])
    # Numbers move in two steps, so that no two current bijlagen share one in between.
    kept = [item for item in order if not isinstance(item, str)]
    for bijlage in kept:
        bijlage.volgnummer += 1000
        bijlage.save(update_fields=["volgnummer"])
    for nummer, item in enumerate(order, start=1):
        if isinstance(item, str):
            NotaBijlage.objects.create(nota=nota, volgnummer=nummer, titel=item)
        else:
            item.volgnummer = nummer
            item.save(update_fields=["volgnummer", "titel"])


def current_bijlagen(nota: Nota):
    return nota.bijlagen.filter(ingetrokken_op__isnull=True).order_by("volgnummer")
