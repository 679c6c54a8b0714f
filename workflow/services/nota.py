"""The nota's transitions: indienen, paraferen, terugsturen, the besluit, … afhandelen, intrekken.

Each service runs in one transaction: it locks the nota row, checks that this person may act now
(themselves, as someone's vervanger, or as the office of the bewindspersoon), checks the guards,
changes state through the django-fsm transition, writes the history event, and queues the
notifications for after the commit. A refusal raises `ActionNotAllowed` with a Dutch message and
leaves everything as it was.

Two people acting on the same nota at once are serialised by the row lock: the second sees the
state the first left and is refused with a message that says why.

The `check_*` functions are the one place that says who may do what: the services call them under
the lock, and `available_actions` (the selector the UI uses) calls them to show exactly the
actions that would succeed.
"""

from collections.abc import Callable, Sequence
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from letters.models import Kamerbrief, Nota
from workflow.deadlines import plan_round, planning_warnings
from workflow.handelen import (
    Actie,
    Acting,
    ActionNotAllowed,
    acting_as_one_of,
    notify,
    record_besluit_afgerond,
    record_event,
    record_paraaf_afgerond,
    require_remark,
    today,
)
from workflow.models import (
    Besluit,
    Gebeurtenis,
    Inzage,
    Medewerker,
    Parafeerstap,
    Rol,
    Volger,
)
from workflow.services.basis import _as_office, _office_ids, as_opsteller, lock_nota, require_status
from workflow.services.kamerbrief import kamerbrief_check_ready

Status = Nota.Status
StapStatus = Parafeerstap.Status


# In Dutch these are the button texts the UI must show, exactly (Indienen, Paraferen, …).
INDIENEN = Actie("indienen", gettext_lazy("Submit"))
PARAFEREN = Actie("paraferen", gettext_lazy("Initial"))
TERUGSTUREN = Actie("terugsturen", gettext_lazy("Send back"), remark_required=True)
AKKOORD = Actie("akkoord", gettext_lazy("Approve"))
AKKOORD_MET_WIJZIGINGEN = Actie(
    "akkoord_met_wijzigingen", gettext_lazy("Approve with changes"), remark_required=True
)
NIET_AKKOORD = Actie("niet_akkoord", gettext_lazy("Do not approve"), remark_required=True)
AANHOUDEN = Actie("aanhouden", gettext_lazy("Put on hold"), remark_required=True)
WIJZIGINGEN_VERWERKT = Actie("wijzigingen_verwerkt", gettext_lazy("Changes processed"))
HERVATTEN = Actie("hervatten", gettext_lazy("Back for decision"))
HERZIEN = Actie("herzien", gettext_lazy("Back to draft"))
KENNISNEMEN = Actie("kennisnemen", gettext_lazy("Noted"))
AFHANDELEN = Actie("afhandelen", gettext_lazy("Complete"))
INTREKKEN = Actie("intrekken", gettext_lazy("Withdraw"), remark_required=True)

BESLUIT_ACTIES = {
    Besluit.Uitkomst.AKKOORD: AKKOORD,
    Besluit.Uitkomst.AKKOORD_MET_WIJZIGINGEN: AKKOORD_MET_WIJZIGINGEN,
    Besluit.Uitkomst.NIET_AKKOORD: NIET_AKKOORD,
    Besluit.Uitkomst.AANGEHOUDEN: AANHOUDEN,
}


# --- who is acting ---------------------------------------------------------------------------


# --- the checks: who may do what, now ----------------------------------------------------------


def check_indienen(nota: Nota, by: Medewerker, now: datetime) -> Acting:
    require_status(nota, Status.CONCEPT)
    acting = as_opsteller(nota, by, now)
    # Read through .all() so that a prefetched route (the nota page) costs no query.
    route = [stap for stap in nota.route.all() if stap.vervangen_op is None]
    if not route:
        raise ActionNotAllowed(
            _("The nota has no parafenroute yet: add at least one parafeerder before submitting.")
        )
    if any(stap.parafeerder_id == nota.opsteller_id for stap in route):
        raise ActionNotAllowed(_("The drafter cannot initial their own nota: adjust the route."))
    if not nota.onderwerp.strip():
        raise ActionNotAllowed(_("Fill in the subject before submitting."))
    if nota.soort != Nota.Soort.TER_INFORMATIE and not nota.geadviseerd_besluit.strip():
        raise ActionNotAllowed(_("Fill in the advised decision before submitting."))
    return acting


def _not_the_opsteller(nota: Nota, by: Medewerker) -> None:
    """Nobody judges their own nota, not even while standing in for someone who may."""
    if by.pk == nota.opsteller_id:
        raise ActionNotAllowed(
            _(
                "You drafted this nota: you cannot initial it or decide on it, "
                "not even as a substitute."
            )
        )


def _open_step_for(nota: Nota, by: Medewerker, now: datetime) -> tuple[Parafeerstap, Acting]:
    require_status(nota, Status.IN_PARAFERING)
    steps = [
        stap
        for stap in nota.parafeerstappen.all()
        if stap.ronde == nota.ronde and stap.status == StapStatus.AAN_DE_BEURT
    ]
    # Your own step first; otherwise the step of someone you stand in for.
    for stap in sorted(steps, key=lambda s: s.parafeerder_id != by.pk):
        acting = acting_as_one_of(by, [stap.parafeerder_id], today(now))
        if acting is not None:
            _not_the_opsteller(nota, by)
            return stap, acting
    raise ActionNotAllowed(_("This nota is not waiting for your initials."))


def check_paraferen(nota: Nota, by: Medewerker, now: datetime) -> Acting:
    return _open_step_for(nota, by, now)[1]


check_terugsturen = check_paraferen


def check_besluit(nota: Nota, by: Medewerker, now: datetime) -> Acting:
    require_status(nota, Status.TER_BESLISSING)
    acting = _as_office(nota, by, now)
    _not_the_opsteller(nota, by)
    return acting


def check_wijzigingen_verwerkt(nota: Nota, by: Medewerker, now: datetime) -> Acting:
    require_status(nota, Status.AKKOORD_MET_WIJZIGINGEN)
    return as_opsteller(nota, by, now)


def check_hervatten(nota: Nota, by: Medewerker, now: datetime) -> Acting:
    # DOMAIN.md: from niet akkoord or aangehouden back to ter beslissing (the office) or to
    # concept (the opsteller, check_herzien).
    require_status(nota, Status.AANGEHOUDEN, Status.NIET_AKKOORD)
    return _as_office(nota, by, now)


def check_herzien(nota: Nota, by: Medewerker, now: datetime) -> Acting:
    require_status(nota, Status.NIET_AKKOORD, Status.AANGEHOUDEN)
    return as_opsteller(nota, by, now)


def check_kennisnemen(nota: Nota, by: Medewerker, now: datetime) -> Acting:
    require_status(nota, Status.TER_KENNISNAME)
    return _as_office(nota, by, now)


def check_afhandelen(nota: Nota, by: Medewerker, now: datetime) -> Acting:
    require_status(nota, Status.AKKOORD)
    return as_opsteller(nota, by, now)


def check_intrekken(nota: Nota, by: Medewerker, now: datetime) -> Acting:
    if nota.is_final:
        raise ActionNotAllowed(
            _("This nota is already %(status)s.") % {"status": nota.get_status_display()}
        )
    try:
        return as_opsteller(nota, by, now)
    except ActionNotAllowed:
        # The manager of the nota's organisatieonderdeel may withdraw it too.
        manager_id = nota.organisatieonderdeel.manager_id
        acting = acting_as_one_of(by, [manager_id] if manager_id else [], today(now))
        if acting is None:
            raise ActionNotAllowed(
                _(
                    "Only the drafter, their substitute or the manager of %(onderdeel)s "
                    "may withdraw this nota."
                )
                % {"onderdeel": nota.organisatieonderdeel.naam}
            ) from None
        return acting


CHECKS: Sequence[tuple[Actie, Callable[[Nota, Medewerker, datetime], Acting]]] = [
    (INDIENEN, check_indienen),
    (PARAFEREN, check_paraferen),
    (TERUGSTUREN, check_terugsturen),
    (AKKOORD, check_besluit),
    (AKKOORD_MET_WIJZIGINGEN, check_besluit),
    (NIET_AKKOORD, check_besluit),
    (AANHOUDEN, check_besluit),
    (WIJZIGINGEN_VERWERKT, check_wijzigingen_verwerkt),
    (HERVATTEN, check_hervatten),
    (HERZIEN, check_herzien),
    (KENNISNEMEN, check_kennisnemen),
    (AFHANDELEN, check_afhandelen),
    (INTREKKEN, check_intrekken),
]


def available_actions(nota: Nota, user: Medewerker, now: datetime | None = None) -> list[Actie]:
    """The actions `user` may take on `nota` right now: the UI shows exactly these."""
    now = now or timezone.now()
    allowed = []
    for actie, check in CHECKS:
        try:
            check(nota, user, now)
        except ActionNotAllowed:
            continue
        allowed.append(actie)
    return allowed


# --- history and notifications -----------------------------------------------------------------


# --- the route ---------------------------------------------------------------------------------


def current_route(nota: Nota):
    """The nota's planned route as it stands (earlier plans are kept, marked replaced)."""
    return nota.route.filter(vervangen_op__isnull=True).order_by("volgorde", "pk")


def _start_round(nota: Nota, now: datetime) -> list[Parafeerstap]:
    """Creates the steps of the new round from the plan; returns those now aan de beurt."""
    previous_ronde = nota.ronde - 1
    already_initialled = set()
    if not nota.opnieuw_paraferen and previous_ronde > 0:
        already_initialled = set(
            nota.parafeerstappen.filter(
                ronde__lt=nota.ronde, status=StapStatus.GEPARAFEERD
            ).values_list("volgorde", "parafeerder_id")
        )
    steps = [
        Parafeerstap(
            nota=nota,
            ronde=nota.ronde,
            volgorde=stap.volgorde,
            parafeerder_id=stap.parafeerder_id,
            omschrijving=stap.omschrijving,
        )
        for stap in current_route(nota)
        if (stap.volgorde, stap.parafeerder_id) not in already_initialled
    ]
    Parafeerstap.objects.bulk_create(steps)
    return _activate_next_step(nota, now)


def _activate_next_step(nota: Nota, now: datetime) -> list[Parafeerstap]:
    """Moves the route on when the current step is complete; returns the steps now aan de beurt.

    An empty list means the round is complete.
    """
    steps = list(nota.parafeerstappen.filter(ronde=nota.ronde).order_by("volgorde", "pk"))
    if any(s.status == StapStatus.AAN_DE_BEURT for s in steps):
        return []
    waiting = [s for s in steps if s.status == StapStatus.WACHTEND]
    if not waiting:
        return []
    volgorde = waiting[0].volgorde
    activated = [s for s in waiting if s.volgorde == volgorde]
    for stap in activated:
        stap.aan_de_beurt()
        stap.aan_de_beurt_sinds = now
        stap.save(update_fields=["status", "aan_de_beurt_sinds"])
        record_event(
            actie="aan_de_beurt", nota=nota, parafeerstap=stap, acting=None, now=now,
            van=StapStatus.WACHTEND, naar=stap.status, opmerking=str(stap.parafeerder),
        )  # fmt: skip
    return activated


def _plan(nota: Nota, acting: Acting, now: datetime) -> None:
    """Deadlines for the new round's steps; an infeasible plan is said, in the history too."""

    plan_round(nota)
    for warning in planning_warnings(nota, now=now):
        record_event(actie="planning_waarschuwing", nota=nota, acting=acting, now=now,
                     opmerking=warning.tekst)  # fmt: skip


def _round_complete(nota: Nota) -> bool:
    return not nota.parafeerstappen.filter(
        ronde=nota.ronde, status__in=[StapStatus.WACHTEND, StapStatus.AAN_DE_BEURT]
    ).exists()


def _close_round(nota: Nota, now: datetime) -> None:
    """The round ended early (sent back, withdrawn): steps that did not act lapse."""
    for stap in nota.parafeerstappen.filter(
        ronde=nota.ronde, status__in=[StapStatus.WACHTEND, StapStatus.AAN_DE_BEURT]
    ).select_related("parafeerder"):
        van = stap.status
        stap.vervallen()
        stap.save(update_fields=["status"])
        record_event(
            actie="stap_vervallen", nota=nota, parafeerstap=stap, acting=None, now=now,
            van=van, naar=stap.status, opmerking=str(stap.parafeerder),
        )  # fmt: skip


def _after_step(nota: Nota, acting: Acting | None, now: datetime, aanleiding: Gebeurtenis) -> None:
    """After a paraaf or a skipped step (`aanleiding`, whose remark the mails quote): the next
    step's turn, or the nota goes up."""
    activated = _activate_next_step(nota, now)
    cause = {"aanleiding": aanleiding, "opmerking": aanleiding.opmerking}
    if activated:
        notify(nota, "aan_de_beurt", [s.parafeerder_id for s in activated], **cause)
        return
    if not _round_complete(nota):
        return
    van = nota.status
    if nota.soort == Nota.Soort.TER_INFORMATIE:
        nota.ter_kennisname_voorleggen()
        actie = "ter_kennisname_voorgelegd"
    else:
        nota.ter_beslissing_voorleggen()
        actie = "ter_beslissing_voorgelegd"
    nota.save(update_fields=["status"])
    record_event(actie=actie, nota=nota, acting=acting, now=now, van=van, naar=nota.status)
    notify(nota, actie, _office_ids(nota), **cause)


# --- the services ------------------------------------------------------------------------------


@transaction.atomic
def nota_indienen(*, nota: Nota, by: Medewerker, now: datetime | None = None) -> Nota:
    """Indienen: the nota starts (again) along its parafenroute."""
    now = now or timezone.now()
    nota = lock_nota(nota)
    acting = check_indienen(nota, by, now)
    van = nota.status
    nota.indienen()
    nota.wijzigingen_verwerkt = False
    nota.save(update_fields=["status", "ronde", "wijzigingen_verwerkt"])
    ingediend = record_event(
        actie="ingediend", nota=nota, acting=acting, now=now, van=van, naar=nota.status
    )
    activated = _start_round(nota, now)
    _plan(nota, acting, now)
    if activated:
        notify(nota, "aan_de_beurt", [s.parafeerder_id for s in activated], aanleiding=ingediend)
    else:
        # Every parafeerder initialled an earlier round and need not do so again.
        _after_step(nota, acting, now, ingediend)
    return nota


def nota_geopend(*, nota: Nota, by: Medewerker, now: datetime | None = None) -> None:
    """Records that `by` opened the nota in its current round (once; a second visit changes
    nothing). Bulk paraferen accepts only notas opened so."""
    Inzage.objects.bulk_create(
        [Inzage(nota=nota, medewerker=by, ronde=nota.ronde, geopend_op=now or timezone.now())],
        ignore_conflicts=True,
    )


@transaction.atomic
def nota_paraferen(
    *,
    nota: Nota,
    by: Medewerker,
    remark: str = "",
    alleen_geopend: bool = False,
    now: datetime | None = None,
) -> Nota:
    """Paraferen. `alleen_geopend`: from the werkvoorraad's bulk paraferen, which initials only
    what `by` opened in this round; checked under the nota's lock, after a resubmission too."""
    now = now or timezone.now()
    nota = lock_nota(nota)
    stap, acting = _open_step_for(nota, by, now)
    if (
        alleen_geopend
        and not Inzage.objects.filter(nota=nota, medewerker=by, ronde=nota.ronde).exists()
    ):
        raise ActionNotAllowed(
            _("You have not opened this version of the nota yet: open and read it first.")
        )
    stap.paraferen()
    stap.afgehandeld_op = now
    stap.afgehandeld_door = by
    stap.opmerking = (remark or "").strip()
    stap.save(update_fields=["status", "afgehandeld_op", "afgehandeld_door", "opmerking"])
    geparafeerd = record_event(
        actie="geparafeerd",
        nota=nota,
        acting=acting,
        now=now,
        van=StapStatus.AAN_DE_BEURT,
        naar=stap.status,
        opmerking=stap.opmerking,
        parafeerstap=stap,
    )
    record_paraaf_afgerond(nota, stap, now)
    # Whoever initials follows the nota from then on, unless they once chose not to.
    Volger.objects.bulk_create([Volger(nota=nota, medewerker=by, sinds=now)], ignore_conflicts=True)
    _after_step(nota, acting, now, geparafeerd)
    return nota


@transaction.atomic
def nota_terugsturen(
    *, nota: Nota, by: Medewerker, remark: str, now: datetime | None = None
) -> Nota:
    """Terugsturen: back to the opsteller with remarks; the round ends."""
    now = now or timezone.now()
    nota = lock_nota(nota)
    stap, acting = _open_step_for(nota, by, now)
    remark = require_remark(remark, _("Say what must change when sending the nota back."))
    stap.terugsturen()
    stap.afgehandeld_op = now
    stap.afgehandeld_door = by
    stap.opmerking = remark
    stap.save(update_fields=["status", "afgehandeld_op", "afgehandeld_door", "opmerking"])
    record_paraaf_afgerond(nota, stap, now)
    _close_round(nota, now)
    van = nota.status
    nota.terugsturen()
    nota.save(update_fields=["status"])
    teruggestuurd = record_event(
        actie="teruggestuurd",
        nota=nota,
        acting=acting,
        now=now,
        van=van,
        naar=nota.status,
        opmerking=remark,
        parafeerstap=stap,
    )
    notify(nota, "teruggestuurd", [nota.opsteller_id], aanleiding=teruggestuurd, opmerking=remark)
    return nota


@transaction.atomic
def nota_besluit_vastleggen(
    *,
    nota: Nota,
    by: Medewerker,
    uitkomst: str,
    toelichting: str = "",
    persoonlijk: bool = False,
    now: datetime | None = None,
) -> Besluit:
    """The office records the bewindspersoon's besluit (taken personally or on their behalf)."""
    now = now or timezone.now()
    nota = lock_nota(nota)
    acting = check_besluit(nota, by, now)
    toelichting = (toelichting or "").strip()
    if uitkomst == Besluit.Uitkomst.AKKOORD_MET_WIJZIGINGEN:
        require_remark(toelichting, _("Describe the changes the decision asks for."))
    elif uitkomst == Besluit.Uitkomst.NIET_AKKOORD:
        require_remark(toelichting, _("Give the reason for not approving."))
    elif uitkomst == Besluit.Uitkomst.AANGEHOUDEN:
        require_remark(toelichting, _("Give the reason for putting the nota on hold."))
    elif uitkomst != Besluit.Uitkomst.AKKOORD:
        raise ActionNotAllowed(_("Unknown decision: choose one of the options."))
    van = nota.status
    transitions = {
        Besluit.Uitkomst.AKKOORD: nota.akkoord,
        Besluit.Uitkomst.AKKOORD_MET_WIJZIGINGEN: nota.akkoord_met_wijzigingen,
        Besluit.Uitkomst.NIET_AKKOORD: nota.niet_akkoord,
        Besluit.Uitkomst.AANGEHOUDEN: nota.aanhouden,
    }
    transitions[uitkomst]()
    nota.save(update_fields=["status", "wijzigingen_verwerkt"])
    besluit = Besluit.objects.create(
        nota=nota,
        uitkomst=uitkomst,
        toelichting=toelichting,
        bewindspersoon_id=nota.aan_id,
        persoonlijk=persoonlijk,
        vastgelegd_door=by,
        tijdstip=now,
    )
    opmerking = toelichting
    if persoonlijk:
        opmerking = _("Decided personally by the bewindspersoon.") + (
            f" {toelichting}" if toelichting else ""
        )
    event = record_event(
        actie=f"besluit_{uitkomst}",
        nota=nota,
        acting=acting,
        now=now,
        van=van,
        naar=nota.status,
        opmerking=opmerking,
    )
    record_besluit_afgerond(nota, event)
    notify(nota, f"besluit_{uitkomst}", [nota.opsteller_id], aanleiding=event, opmerking=opmerking)
    if uitkomst == Besluit.Uitkomst.AKKOORD:
        # The Kamerbrief this nota submits may now be ready for signature.

        kamerbrief_check_ready(nota=nota, acting=acting, now=now)
    return besluit


@transaction.atomic
def nota_wijzigingen_verwerken(
    *, nota: Nota, by: Medewerker, remark: str = "", now: datetime | None = None
) -> Nota:
    """Wijzigingen verwerkt: back to the office, which confirms with a new besluit."""
    now = now or timezone.now()
    nota = lock_nota(nota)
    acting = check_wijzigingen_verwerkt(nota, by, now)
    van = nota.status
    nota.wijzigingen_verwerken()
    nota.save(update_fields=["status", "wijzigingen_verwerkt"])
    event = record_event(
        actie="wijzigingen_verwerkt",
        nota=nota,
        acting=acting,
        now=now,
        van=van,
        naar=nota.status,
        opmerking=(remark or "").strip(),
    )
    notify(
        nota, "wijzigingen_verwerkt", _office_ids(nota), aanleiding=event,
        opmerking=event.opmerking,
    )  # fmt: skip
    return nota


def _afgerond(nota: Nota, now: datetime) -> list[str]:
    """A nota that is now finished takes its day in the archive: its letter's date or, without a
    sent letter, today. The fields to save with it."""
    if nota.status != Status.AFGEHANDELD:
        return []
    verzonden = Kamerbrief.objects.filter(nota=nota).values_list("datum", flat=True).first()
    nota.afgerond_op = verzonden or today(now)
    return ["afgerond_op"]


def _simple_transition(
    *,
    nota: Nota,
    by: Medewerker,
    now: datetime | None,
    check: Callable[[Nota, Medewerker, datetime], Acting],
    transition: str,
    actie: str,
    remark: str = "",
    remark_required: str | None = None,
) -> tuple[Nota, Gebeurtenis]:
    now = now or timezone.now()
    nota = lock_nota(nota)
    acting = check(nota, by, now)
    remark = (remark or "").strip()
    if remark_required:
        require_remark(remark, remark_required)
    van = nota.status
    getattr(nota, transition)()
    nota.save(update_fields=["status", *_afgerond(nota, now)])
    event = record_event(
        actie=actie, nota=nota, acting=acting, now=now, van=van, naar=nota.status, opmerking=remark
    )
    return nota, event


@transaction.atomic
def nota_hervatten(*, nota: Nota, by: Medewerker, remark: str = "", now=None) -> Nota:
    """An aangehouden nota is ter beslissing again."""
    nota, _event = _simple_transition(
        nota=nota, by=by, now=now, check=check_hervatten, transition="hervatten",
        actie="hervat", remark=remark,
    )  # fmt: skip
    return nota


@transaction.atomic
def nota_herzien(*, nota: Nota, by: Medewerker, remark: str = "", now=None) -> Nota:
    """After niet akkoord or aanhouden the opsteller takes the nota back to concept."""
    nota, _event = _simple_transition(
        nota=nota, by=by, now=now, check=check_herzien, transition="herzien",
        actie="terug_naar_concept", remark=remark,
    )  # fmt: skip
    return nota


@transaction.atomic
def nota_kennisnemen(*, nota: Nota, by: Medewerker, remark: str = "", now=None) -> Nota:
    """A nota ter informatie is taken note of by the office: done."""
    nota, event = _simple_transition(
        nota=nota, by=by, now=now, check=check_kennisnemen, transition="afhandelen",
        actie="kennisgenomen", remark=remark,
    )  # fmt: skip
    notify(nota, "kennisgenomen", [nota.opsteller_id], aanleiding=event, opmerking=event.opmerking)
    return nota


@transaction.atomic
def nota_afhandelen(*, nota: Nota, by: Medewerker | None, remark: str = "", now=None) -> Nota:
    """Afhandelen: the follow-up of an approved nota is done.

    `by=None` is the system, e.g. when the Kamerbrief the nota submits is sent.
    """
    if by is None:
        now = now or timezone.now()
        nota = lock_nota(nota)
        require_status(nota, Status.AKKOORD)
        van = nota.status
        nota.afhandelen()
        nota.save(update_fields=["status", *_afgerond(nota, now)])
        record_event(
            actie="afgehandeld", nota=nota, acting=None, now=now, van=van, naar=nota.status,
            opmerking=remark,
        )  # fmt: skip
        return nota
    nota, _event = _simple_transition(
        nota=nota, by=by, now=now, check=check_afhandelen, transition="afhandelen",
        actie="afgehandeld", remark=remark,
    )  # fmt: skip
    return nota


@transaction.atomic
def nota_intrekken(*, nota: Nota, by: Medewerker, remark: str, now=None) -> Nota:
    """Intrekken: the nota stops here and stays readable; open steps lapse."""
    now = now or timezone.now()
    nota, event = _simple_transition(
        nota=nota, by=by, now=now, check=check_intrekken, transition="intrekken",
        actie="ingetrokken", remark=remark,
        remark_required=_("Give the reason for withdrawing the nota."),
    )  # fmt: skip
    # Withdrawn while ter beslissing: the overzicht counts that decision step as ended.
    record_besluit_afgerond(nota, event)
    _close_round(nota, now)
    was_waiting_on = nota.parafeerstappen.filter(
        ronde=nota.ronde, status=StapStatus.VERVALLEN
    ).values_list("parafeerder_id", flat=True)
    notify(
        nota, "ingetrokken", [nota.opsteller_id, *was_waiting_on], aanleiding=event,
        opmerking=event.opmerking,
    )  # fmt: skip
    return nota


@transaction.atomic
def parafeerstap_overslaan(
    *, stap: Parafeerstap, by: Medewerker, reason: str, now: datetime | None = None
) -> Parafeerstap:
    """Overslaan: only a beheerder, with a reason, e.g. when a parafeerder left the ministry."""
    now = now or timezone.now()
    nota = lock_nota(stap.nota)
    stap = Parafeerstap.objects.get(pk=stap.pk)
    if not by.has_rol(Rol.BEHEERDER):
        raise ActionNotAllowed(_("Only an administrator may skip a step of the route."))
    reason = require_remark(reason, _("Give the reason for skipping this step."))
    require_status(nota, Status.IN_PARAFERING)
    if stap.ronde != nota.ronde or stap.status not in (
        StapStatus.WACHTEND,
        StapStatus.AAN_DE_BEURT,
    ):
        raise ActionNotAllowed(
            _("This step cannot be skipped: it is %(status)s.")
            % {"status": stap.get_status_display()}
        )
    van = stap.status
    stap.overslaan()
    stap.afgehandeld_op = now
    stap.afgehandeld_door = by
    stap.opmerking = reason
    stap.save(update_fields=["status", "afgehandeld_op", "afgehandeld_door", "opmerking"])
    acting = Acting(by=by)
    overgeslagen = record_event(
        actie="overgeslagen", nota=nota, acting=acting, now=now, van=van, naar=stap.status,
        opmerking=reason, parafeerstap=stap,
    )  # fmt: skip
    _after_step(nota, acting, now, overgeslagen)
    return stap


# --- following a nota --------------------------------------------------------------------------
