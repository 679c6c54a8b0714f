"""Every state change of a programme's reporting rounds and contributions.

Each service runs in one transaction: it locks the row it changes, checks that this person may
act now (themselves or as someone's vervanger), checks the guards, changes state through the
django-fsm transition and writes the history event in the same transaction. A refusal raises
`ActionNotAllowed` with a Dutch message and leaves everything as it was. Two people acting on the
same contribution at once are serialised by the row lock: the second sees the state the first
left and is refused with a message that says why.

The `check_*` functions are the one place that says who may do what; the services call them under
the lock and the pages call them to show only the actions that would succeed.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from programma.models import (
    Maatregel,
    MaatregelStatus,
    Programma,
    Programmagebeurtenis,
    Rapportageronde,
    Voortgangsbijdrage,
)
from programma.rendering import render_voortgangsrapportage_pdf
from programma.spreadsheet import UnreadableFile, read_maatregelen_xlsx
from workflow.deadlines import werkkalender
from workflow.handelen import Acting, ActionNotAllowed, acting_as_one_of, today
from workflow.models import Medewerker
from workflow.services.bijlagen import kamerbrief_bijlage_add, kamerbrief_bijlage_replace

Bijdragestatus = Voortgangsbijdrage.Status

__all__ = [
    "ActionNotAllowed",
    "ImportRefused",
    "bijdrage_accept",
    "bijdrage_send_back",
    "bijdrage_submit",
    "bijdragen_vragen",
    "check_review",
    "check_submit",
    "maatregel_update",
    "maatregelen_import",
    "ronde_attach_report",
    "ronde_open",
    "rondes_reported_by",
]


def _event(*, programma_id, actie, acting=None, ronde=None, bijdrage=None, van="", naar="",
           opmerking="", now=None) -> Programmagebeurtenis:  # fmt: skip
    return Programmagebeurtenis.objects.create(
        tijdstip=now or timezone.now(),
        actie=actie,
        van_status=van,
        naar_status=naar,
        actor=acting.by if acting else None,
        namens=acting.namens if acting else None,
        opmerking=opmerking,
        programma_id=programma_id,
        ronde=ronde,
        bijdrage=bijdrage,
    )


def is_coordinator(by: Medewerker, programma: Programma, on: date) -> Acting | None:
    return acting_as_one_of(by, [programma.coordinator_id], on)


# --- who may act -------------------------------------------------------------------------------


def check_submit(bijdrage: Voortgangsbijdrage, by: Medewerker, on: date) -> Acting:
    acting = acting_as_one_of(by, [bijdrage.maatregel.contact_id], on)
    if acting is None:
        raise ActionNotAllowed(
            _("Only the contact of this measure (or their substitute) may submit its contribution.")
        )
    if bijdrage.ronde.gerapporteerd_in_id is not None:
        raise ActionNotAllowed(_("This progress report has already been sent to the House."))
    if not bijdrage.bij_contact:
        raise ActionNotAllowed(
            _("This contribution has already been submitted; it is with the coordinator.")
            if bijdrage.status == Bijdragestatus.INGEDIEND
            else _("This contribution has already been accepted.")
        )
    return acting


def check_review(bijdrage: Voortgangsbijdrage, by: Medewerker, on: date) -> Acting:
    acting = is_coordinator(by, bijdrage.ronde.programma, on)
    if acting is None:
        raise ActionNotAllowed(
            _(
                "Only the coordinator of the programme (or their substitute) may review "
                "contributions."
            )
        )
    if bijdrage.status != Bijdragestatus.INGEDIEND:
        raise ActionNotAllowed(
            _("This contribution has already been accepted.")
            if bijdrage.status == Bijdragestatus.GEACCEPTEERD
            else _("This contribution has not been submitted (again) yet.")
        )
    return acting


def _lock(bijdrage: Voortgangsbijdrage) -> Voortgangsbijdrage:
    return (
        Voortgangsbijdrage.objects.select_for_update(of=("self",))
        .select_related("ronde__programma", "maatregel")
        .get(pk=bijdrage.pk)
    )


# --- the round ---------------------------------------------------------------------------------


@transaction.atomic
def ronde_open(
    *,
    programma: Programma,
    by: Medewerker,
    jaar: int,
    titel: str,
    werkdagen: int,
    maatregelen: Sequence[Maatregel] | None = None,
    now: datetime | None = None,
) -> Rapportageronde:
    """Opens a reporting round: every maatregel's contact (or only those of `maatregelen`) is
    asked for a contribution, due in `werkdagen` werkdagen."""
    now = now or timezone.now()
    on = today(now)
    programma = Programma.objects.select_for_update().get(pk=programma.pk)
    acting = is_coordinator(by, programma, on)
    if acting is None:
        raise ActionNotAllowed(
            _("Only the coordinator of the programme may open a reporting round.")
        )
    if werkdagen < 1:
        raise ActionNotAllowed(_("Give the contacts at least one working day."))
    if not titel.strip():
        raise ActionNotAllowed(_("Give the reporting round a title."))
    if programma.rondes.filter(jaar=jaar).exists():
        raise ActionNotAllowed(
            _("There is already a reporting round for %(jaar)s.") % {"jaar": jaar}
        )
    gevraagd = Maatregel.objects.filter(actielijn__programma=programma).order_by("nummer")
    if maatregelen is not None:
        _check_own(programma, maatregelen)
        gevraagd = gevraagd.filter(pk__in=[m.pk for m in maatregelen])
    maatregelen = list(gevraagd)
    if not maatregelen:
        raise ActionNotAllowed(_("This programme has no measures to ask a contribution for."))
    ronde = Rapportageronde.objects.create(
        programma=programma,
        titel=titel.strip(),
        jaar=jaar,
        geopend_op=on,
        deadline=werkkalender().add_werkdagen(on, werkdagen),
    )
    bijdragen = Voortgangsbijdrage.objects.bulk_create(
        [
            Voortgangsbijdrage(
                ronde=ronde, maatregel=m, maatregel_status=m.status, deadline=ronde.deadline
            )
            for m in maatregelen
        ]
    )
    _event(programma_id=programma.pk, actie="ronde_geopend", acting=acting, ronde=ronde, now=now,
           opmerking=_("%(n)s contributions asked, due %(deadline)s.")
           % {"n": len(bijdragen), "deadline": ronde.deadline.strftime("%d-%m-%Y")})  # fmt: skip
    return ronde


def _check_own(programma: Programma, maatregelen: Sequence[Maatregel]) -> None:
    vreemd = [m.nummer for m in maatregelen if m.actielijn.programma_id != programma.pk]
    if vreemd:
        raise ActionNotAllowed(
            _("Measure %(nummer)s is not one of this programme's.") % {"nummer": vreemd[0]}
        )


@transaction.atomic
def bijdragen_vragen(
    *,
    ronde: Rapportageronde,
    maatregelen: Sequence[Maatregel],
    by: Medewerker,
    werkdagen: int,
    now: datetime | None = None,
) -> list[Voortgangsbijdrage]:
    """Asks the contacts of more maatregelen for a contribution to an open round, due in
    `werkdagen` werkdagen from today (their own deadline, not the round's)."""
    now = now or timezone.now()
    on = today(now)
    ronde = Rapportageronde.objects.select_for_update().select_related("programma").get(pk=ronde.pk)
    acting = is_coordinator(by, ronde.programma, on)
    if acting is None:
        raise ActionNotAllowed(
            _("Only the coordinator of the programme may ask for contributions.")
        )
    if ronde.gerapporteerd_in_id is not None:
        raise ActionNotAllowed(_("This progress report has already been sent to the House."))
    if werkdagen < 1:
        raise ActionNotAllowed(_("Give the contacts at least one working day."))
    _check_own(ronde.programma, maatregelen)
    al = set(
        ronde.bijdragen.filter(maatregel__in=maatregelen).values_list(
            "maatregel__nummer", flat=True
        )
    )
    if al:
        raise ActionNotAllowed(
            _("A contribution on measure %(nummer)s has already been asked in this round.")
            % {"nummer": min(al)}
        )
    deadline = werkkalender().add_werkdagen(on, werkdagen)
    bijdragen = Voortgangsbijdrage.objects.bulk_create(
        [
            Voortgangsbijdrage(
                ronde=ronde, maatregel=m, maatregel_status=m.status, deadline=deadline
            )
            for m in sorted(maatregelen, key=lambda m: m.nummer)
        ]
    )
    opmerking = _("Due %(deadline)s.") % {"deadline": deadline.strftime("%d-%m-%Y")}
    for bijdrage in bijdragen:
        _event(programma_id=ronde.programma_id, actie="bijdrage_gevraagd", acting=acting,
               ronde=ronde, bijdrage=bijdrage, naar=bijdrage.status, opmerking=opmerking,
               now=now)  # fmt: skip
    return bijdragen


# --- a contribution ----------------------------------------------------------------------------


@transaction.atomic
def bijdrage_submit(
    *,
    bijdrage: Voortgangsbijdrage,
    by: Medewerker,
    tekst: str,
    voetnoten: str = "",
    maatregel_status: str,
    now: datetime | None = None,
) -> Voortgangsbijdrage:
    now = now or timezone.now()
    bijdrage = _lock(bijdrage)
    acting = check_submit(bijdrage, by, today(now))
    if not tekst.strip():
        raise ActionNotAllowed(_("Write the (interim) results of the measure before submitting."))
    if maatregel_status not in MaatregelStatus.values:
        raise ActionNotAllowed(
            _("Choose the status of the measure: starting soon, in progress or completed.")
        )
    van = bijdrage.status
    bijdrage.tekst = tekst.strip()
    bijdrage.voetnoten = voetnoten.strip()
    bijdrage.maatregel_status = maatregel_status
    bijdrage.ingediend_op = now
    bijdrage.indienen()
    bijdrage.save()
    _event(programma_id=bijdrage.ronde.programma_id, actie="bijdrage_ingediend",
           acting=acting, ronde=bijdrage.ronde, bijdrage=bijdrage, van=van,
           naar=bijdrage.status, now=now)  # fmt: skip
    return bijdrage


@transaction.atomic
def bijdrage_send_back(
    *, bijdrage: Voortgangsbijdrage, by: Medewerker, opmerking: str, now: datetime | None = None
) -> Voortgangsbijdrage:
    now = now or timezone.now()
    bijdrage = _lock(bijdrage)
    acting = check_review(bijdrage, by, today(now))
    if not opmerking.strip():
        raise ActionNotAllowed(_("Say what must change: a remark is required to send back."))
    van = bijdrage.status
    bijdrage.opmerking = opmerking.strip()
    bijdrage.terugsturen()
    bijdrage.save()
    _event(programma_id=bijdrage.ronde.programma_id, actie="bijdrage_teruggestuurd",
           acting=acting, ronde=bijdrage.ronde, bijdrage=bijdrage, van=van,
           naar=bijdrage.status, opmerking=bijdrage.opmerking, now=now)  # fmt: skip
    return bijdrage


@transaction.atomic
def bijdrage_accept(
    *, bijdrage: Voortgangsbijdrage, by: Medewerker, now: datetime | None = None
) -> Voortgangsbijdrage:
    """Accepts the contribution; the measure takes the status its contact reported."""
    now = now or timezone.now()
    bijdrage = _lock(bijdrage)
    acting = check_review(bijdrage, by, today(now))
    van = bijdrage.status
    bijdrage.accepteren()
    bijdrage.save()
    Maatregel.objects.filter(pk=bijdrage.maatregel_id).update(status=bijdrage.maatregel_status)
    _event(programma_id=bijdrage.ronde.programma_id, actie="bijdrage_geaccepteerd",
           acting=acting, ronde=bijdrage.ronde, bijdrage=bijdrage, van=van,
           naar=bijdrage.status, now=now)  # fmt: skip
    return bijdrage


# --- the maatregelen ---------------------------------------------------------------------------


def not_coordinator() -> str:
    return _("Only the coordinator of the programme (or their substitute) may change its measures.")


class ImportRefused(ActionNotAllowed):
    """The file was not taken: `fouten` says why, row by row; nothing was changed."""

    def __init__(self, fouten: list[str]):
        super().__init__(
            _(
                "The file was not imported: nothing has been changed. Correct these and upload "
                "it again."
            )
        )
        self.fouten = fouten


def _status_label(value: str) -> str:
    return str(MaatregelStatus(value).label) if value else _("not recorded")


@transaction.atomic
def maatregel_update(
    *,
    maatregel: Maatregel,
    by: Medewerker,
    titel: str,
    partners: str,
    status: str,
    bron: str = "",
    now: datetime | None = None,
) -> bool:
    """Changes a maatregel's title, partners and status (the coordinator's); True when anything
    changed, with one history event that says what."""
    now = now or timezone.now()
    maatregel = (
        Maatregel.objects.select_for_update(of=("self",))
        .select_related("actielijn__programma")
        .get(pk=maatregel.pk)
    )
    programma = maatregel.actielijn.programma
    acting = is_coordinator(by, programma, today(now))
    if acting is None:
        raise ActionNotAllowed(not_coordinator())
    titel, partners = titel.strip(), partners.strip()
    if not titel:
        raise ActionNotAllowed(_("Give the measure a title."))
    if status and status not in MaatregelStatus.values:
        raise ActionNotAllowed(
            _("Choose the status of the measure: starting soon, in progress or completed.")
        )
    wat = []
    if titel != maatregel.titel:
        wat.append(_("title changed"))
    if partners != maatregel.partners:
        wat.append(_("partners changed"))
    if status != maatregel.status:
        wat.append(
            _("status %(van)s → %(naar)s")
            % {"van": _status_label(maatregel.status), "naar": _status_label(status)}
        )
    if not wat:
        return False
    maatregel.titel, maatregel.partners, maatregel.status = titel, partners, status
    maatregel.save(update_fields=["titel", "partners", "status"])
    opmerking = _("Measure %(nummer)s: %(wat)s.") % {
        "nummer": maatregel.nummer,
        "wat": "; ".join(wat),
    }
    if bron:
        opmerking = f"{opmerking} ({bron})"
    _event(programma_id=programma.pk, actie="maatregel_gewijzigd", acting=acting,
           opmerking=opmerking, now=now)  # fmt: skip
    return True


@dataclass(frozen=True)
class ImportResult:
    gewijzigd: int
    ongewijzigd: int


def maatregelen_import(
    *, programma: Programma, by: Medewerker, inhoud: bytes, now: datetime | None = None
) -> ImportResult:
    """The maatregelen list (programma.spreadsheet's XLSX) read back as an update by number:
    every row checked first; on any error ImportRefused with a reason per row and nothing
    changed; otherwise each changed maatregel through `maatregel_update`, all in one
    transaction (a refusal half-way undoes the rows before it too)."""
    now = now or timezone.now()
    with transaction.atomic():
        programma = Programma.objects.select_for_update().get(pk=programma.pk)
        if is_coordinator(by, programma, today(now)) is None:
            raise ActionNotAllowed(not_coordinator())
        try:
            regels, fouten = read_maatregelen_xlsx(inhoud)
        except UnreadableFile as exc:
            raise ImportRefused([str(exc)]) from exc
        maatregelen = {
            m.nummer: m
            for m in Maatregel.objects.select_for_update(of=("self",)).filter(
                actielijn__programma=programma
            )
        }
        for regel in regels:
            if regel.nummer not in maatregelen:
                fouten.append(
                    _("Row %(rij)s: this programme has no measure %(nummer)s.")
                    % {"rij": regel.rij, "nummer": regel.nummer}
                )
        if not regels and not fouten:
            fouten.append(_("The file holds no measures."))
        if fouten:
            raise ImportRefused(fouten)
        gewijzigd = 0
        for r in regels:
            gewijzigd += maatregel_update(
                maatregel=maatregelen[r.nummer], by=by, titel=r.titel, partners=r.partners,
                status=r.status, bron=_("XLSX import"), now=now,
            )  # fmt: skip
    return ImportResult(gewijzigd=gewijzigd, ongewijzigd=len(regels) - gewijzigd)


# --- the report on the letter ------------------------------------------------------------------


def ronde_attach_report(
    *, ronde: Rapportageronde, kamerbrief, by: Medewerker, now: datetime | None = None
):
    """Renders the round's report from its accepted contributions and attaches it to the letter
    that reports on the programme: the first time as a new bijlage, afterwards as a new version
    of that bijlage (nothing new when the text did not change). Whether `by` may change the
    letter's bijlagen is the letters service's to say."""

    now = now or timezone.now()
    with transaction.atomic():
        ronde = Rapportageronde.objects.select_for_update().get(pk=ronde.pk)
        if ronde.gerapporteerd_in_id is not None:
            raise ActionNotAllowed(_("This progress report has already been sent to the House."))
        if ronde.bijlage_id is not None and ronde.bijlage.kamerbrief_id != kamerbrief.pk:
            raise ActionNotAllowed(
                _("This report is already attached to letter %(kenmerk)s.")
                % {"kenmerk": ronde.bijlage.kamerbrief.kenmerk}
            )
        inhoud = render_voortgangsrapportage_pdf(ronde)
        naam = f"voortgangsrapportage-{ronde.jaar}.pdf"
        if ronde.bijlage_id is None:
            bijlage = kamerbrief_bijlage_add(
                kamerbrief=kamerbrief, by=by, titel=ronde.titel, inhoud=inhoud,
                bestandsnaam=naam, now=now,
            )  # fmt: skip
            ronde.bijlage = bijlage
            ronde.save(update_fields=["bijlage"])
            actie = "rapportage_bijgevoegd"
        else:
            kamerbrief_bijlage_replace(
                bijlage=ronde.bijlage, by=by, inhoud=inhoud, bestandsnaam=naam, now=now
            )
            actie = "rapportage_vernieuwd"
        _event(programma_id=ronde.programma_id, actie=actie, acting=Acting(by=by), ronde=ronde,
               opmerking=kamerbrief.kenmerk, now=now)  # fmt: skip
    return ronde.bijlage


def rondes_reported_by(*, kamerbrief, acting, now: datetime, **_kwargs) -> None:
    """Receives workflow's `kamerbrief_verzonden`, inside the letter's sending: the rounds whose
    report is a bijlage of this letter are reported now."""
    rondes = list(
        Rapportageronde.objects.select_for_update().filter(
            bijlage__kamerbrief=kamerbrief, gerapporteerd_in__isnull=True
        )
    )
    for ronde in rondes:
        ronde.gerapporteerd_in = kamerbrief
        ronde.save(update_fields=["gerapporteerd_in"])
        _event(programma_id=ronde.programma_id, actie="gerapporteerd", acting=acting,
               ronde=ronde, opmerking=kamerbrief.kenmerk, now=now)  # fmt: skip
