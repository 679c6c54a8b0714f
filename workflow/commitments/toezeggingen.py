"""Toezeggingen: registering, editing, and the register keeper's actions (afdoen, rapporteren,
laten vervallen, heropenen).
"""

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from letters.models import Kamerbrief
from workflow.commitments.afdoen import _brief_vastleggen, _handle_toezegging
from workflow.commitments.basis import (
    LETTER_SENT,
    T,
    Wijze,
    _overgang,
    _tk_id,
    as_register_keeper,
    lock_toezegging,
)
from workflow.handelen import ActionNotAllowed, StateConflict, record_event, require_remark
from workflow.models import (
    Bewindspersoon,
    Medewerker,
    StandVanZaken,
    Toezegging,
)

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
