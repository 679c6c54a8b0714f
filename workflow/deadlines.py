"""Deadlines in werkdagen: the employer's calendar, planning a nota's steps backwards from its
deadline, and the warnings a plan deserves (infeasible, in a recess, after a toezegging's date).

The calendar's rules are in workflow/werkdagen.py; this module feeds it the configuration
(settings) and the beheerder's reference data (closure days, recesses).
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from letters.models import Afstemmingsverzoek, Kamerbrief, Nota
from workflow.memo import remembered
from workflow.models import Koppeling, Parafeerstap, Reces, Sluitingsdag, Soort, Termijnnorm
from workflow.werkdagen import Reces as RecesPeriode
from workflow.werkdagen import Werkkalender, reces_op

DEFAULT_NORMS = {Soort.PARAFEERSTAP: 1, Soort.BESLUIT: 3, Soort.AFSTEMMING: 5}


def werkkalender() -> Werkkalender:
    """The employer's calendar: Rijksoverheid holidays by default, settings and closure days."""
    return Werkkalender(
        goede_vrijdag_vrij=settings.PARAFEER_GOEDE_VRIJDAG_VRIJ,
        bevrijdingsdag=settings.PARAFEER_BEVRIJDINGSDAG,
        sluitingsdagen=frozenset(Sluitingsdag.objects.values_list("datum", flat=True)),
    )


def recessen() -> list[RecesPeriode]:

    return remembered(
        "recessen",
        lambda: [RecesPeriode(naam=r.naam, van=r.van, tot=r.tot) for r in Reces.objects.all()],
    )


def norms() -> dict[str, int]:
    found = dict(Termijnnorm.objects.values_list("soort", "werkdagen"))
    return {soort: found.get(soort, default) for soort, default in DEFAULT_NORMS.items()}


def werkdagen_in_words(
    deadline: date, today: date, kalender: Werkkalender, *, n: int | None = None
) -> str:
    """'vandaag', 'nog 2 werkdagen', '3 werkdagen te laat'; `n`: the werkdagen between them,
    when the caller counted them already."""
    if n is None:
        n = kalender.werkdagen_tussen(today, deadline)
    if deadline == today or n == 0:
        return _("today") if deadline >= today else _("overdue")
    if n > 0:
        return ngettext("%(n)s working day left", "%(n)s working days left", n) % {"n": n}
    return ngettext("%(n)s working day late", "%(n)s working days late", -n) % {"n": -n}


def plan_round(nota: Nota, kalender: Werkkalender | None = None) -> None:
    """Gives the steps of the nota's current round their deadlines, backwards from the nota's.

    The office gets the besluit norm before the nota's deadline; each step before it the
    parafeerstap norm; parallel steps (one volgorde) share a deadline. Call inside the
    service's transaction. Without a nota deadline there is nothing to plan from.
    """
    if nota.deadline is None:
        return
    kalender = kalender or werkkalender()
    norm = norms()
    steps = list(nota.parafeerstappen.filter(ronde=nota.ronde).order_by("-volgorde"))
    due = kalender.subtract_werkdagen(nota.deadline, norm[Soort.BESLUIT])
    current_volgorde = None
    for stap in steps:
        if current_volgorde is not None and stap.volgorde != current_volgorde:
            due = kalender.subtract_werkdagen(due, norm[Soort.PARAFEERSTAP])
        current_volgorde = stap.volgorde
        stap.deadline = due
    Parafeerstap.objects.bulk_update(steps, ["deadline"])


def afstemming_deadline(
    kamerbrief: Kamerbrief, kalender: Werkkalender | None = None
) -> date | None:
    """Co-signers answer before the bewindspersoon decides: the besluit norm before the nota's."""
    nota = kamerbrief.nota
    if nota is None or nota.deadline is None:
        return None
    kalender = kalender or werkkalender()
    return kalender.subtract_werkdagen(nota.deadline, norms()[Soort.BESLUIT])


def default_afstemming_deadline(on: date, kalender: Werkkalender | None = None) -> date:
    """What the "Afstemming starten" form proposes per office: the afstemming norm in werkdagen
    from today."""
    kalender = kalender or werkkalender()
    return kalender.add_werkdagen(on, norms()[Soort.AFSTEMMING])


def letter_of(nota: Nota) -> Kamerbrief | None:
    """The nota's Kamerbrief, if it has one (free when it was loaded with select_related)."""
    try:
        return nota.kamerbrief
    except Kamerbrief.DoesNotExist:
        return None


@dataclass(frozen=True)
class Waarschuwing:
    tekst: str


def planning_warnings(nota: Nota, *, now: datetime | None = None) -> list[Waarschuwing]:
    """What is wrong with the nota's plan, for the nota page and the history."""
    today = timezone.localtime(now or timezone.now()).date()
    warnings = []
    open_steps = [
        s
        for s in nota.parafeerstappen.all()
        if s.ronde == nota.ronde
        and s.status in (Parafeerstap.Status.WACHTEND, Parafeerstap.Status.AAN_DE_BEURT)
        and s.deadline is not None
    ]
    late = [s for s in open_steps if s.deadline < today]
    if late:
        warnings.append(
            Waarschuwing(
                _(
                    "The plan is not feasible: %(n)s step(s) should have been done by "
                    "%(datum)s. Consider a later deadline or a shorter route."
                )
                % {"n": len(late), "datum": min(s.deadline for s in late).strftime("%d-%m-%Y")}
            )
        )
    if (
        nota.deadline is not None
        and nota.deadline < today
        and not nota.is_final
        and (nota.status not in Nota.BESLUITSTATUSSEN)
    ):
        warnings.append(
            Waarschuwing(
                _("The nota's deadline (%(datum)s) has passed.")
                % {"datum": nota.deadline.strftime("%d-%m-%Y")}
            )
        )
    kamerbrief = letter_of(nota)
    if kamerbrief is not None:
        warnings.extend(letter_warnings(kamerbrief, today=today))
    return warnings


def letter_warnings(kamerbrief: Kamerbrief, *, today: date) -> list[Waarschuwing]:
    warnings = []
    planned = kamerbrief.geplande_verzenddatum
    if planned is not None and kamerbrief.status not in (
        Kamerbrief.Status.VERZONDEN,
        Kamerbrief.Status.GEPUBLICEERD,
        Kamerbrief.Status.INGETROKKEN,
    ):
        reces = reces_op(planned, recessen())
        if reces is not None:
            warnings.append(
                Waarschuwing(
                    _(
                        "The letter is planned for %(datum)s, in the %(reces)s (until "
                        "%(tot)s): the Kamer will not deal with it before then."
                    )
                    % {
                        "datum": planned.strftime("%d-%m-%Y"),
                        "reces": reces.naam,
                        "tot": reces.tot.strftime("%d-%m-%Y"),
                    }
                )
            )

        for omschrijving, deadline in deadlines_discharged_by(kamerbrief):
            if deadline is not None and planned > deadline:
                warnings.append(
                    Waarschuwing(
                        _(
                            "The letter is planned for %(datum)s, after the deadline of "
                            "%(deadline)s of the commitment “%(toezegging)s”."
                        )
                        % {
                            "datum": planned.strftime("%d-%m-%Y"),
                            "deadline": deadline.strftime("%d-%m-%Y"),
                            "toezegging": omschrijving,
                        }
                    )
                )
    current = getattr(kamerbrief, "huidige_verzoeken", None)  # prefetched by the nota page
    if current is not None:
        open_requests = [
            v
            for v in current
            if v.status == Afstemmingsverzoek.Status.AANGEVRAAGD
            and v.deadline is not None
            and v.deadline < today
        ]
    else:
        open_requests = kamerbrief.afstemmingsverzoeken.filter(
            status=Afstemmingsverzoek.Status.AANGEVRAAGD, deadline__lt=today
        ).select_related("bewindspersoon")
    for verzoek in open_requests:
        warnings.append(
            Waarschuwing(
                _("The akkoord of the %(bewindspersoon)s was due on %(datum)s.")
                % {
                    "bewindspersoon": verzoek.bewindspersoon,
                    "datum": verzoek.deadline.strftime("%d-%m-%Y"),
                }
            )
        )
    return warnings


def deadlines_discharged_by(kamerbrief: Kamerbrief) -> list[tuple[str, date | None]]:
    """(description, deadline) of the toezeggingen the letter is to (partly) discharge: the
    planning warns when the letter is planned after one of those deadlines."""
    if kamerbrief.nota_id is None:
        return []
    discharging = (Koppeling.Wijze.AFDOEN, Koppeling.Wijze.DEELS_AFDOEN)
    nota = kamerbrief.nota if Kamerbrief.nota.is_cached(kamerbrief) else None
    if nota is not None and "koppelingen" in getattr(nota, "_prefetched_objects_cache", {}):
        # The nota page prefetched its links with their toezeggingen: no query needed.
        links = [
            k
            for k in nota.koppelingen.all()
            if k.ontkoppeld_op is None and k.toezegging_id is not None and k.wijze in discharging
        ]
    else:
        links = Koppeling.objects.filter(
            nota_id=kamerbrief.nota_id,
            ontkoppeld_op__isnull=True,
            toezegging__isnull=False,
            wijze__in=discharging,
        ).select_related("toezegging")
    return [(str(link.toezegging), link.toezegging.deadline) for link in links]
