"""The parafenroute of a concept nota: planned from the unit's route template or set by the
opsteller.
"""

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from letters.models import (
    Nota,
)
from workflow.handelen import (
    ActionNotAllowed,
    record_event,
)
from workflow.models import (
    Medewerker,
    Organisatieonderdeel,
    RouteSjabloon,
    RouteStap,
)
from workflow.selectors import may_initial
from workflow.services.basis import as_opsteller, lock_nota, require_status
from workflow.services.nota import current_route

Status = Nota.Status


class _NoSuchLevel(Exception):
    """The opsteller sits above this level of the tree (a directeur has no afdelingshoofd)."""


def _manager_for(opsteller: Medewerker, soort: str) -> Medewerker | None:
    """The manager of the opsteller's own afdeling, directie or DG (walking up the tree)."""
    onderdeel = opsteller.organisatieonderdeel
    while onderdeel is not None:
        if onderdeel.soort == soort:
            return onderdeel.manager
        onderdeel = onderdeel.bovenliggend
    raise _NoSuchLevel


def route_plan_from_template(
    *, sjabloon: RouteSjabloon, opsteller: Medewerker
) -> list[tuple[int, Medewerker, str]]:
    """The concrete parafeerders of a template for this opsteller, as (volgorde, who, label)."""
    plan = []
    regels = sjabloon.regels.filter(vervangen_op__isnull=True).select_related("medewerker")
    for regel in regels.order_by("volgorde", "pk"):
        if regel.medewerker is not None:
            who = regel.medewerker
        else:
            try:
                who = _manager_for(opsteller, regel.functie)
            except _NoSuchLevel:
                continue
            if who is None:
                raise ActionNotAllowed(
                    _(
                        "The route template asks for the %(functie)s, but none is set up: "
                        "ask the administrator."
                    )
                    % {"functie": regel.get_functie_display()}
                )
        # A position and a name can be the same person (the directeur, also named for FEZ):
        # they initial once in that step.
        if who.pk != opsteller.pk and (regel.volgorde, who.pk) not in {
            (v, p.pk) for v, p, _o in plan
        }:
            plan.append((regel.volgorde, who, regel.omschrijving or who.functie))
    return plan


def route_template_for(
    onderdeel: Organisatieonderdeel, soort: str | None = None
) -> RouteSjabloon | None:
    """The first active template of the unit for this kind of nota or, failing that, of the
    nearest unit above it. A template that names the kind goes before one for every kind."""
    while onderdeel is not None:
        # A unit has a handful of templates: choosing among them in Python keeps the JSON list
        # of kinds out of SQL (SQLite has no JSON containment).
        sjablonen = [
            s
            for s in onderdeel.routesjablonen.filter(actief=True).order_by("naam")
            if soort is None or s.applies_to(soort)
        ]
        if sjablonen:
            return min(sjablonen, key=lambda s: (not s.soorten, s.naam))
        onderdeel = onderdeel.bovenliggend
    return None


@transaction.atomic
def nota_route_set(
    *,
    nota: Nota,
    by: Medewerker,
    stappen: Sequence[tuple[int, Medewerker, str]],
    now: datetime | None = None,
) -> Nota:
    """Replaces the planned route of a concept nota: (volgorde, parafeerder, omschrijving) each."""
    now = now or timezone.now()
    nota = lock_nota(nota)
    require_status(nota, Status.CONCEPT)
    acting = as_opsteller(nota, by, now)
    seen = set()
    for volgorde, parafeerder, _omschrijving in stappen:
        if parafeerder.pk == nota.opsteller_id:
            raise ActionNotAllowed(
                _("The drafter cannot initial their own nota: adjust the route.")
            )
        if not parafeerder.is_active:
            raise ActionNotAllowed(
                _("%(naam)s no longer has access to Parafeer and cannot initial.")
                % {"naam": parafeerder}
            )
        if not may_initial(parafeerder):
            raise ActionNotAllowed(
                _("%(naam)s does not work in a directie or department and cannot initial.")
                % {"naam": parafeerder}
            )
        if (volgorde, parafeerder.pk) in seen:
            raise ActionNotAllowed(
                _("%(naam)s appears twice in step %(volgorde)s.")
                % {"naam": parafeerder, "volgorde": volgorde}
            )
        seen.add((volgorde, parafeerder.pk))
    # Nothing is deleted: the previous plan is marked replaced and stays readable.
    current_route(nota).update(vervangen_op=now)
    # Renumber to 1..n so the order reads naturally whatever numbers were given.
    numbers = {v: i for i, v in enumerate(sorted({v for v, _p, _o in stappen}), start=1)}
    RouteStap.objects.bulk_create(
        RouteStap(nota=nota, volgorde=numbers[v], parafeerder=p, omschrijving=o)
        for v, p, o in stappen
    )
    beschrijving = " → ".join(
        ", ".join(str(p) for v2, p, _o in stappen if v2 == v) for v in sorted(numbers)
    )
    record_event(actie="route_gewijzigd", nota=nota, acting=acting, now=now, opmerking=beschrijving)
    return nota
