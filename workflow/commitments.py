"""Toezeggingen and moties: the register, their links to notas, and afdoen by letters.

Parlementaire coördinatie keeps the register (and the beheerder may too): it registers
toezeggingen and moties, records the letters that handled them, lets them lapse or reopens
them. The opsteller of a nota links the items its letter handles, marking each as discharged
by it or only reported on, while the letter can still change; the nota's section g
(Toezeggingen) is written from these links. Sending the letter (verzending.kamerbrief_verzenden)
calls `discharge_by_letter` inside its transaction: every link becomes a `StandVanZaken`, a
discharged eenmalige toezegging is voldaan, a periodic one records the occurrence and moves to
its next deadline, a discharged motie is afgedaan, and a motie only reported on keeps its status.

Every service runs in one transaction, locks what it changes, checks who acts and the guards
(refusing with `ActionNotAllowed` and a Dutch message) and writes the history in the same
transaction, like workflow.services.
"""

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from letters.models import Kamerbrief, Nota, Toelichtingspunt
from workflow.handelen import (
    Acting,
    ActionNotAllowed,
    MissingInput,
    StateConflict,
    record_event,
    require_remark,
)
from workflow.services.basis import as_opsteller, lock_nota

from .kamerstuk import OngeldigeKamerId, OngeldigeKamerstukReferentie, parse_kamerstuk, parse_tk_id
from .models import (
    Bewindspersoon,
    Koppeling,
    Medewerker,
    Motie,
    MotieIndiener,
    Rol,
    StandVanZaken,
    Toezegging,
)

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


# --- toezeggingen: registering and editing ---------------------------------------------------

TOEZEGGING_FIELDS = (
    "tekst",
    "bewindspersoon",
    "bron",
    "bron_kenmerk",
    "debat",
    "debat_datum",
    "activiteit_nummer",
    "aan_persoon",
    "aan_fractie",
    "deadline",
    "deadline_omschrijving",
    "soort",
    "herhaling",
    "tk_nummer",
    "notities",
)


def _clean_toezegging(fields: dict, toezegging: Toezegging | None = None) -> dict:
    """Checks and normalises the register fields of a toezegging; refuses with the reason."""
    fields = dict(fields)
    for name in TOEZEGGING_FIELDS:
        if isinstance(fields.get(name), str):
            fields[name] = fields[name].strip()
    if not fields.get("tekst"):
        raise ActionNotAllowed(_("Write down what was promised (the text of the commitment)."))
    if fields.get("bewindspersoon") is None and (toezegging is None or toezegging.tk_id is None):
        raise ActionNotAllowed(_("Choose the member of government who made the commitment."))
    bron = fields.get("bron") or Toezegging.Bron.BRIEF
    if bron not in Toezegging.Bron.values:
        raise ActionNotAllowed(_("Say where the commitment was made: in a letter or a debate."))
    fields["bron"] = bron
    fields["bron_kamerbrief"] = None
    if bron == Toezegging.Bron.BRIEF:
        if not fields.get("bron_kenmerk"):
            raise ActionNotAllowed(_("Give the reference (kenmerk) of the letter it was made in."))
        brief = Kamerbrief.objects.filter(kenmerk=fields["bron_kenmerk"]).first()
        if brief is not None and brief.status not in LETTER_SENT:
            raise ActionNotAllowed(
                _(
                    "Letter %(kenmerk)s is %(status)s: a commitment is made in a letter once "
                    "the letter is sent."
                )
                % {"kenmerk": brief.kenmerk, "status": brief.get_status_display()}
            )
        fields["bron_kamerbrief"] = brief
    fields["activiteit_nummer"] = _tk_id(
        fields.get("activiteit_nummer", ""), "activiteit", "2024A05766"
    )
    if (
        bron == Toezegging.Bron.DEBAT
        and not fields.get("debat_datum")
        and not fields["activiteit_nummer"]
    ):
        raise ActionNotAllowed(
            _("Give the date of the debate, or the House's activity number (like 2024A05766).")
        )
    soort = fields.get("soort") or Toezegging.Soort.EENMALIG
    if soort == Toezegging.Soort.PERIODIEK:
        if fields.get("herhaling") not in Toezegging.Herhaling.values:
            raise ActionNotAllowed(_("A recurring commitment needs its recurrence, e.g. yearly."))
    elif soort == Toezegging.Soort.EENMALIG:
        fields["herhaling"] = ""
    else:
        raise ActionNotAllowed(_("Say whether the commitment is once or recurring."))
    fields["soort"] = soort
    fields["tk_nummer"] = _tk_id(fields.get("tk_nummer", ""), "toezegging", "TZ202412-116")
    if fields["tk_nummer"]:
        taken = Toezegging.objects.filter(tk_nummer=fields["tk_nummer"])
        if toezegging is not None:
            taken = taken.exclude(pk=toezegging.pk)
        if taken.exists():
            raise ActionNotAllowed(
                _("Commitment %(nummer)s is already in the register.")
                % {"nummer": fields["tk_nummer"]}
            )
    return fields


def _set_relations(toezegging: Toezegging, relations: dict[str, Iterable[Toezegging]]) -> None:
    for name, others in relations.items():
        others = list(others)
        if any(other.pk == toezegging.pk for other in others):
            raise ActionNotAllowed(_("A commitment cannot repeat, supplement or change itself."))
        getattr(toezegging, name).set(others)


@transaction.atomic
def toezegging_register(
    *,
    by: Medewerker,
    tekst: str,
    bewindspersoon: Bewindspersoon,
    herhaalt: Sequence[Toezegging] = (),
    vult_aan: Sequence[Toezegging] = (),
    wijzigt: Sequence[Toezegging] = (),
    now: datetime | None = None,
    **fields,
) -> Toezegging:
    """A new toezegging in the register: made in a (sent) letter, or in a debate."""
    now = now or timezone.now()
    acting = as_register_keeper(by)
    unknown = set(fields) - set(TOEZEGGING_FIELDS)
    if unknown:
        raise TypeError(f"unknown toezegging fields: {sorted(unknown)}")
    fields = _clean_toezegging({**fields, "tekst": tekst, "bewindspersoon": bewindspersoon})
    toezegging = Toezegging.objects.create(
        **fields,
        ministerie=bewindspersoon.ministerie if bewindspersoon else None,
        geregistreerd_door=by,
        aangemaakt_op=now,
    )
    _set_relations(toezegging, {"herhaalt": herhaalt, "vult_aan": vult_aan, "wijzigt": wijzigt})
    record_event(
        actie="toezegging_geregistreerd", toezegging=toezegging,
        kamerbrief=fields["bron_kamerbrief"], acting=acting, now=now, naar=toezegging.status,
        opmerking=toezegging.herkomst,
    )  # fmt: skip
    return toezegging


@transaction.atomic
def toezegging_update(
    *,
    toezegging: Toezegging,
    by: Medewerker,
    herhaalt: Sequence[Toezegging] | None = None,
    vult_aan: Sequence[Toezegging] | None = None,
    wijzigt: Sequence[Toezegging] | None = None,
    now: datetime | None = None,
    **fields,
) -> Toezegging:
    """Corrects the register's fields of a toezegging (its status changes elsewhere)."""
    now = now or timezone.now()
    acting = as_register_keeper(by)
    toezegging = lock_toezegging(toezegging)
    unknown = set(fields) - set(TOEZEGGING_FIELDS)
    if unknown:
        raise TypeError(f"unknown toezegging fields: {sorted(unknown)}")
    merged = {name: getattr(toezegging, name) for name in TOEZEGGING_FIELDS} | fields
    cleaned = _clean_toezegging(merged, toezegging)
    if cleaned["bewindspersoon"] is not None:
        cleaned["ministerie"] = cleaned["bewindspersoon"].ministerie
    changed = [name for name, value in cleaned.items() if getattr(toezegging, name) != value]
    for name in changed:
        setattr(toezegging, name, cleaned[name])
    if changed:
        toezegging.save(update_fields=changed)
    relations = {"herhaalt": herhaalt, "vult_aan": vult_aan, "wijzigt": wijzigt}
    for name, others in relations.items():
        if others is not None and set(getattr(toezegging, name).all()) != set(others):
            _set_relations(toezegging, {name: others})
            changed.append(name)
    if changed:
        record_event(
            actie="toezegging_gewijzigd", toezegging=toezegging, acting=acting, now=now,
            opmerking=", ".join(changed),
        )  # fmt: skip
    return toezegging


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


def _nothing_left(toezegging: Toezegging) -> str:
    return _("This commitment is %(status)s: there is nothing left to discharge.") % {
        "status": toezegging.get_status_display()
    }


@transaction.atomic
def toezegging_afdoen(
    *,
    toezegging: Toezegging,
    by: Medewerker,
    kamerbrief: Kamerbrief | None = None,
    kenmerk: str = "",
    datum: date | None = None,
    volledig: bool = True,
    tekst: str = "",
    now: datetime | None = None,
) -> StandVanZaken:
    """Records a letter that (partly) discharged the toezegging, e.g. one sent outside Parafeer."""
    return _brief_vastleggen(
        toezegging, lock_toezegging, _handle_toezegging, by=by,
        wijze=Wijze.AFGEDAAN if volledig else Wijze.DEELS_AFGEDAAN, kamerbrief=kamerbrief,
        kenmerk=kenmerk, datum=datum, tekst=tekst, now=now, gesloten=_nothing_left,
    )  # fmt: skip


@transaction.atomic
def toezegging_rapporteren(
    *,
    toezegging: Toezegging,
    by: Medewerker,
    kamerbrief: Kamerbrief | None = None,
    kenmerk: str = "",
    datum: date | None = None,
    tekst: str = "",
    now: datetime | None = None,
) -> StandVanZaken:
    """Records a letter that reported progress on the toezegging without discharging it."""
    return _brief_vastleggen(
        toezegging, lock_toezegging, _handle_toezegging, by=by, wijze=Wijze.STAND_VAN_ZAKEN,
        kamerbrief=kamerbrief, kenmerk=kenmerk, datum=datum, tekst=tekst, now=now, gesloten=None,
    )  # fmt: skip


@transaction.atomic
def toezegging_laten_vervallen(
    *, toezegging: Toezegging, by: Medewerker, reden: str, now: datetime | None = None
) -> Toezegging:
    """Vervallen, with the reason (e.g. overtaken by events, or taken over by another)."""
    now = now or timezone.now()
    acting = as_register_keeper(by)
    toezegging = lock_toezegging(toezegging)
    reden = require_remark(reden, _("Give the reason why the commitment lapses."))
    if not toezegging.is_open:
        raise StateConflict(
            _("This commitment is already %(status)s.")
            % {"status": toezegging.get_status_display()}
        )
    return _overgang(
        toezegging, toezegging.vervallen, actie="toezegging_vervallen", acting=acting, now=now,
        opmerking=reden, reden_vervallen=reden,
    )  # fmt: skip


@transaction.atomic
def toezegging_heropenen(
    *, toezegging: Toezegging, by: Medewerker, reden: str, now: datetime | None = None
) -> Toezegging:
    """Openstaand again: the House found it not met after all, or it was closed by mistake."""
    now = now or timezone.now()
    acting = as_register_keeper(by)
    toezegging = lock_toezegging(toezegging)
    reden = require_remark(reden, _("Give the reason for reopening the commitment."))
    if toezegging.is_open and toezegging.status == T.OPENSTAAND:
        raise StateConflict(_("This commitment is already open."))
    return _overgang(
        toezegging, toezegging.heropenen, actie="toezegging_heropend", acting=acting, now=now,
        opmerking=reden,
    )  # fmt: skip


# --- moties ----------------------------------------------------------------------------------

MOTIE_FIELDS = (
    "titel",
    "onderwerp",
    "kamerstuk",
    "vergaderjaar",
    "tk_zaak_nummer",
    "tk_document_nummer",
    "debat",
    "datum",
    "dictum",
    "kabinetsappreciatie",
    "bewindspersoon",
    "deadline",
    "deadline_omschrijving",
    "notities",
)


def _clean_motie(fields: dict, motie: Motie | None = None) -> dict:
    fields = dict(fields)
    for name in MOTIE_FIELDS:
        if isinstance(fields.get(name), str):
            fields[name] = fields[name].strip()
    if not fields.get("titel"):
        raise ActionNotAllowed(
            _("Give the motion's title, e.g. “Motie van het lid Mohandis over …”.")
        )
    kamerstuk, vergaderjaar = _kamerstuk(fields.get("kamerstuk", ""))
    fields["kamerstuk"] = kamerstuk
    fields["vergaderjaar"] = fields.get("vergaderjaar") or vergaderjaar
    fields["tk_zaak_nummer"] = _tk_id(fields.get("tk_zaak_nummer", ""), "zaak", "2023Z18970")
    fields["tk_document_nummer"] = _tk_id(
        fields.get("tk_document_nummer", ""), "document", "2022D47993"
    )
    appreciatie = fields.get("kabinetsappreciatie") or ""
    # An opinion in the House's own words (imported) may stay; a new one must be a known one.
    known = appreciatie in Motie.Kabinetsappreciatie.values
    if appreciatie and not known and (motie is None or appreciatie != motie.kabinetsappreciatie):
        raise ActionNotAllowed(_("Choose one of the known opinions of the government."))
    others = Motie.objects.exclude(pk=motie.pk) if motie is not None else Motie.objects.all()
    if kamerstuk and others.filter(kamerstuk=kamerstuk).exists():
        raise ActionNotAllowed(
            _("The motion %(kamerstuk)s is already in the register.") % {"kamerstuk": kamerstuk}
        )
    if fields["tk_zaak_nummer"] and others.filter(tk_zaak_nummer=fields["tk_zaak_nummer"]).exists():
        raise ActionNotAllowed(
            _("The motion %(kamerstuk)s is already in the register.")
            % {"kamerstuk": fields["tk_zaak_nummer"]}
        )
    return fields


def set_indieners(
    motie: Motie,
    indieners: Sequence[tuple[str, str]],
    mede_indieners: Sequence[tuple[str, str]],
    now: datetime,
    persoon_ids: dict[tuple[str, str], str] | None = None,
) -> bool:
    """Replaces the motie's (mede-)indieners when they differ; the old ones stay, marked."""
    wanted = [
        (MotieIndiener.Rol.INDIENER, naam.strip(), (fractie or "").strip())
        for naam, fractie in indieners
        if naam and naam.strip()
    ] + [
        (MotieIndiener.Rol.MEDEINDIENER, naam.strip(), (fractie or "").strip())
        for naam, fractie in mede_indieners
        if naam and naam.strip()
    ]
    current = motie.indieners.filter(vervangen_op__isnull=True).order_by("volgorde", "pk")
    if [(i.rol, i.naam, i.fractie) for i in current] == wanted:
        return False
    current.update(vervangen_op=now)
    persoon_ids = persoon_ids or {}
    MotieIndiener.objects.bulk_create(
        MotieIndiener(
            motie=motie, rol=rol, naam=naam, fractie=fractie, volgorde=volgorde,
            tk_persoon_id=persoon_ids.get((naam, fractie)),
        )
        for volgorde, (rol, naam, fractie) in enumerate(wanted, start=1)
    )  # fmt: skip
    return True


@transaction.atomic
def motie_register(
    *,
    by: Medewerker,
    titel: str,
    indieners: Sequence[tuple[str, str]] = (),
    mede_indieners: Sequence[tuple[str, str]] = (),
    now: datetime | None = None,
    **fields,
) -> Motie:
    """A motie the Kamer adopted, in the register: indieners as (naam, fractie)."""
    now = now or timezone.now()
    acting = as_register_keeper(by)
    unknown = set(fields) - set(MOTIE_FIELDS)
    if unknown:
        raise TypeError(f"unknown motie fields: {sorted(unknown)}")
    fields = _clean_motie({**fields, "titel": titel})
    bewindspersoon = fields.get("bewindspersoon")
    motie = Motie.objects.create(
        **fields,
        ministerie=bewindspersoon.ministerie if bewindspersoon else None,
        geregistreerd_door=by,
        aangemaakt_op=now,
    )
    set_indieners(motie, indieners, mede_indieners, now)
    record_event(
        actie="motie_geregistreerd", motie=motie, acting=acting, now=now, naar=motie.status,
        opmerking=motie.kamerstuk or motie.tk_zaak_nummer,
    )  # fmt: skip
    return motie


@transaction.atomic
def motie_update(
    *,
    motie: Motie,
    by: Medewerker,
    indieners: Sequence[tuple[str, str]] | None = None,
    mede_indieners: Sequence[tuple[str, str]] | None = None,
    now: datetime | None = None,
    **fields,
) -> Motie:
    now = now or timezone.now()
    acting = as_register_keeper(by)
    motie = lock_motie(motie)
    unknown = set(fields) - set(MOTIE_FIELDS)
    if unknown:
        raise TypeError(f"unknown motie fields: {sorted(unknown)}")
    merged = {name: getattr(motie, name) for name in MOTIE_FIELDS} | fields
    cleaned = _clean_motie(merged, motie)
    cleaned["ministerie"] = (
        cleaned["bewindspersoon"].ministerie if cleaned["bewindspersoon"] else motie.ministerie
    )
    changed = [name for name, value in cleaned.items() if getattr(motie, name) != value]
    for name in changed:
        setattr(motie, name, cleaned[name])
    if changed:
        motie.save(update_fields=changed)
    if indieners is not None or mede_indieners is not None:
        current = list(motie.indieners.filter(vervangen_op__isnull=True))
        keep = {
            rol: [(i.naam, i.fractie) for i in current if i.rol == rol]
            for rol in MotieIndiener.Rol.values
        }
        if set_indieners(
            motie,
            keep[MotieIndiener.Rol.INDIENER] if indieners is None else indieners,
            keep[MotieIndiener.Rol.MEDEINDIENER] if mede_indieners is None else mede_indieners,
            now,
        ):
            changed.append("indieners")
    if changed:
        record_event(
            actie="motie_gewijzigd", motie=motie, acting=acting, now=now,
            opmerking=", ".join(changed),
        )  # fmt: skip
    return motie


@transaction.atomic
def motie_in_uitvoering_nemen(*, motie: Motie, by: Medewerker, remark: str = "", now=None) -> Motie:
    """In uitvoering: the ministry is carrying the motie out."""
    now = now or timezone.now()
    acting = as_register_keeper(by)
    motie = lock_motie(motie)
    if motie.status != M.AANGENOMEN:
        raise StateConflict(
            _("This is not possible now: the motion is %(status)s.")
            % {"status": motie.get_status_display()}
        )
    return _overgang(
        motie, motie.in_uitvoering_nemen, actie="motie_in_uitvoering", acting=acting, now=now,
        opmerking=(remark or "").strip(),
    )  # fmt: skip


def _motie_nothing_left(motie: Motie) -> str:
    return _("This motion is %(status)s: there is nothing left to discharge.") % {
        "status": motie.get_status_display()
    }


@transaction.atomic
def motie_afdoen(
    *,
    motie: Motie,
    by: Medewerker,
    kamerbrief: Kamerbrief | None = None,
    kenmerk: str = "",
    datum: date | None = None,
    tekst: str = "",
    now: datetime | None = None,
) -> StandVanZaken:
    """Records the letter that afdeed the motie, e.g. one sent before Parafeer."""
    return _brief_vastleggen(
        motie, lock_motie, _handle_motie, by=by, wijze=Wijze.AFGEDAAN, kamerbrief=kamerbrief,
        kenmerk=kenmerk, datum=datum, tekst=tekst, now=now, gesloten=_motie_nothing_left,
    )  # fmt: skip


@transaction.atomic
def motie_rapporteren(
    *,
    motie: Motie,
    by: Medewerker,
    kamerbrief: Kamerbrief | None = None,
    kenmerk: str = "",
    datum: date | None = None,
    tekst: str = "",
    now: datetime | None = None,
) -> StandVanZaken:
    """A stand van zaken on the motie by a letter; the motie keeps its status."""
    return _brief_vastleggen(
        motie, lock_motie, _handle_motie, by=by, wijze=Wijze.STAND_VAN_ZAKEN,
        kamerbrief=kamerbrief, kenmerk=kenmerk, datum=datum, tekst=tekst, now=now, gesloten=None,
    )  # fmt: skip


@transaction.atomic
def motie_niet_uitgevoerd(
    *, motie: Motie, by: Medewerker, reden: str, now: datetime | None = None
) -> Motie:
    now = now or timezone.now()
    acting = as_register_keeper(by)
    motie = lock_motie(motie)
    reden = require_remark(reden, _("Give the reason why the motion is not carried out."))
    if not motie.is_open:
        raise StateConflict(
            _("This motion is already %(status)s.") % {"status": motie.get_status_display()}
        )
    return _overgang(
        motie, motie.niet_uitvoeren, actie="motie_niet_uitgevoerd", acting=acting, now=now,
        opmerking=reden, reden_niet_uitgevoerd=reden,
    )  # fmt: skip


@transaction.atomic
def motie_heropenen(
    *, motie: Motie, by: Medewerker, reden: str, now: datetime | None = None
) -> Motie:
    now = now or timezone.now()
    acting = as_register_keeper(by)
    motie = lock_motie(motie)
    reden = require_remark(reden, _("Give the reason for reopening the motion."))
    if motie.is_open:
        raise StateConflict(_("This motion is still open."))
    return _overgang(
        motie, motie.heropenen, actie="motie_heropend", acting=acting, now=now, opmerking=reden
    )


# --- linking items to a nota and its letter --------------------------------------------------


@transaction.atomic
def nota_link_commitment(
    *,
    nota: Nota,
    by: Medewerker,
    wijze: str,
    toezegging: Toezegging | None = None,
    motie: Motie | None = None,
    toelichting: str = "",
    now: datetime | None = None,
) -> Koppeling:
    """Links a toezegging or motie to the nota (and so to its letter), or changes how."""
    now = now or timezone.now()
    if (toezegging is None) == (motie is None):
        raise TypeError("link either a toezegging or a motie")
    nota = lock_nota(nota)
    acting = check_link_commitments(nota, by, now)
    if wijze not in Koppeling.Wijze.values:
        raise ActionNotAllowed(_("Choose whether the letter discharges it or only reports on it."))
    if toezegging is not None:
        item = lock_toezegging(toezegging)
        existing = nota.koppelingen.filter(toezegging=item, ontkoppeld_op__isnull=True).first()
    else:
        item = lock_motie(motie)
        existing = nota.koppelingen.filter(motie=item, ontkoppeld_op__isnull=True).first()
        if wijze == Koppeling.Wijze.DEELS_AFDOEN:
            raise ActionNotAllowed(
                _("A motion is discharged or reported on; it cannot be discharged in part.")
            )
    if not item.is_open:
        raise ActionNotAllowed(
            _("%(item)s is %(status)s: there is nothing left for this letter to handle.")
            % {"item": item, "status": item.get_status_display()}
        )
    toelichting = (toelichting or "").strip()
    if existing is not None:
        if (existing.wijze, existing.toelichting) == (wijze, toelichting):
            return existing
        existing.wijze, existing.toelichting = wijze, toelichting
        existing.save(update_fields=["wijze", "toelichting"])
        koppeling, actie = existing, "koppeling_gewijzigd"
    else:
        koppeling = Koppeling.objects.create(
            nota=nota, toezegging=item if toezegging else None, motie=item if motie else None,
            wijze=wijze,
            toelichting=toelichting, gekoppeld_door=by, gekoppeld_op=now,
        )  # fmt: skip
        actie = "koppeling_toegevoegd"
    record_event(
        actie=actie, nota=nota, toezegging=koppeling.toezegging, motie=koppeling.motie,
        acting=acting, now=now, opmerking=f"{item}: {koppeling.get_wijze_display()}",
    )  # fmt: skip
    write_section_g(nota)
    return koppeling


@transaction.atomic
def nota_unlink_commitment(
    *, koppeling: Koppeling, by: Medewerker, now: datetime | None = None
) -> Koppeling:
    """The letter no longer handles the item; the link stays readable, marked unlinked."""
    now = now or timezone.now()
    nota = lock_nota(koppeling.nota)
    acting = check_link_commitments(nota, by, now)
    koppeling = Koppeling.objects.select_for_update().get(pk=koppeling.pk)
    if koppeling.ontkoppeld_op is not None:
        return koppeling
    koppeling.ontkoppeld_op = now
    koppeling.save(update_fields=["ontkoppeld_op"])
    record_event(
        actie="koppeling_verwijderd", nota=nota, toezegging=koppeling.toezegging,
        motie=koppeling.motie, acting=acting, now=now, opmerking=str(koppeling.item),
    )  # fmt: skip
    write_section_g(nota)
    return koppeling


def active_links(nota: Nota):
    return (
        nota.koppelingen.filter(ontkoppeld_op__isnull=True)
        .select_related("toezegging__bron_kamerbrief", "motie")
        .order_by("gekoppeld_op", "pk")
    )


# --- section g of the nota, written from the links -------------------------------------------


def _long_date(day: date) -> str:
    return formats.date_format(day, "j F Y")


def _sentence(text: str) -> str:
    text = " ".join((text or "").split())
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def _toezegging_paragraph(koppeling: Koppeling) -> str:
    toezegging = koppeling.toezegging
    tekst = f"“{_sentence(toezegging.tekst)}”"
    brief = toezegging.bron_kamerbrief
    if toezegging.bron == Toezegging.Bron.BRIEF and brief is not None and brief.datum:
        made = _("In the letter on “%(betreft)s” (%(kenmerk)s, %(datum)s) it was promised: ") % {
            "betreft": brief.betreft,
            "kenmerk": brief.kenmerk,
            "datum": _long_date(brief.datum),
        }
    elif toezegging.bron == Toezegging.Bron.BRIEF:
        made = _("In the letter %(kenmerk)s it was promised: ") % {
            "kenmerk": toezegging.bron_kenmerk
        }
    elif toezegging.bron == Toezegging.Bron.DEBAT and toezegging.debat_datum:
        made = _("In the debate “%(debat)s” of %(datum)s it was promised: ") % {
            "debat": toezegging.debat or toezegging.activiteit_nummer,
            "datum": _long_date(toezegging.debat_datum),
        }
    elif toezegging.bron == Toezegging.Bron.DEBAT:
        made = _("In the debate “%(debat)s” it was promised: ") % {
            "debat": toezegging.debat or toezegging.activiteit_nummer
        }
    else:
        made = _("It was promised: ")
    if koppeling.wijze == Koppeling.Wijze.AFDOEN and toezegging.is_periodiek:
        outcome = _(
            "This commitment is recurring (%(herhaling)s): this letter meets it for now, and it "
            "stays open."
        ) % {"herhaling": toezegging.get_herhaling_display()}
    elif koppeling.wijze == Koppeling.Wijze.AFDOEN:
        outcome = _("This letter discharges this commitment.")
    elif koppeling.wijze == Koppeling.Wijze.DEELS_AFDOEN:
        outcome = _("This letter partly discharges this commitment.")
    else:
        outcome = _("This letter reports on its progress; the commitment stays open.")
    parts = [made + tekst, outcome]
    if koppeling.toelichting:
        parts.append(_sentence(koppeling.toelichting))
    return " ".join(parts)


def _motie_paragraph(koppeling: Koppeling) -> str:
    motie = koppeling.motie
    naam = motie.titel
    if naam.lower().startswith("motie "):
        # Section g is always Dutch: “Motie van het lid …” reads “de motie van het lid …”.
        naam = f"de m{naam[1:]}"
    else:
        naam = _("the motion “%(titel)s”") % {"titel": naam}
    if motie.kamerstuk:
        naam = f"{naam} ({motie.kamerstuk})"
    if koppeling.wijze == Koppeling.Wijze.AFDOEN:
        text = _("This letter discharges %(motie)s.") % {"motie": naam}
    else:
        text = _("This letter reports on the progress of %(motie)s.") % {"motie": naam}
    if koppeling.toelichting:
        text = f"{text} {_sentence(koppeling.toelichting)}"
    return text


def section_g_text(nota: Nota) -> str:
    """Section g (Toezeggingen) of the nota, in Dutch, from its links: '' when there are none."""
    with translation.override("nl"):
        paragraphs = [
            _toezegging_paragraph(k) if k.toezegging_id else _motie_paragraph(k)
            for k in active_links(nota)
        ]
    return "\n\n".join(paragraphs)


def write_section_g(nota: Nota) -> None:
    tekst = section_g_text(nota)
    Toelichtingspunt.objects.filter(nota=nota, punt=Toelichtingspunt.Punt.G).update(
        tekst=tekst, niet_van_toepassing=not tekst
    )
