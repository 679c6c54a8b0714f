"""Keeping the route templates: the beheerder's services and the reads of their pages.

A template names its parafeerders by position (the afdelingshoofd, directeur or DG *of the
drafter*) or, where the model allows it, by person; rules with the same step number initial in
parallel (meeparafen). A new nota takes its directie's template for its kind and resolves it to
today's office holders (workflow.services.route_plan_from_template); a holder who is absent is
stood in for by their vervanger when the step's turn comes, as everywhere else.

Nothing is deleted: a template is deactivated, and changed rules are marked replaced. Every
change is written to the history, on the template.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from letters.models import Nota
from workflow.handelen import Acting, ActionNotAllowed, record_event, require_remark

from .models import Medewerker, Organisatieonderdeel, Rol, RouteSjabloon, RouteSjabloonRegel

Functie = RouteSjabloonRegel.Functie
MAX_STAP = 20


@dataclass(frozen=True)
class Regel:
    """One parafeerder of a template step: a position, or a named person."""

    volgorde: int
    functie: str = ""
    medewerker: Medewerker | None = None
    omschrijving: str = ""

    def who(self) -> str:
        return str(self.medewerker) if self.medewerker else str(Functie(self.functie).label)


def may_manage_route_templates(user: Medewerker) -> bool:
    return user.is_authenticated and user.has_rol(Rol.BEHEERDER)


def _as_beheerder(by: Medewerker) -> Acting:
    if not may_manage_route_templates(by):
        raise ActionNotAllowed(_("Only a beheerder keeps the route templates."))
    return Acting(by=by)


def _checked(
    naam: str, onderdeel: Organisatieonderdeel | None, soorten: Sequence[str], regels
) -> tuple[str, list[str], list[Regel]]:
    """The template's fields as they will be stored, or the first problem, in Dutch."""
    naam = (naam or "").strip()
    if not naam:
        raise ActionNotAllowed(_("Give the route template a name."))
    if onderdeel is None:
        raise ActionNotAllowed(_("Choose the directorate the route template is for."))
    unknown = set(soorten) - set(Nota.Soort.values)
    if unknown:
        raise ActionNotAllowed(_("Unknown kind of nota: choose one of the options."))
    if not regels:
        raise ActionNotAllowed(_("A route template needs at least one step."))
    seen = set()
    for regel in regels:
        if not 1 <= regel.volgorde <= MAX_STAP:
            raise ActionNotAllowed(_("Step numbers run from 1 to %(max)s.") % {"max": MAX_STAP})
        if bool(regel.functie) == bool(regel.medewerker):
            raise ActionNotAllowed(
                _("Step %(n)s: choose either a position or a person.") % {"n": regel.volgorde}
            )
        if regel.functie and regel.functie not in Functie.values:
            raise ActionNotAllowed(_("Unknown position: choose one of the options."))
        if regel.medewerker is not None and not regel.medewerker.is_active:
            raise ActionNotAllowed(
                _("%(naam)s no longer has access to Parafeer and cannot initial.")
                % {"naam": regel.medewerker}
            )
        key = (regel.volgorde, regel.functie, regel.medewerker.pk if regel.medewerker else None)
        if key in seen:
            raise ActionNotAllowed(
                _("%(naam)s appears twice in step %(volgorde)s.")
                % {"naam": regel.who(), "volgorde": regel.volgorde}
            )
        seen.add(key)
    # Renumbered 1..n, so that the order reads naturally whatever numbers were given.
    numbers = {v: i for i, v in enumerate(sorted({r.volgorde for r in regels}), start=1)}
    regels = sorted(
        (
            Regel(numbers[r.volgorde], r.functie, r.medewerker, (r.omschrijving or "").strip())
            for r in regels
        ),
        key=lambda r: r.volgorde,
    )
    return naam, sorted(set(soorten), key=Nota.Soort.values.index), regels


def describe(regels: Sequence[Regel], soorten: Sequence[str] = ()) -> str:
    """“1. afdelingshoofd → 2. directeur, FEZ → 3. DG” (parallel rules share a number)."""
    stappen = []
    for volgorde in sorted({r.volgorde for r in regels}):
        wie = ", ".join(r.who() for r in regels if r.volgorde == volgorde)
        stappen.append(f"{volgorde}. {wie}")
    text = " → ".join(stappen)
    if soorten:
        text += " (" + ", ".join(str(Nota.Soort(s).label) for s in soorten) + ")"
    return text


def current_rules(sjabloon: RouteSjabloon):
    return sjabloon.regels.filter(vervangen_op__isnull=True).order_by("volgorde", "pk")


def _as_regels(rows) -> list[Regel]:
    return [Regel(r.volgorde, r.functie, r.medewerker, r.omschrijving) for r in rows]


def _create_rules(sjabloon: RouteSjabloon, regels: Sequence[Regel]) -> None:
    RouteSjabloonRegel.objects.bulk_create(
        RouteSjabloonRegel(
            sjabloon=sjabloon,
            volgorde=r.volgorde,
            functie=r.functie,
            medewerker=r.medewerker,
            omschrijving=r.omschrijving,
        )
        for r in regels
    )


def _name_taken(onderdeel: Organisatieonderdeel, naam: str) -> ActionNotAllowed:
    return ActionNotAllowed(
        _("%(onderdeel)s already has a route template named “%(naam)s” (perhaps deactivated).")
        % {"onderdeel": onderdeel.naam, "naam": naam}
    )


def routesjabloon_create(
    *,
    by: Medewerker,
    organisatieonderdeel: Organisatieonderdeel | None,
    naam: str,
    regels: Sequence[Regel],
    soorten: Sequence[str] = (),
    opnieuw_paraferen: bool = True,
    now: datetime | None = None,
) -> RouteSjabloon:
    now = now or timezone.now()
    acting = _as_beheerder(by)
    naam, soorten, regels = _checked(naam, organisatieonderdeel, soorten, regels)
    try:
        with transaction.atomic():
            sjabloon = RouteSjabloon.objects.create(
                organisatieonderdeel=organisatieonderdeel, naam=naam, soorten=soorten,
                opnieuw_paraferen=opnieuw_paraferen,
            )  # fmt: skip
            _create_rules(sjabloon, regels)
            record_event(
                actie="routesjabloon_aangemaakt", routesjabloon=sjabloon, acting=acting, now=now,
                opmerking=describe(regels, soorten),
            )  # fmt: skip
    except IntegrityError:
        # The unique name, taken by another beheerder at the same moment (or before).
        raise _name_taken(organisatieonderdeel, naam) from None
    return sjabloon


def routesjabloon_update(
    *,
    sjabloon: RouteSjabloon,
    by: Medewerker,
    naam: str,
    regels: Sequence[Regel],
    soorten: Sequence[str] = (),
    opnieuw_paraferen: bool = True,
    now: datetime | None = None,
) -> RouteSjabloon:
    """Changes a template; notas already created keep the route they got."""
    now = now or timezone.now()
    acting = _as_beheerder(by)
    try:
        with transaction.atomic():
            sjabloon = RouteSjabloon.objects.select_for_update().get(pk=sjabloon.pk)
            naam, soorten, regels = _checked(naam, sjabloon.organisatieonderdeel, soorten, regels)
            changed = []
            for field, value in (
                ("naam", naam),
                ("soorten", soorten),
                ("opnieuw_paraferen", opnieuw_paraferen),
            ):
                if getattr(sjabloon, field) != value:
                    setattr(sjabloon, field, value)
                    changed.append(field)
            if changed:
                sjabloon.save(update_fields=changed)
            oud = list(current_rules(sjabloon).select_related("medewerker"))
            if _as_regels(oud) != list(regels):
                current_rules(sjabloon).update(vervangen_op=now)
                _create_rules(sjabloon, regels)
                changed.append("regels")
            if changed:
                record_event(
                    actie="routesjabloon_gewijzigd", routesjabloon=sjabloon, acting=acting,
                    now=now, opmerking=describe(regels, soorten),
                )  # fmt: skip
    except IntegrityError:
        raise _name_taken(sjabloon.organisatieonderdeel, naam) from None
    return sjabloon


@transaction.atomic
def routesjabloon_deactivate(
    *, sjabloon: RouteSjabloon, by: Medewerker, remark: str, now: datetime | None = None
) -> RouteSjabloon:
    """New notas no longer get this template; it stays readable and can be activated again."""
    now = now or timezone.now()
    acting = _as_beheerder(by)
    remark = require_remark(remark, _("Give the reason for deactivating the route template."))
    sjabloon = RouteSjabloon.objects.select_for_update().get(pk=sjabloon.pk)
    if not sjabloon.actief:
        raise ActionNotAllowed(_("This route template is already inactive."))
    sjabloon.actief = False
    sjabloon.save(update_fields=["actief"])
    record_event(
        actie="routesjabloon_gedeactiveerd", routesjabloon=sjabloon, acting=acting, now=now,
        opmerking=remark,
    )  # fmt: skip
    return sjabloon


@transaction.atomic
def routesjabloon_activate(
    *, sjabloon: RouteSjabloon, by: Medewerker, now: datetime | None = None
) -> RouteSjabloon:
    now = now or timezone.now()
    acting = _as_beheerder(by)
    sjabloon = RouteSjabloon.objects.select_for_update().get(pk=sjabloon.pk)
    if sjabloon.actief:
        raise ActionNotAllowed(_("This route template is already active."))
    sjabloon.actief = True
    sjabloon.save(update_fields=["actief"])
    record_event(actie="routesjabloon_geactiveerd", routesjabloon=sjabloon, acting=acting, now=now)
    return sjabloon


# --- reads for the pages ----------------------------------------------------------------------

PER_PAGINA = 50


def route_templates_list(*, onderdeel_id: int | None = None, q: str = ""):
    """The templates with their unit and current rules (three queries, whatever the number)."""
    sjablonen = RouteSjabloon.objects.select_related("organisatieonderdeel__ministerie")
    if onderdeel_id:
        sjablonen = sjablonen.filter(organisatieonderdeel_id=onderdeel_id)
    if q:
        sjablonen = sjablonen.filter(
            Q(naam__icontains=q)
            | Q(organisatieonderdeel__code__iexact=q)
            | Q(organisatieonderdeel__naam__icontains=q)
        )
    return sjablonen.prefetch_related(
        Prefetch(
            "regels",
            queryset=RouteSjabloonRegel.objects.filter(vervangen_op__isnull=True)
            .select_related("medewerker")
            .order_by("volgorde", "pk"),
            to_attr="huidige_regels",
        )
    ).order_by("-actief", "organisatieonderdeel__ministerie__afkorting",
               "organisatieonderdeel__code", "naam")  # fmt: skip


def directies():
    """The units a template is kept for: directies (and DGs, whose template their directies
    without one of their own inherit), with how many templates each has."""
    return (
        Organisatieonderdeel.objects.filter(
            soort__in=[Organisatieonderdeel.Soort.DIRECTIE, Organisatieonderdeel.Soort.DG]
        )
        .select_related("ministerie")
        .annotate(aantal=Count("routesjablonen"))
        .order_by("ministerie__afkorting", "code")
    )
