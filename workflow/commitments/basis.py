"""What the register's services share: who may keep it and link to it, reading the Kamer's
references, the row locks, and one transition with its history event.
"""

from collections.abc import Callable
from datetime import date, datetime

from django.utils.translation import gettext as _

from letters.models import Kamerbrief, Nota
from workflow.handelen import Acting, ActionNotAllowed, MissingInput, StateConflict, record_event
from workflow.kamerstuk import (
    OngeldigeKamerId,
    OngeldigeKamerstukReferentie,
    parse_kamerstuk,
    parse_tk_id,
)
from workflow.models import (
    Koppeling,
    Medewerker,
    Motie,
    Rol,
    StandVanZaken,
    Toezegging,
)
from workflow.services.basis import as_opsteller

T = Toezegging.Status
M = Motie.Status
Wijze = StandVanZaken.Wijze
KB = Kamerbrief.Status

# How a link of a nota becomes a stand van zaken once its letter is sent.
WIJZE_BIJ_VERZENDING = {
    Koppeling.Wijze.AFDOEN: Wijze.AFGEDAAN,
    Koppeling.Wijze.DEELS_AFDOEN: Wijze.DEELS_AFGEDAAN,
    Koppeling.Wijze.RAPPORTEREN: Wijze.STAND_VAN_ZAKEN,
}
LETTER_SENT = (KB.VERZONDEN, KB.GEPUBLICEERD)


# --- who may act -----------------------------------------------------------------------------


def may_keep_register(user: Medewerker) -> bool:
    return user.has_rol(Rol.PARLEMENTAIRE_COORDINATIE) or user.has_rol(Rol.BEHEERDER)


def as_register_keeper(by: Medewerker) -> Acting:
    if not may_keep_register(by):
        raise ActionNotAllowed(
            _("Only parliamentary coordination keeps the register of commitments and motions.")
        )
    return Acting(by=by)


def check_link_commitments(nota: Nota, by: Medewerker, now: datetime) -> Acting:
    """The nota's opsteller (or substitute) or a beheerder, while the letter can still change."""
    try:
        acting = as_opsteller(nota, by, now)
    except ActionNotAllowed:
        if not by.has_rol(Rol.BEHEERDER):
            raise
        acting = Acting(by=by)
    try:
        kamerbrief = nota.kamerbrief  # free when the page selected it with the nota
    except Kamerbrief.DoesNotExist:
        kamerbrief = None
    if kamerbrief is not None:
        if not kamerbrief.bewerkbaar:
            raise ActionNotAllowed(
                _(
                    "The letter is %(status)s: the commitments and motions it handles can no "
                    "longer change."
                )
                % {"status": kamerbrief.get_status_display()}
            )
    elif not nota.bewerkbaar:
        raise ActionNotAllowed(
            _(
                "The nota is %(status)s: the commitments and motions it handles can no longer "
                "change."
            )
            % {"status": nota.get_status_display()}
        )
    return acting


# --- reading the Kamer's references ----------------------------------------------------------


def _tk_id(text: str, soort: str, voorbeeld: str) -> str:
    text = (text or "").strip()
    if not text:
        return ""
    try:
        tk_id = parse_tk_id(text)
    except OngeldigeKamerId as error:
        raise ActionNotAllowed(str(error)) from None
    if tk_id.soort != soort:
        raise ActionNotAllowed(
            _("%(id)s is not the right kind of House id here: expected one like %(voorbeeld)s.")
            % {"id": tk_id.waarde, "voorbeeld": voorbeeld}
        )
    return tk_id.waarde


def _kamerstuk(text: str) -> tuple[str, str]:
    """The canonical Kamerstuk and its vergaderjaar (when written), or ("", "")."""
    text = (text or "").strip()
    if not text:
        return "", ""
    try:
        referentie = parse_kamerstuk(text)
    except OngeldigeKamerstukReferentie as error:
        raise ActionNotAllowed(str(error)) from None
    return referentie.canonical(), referentie.vergaderjaar or ""


def _the_letter(
    *, kamerbrief: Kamerbrief | None, kenmerk: str, datum: date | None
) -> tuple[Kamerbrief | None, str, date]:
    """The letter that handled an item: one in Parafeer (sent), or one named by kenmerk and date."""
    kenmerk = (kenmerk or "").strip()
    if kamerbrief is None and kenmerk:
        kamerbrief = Kamerbrief.objects.filter(kenmerk=kenmerk).first()
    if kamerbrief is not None:
        if kamerbrief.status not in LETTER_SENT:
            raise StateConflict(
                _("Letter %(kenmerk)s is %(status)s: only a sent letter can handle it.")
                % {"kenmerk": kamerbrief.kenmerk, "status": kamerbrief.get_status_display()}
            )
        assert kamerbrief.datum is not None  # a sent letter has its date
        return kamerbrief, kamerbrief.kenmerk, kamerbrief.datum
    if not kenmerk:
        raise MissingInput(_("Name the letter: give its reference (kenmerk)."))
    if datum is None:
        raise MissingInput(
            _("Letter %(kenmerk)s is not in Parafeer: give the date it was sent.")
            % {"kenmerk": kenmerk}
        )
    return None, kenmerk, datum


def _fmt(day: date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else "—"


def lock_toezegging(toezegging: Toezegging) -> Toezegging:
    return (
        Toezegging.objects.select_for_update(of=("self",))
        .select_related("bewindspersoon", "bron_kamerbrief")
        .get(pk=toezegging.pk)
    )


def lock_motie(motie: Motie) -> Motie:
    return (
        Motie.objects.select_for_update(of=("self",))
        .select_related("bewindspersoon")
        .get(pk=motie.pk)
    )


def _overgang(
    item, overgang: Callable[[], None], *, actie: str, acting: Acting, now: datetime,
    opmerking: str, **velden: str,
):  # fmt: skip
    """One transition of a toezegging or motie with its fields and its history event."""
    van = item.status
    overgang()
    for naam, waarde in velden.items():
        setattr(item, naam, waarde)
    item.save(update_fields=["status", *velden])
    record_event(
        actie=actie, acting=acting, now=now, van=van, naar=item.status, opmerking=opmerking,
        **{item._meta.model_name: item},
    )  # fmt: skip
    return item
