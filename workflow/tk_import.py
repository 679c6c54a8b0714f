"""Reading toezeggingen and moties from the Tweede Kamer's open data (OData JSON).

A file holds a `value` array of records or one record. A record is a Toezegging, or a Zaak of
Soort `Motie` with its `ZaakActor` and `Besluit` expanded when present (`@odata.type`,
`@odata.context` or the fields tell which), or a Besluit or Stemming with its Zaak (through the
Besluit) expanded, which is followed to the motie it decides. Field names are the Kamer's
(PascalCase, as in ../shared/tk-opendata); fields Parafeer does not know are kept, in
`tk_data`, not refused.

Matching is on the Kamer's `Id`; failing that on its number (`TZ…`, `…Z…`) or the motie's
Kamerstuk, so an item registered by hand is joined rather than duplicated. Each record is
imported in its own transaction: it is taken in whole or rejected with the reason, and the
rest of the file goes on.

What the Kamer says wins only where the Kamer changed it: a field is taken over when the new
record differs from the record imported before, so local work (a deadline moved on by a
periodic discharge, a bewindspersoon chosen by hand, links and notes) survives a re-import of
an unchanged record. On the first import onto an item registered by hand only empty fields are
filled. Known quirks: `DatumNakoming` `0001-01-01T00:00:00Z` means no date; `KamerbriefNakoming`
may occur more than once.
"""

import json
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from workflow.handelen import record_event

from .commitments import set_indieners
from .kamerstuk import (
    KamerstukReferentie,
    OngeldigeKamerId,
    OngeldigeKamerstukReferentie,
    parse_tk_id,
)
from .models import Bewindspersoon, Ministerie, Motie, Toezegging

# Fields that change with every delivery of the feed without the record changing.
VOLATILE = {"ApiGewijzigdOp"}

TOEZEGGING_STATUS = {
    "openstaand": Toezegging.Status.OPENSTAAND,
    "voldaan": Toezegging.Status.VOLDAAN,
    "deels voldaan": Toezegging.Status.DEELS_VOLDAAN,
    "vervallen": Toezegging.Status.VERVALLEN,
}
KABINETSAPPRECIATIE = {
    "overgenomen": Motie.Kabinetsappreciatie.OVERGENOMEN,
    "oordeel kamer": Motie.Kabinetsappreciatie.OORDEEL_KAMER,
    "ontraden": Motie.Kabinetsappreciatie.ONTRADEN,
    "ontraden, tenzij gewijzigd": Motie.Kabinetsappreciatie.ONTRADEN_TENZIJ_GEWIJZIGD,
    "verzocht motie aan te houden": Motie.Kabinetsappreciatie.AANHOUDEN,
    "ontijdig": Motie.Kabinetsappreciatie.ONTIJDIG,
    "geen (expliciete) appreciatie": Motie.Kabinetsappreciatie.GEEN,
    "nog niet bekend": Motie.Kabinetsappreciatie.NOG_NIET_BEKEND,
}
RELATIES = {"IsHerhalingVan": "herhaalt", "IsAanvullingOp": "vult_aan", "IsWijzigingVan": "wijzigt"}


class Afgewezen(Exception):
    """The record is not imported; the message says why, in Dutch."""


@dataclass(frozen=True)
class Afwijzing:
    positie: int
    sleutel: str
    reden: str


@dataclass
class ImportRapport:
    bestand: str
    aangemaakt: int = 0
    bijgewerkt: int = 0
    ongewijzigd: int = 0
    afgewezen: list[Afwijzing] = field(default_factory=list)
    fout: str = ""  # the file as a whole could not be read


# --- reading values --------------------------------------------------------------------------


def _text(record: dict, key: str) -> str:
    value = record.get(key)
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise Afgewezen(_("%(veld)s must be text.") % {"veld": key})
    return " ".join(str(value).split()) if key != "Tekst" else str(value).strip()


def _guid(value, key: str) -> uuid.UUID:
    if not value:
        raise Afgewezen(_("%(veld)s is missing.") % {"veld": key})
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise Afgewezen(
            _("%(veld)s '%(waarde)s' is not an id (GUID) of the House.")
            % {"veld": key, "waarde": value}
        ) from None


def _bool(record: dict, key: str) -> bool:
    value = record.get(key, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise Afgewezen(_("%(veld)s must be true or false.") % {"veld": key})
    return value


def _moment(record: dict, key: str) -> datetime | None:
    value = record.get(key)
    if value in (None, ""):
        return None
    moment = parse_datetime(value) if isinstance(value, str) else None
    if moment is None and isinstance(value, str) and (day := _parse_date(value)):
        moment = datetime(day.year, day.month, day.day)
    if moment is None:
        raise Afgewezen(
            _("%(veld)s '%(waarde)s' is not a date and time.") % {"veld": key, "waarde": value}
        )
    if moment.year == 1:
        # The feed's way of saying "no date" (0001-01-01T00:00:00Z).
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _parse_date(value: str) -> date | None:
    try:
        return parse_date(value)
    except ValueError:
        return None


def _day(record: dict, key: str) -> date | None:
    moment = _moment(record, key)
    return timezone.localtime(moment).date() if moment else None


def _tk_nummer(record: dict, soort: str, required: bool) -> str:
    nummer = _text(record, "Nummer")
    if not nummer:
        if required:
            raise Afgewezen(_("Nummer is missing."))
        return ""
    try:
        tk_id = parse_tk_id(nummer)
    except OngeldigeKamerId as error:
        raise Afgewezen(str(error)) from None
    if tk_id.soort != soort:
        raise Afgewezen(
            _("Nummer '%(nummer)s' is not a number of a %(soort)s.")
            % {"nummer": nummer, "soort": soort}
        )
    return tk_id.waarde


def _expanded(record: dict, key: str) -> list[dict]:
    """An expanded relation as a list of records (OData gives one object or an array)."""
    value = record.get(key)
    if value is None:
        return []
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        return value
    raise Afgewezen(_("%(veld)s must be an expanded record or a list of them.") % {"veld": key})


def _references(record: dict, key: str) -> list[str]:
    """Ids of related records: `Key` as ids or expanded records, or `Key_Id`."""
    value = record.get(key, record.get(f"{key}_Id"))
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    ids = []
    for item in values:
        ref = item.get("Id") if isinstance(item, dict) else item
        ids.append(str(_guid(ref, key)))
    return ids


def _comparable(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in VOLATILE and not k.startswith("@odata")}


def _match_post(*names: str) -> Bewindspersoon | None:
    for name in names:
        name = (name or "").strip().lower()
        if not name:
            continue
        for post in _posts():
            if name in (post.titel.lower(), post.afkorting.lower()):
                return post
    return None


def _posts() -> list[Bewindspersoon]:
    return list(Bewindspersoon.objects.select_related("ministerie"))


def _match_ministerie(name: str) -> Ministerie | None:
    name = re.sub(r"^ministerie van\s+", "", (name or "").strip(), flags=re.IGNORECASE).lower()
    if not name:
        return None
    for ministerie in Ministerie.objects.all():
        long_name = re.sub(r"^ministerie van\s+", "", ministerie.naam, flags=re.IGNORECASE)
        if name in (long_name.lower(), ministerie.afkorting.lower()):
            return ministerie
    return None


def _person_name(persoon: dict) -> str:
    parts = [
        persoon.get("Roepnaam") or persoon.get("Initialen") or persoon.get("Voornamen"),
        persoon.get("Tussenvoegsel"),
        persoon.get("Achternaam"),
    ]
    return " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())


# --- toezeggingen ----------------------------------------------------------------------------

# Fields that only fill an empty local value, never clear one (a match that failed is no news).
ONLY_FILL = {"bewindspersoon", "ministerie"}


def _toezegging_values(record: dict) -> dict:
    verwijderd = _bool(record, "Verwijderd")
    tekst = _text(record, "Tekst")
    if not tekst and not verwijderd:
        raise Afgewezen(_("Tekst is missing: a commitment without text cannot be registered."))
    status_text = _text(record, "Status")
    status = TOEZEGGING_STATUS.get(status_text.lower()) if status_text else None
    if status_text and status is None:
        raise Afgewezen(
            _("Status '%(status)s' is not a status of the House's register.")
            % {"status": status_text}
        )
    activiteit = _text(record, "ActiviteitNummer")
    if activiteit:
        try:
            parsed = parse_tk_id(activiteit)
        except OngeldigeKamerId as error:
            raise Afgewezen(str(error)) from None
        if parsed.soort != "activiteit":
            raise Afgewezen(
                _("ActiviteitNummer '%(nummer)s' is not an activity number.")
                % {"nummer": activiteit}
            )
        activiteit = parsed.waarde
    debat, debat_datum = "", None
    for activity in _expanded(record, "Activiteit")[:1]:
        debat = _text(activity, "Onderwerp") or _text(activity, "Soort")
        debat_datum = _day(activity, "Datum") or _day(activity, "Aanvangstijd")
    nakoming = record.get("KamerbriefNakoming")
    nakomingen = nakoming if isinstance(nakoming, list) else [nakoming]
    for value in nakomingen:
        if value is not None and not isinstance(value, str):
            raise Afgewezen(_("KamerbriefNakoming must be text."))
    aan_persoon = "; ".join(
        _person_name(p) for p in _expanded(record, "ToegezegdAanPersoon") if _person_name(p)
    )
    fracties = _expanded(record, "ToegezegdAanFractie")
    aan_fractie = "; ".join(_text(f, "Afkorting") or _text(f, "NaamNL") for f in fracties)
    functie = _text(record, "Functie")
    return {
        "tk_nummer": _tk_nummer(record, "toezegging", required=False),
        "tekst": tekst,
        "status": status or Toezegging.Status.OPENSTAAND,
        "deadline": _day(record, "DatumNakoming"),
        "activiteit_nummer": activiteit,
        "debat": debat[:300],
        "debat_datum": debat_datum,
        "bron": Toezegging.Bron.DEBAT if (activiteit or debat_datum) else Toezegging.Bron.OVERIG,
        "kamerbrief_nakoming": "; ".join(v.strip() for v in nakomingen if v and v.strip())[:500],
        "aan_persoon": aan_persoon[:200],
        "aan_fractie": aan_fractie[:100],
        "bewindspersoon": _match_post(functie),
        "ministerie": _match_ministerie(_text(record, "Ministerie")),
        "tk_gewijzigd_op": _moment(record, "GewijzigdOp"),
        "tk_verwijderd": verwijderd,
    }


def _find(model, tk_id: uuid.UUID, **natural_keys):
    item = model.objects.select_for_update().filter(tk_id=tk_id).first()
    for key, value in natural_keys.items():
        if item is None and value:
            item = model.objects.select_for_update().filter(tk_id__isnull=True, **{key: value})
            item = item.first()
    return item


def _changes(item, old: dict | None, new: dict) -> dict:
    """The values to write: what the Kamer changed since last time (see the module's doc)."""
    changes = {}
    for name, value in new.items():
        current = getattr(item, name)
        if old is None:
            # First import onto an item registered by hand: only fill what is empty.
            if current in ("", None) and value not in ("", None):
                changes[name] = value
        elif old.get(name) != value and current != value:
            if name in ONLY_FILL and value is None:
                continue
            changes[name] = value
    return changes


def _previous(item, values_of) -> dict | None:
    if item.tk_data is None:
        return None
    try:
        return values_of(item.tk_data)
    except Afgewezen:
        return {}


def _import_toezegging(record: dict, tk_id: uuid.UUID, bestand: str, now) -> tuple[str, object]:
    values = _toezegging_values(record)
    toezegging = _find(Toezegging, tk_id, tk_nummer=values["tk_nummer"])
    if toezegging is None:
        if values["tk_verwijderd"]:
            raise Afgewezen(_("Deleted by the House, and not in the register."))
        if values["tk_nummer"] and Toezegging.objects.filter(tk_nummer=values["tk_nummer"]):
            raise Afgewezen(
                _("Commitment %(nummer)s is already in the register.")
                % {"nummer": values["tk_nummer"]}
            )
        ministerie = values["ministerie"] or (
            values["bewindspersoon"].ministerie if values["bewindspersoon"] else None
        )
        toezegging = Toezegging(
            **{**values, "ministerie": ministerie}, tk_id=tk_id, tk_data=record, aangemaakt_op=now
        )
        if toezegging.status == Toezegging.Status.VERVALLEN:
            toezegging.reden_vervallen = _lapsed_by_the_house()
        toezegging.save()
        record_event(
            actie="tk_geimporteerd", toezegging=toezegging, acting=None, now=now,
            naar=toezegging.status, opmerking=_imported_from(bestand),
        )  # fmt: skip
        return "aangemaakt", toezegging
    return _update(toezegging, record, tk_id, values, _toezegging_values, bestand, now)


# --- moties ----------------------------------------------------------------------------------


def _adopted(record: dict, *, stemming_vereist: bool = False) -> None:
    """Refuses a motie the Kamer did not adopt, when its Besluit says so. A file is taken to
    hold adopted moties; the sync, which reads every motie the Kamer changed, asks for the vote."""
    votes = [
        b
        for b in _expanded(record, "Besluit")
        if not _bool(b, "Verwijderd") and _text(b, "BesluitSoort").lower().startswith("stemmen")
    ]
    if not votes:
        if stemming_vereist:
            raise Afgewezen(_("Not (yet) voted on by the House: not a motion for the register."))
        return
    last = sorted(votes, key=lambda b: str(b.get("GewijzigdOp") or ""))[-1]
    soort = _text(last, "BesluitSoort")
    if "aangenomen" not in soort.lower():
        raise Afgewezen(
            _("Not adopted by the House (%(besluit)s): not a motion for the register.")
            % {"besluit": soort}
        )


def _kamerstuk_of(record: dict) -> str:
    dossiers = _expanded(record, "Kamerstukdossier")
    volgnummer = record.get("Volgnummer")
    if not dossiers or volgnummer in (None, "", -1):
        return ""
    dossier = dossiers[0]
    try:
        referentie = KamerstukReferentie(
            dossiernummer=int(dossier.get("Nummer")),
            toevoeging=_text(dossier, "Toevoeging") or None,
            ondernummer=str(int(volgnummer)),
        )
    except (TypeError, ValueError) as error:
        reden = str(error) if isinstance(error, OngeldigeKamerstukReferentie) else ""
        raise Afgewezen(
            _("The Kamerstuk of this motion cannot be read from Kamerstukdossier and Volgnummer.")
            + (f" {reden}" if reden else "")
        ) from None
    return referentie.canonical()


def _motie_values(record: dict) -> dict:
    soort = _text(record, "Soort")
    if soort.lower() != "motie":
        raise Afgewezen(_("This case is not a motion but “%(soort)s”.") % {"soort": soort or "—"})
    verwijderd = _bool(record, "Verwijderd")
    titel = _text(record, "Titel") or _text(record, "Onderwerp")
    if not titel and not verwijderd:
        raise Afgewezen(_("Titel and Onderwerp are missing: the motion cannot be named."))
    vergaderjaar = _text(record, "Vergaderjaar")
    if vergaderjaar and not re.fullmatch(r"\d{4}-\d{4}", vergaderjaar):
        raise Afgewezen(
            _("Vergaderjaar '%(jaar)s' is not written like 2022-2023.") % {"jaar": vergaderjaar}
        )
    appreciatie = _text(record, "Kabinetsappreciatie")
    indieners, mede, gericht_aan = [], [], []
    for actor in _expanded(record, "ZaakActor"):
        if _bool(actor, "Verwijderd"):
            continue
        relatie = _text(actor, "Relatie").lower()
        fractie = _text(actor, "ActorFractie") or _text(actor, "ActorAfkorting")
        who = (_text(actor, "ActorNaam"), fractie)
        if relatie == "indiener":
            indieners.append(who)
        elif relatie in ("medeindiener", "mede-indiener"):
            mede.append(who)
        elif relatie == "gericht aan":
            gericht_aan += [_text(actor, "Functie"), _text(actor, "ActorNaam")]
    return {
        "tk_zaak_nummer": _tk_nummer(record, "zaak", required=True),
        "titel": titel[:500],
        "onderwerp": _text(record, "Onderwerp")[:500],
        "kamerstuk": _kamerstuk_of(record),
        "vergaderjaar": vergaderjaar,
        "datum": _day(record, "GestartOp"),
        "kabinetsappreciatie": KABINETSAPPRECIATIE.get(appreciatie.lower(), appreciatie[:100]),
        "bewindspersoon": _match_post(*gericht_aan),
        "tk_gewijzigd_op": _moment(record, "GewijzigdOp"),
        "tk_verwijderd": verwijderd,
        "indieners": tuple(indieners),
        "mede_indieners": tuple(mede),
    }


def _import_motie(
    record: dict, tk_id: uuid.UUID, bestand: str, now, *, stemming_vereist: bool = False
) -> tuple[str, object]:
    values = _motie_values(record)
    motie = _find(
        Motie, tk_id, tk_zaak_nummer=values["tk_zaak_nummer"], kamerstuk=values["kamerstuk"]
    )
    if motie is None:
        _adopted(record, stemming_vereist=stemming_vereist)
        if values["tk_verwijderd"]:
            raise Afgewezen(_("Deleted by the House, and not in the register."))
        for key in ("kamerstuk", "tk_zaak_nummer"):
            if values[key] and Motie.objects.filter(**{key: values[key]}).exists():
                raise Afgewezen(
                    _("The motion %(kamerstuk)s is already in the register.")
                    % {"kamerstuk": values[key]}
                )
        indieners, mede = values.pop("indieners"), values.pop("mede_indieners")
        bewindspersoon = values["bewindspersoon"]
        motie = Motie(
            **values, ministerie=bewindspersoon.ministerie if bewindspersoon else None,
            tk_id=tk_id, tk_data=record, aangemaakt_op=now,
        )  # fmt: skip
        motie.save()
        set_indieners(motie, indieners, mede, now)
        record_event(
            actie="tk_geimporteerd", motie=motie, acting=None, now=now, naar=motie.status,
            opmerking=_imported_from(bestand),
        )  # fmt: skip
        return "aangemaakt", motie
    return _update(motie, record, tk_id, values, _motie_values, bestand, now)


# --- both ------------------------------------------------------------------------------------


def _lapsed_by_the_house() -> str:
    return _("Lapsed according to the House's register.")


def _imported_from(bestand: str) -> str:
    return _("Imported from the House's open data (%(bestand)s).") % {"bestand": bestand}


def _update(item, record, tk_id, values, values_of, bestand, now) -> tuple[str, object]:
    if item.tk_data is not None and _comparable(item.tk_data) == _comparable(record):
        return "ongewijzigd", item
    stored = item.tk_gewijzigd_op
    if stored and values["tk_gewijzigd_op"] and values["tk_gewijzigd_op"] < stored:
        return "ongewijzigd", item  # an older delivery than the one already read
    old = _previous(item, values_of)
    indieners = (values.pop("indieners", None), values.pop("mede_indieners", None))
    if old is not None:
        old_indieners = (old.pop("indieners", None), old.pop("mede_indieners", None))
    changes = _changes(item, old, values)
    van = item.status
    status = changes.pop("status", None)
    if status is not None and status != item.status:
        item.volgens_kamer(status)
        if status == Toezegging.Status.VERVALLEN and not item.reden_vervallen:
            item.reden_vervallen = _lapsed_by_the_house()
    for name, value in changes.items():
        setattr(item, name, value)
    if "bewindspersoon" in changes and changes["bewindspersoon"] is not None:
        item.ministerie = changes["bewindspersoon"].ministerie
    item.tk_id, item.tk_data = tk_id, record
    item.save()
    changed = sorted([*changes, *(["status"] if status and status != van else [])])
    if indieners[0] is not None and (old is None or old_indieners != indieners):
        current = item.indieners.filter(vervangen_op__isnull=True).exists()
        if (old is not None or not current) and set_indieners(item, *indieners, now):
            changed.append("indieners")
    kind = {"toezegging": item} if isinstance(item, Toezegging) else {"motie": item}
    record_event(
        actie="tk_bijgewerkt", acting=None, now=now, van=van, naar=item.status,
        opmerking=f"{_imported_from(bestand)} {', '.join(changed)}".strip(), **kind,
    )  # fmt: skip
    return "bijgewerkt", item


def _odata_type(record: dict) -> str:
    return str(record.get("@odata.type") or "").rsplit(".", 1)[-1].lstrip("#")


def _zaken_decided(record: dict, hint: str) -> list[dict] | None:
    """A Besluit or a Stemming (a query that started at the vote) followed to the Zaak it is
    about: that Zaak, with the Besluit among its own. None when the record is neither."""
    soort = _odata_type(record)
    if soort not in ("Besluit", "Stemming"):
        soort = hint if hint in ("Besluit", "Stemming") else ""
    if not soort and "BesluitSoort" in record:
        soort = "Besluit"
    elif not soort and ({"FractieGrootte", "Besluit_Id", "Vergissing"} & record.keys()):
        soort = "Stemming"
    if soort == "Stemming":
        besluiten = _expanded(record, "Besluit")
        if not besluiten:
            raise Afgewezen(
                _("A Stemming without its Besluit expanded: Parafeer cannot tell which motion "
                  "it is about.")
            )  # fmt: skip
        return [zaak for besluit in besluiten for zaak in _zaken_decided(besluit, "Besluit") or []]
    if soort != "Besluit":
        return None
    zaken = _expanded(record, "Zaak")
    if not zaken:
        raise Afgewezen(
            _("A Besluit without its Zaak expanded: Parafeer cannot tell which motion it is about.")
        )
    besluit = {
        k: v for k, v in record.items() if k not in ("Zaak", "Stemming") and not k.startswith("@")
    }
    followed = []
    for zaak in zaken:
        own = _expanded(zaak, "Besluit")
        if not any(str(b.get("Id")) == str(besluit.get("Id")) for b in own):
            own = [*own, besluit]
        followed.append({**zaak, "Besluit": own})
    return followed


def _entity(record: dict, hint: str) -> str:
    odata_type = _odata_type(record)
    for name in ("Toezegging", "Zaak"):
        if odata_type == name:
            return name
    if hint in ("Toezegging", "Zaak"):
        return hint
    if "Soort" in record:
        return "Zaak"
    if {"DatumNakoming", "Tekst", "ActiviteitNummer", "KamerbriefNakoming"} & record.keys():
        return "Toezegging"
    raise Afgewezen(_("Neither a Toezegging nor a Zaak: Parafeer cannot tell what this is."))


def _key(record) -> str:
    if not isinstance(record, dict):
        return ""
    return str(record.get("Nummer") or record.get("Id") or "")


def _link_relations(toezeggingen: Iterable[Toezegging]) -> None:
    """IsHerhalingVan, IsAanvullingOp, IsWijzigingVan between toezeggingen that are here."""
    for toezegging in toezeggingen:
        for key, relation in RELATIES.items():
            try:
                ids = _references(toezegging.tk_data or {}, key)
            except Afgewezen:
                continue
            if ids:
                others = Toezegging.objects.filter(tk_id__in=ids).exclude(pk=toezegging.pk)
                getattr(toezegging, relation).add(*others)


def _import_one(
    record: dict, hint: str, bestand: str, now, stemming_vereist: bool
) -> tuple[str, object]:
    tk_id = _guid(record.get("Id"), "Id")
    if _entity(record, hint) == "Toezegging":
        return _import_toezegging(record, tk_id, bestand, now)
    return _import_motie(record, tk_id, bestand, now, stemming_vereist=stemming_vereist)


def import_records(
    records: list, *, bestand: str, hint: str = "", now=None, stemming_vereist: bool = False
) -> ImportRapport:
    """Imports each record in its own transaction (a savepoint inside the caller's). With
    `stemming_vereist` a motie new to the register is taken only with the Kamer's vote."""
    now = now or timezone.now()
    rapport = ImportRapport(bestand=bestand)
    toezeggingen = []
    for positie, record in enumerate(records, start=1):
        try:
            if not isinstance(record, dict):
                raise Afgewezen(_("This is not a record (a JSON object)."))
            followed = _zaken_decided(record, hint)
            targets = [(r, "Zaak") for r in followed] if followed is not None else [(record, hint)]
            if not targets:
                raise Afgewezen(_("This vote is about no case: nothing to register."))
            with transaction.atomic():
                uitkomsten = [
                    _import_one(target, soort, bestand, now, stemming_vereist)
                    for target, soort in targets
                ]
        except Afgewezen as error:
            rapport.afgewezen.append(Afwijzing(positie, _key(record), str(error)))
            continue
        except IntegrityError as error:
            rapport.afgewezen.append(
                Afwijzing(
                    positie,
                    _key(record),
                    _("It conflicts with what is in the register: %(fout)s") % {"fout": error},
                )
            )
            continue
        for uitkomst, item in uitkomsten:
            setattr(rapport, uitkomst, getattr(rapport, uitkomst) + 1)
            if isinstance(item, Toezegging):
                toezeggingen.append(item)
    with transaction.atomic():
        _link_relations(toezeggingen)
    return rapport


# The Kamer's records nest a few levels (a Zaak with its expanded ZaakActor and Besluit); a file
# nested far deeper is no record of theirs, and would exhaust the parser's recursion.
MAX_NESTING = 32


def _nesting(data) -> int:
    """How deep arrays and objects nest, counted without recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, depth)
            if depth > MAX_NESTING:
                break
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return deepest


def read_records(text: str) -> tuple[list, str]:
    """The records of an OData JSON document, and the entity its context names (if any)."""
    too_deep = _(
        "The file nests more than %(maximum)d levels deep: it is not open data of the House."
    ) % {"maximum": MAX_NESTING}
    try:
        data = json.loads(text)
    except RecursionError:
        raise ValueError(too_deep) from None
    if _nesting(data) > MAX_NESTING:
        raise ValueError(too_deep)
    if isinstance(data, list):
        return data, ""
    if not isinstance(data, dict):
        raise ValueError(_("The file holds neither a record nor a `value` array."))
    match = re.search(r"#(\w+)", str(data.get("@odata.context") or ""))
    hint = match[1] if match else ""
    if "value" in data:
        if not isinstance(data["value"], list):
            raise ValueError(_("`value` is not an array of records."))
        return data["value"], hint
    return [data], hint


def import_file(path: str | Path, *, now=None) -> ImportRapport:
    path = Path(path)
    try:
        records, hint = read_records(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return ImportRapport(bestand=path.name, fout=str(error))
    return import_records(records, bestand=path.name, hint=hint, now=now)


__all__ = ["Afwijzing", "ImportRapport", "import_file", "import_records"]
