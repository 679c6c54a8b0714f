"""Moties: registering, editing with their indieners, and the register keeper's actions (in
uitvoering nemen, afdoen, rapporteren, niet uitgevoerd, heropenen).
"""

from collections.abc import Sequence
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from letters.models import Kamerbrief
from workflow.commitments.afdoen import _brief_vastleggen, _handle_motie
from workflow.commitments.basis import (
    M,
    Wijze,
    _kamerstuk,
    _overgang,
    _tk_id,
    as_register_keeper,
    lock_motie,
)
from workflow.handelen import ActionNotAllowed, StateConflict, record_event, require_remark
from workflow.models import (
    Medewerker,
    Motie,
    MotieIndiener,
    StandVanZaken,
)

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
    # What the register's search reads (Motie.zoektekst), written with the indieners.
    motie.indieners_tekst = "\n".join(f"{naam} {fractie}".strip() for _rol, naam, fractie in wanted)
    motie.save(update_fields=["indieners_tekst"])
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
