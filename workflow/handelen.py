"""Handelen: who acts, how a refusal is said, and how an act is recorded.

The small vocabulary every service of Parafeer shares, whatever it changes (a nota, a Kamerbrief,
a toezegging, a programme): `Acting` (who acts and on whose behalf), `ActionNotAllowed` and its
kinds (a refusal with its Dutch reason), `record_event` (one line of the append-only history, and
its webhooks in the outbox) and `notify` (the emails about it, in the outbox, sent after commit).
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from letters.models import Afstemmingsverzoek, Kamerbrief, Nota

from . import outbox  # as a module: outbox imports what imports this module
from .memo import remembered
from .models import (
    AfgerondeStap,
    Gebeurtenis,
    Medewerker,
    Motie,
    Parafeerstap,
    RouteSjabloon,
    Toezegging,
    Vervanging,
)
from .notifications import write_meldingen
from .webhooks import enqueue


class ActionNotAllowed(Exception):
    """A refused action; `message` says why, in Dutch, for the person who tried."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = str(message)


class StateConflict(ActionNotAllowed):
    """Refused because of where the item stands now, not because of who asks (the API's 409)."""


class MissingInput(ActionNotAllowed):
    """Refused because something must be filled in first (the API's 400)."""


@dataclass(frozen=True)
class Actie:
    code: str
    label: str
    remark_required: bool = False


@dataclass(frozen=True)
class Acting:
    """Who acts, and on whose behalf: an absent colleague (`namens`) or a bewindspersoon."""

    by: Medewerker
    namens: Medewerker | None = None
    namens_bewindspersoon_id: int | None = None


def today(now: datetime) -> date:
    return timezone.localtime(now).date()


def substituted_by(by: Medewerker, on: date) -> dict[int, Vervanging]:
    """The people `by` stands in for on that day, by id."""

    def read() -> dict[int, Vervanging]:
        vervangingen = Vervanging.objects.filter(vervanger=by, van__lte=on, tot__gte=on)
        return {v.medewerker_id: v for v in vervangingen.select_related("medewerker")}

    return remembered(("substituted_by", by.pk, on), read)


def acting_as_one_of(by: Medewerker, people_ids: Iterable[int], on: date) -> Acting | None:
    people_ids = set(people_ids)
    if by.pk in people_ids:
        return Acting(by=by)
    for medewerker_id, vervanging in substituted_by(by, on).items():
        if medewerker_id in people_ids:
            return Acting(by=by, namens=vervanging.medewerker)
    return None


def as_office_of(bewindspersoon_id: int, by: Medewerker, now: datetime) -> Acting | None:
    """`by` acting for that bewindspersoon's office, themselves or as a substitute; else None."""
    if by.bureau_van_id == bewindspersoon_id:
        return Acting(by=by, namens_bewindspersoon_id=bewindspersoon_id)
    for vervanging in substituted_by(by, today(now)).values():
        if vervanging.medewerker.bureau_van_id == bewindspersoon_id:
            return Acting(
                by=by, namens=vervanging.medewerker, namens_bewindspersoon_id=bewindspersoon_id
            )
    return None


def require_remark(remark: str, what: str) -> str:
    remark = (remark or "").strip()
    if not remark:
        raise MissingInput(what)
    return remark


def record_event(
    *,
    actie: str,
    acting: Acting | None,
    now: datetime,
    nota: Nota | None = None,
    van: str = "",
    naar: str = "",
    opmerking: str = "",
    parafeerstap: Parafeerstap | None = None,
    kamerbrief: Kamerbrief | None = None,
    afstemmingsverzoek: Afstemmingsverzoek | None = None,
    toezegging: Toezegging | None = None,
    motie: Motie | None = None,
    routesjabloon: RouteSjabloon | None = None,
    versie: str = "",
) -> Gebeurtenis:
    """Appends one event to the history, and its webhooks to the outbox; call inside the
    service's transaction."""
    event = Gebeurtenis.objects.create(
        tijdstip=now,
        actie=actie,
        van_status=van,
        naar_status=naar,
        actor=acting.by if acting else None,
        namens=acting.namens if acting else None,
        namens_bewindspersoon_id=acting.namens_bewindspersoon_id if acting else None,
        opmerking=opmerking,
        kanaal=_kanaal.get(),
        nota=nota,
        parafeerstap=parafeerstap,
        kamerbrief=kamerbrief,
        afstemmingsverzoek=afstemmingsverzoek,
        toezegging=toezegging,
        motie=motie,
        routesjabloon=routesjabloon,
        versie=versie,
    )
    enqueue(event)
    return event


def record_afgeronde_stap(
    *,
    soort: str,
    nota: Nota,
    begin: datetime,
    eind: datetime,
    parafeerstap: Parafeerstap | None = None,
    gebeurtenis: Gebeurtenis | None = None,
    afstemmingsverzoek: Afstemmingsverzoek | None = None,
    ministerie_id: int | None = None,
) -> AfgerondeStap:
    """The overzicht's row for a step that just ended (`workflow.models.doorlooptijden`); call
    inside the service's transaction, beside the event that ends the step."""
    return AfgerondeStap.objects.create(
        soort=soort,
        nota=nota,
        organisatieonderdeel_id=nota.organisatieonderdeel_id,
        ministerie_id=ministerie_id,
        begin=timezone.localtime(begin).date(),
        eind=timezone.localtime(eind).date(),
        parafeerstap=parafeerstap,
        gebeurtenis=gebeurtenis,
        afstemmingsverzoek=afstemmingsverzoek,
    )


def record_paraaf_afgerond(nota: Nota, stap: Parafeerstap, now: datetime) -> None:
    """A parafeerstap initialled or sent back: its lead time runs from its turn."""
    if stap.aan_de_beurt_sinds is not None:
        record_afgeronde_stap(
            soort=AfgerondeStap.Soort.PARAAF, nota=nota, begin=stap.aan_de_beurt_sinds,
            eind=now, parafeerstap=stap,
        )  # fmt: skip


def record_besluit_afgerond(nota: Nota, event: Gebeurtenis) -> None:
    """The nota left ter beslissing (a besluit of any kind, or withdrawn while waiting for one):
    the decision's lead time runs from the last time it was put ter beslissing."""
    ter_beslissing = Nota.Status.TER_BESLISSING
    if event.van_status != ter_beslissing or event.naar_status == ter_beslissing:
        return
    begin = (
        Gebeurtenis.objects.filter(
            nota=nota, parafeerstap=None, naar_status=ter_beslissing, tijdstip__lte=event.tijdstip
        )
        .order_by("-tijdstip")
        .values_list("tijdstip", flat=True)
        .first()
    )
    if begin is not None:
        record_afgeronde_stap(
            soort=AfgerondeStap.Soort.BESLUIT, nota=nota, begin=begin, eind=event.tijdstip,
            gebeurtenis=event,
        )  # fmt: skip


_muted = ContextVar("notifications_muted", default=False)


_kanaal = ContextVar("kanaal", default="")


@contextmanager
def via_api() -> Iterator[None]:
    """Every event recorded inside says it came in through the API (api/views.py)."""
    token = _kanaal.set(Gebeurtenis.Kanaal.API)
    try:
        yield
    finally:
        _kanaal.reset(token)


@contextmanager
def notifications_muted() -> Iterator[None]:
    """For loading history that already happened (the demo): no emails about it."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def notify(
    item: Nota | Kamerbrief,
    soort: str,
    ontvanger_ids: Iterable[int],
    *,
    aanleiding: Gebeurtenis,
    opmerking: str = "",
) -> None:
    """Writes the emails about a nota or Kamerbrief into the outbox, in this transaction, and
    kicks their sending after the commit.

    `aanleiding` is the act that caused them (one message per event, kind and recipient);
    `opmerking` the remark of that act the mail quotes. A broker that is down costs the kick,
    not the message: the outbox relay sends it when the broker is back.
    """
    if _muted.get():
        return
    written = write_meldingen(
        item, soort, ontvanger_ids, aanleiding=aanleiding, opmerking=opmerking,
        now=aanleiding.tijdstip,
    )  # fmt: skip
    if written:
        transaction.on_commit(lambda: outbox.kick(aanleiding.pk), robust=True)
