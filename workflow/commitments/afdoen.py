"""What a letter does to a toezegging or motie: the one place that decides it, for a letter sent in
Parafeer (discharge_by_letter, inside kamerbrief_verzenden) and for one recorded by hand.
"""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from letters.models import Kamerbrief
from workflow.commitments.basis import (
    WIJZE_BIJ_VERZENDING,
    T,
    Wijze,
    _fmt,
    _the_letter,
    as_register_keeper,
    lock_motie,
    lock_toezegging,
)
from workflow.handelen import Acting, StateConflict, record_event
from workflow.models import (
    Koppeling,
    Medewerker,
    Motie,
    StandVanZaken,
    Toezegging,
)

# --- afdoen: the one place that says what a letter does to an item ---------------------------


def _handle_toezegging(
    toezegging: Toezegging,
    *,
    wijze: str,
    kamerbrief: Kamerbrief | None,
    kenmerk: str,
    datum: date,
    tekst: str,
    acting: Acting | None,
    now: datetime,
) -> StandVanZaken:
    van = toezegging.status
    termijn = volgende = None
    opmerking = [_("Letter %(kenmerk)s of %(datum)s.") % {"kenmerk": kenmerk, "datum": _fmt(datum)}]
    if wijze in StandVanZaken.AFDOENINGEN and not toezegging.is_open:
        # Already met or lapsed (another letter was first): this letter is kept as a report.
        opmerking.append(
            _("The commitment was already %(status)s: recorded as a progress report.")
            % {"status": toezegging.get_status_display()}
        )
        wijze = Wijze.STAND_VAN_ZAKEN
    if wijze == Wijze.AFGEDAAN and toezegging.is_periodiek:
        termijn, volgende = toezegging.deadline, toezegging.next_deadline()
        if toezegging.status == T.DEELS_VOLDAAN:
            toezegging.volgende_termijn()
        toezegging.deadline = volgende
        actie = "toezegging_nagekomen"
        opmerking.append(
            _("Occurrence of %(termijn)s met; next deadline %(volgende)s.")
            % {"termijn": _fmt(termijn), "volgende": _fmt(volgende)}
        )
    elif wijze == Wijze.AFGEDAAN:
        toezegging.voldoen()
        actie = "toezegging_voldaan"
    elif wijze == Wijze.DEELS_AFGEDAAN:
        if toezegging.status != T.DEELS_VOLDAAN:
            toezegging.deels_voldoen()
        termijn = toezegging.deadline if toezegging.is_periodiek else None
        actie = "toezegging_deels_voldaan"
    else:
        actie = "toezegging_stand_van_zaken"
    toezegging.save(update_fields=["status", "deadline"])
    stand = StandVanZaken.objects.create(
        toezegging=toezegging, wijze=wijze, kamerbrief=kamerbrief, kenmerk=kenmerk, datum=datum,
        tekst=tekst, termijn=termijn, volgende_termijn=volgende,
        vastgelegd_door=acting.by if acting else None, vastgelegd_op=now,
    )  # fmt: skip
    record_event(
        actie=actie, toezegging=toezegging, kamerbrief=kamerbrief, acting=acting, now=now, van=van,
        naar=toezegging.status, opmerking=" ".join(opmerking),
    )  # fmt: skip
    return stand


def _handle_motie(
    motie: Motie,
    *,
    wijze: str,
    kamerbrief: Kamerbrief | None,
    kenmerk: str,
    datum: date,
    tekst: str,
    acting: Acting | None,
    now: datetime,
) -> StandVanZaken:
    van = motie.status
    opmerking = [_("Letter %(kenmerk)s of %(datum)s.") % {"kenmerk": kenmerk, "datum": _fmt(datum)}]
    if wijze == Wijze.AFGEDAAN and motie.is_open:
        motie.afdoen()
        motie.save(update_fields=["status"])
        actie = "motie_afgedaan"
    else:
        if wijze == Wijze.AFGEDAAN:
            opmerking.append(
                _("The motion was already %(status)s: recorded as a progress report.")
                % {"status": motie.get_status_display()}
            )
        wijze = Wijze.STAND_VAN_ZAKEN
        actie = "motie_stand_van_zaken"
    stand = StandVanZaken.objects.create(
        motie=motie, wijze=wijze, kamerbrief=kamerbrief, kenmerk=kenmerk, datum=datum, tekst=tekst,
        vastgelegd_door=acting.by if acting else None, vastgelegd_op=now,
    )  # fmt: skip
    record_event(
        actie=actie, motie=motie, kamerbrief=kamerbrief, acting=acting, now=now, van=van,
        naar=motie.status, opmerking=" ".join(opmerking),
    )  # fmt: skip
    return stand


def discharge_by_letter(*, kamerbrief: Kamerbrief, acting: Acting | None, now: datetime) -> None:
    """Afdoen of everything the sent letter's nota linked: called inside kamerbrief_verzenden.

    Each link becomes a stand van zaken of this letter, once: a link already processed is not
    processed again.
    """
    if kamerbrief.nota_id is None:
        return
    koppelingen = (
        Koppeling.objects.select_for_update(of=("self",))
        .filter(nota_id=kamerbrief.nota_id, ontkoppeld_op__isnull=True, verwerkt_in__isnull=True)
        .order_by("gekoppeld_op", "pk")
    )
    for koppeling in koppelingen:
        handle, item = (
            (_handle_toezegging, lock_toezegging(koppeling.toezegging))
            if koppeling.toezegging_id
            else (_handle_motie, lock_motie(koppeling.motie))
        )
        stand = handle(
            item, wijze=WIJZE_BIJ_VERZENDING[koppeling.wijze], kamerbrief=kamerbrief,
            kenmerk=kamerbrief.kenmerk, datum=kamerbrief.datum, tekst=koppeling.toelichting,
            acting=acting, now=now,
        )  # fmt: skip
        koppeling.verwerkt_in = stand
        koppeling.save(update_fields=["verwerkt_in"])


# --- the register keeper's actions, the same for toezeggingen and moties ------------------------


def _brief_vastleggen(
    item, lock, handle, *, by: Medewerker, wijze: str, kamerbrief: Kamerbrief | None, kenmerk: str,
    datum: date | None, tekst: str, now: datetime | None, gesloten: Callable[[Any], str] | None,
) -> StandVanZaken:  # fmt: skip
    """Records a letter (sent in Parafeer or outside it) that handled a toezegging or motie.

    `gesloten` gives the refusal when the item is no longer open (None: a report is always
    possible); `handle` is what a letter does to the item, as when Parafeer sends one.
    """
    now = now or timezone.now()
    acting = as_register_keeper(by)
    item = lock(item)
    if gesloten is not None and not item.is_open:
        raise StateConflict(gesloten(item))
    kamerbrief, kenmerk, datum = _the_letter(kamerbrief=kamerbrief, kenmerk=kenmerk, datum=datum)
    return handle(
        item, wijze=wijze, kamerbrief=kamerbrief, kenmerk=kenmerk, datum=datum,
        tekst=(tekst or "").strip(), acting=acting, now=now,
    )  # fmt: skip
