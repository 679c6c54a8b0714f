"""Writing notas and Kamerbrieven: creation, versions, afstemming, signing and sending."""

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflow.handelen import (
    Actie,
    Acting,
    ActionNotAllowed,
    StateConflict,
    acting_as_one_of,
    as_office_of,
    notify,
    record_event,
    require_remark,
    today,
)
from workflow.models import Bewindspersoon, Medewerker, Organisatieonderdeel, Rol
from workflow.services import (
    as_opsteller,
    lock_nota,
    require_status,
    route_plan_from_template,
    route_template_for,
)

from .kenmerk import DOCUMENTNUMMER, DOSSIERNUMMER, EERSTE_NUMMER, format_kenmerk, next_number
from .models import (
    Afstemmingsverzoek,
    Bijlageversie,
    Dossier,
    Kamerbrief,
    Kamerbriefbijlage,
    Kamerbriefconcept,
    Kamerbriefversie,
    Nota,
    NotaBijlage,
    NotaBijlageversie,
    Ondertekenaar,
    Toelichtingspunt,
)
from .models.kamerbrief import Bestandsversie, sha256
from .uploads import Upload, check_content

# The fields an opsteller edits on a concept (the rest is set by the process).
EDITABLE_FIELDS = (
    "soort",
    "aan",
    "deadline",
    "deadline_omschrijving",
    "onderwerp",
    "aanleiding",
    "geadviseerd_besluit",
    "kernpunten",
    "niet_openbaar",
)


def sending_unit(onderdeel: Organisatieonderdeel) -> Organisatieonderdeel:
    """The directie a unit belongs to (itself if it is one or has none above it)."""
    node = onderdeel
    while node is not None:
        if node.soort == Organisatieonderdeel.Soort.DIRECTIE:
            return node
        node = node.bovenliggend
    return onderdeel


@transaction.atomic
def nota_create(
    *,
    by: Medewerker,
    aan: Bewindspersoon,
    onderwerp: str,
    soort: str = Nota.Soort.TER_BESLISSING,
    dossier: Dossier | None = None,
    cc: Sequence[Bewindspersoon] = (),
    deadline: date | None = None,
    deadline_omschrijving: str = "",
    bijlagen: Sequence[str] = (),
    documentnummer: int | None = None,
    now: datetime | None = None,
    **sections: str,
) -> Nota:
    """A new concept nota by `by`, in their organisatieonderdeel, with the route of its template.

    `documentnummer` is only for registering a nota numbered elsewhere (the seed nota); new
    notas take the next number. The unique constraint keeps a number from being used twice.
    """
    now = now or timezone.now()
    eigen_onderdeel = by.organisatieonderdeel
    if eigen_onderdeel is None:
        raise ActionNotAllowed(
            _("You are not part of an organisational unit, so you cannot draft a nota.")
        )
    onderwerp = (onderwerp or "").strip()
    if not onderwerp:
        raise ActionNotAllowed(_("Fill in the subject of the nota."))
    unknown = set(sections) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown nota fields: {sorted(unknown)}")
    if dossier is None:
        dossier = Dossier.objects.create(
            nummer=next_number(DOSSIERNUMMER), onderwerp=onderwerp, aangemaakt_op=now
        )
    if documentnummer is None:
        documentnummer = next_number(DOCUMENTNUMMER)
    elif documentnummer >= EERSTE_NUMMER[DOCUMENTNUMMER]:
        # Numbers from there on are the counter's: taking one would block a future nota.
        raise ActionNotAllowed(
            _("Document number %(nummer)s belongs to the numbers Parafeer hands out itself.")
            % {"nummer": documentnummer}
        )
    elif Nota.objects.filter(documentnummer=documentnummer).exists():
        raise ActionNotAllowed(
            _("Document number %(nummer)s is already in use.") % {"nummer": documentnummer}
        )
    sjabloon = route_template_for(eigen_onderdeel, soort)
    # A nota goes out under the directie (the seed: “DGV / PG”, kenmerk …-PG), even when an
    # afdeling within it drafts it.
    onderdeel = sending_unit(eigen_onderdeel)
    nota = Nota.objects.create(
        kenmerk=format_kenmerk(documentnummer, dossier.nummer, onderdeel.code),
        documentnummer=documentnummer,
        dossier=dossier,
        soort=soort,
        aan=aan,
        organisatieonderdeel=onderdeel,
        opsteller=by,
        datum=timezone.localtime(now).date(),
        deadline=deadline,
        deadline_omschrijving=deadline_omschrijving,
        onderwerp=onderwerp,
        opnieuw_paraferen=sjabloon.opnieuw_paraferen if sjabloon else True,
        aangemaakt_op=now,
        **sections,
    )
    nota.cc.set(cc)
    Toelichtingspunt.objects.bulk_create(
        Toelichtingspunt(nota=nota, punt=punt) for punt in Toelichtingspunt.Punt.values
    )
    NotaBijlage.objects.bulk_create(
        NotaBijlage(nota=nota, volgnummer=i, titel=titel)
        for i, titel in enumerate(bijlagen, start=1)
    )
    opmerking = ""
    if sjabloon is not None:
        from workflow.models import RouteStap

        plan = route_plan_from_template(sjabloon=sjabloon, opsteller=by)
        RouteStap.objects.bulk_create(
            RouteStap(nota=nota, volgorde=v, parafeerder=p, omschrijving=o) for v, p, o in plan
        )
        opmerking = _("Route from template “%(naam)s”.") % {"naam": sjabloon.naam}
        opmerking += _absent_in_route([p for _v, p, _o in plan], today(now))
    record_event(
        actie="aangemaakt", nota=nota, acting=Acting(by=by), now=now, naar=nota.status,
        opmerking=opmerking,
    )  # fmt: skip
    return nota


def _absent_in_route(parafeerders: Sequence[Medewerker], on: date) -> str:
    """“ Afwezig: Anton Jansen (vervanger: Dewi Bakker).” for the route's absent office holders:
    the route names the holder, and their vervanger acts for them while they are away."""
    from workflow.models import Vervanging

    vervangingen = {
        v.medewerker_id: v
        for v in Vervanging.objects.filter(
            medewerker__in=parafeerders, van__lte=on, tot__gte=on
        ).select_related("medewerker", "vervanger")
    }
    if not vervangingen:
        return ""
    return " " + _("Absent today: %(wie)s.") % {
        "wie": "; ".join(
            _("%(naam)s (substitute: %(vervanger)s, until %(tot)s)")
            % {"naam": v.medewerker, "vervanger": v.vervanger, "tot": v.tot.strftime("%d-%m-%Y")}
            for v in vervangingen.values()
        )
    }


class BijlagenGewijzigd(ActionNotAllowed):
    """The nota's bijlagen changed after the form that edits their titles was opened."""

    def __init__(self, huidige: list[str]):
        super().__init__(
            _(
                "The attachments changed after you opened this form (a file was added or "
                "withdrawn meanwhile). The list now shows them as they are: check it and save "
                "again."
            )
        )
        self.huidige = huidige


@transaction.atomic
def nota_update(
    *,
    nota: Nota,
    by: Medewerker,
    cc: Sequence[Bewindspersoon] | None = None,
    bijlagen: Sequence[str] | None = None,
    bijlagen_gelezen: Sequence[str] | None = None,
    toelichting: dict[str, tuple[str, bool]] | None = None,
    now: datetime | None = None,
    **fields,
) -> Nota:
    """Edits a concept nota (or one whose besluit asks for changes): only its opsteller.

    `bijlagen_gelezen` is the list of bijlage titles the form showed: when the bijlagen changed
    since (a file added on the bijlagen page, in another tab), the form's list would withdraw or
    retitle them, so the edit is refused with BijlagenGewijzigd.
    """
    now = now or timezone.now()
    nota = lock_nota(nota)
    require_status(nota, Nota.Status.CONCEPT, Nota.Status.AKKOORD_MET_WIJZIGINGEN)
    acting = as_opsteller(nota, by, now)
    if bijlagen is not None and bijlagen_gelezen is not None:
        huidige = [b.titel for b in current_bijlagen(nota)]
        if huidige != list(bijlagen_gelezen):
            raise BijlagenGewijzigd(huidige)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown nota fields: {sorted(unknown)}")
    if nota.status != Nota.Status.CONCEPT:
        # After a besluit only the content changes; who decides, and how, stay as decided.
        fixed = [
            name
            for name in ("aan", "soort")
            if name in fields and fields[name] != getattr(nota, name)
        ]
        if fixed or (cc is not None and set(nota.cc.all()) != set(cc)):
            raise ActionNotAllowed(
                _("After the decision only the content can change: not the addressee, cc or kind.")
            )
    if "onderwerp" in fields and not (fields["onderwerp"] or "").strip():
        raise ActionNotAllowed(_("Fill in the subject of the nota."))
    changed = [name for name, value in fields.items() if getattr(nota, name) != value]
    for name in changed:
        setattr(nota, name, fields[name])
    if changed:
        nota.save(update_fields=changed)
    if cc is not None and set(nota.cc.all()) != set(cc):
        nota.cc.set(cc)
        changed.append("cc")
    if toelichting is not None:
        for punt in nota.toelichting.all():
            if punt.punt in toelichting:
                tekst, nvt = toelichting[punt.punt]
                if (punt.tekst, punt.niet_van_toepassing) != (tekst, nvt):
                    punt.tekst, punt.niet_van_toepassing = tekst, nvt
                    punt.save(update_fields=["tekst", "niet_van_toepassing"])
                    changed.append(f"toelichting {punt.punt}")
    if bijlagen is not None and [b.titel for b in current_bijlagen(nota)] != list(bijlagen):
        _set_bijlagen(nota, bijlagen, now)
        changed.append("bijlagen")
    if changed:
        record_event(
            actie="gewijzigd",
            nota=nota,
            acting=acting,
            now=now,
            opmerking=", ".join(changed),
        )
    return nota


def _set_bijlagen(nota: Nota, titels: Sequence[str], now: datetime) -> None:
    """Makes the nota's bijlagen the list of titles, in that order, without moving a file.

    A bijlage keeps its files under its own title: a title still in the list keeps its bijlage
    wherever it moved; the titles left over on both sides are renames, paired in order; a
    bijlage whose title is gone is withdrawn (never deleted), a new title is a new bijlage.
    """
    existing = list(current_bijlagen(nota))
    by_title: dict[str, list[NotaBijlage]] = {}
    for bijlage in existing:
        by_title.setdefault(bijlage.titel, []).append(bijlage)
    order: list[NotaBijlage | str] = [
        by_title[titel].pop(0) if by_title.get(titel) else titel for titel in titels
    ]
    unmatched = [b for b in existing if b not in order]
    for i, item in enumerate(order):
        if isinstance(item, str) and unmatched:
            bijlage = unmatched.pop(0)
            bijlage.titel = item
            order[i] = bijlage
    for bijlage in unmatched:
        bijlage.ingetrokken_op = now
        bijlage.save(update_fields=["ingetrokken_op"])
    # Numbers move in two steps, so that no two current bijlagen share one in between.
    kept = [item for item in order if not isinstance(item, str)]
    for bijlage in kept:
        bijlage.volgnummer += 1000
        bijlage.save(update_fields=["volgnummer"])
    for nummer, item in enumerate(order, start=1):
        if isinstance(item, str):
            NotaBijlage.objects.create(nota=nota, volgnummer=nummer, titel=item)
        else:
            item.volgnummer = nummer
            item.save(update_fields=["volgnummer", "titel"])


def current_bijlagen(nota: Nota):
    return nota.bijlagen.filter(ingetrokken_op__isnull=True).order_by("volgnummer")


# --- bijlage files: checked, stored once, removed again when the transaction fails ------------


def _accepted(inhoud: bytes, bestandsnaam: str) -> Upload:
    """The upload checks of letters.uploads, as a refusal like any other."""
    try:
        return check_content(inhoud, bestandsnaam)
    except ValidationError as error:
        raise ActionNotAllowed(error.messages[0]) from None


@contextmanager
def files_removed_on_failure() -> Iterator[list[str]]:
    """Collects the names of files stored inside, and removes them again when the block fails.

    Put it outside the transaction: when the transaction rolls back (or its commit fails) no row
    refers to those files any more, so nothing half-written stays behind. Stored names are
    never those of earlier versions (the storage gives a new name rather than overwriting).
    """
    opgeslagen: list[str] = []
    try:
        yield opgeslagen
    except BaseException:
        for naam in opgeslagen:
            default_storage.delete(naam)
        raise


def _store_version(
    model: type[Bestandsversie], bijlage, by, upload: Upload, now, opgeslagen: list[str]
) -> Bestandsversie | None:
    """A new version of the bijlage's file; None when the content equals the latest version."""
    digest = sha256(upload.inhoud)
    latest = model.objects.filter(bijlage=bijlage).order_by("-nummer").first()
    if latest is not None and latest.sha256 == digest:
        return None
    versie = model(
        bijlage=bijlage,
        nummer=(latest.nummer + 1) if latest else 1,
        bestandsnaam=upload.bestandsnaam,
        grootte=len(upload.inhoud),
        sha256=digest,
        auteur=by,
        aangemaakt_op=now,
    )
    versie.bestand.save(upload.bestandsnaam, ContentFile(upload.inhoud), save=False)
    opgeslagen.append(versie.bestand.name)
    versie.save()
    return versie


def _as_nota_bijlagen_editor(nota: Nota, by: Medewerker, now: datetime) -> Acting:
    """Who may change a nota's bijlagen: whoever may edit the nota now (as in nota_update)."""
    require_status(nota, Nota.Status.CONCEPT, Nota.Status.AKKOORD_MET_WIJZIGINGEN)
    return as_opsteller(nota, by, now)


def may_edit_nota_bijlagen(nota: Nota, user: Medewerker, now: datetime | None = None) -> bool:
    try:
        _as_nota_bijlagen_editor(nota, user, now or timezone.now())
    except ActionNotAllowed:
        return False
    return True


def nota_bijlage_add(
    *,
    nota: Nota,
    by: Medewerker,
    titel: str,
    inhoud: bytes,
    bestandsnaam: str,
    now: datetime | None = None,
) -> NotaBijlage:
    """A new bijlage at the end of the nota's list, with its file as version 1."""
    now = now or timezone.now()
    upload = _accepted(inhoud, bestandsnaam)
    titel = (titel or "").strip()
    if not titel:
        raise ActionNotAllowed(_("Give the attachment a title."))
    with files_removed_on_failure() as opgeslagen, transaction.atomic():
        nota = lock_nota(nota)
        acting = _as_nota_bijlagen_editor(nota, by, now)
        last = current_bijlagen(nota).last()
        bijlage = NotaBijlage.objects.create(
            nota=nota, volgnummer=(last.volgnummer + 1) if last else 1, titel=titel
        )
        versie = _store_version(NotaBijlageversie, bijlage, by, upload, now, opgeslagen)
        record_event(
            actie="bijlage_toegevoegd", nota=nota, acting=acting, now=now, opmerking=str(bijlage),
            versie=f"bijlage {bijlage.volgnummer} v{versie.nummer} sha256 {versie.sha256[:16]}",
        )  # fmt: skip
    return bijlage


def nota_bijlage_replace(
    *,
    bijlage: NotaBijlage,
    by: Medewerker,
    inhoud: bytes,
    bestandsnaam: str,
    now: datetime | None = None,
) -> NotaBijlageversie | None:
    """A new version of a nota's bijlage (the first, for one that had a title only); nothing
    happens when the content equals the latest version."""
    now = now or timezone.now()
    upload = _accepted(inhoud, bestandsnaam)
    with files_removed_on_failure() as opgeslagen, transaction.atomic():
        nota = lock_nota(bijlage.nota)
        acting = _as_nota_bijlagen_editor(nota, by, now)
        bijlage = NotaBijlage.objects.get(pk=bijlage.pk)
        if bijlage.ingetrokken_op is not None:
            raise ActionNotAllowed(_("This attachment was withdrawn."))
        versie = _store_version(NotaBijlageversie, bijlage, by, upload, now, opgeslagen)
        if versie is not None:
            record_event(
                actie="bijlage_gewijzigd", nota=nota, acting=acting, now=now,
                opmerking=str(bijlage),
                versie=f"bijlage {bijlage.volgnummer} v{versie.nummer} sha256 {versie.sha256[:16]}",
            )  # fmt: skip
    return versie


@transaction.atomic
def nota_bijlage_withdraw(
    *, bijlage: NotaBijlage, by: Medewerker, now: datetime | None = None
) -> NotaBijlage:
    """Withdraws a bijlage: it leaves the list, its versions stay readable (as the letter's)."""
    now = now or timezone.now()
    nota = lock_nota(bijlage.nota)
    acting = _as_nota_bijlagen_editor(nota, by, now)
    bijlage = NotaBijlage.objects.get(pk=bijlage.pk)
    if bijlage.ingetrokken_op is None:
        bijlage.ingetrokken_op = now
        bijlage.save(update_fields=["ingetrokken_op"])
        record_event(
            actie="bijlage_ingetrokken", nota=nota, acting=acting, now=now, opmerking=str(bijlage)
        )
    return bijlage


# --- Kamerbrieven -----------------------------------------------------------------------------

KB = Kamerbrief.Status
VZ = Afstemmingsverzoek.Status


def lock_kamerbrief(kamerbrief: Kamerbrief) -> Kamerbrief:
    """Locks the nota (when there is one) and then the letter: always in that order."""
    if kamerbrief.nota_id:
        Nota.objects.select_for_update(of=("self",)).filter(pk=kamerbrief.nota_id).first()
    return (
        Kamerbrief.objects.select_for_update(of=("self",))
        .select_related("nota", "afzender", "nota__opsteller", "nota__organisatieonderdeel")
        .get(pk=kamerbrief.pk)
    )


def _as_letter_writer(kamerbrief: Kamerbrief, by: Medewerker, now: datetime) -> Acting:
    if kamerbrief.nota is None:
        raise ActionNotAllowed(
            _("This letter was registered from before Parafeer: it is read-only.")
        )
    return as_opsteller(kamerbrief.nota, by, now)


def _as_office_for(
    bewindspersoon: Bewindspersoon, by: Medewerker, now: datetime, what: str
) -> Acting:
    acting = as_office_of(bewindspersoon.pk, by, now)
    if acting is None:
        raise ActionNotAllowed(
            _("Only the office of the %(bewindspersoon)s may %(what)s.")
            % {"bewindspersoon": bewindspersoon, "what": what}
        )
    return acting


def _require_letter_status(kamerbrief: Kamerbrief, *allowed: str) -> None:
    if kamerbrief.status not in allowed:
        raise ActionNotAllowed(
            _("This is not possible now: the letter is %(status)s.")
            % {"status": kamerbrief.get_status_display()}
        )


def current_version(kamerbrief: Kamerbrief) -> Kamerbriefversie:
    return kamerbrief.versies.order_by("-nummer").first()


def current_bijlagen_of(kamerbrief: Kamerbrief):
    return kamerbrief.bijlagen.filter(ingetrokken_op__isnull=True).order_by("volgnummer")


@dataclass(frozen=True)
class Pakket:
    """The versions an akkoord is given on: the letter's and every current bijlage's."""

    briefversie: Kamerbriefversie
    bijlageversies: dict[str, int]  # bijlage id (as JSON keys are strings) → version id

    @property
    def digest(self) -> str:
        parts = [f"brief:{self.briefversie.pk}"] + [
            f"bijlage:{b}:{v}" for b, v in sorted(self.bijlageversies.items())
        ]
        return sha256("|".join(parts))

    def describe(self) -> str:
        """For the history's version column (100 characters): with many bijlagen, the digest
        names the pakket instead (the request keeps every version id)."""
        text = f"brief v{self.briefversie.nummer}; " + "; ".join(
            f"bijlage {b} versie {v}" for b, v in sorted(self.bijlageversies.items())
        )
        if len(text) > 100:
            text = f"brief v{self.briefversie.nummer}; pakket {self.digest[:16]}"
        return text


def _prefetched(instance, name: str) -> list | None:
    """The related objects a page prefetched, or None: services always read fresh rows."""
    cache = getattr(instance, "_prefetched_objects_cache", {})
    return list(cache[name]) if name in cache else None


def current_pakket(kamerbrief: Kamerbrief) -> Pakket:
    versies = _prefetched(kamerbrief, "versies")
    bijlagen = _prefetched(kamerbrief, "bijlagen")
    if (
        versies is not None
        and bijlagen is not None
        and all(_prefetched(b, "versies") is not None for b in bijlagen)
    ):
        latest = {}
        for bijlage in bijlagen:
            bijlage_versies = _prefetched(bijlage, "versies")
            if bijlage.ingetrokken_op is None and bijlage_versies:
                latest[str(bijlage.pk)] = max(bijlage_versies, key=lambda v: v.nummer).pk
        return Pakket(briefversie=max(versies, key=lambda v: v.nummer), bijlageversies=latest)
    latest = {}
    for versie in Bijlageversie.objects.filter(
        bijlage__kamerbrief=kamerbrief, bijlage__ingetrokken_op__isnull=True
    ).order_by("bijlage_id", "nummer"):
        latest[str(versie.bijlage_id)] = versie.pk
    return Pakket(briefversie=current_version(kamerbrief), bijlageversies=latest)


def _new_version(kamerbrief, by, tekst, voetnoten, now) -> Kamerbriefversie | None:
    voetnoten = [v.strip() for v in voetnoten if v and v.strip()]
    if not (tekst or "").strip():
        raise ActionNotAllowed(_("The letter has no text: write the letter before saving."))
    digest = Kamerbriefversie.hash_of(tekst, voetnoten)
    latest = current_version(kamerbrief)
    if latest is not None and latest.sha256 == digest:
        return None
    return Kamerbriefversie.objects.create(
        kamerbrief=kamerbrief,
        nummer=(latest.nummer + 1) if latest else 1,
        tekst=tekst,
        voetnoten=voetnoten,
        sha256=digest,
        auteur=by,
        aangemaakt_op=now,
    )


@transaction.atomic
def kamerbrief_create(
    *,
    nota: Nota,
    by: Medewerker,
    betreft: str,
    tekst: str,
    voetnoten: Sequence[str] = (),
    medeondertekenaars: Sequence[Bewindspersoon] = (),
    vorm: str = Kamerbrief.Vorm.MEDE_NAMENS,
    geadresseerde: str = Kamerbrief.Geadresseerde.TWEEDE_KAMER,
    afzender: Bewindspersoon | None = None,
    geplande_verzenddatum: date | None = None,
    uw_brief_kenmerk: str = "",
    uw_brief_datum: date | None = None,
    koppelingen_behouden: Sequence[int] | None = None,
    now: datetime | None = None,
) -> Kamerbrief:
    """The Kamerbrief a nota submits, drafted by the nota's opsteller.

    `koppelingen_behouden`: the ids of the nota's links (toezeggingen, moties) the letter
    handles, when the form offered them; the nota's other links are unlinked in the same
    transaction. None leaves the links as they are.
    """
    from workflow.commitments import nota_unlink_commitment

    now = now or timezone.now()
    nota = lock_nota(nota)
    acting = _check_create(nota, by, now)
    betreft = (betreft or "").strip()
    if not betreft:
        raise ActionNotAllowed(_("Fill in what the letter is about (betreft)."))
    afzender = afzender or nota.aan
    medeondertekenaars = list(dict.fromkeys(medeondertekenaars))
    if afzender in medeondertekenaars:
        raise ActionNotAllowed(
            _("The %(bewindspersoon)s sends the letter, so cannot also be a co-signer.")
            % {"bewindspersoon": afzender}
        )
    if vorm not in Kamerbrief.Vorm.values:
        raise ActionNotAllowed(_("Choose how the letter is signed."))
    if geadresseerde not in Kamerbrief.Geadresseerde.values:
        raise ActionNotAllowed(_("Choose the chamber the letter goes to."))
    uw_brief_kenmerk = (uw_brief_kenmerk or "").strip()
    if uw_brief_datum is not None and uw_brief_datum > today(now):
        raise ActionNotAllowed(
            _("The date of “Uw brief” lies in the future: give the date of the request.")
        )
    if koppelingen_behouden is not None:
        for koppeling in nota.koppelingen.filter(ontkoppeld_op__isnull=True).exclude(
            pk__in=list(koppelingen_behouden)
        ):
            nota_unlink_commitment(koppeling=koppeling, by=by, now=now)
    documentnummer = next_number(DOCUMENTNUMMER)
    kamerbrief = Kamerbrief.objects.create(
        nota=nota,
        kenmerk=format_kenmerk(documentnummer, nota.dossier.nummer, nota.organisatieonderdeel.code),
        documentnummer=documentnummer,
        afzender=afzender,
        geadresseerde=geadresseerde,
        vorm=vorm,
        betreft=betreft,
        geplande_verzenddatum=geplande_verzenddatum,
        uw_brief_kenmerk=uw_brief_kenmerk,
        uw_brief_datum=uw_brief_datum,
        aangemaakt_op=now,
    )
    kamerbrief.medeondertekenaars.set(medeondertekenaars)
    versie = _new_version(kamerbrief, by, tekst, voetnoten, now)
    record_event(
        actie="kamerbrief_aangemaakt", nota=nota, kamerbrief=kamerbrief, acting=acting, now=now,
        naar=kamerbrief.status, versie=f"brief v{versie.nummer}",
    )  # fmt: skip
    return kamerbrief


def _check_create(
    nota: Nota, by: Medewerker, now: datetime, *, has_letter: bool | None = None
) -> Acting:
    """Who may give the nota its letter, and when: its opsteller, once, not ter kennisname.
    `has_letter`: whether the nota has its letter, when the caller read that already."""
    acting = as_opsteller(nota, by, now)
    if nota.is_final:
        raise ActionNotAllowed(
            _("The nota is %(status)s: it cannot get a letter.")
            % {"status": nota.get_status_display()}
        )
    if nota.soort == Nota.Soort.TER_INFORMATIE:
        raise ActionNotAllowed(
            _("A nota for information (ter kennisname) carries no letter to parliament.")
        )
    if has_letter is None:
        has_letter = Kamerbrief.objects.filter(nota=nota).exists()
    if has_letter:
        raise ActionNotAllowed(_("This nota already has a letter."))
    return acting


def kamerbrief_create_refusal(
    nota: Nota, user: Medewerker, now: datetime | None = None, *, has_letter: bool | None = None
):
    """Why the user may not create the nota's letter now (in Dutch), or None when they may."""
    try:
        _check_create(nota, user, now or timezone.now(), has_letter=has_letter)
    except ActionNotAllowed as refusal:
        return refusal.message
    return None


def _editable(kamerbrief: Kamerbrief, by: Medewerker, now: datetime) -> Acting:
    acting = _as_letter_writer(kamerbrief, by, now)
    _require_letter_status(kamerbrief, KB.CONCEPT, KB.IN_AFSTEMMING, KB.GEREED_VOOR_ONDERTEKENING)
    return acting


class BriefGewijzigd(ActionNotAllowed):
    """A newer version of the letter was saved after the editor was opened (another tab, or a
    DOCX upload): saving would silently overwrite it, so the edit is refused."""

    def __init__(self, basis: Kamerbriefversie, huidige: Kamerbriefversie):
        super().__init__(
            _(
                "Version %(nieuw)s of the letter was saved after you opened the editor on "
                "version %(oud)s (in another tab or window). Your text is not saved as a "
                "version: compare it with what changed, work the changes into your text and "
                "save again."
            )
            % {"nieuw": huidige.nummer, "oud": basis.nummer}
        )
        self.basis = basis
        self.huidige = huidige


@transaction.atomic
def kamerbrief_edit(
    *,
    kamerbrief: Kamerbrief,
    by: Medewerker,
    tekst: str,
    voetnoten: Sequence[str] = (),
    remark: str = "",
    basisversie: int | None = None,
    now: datetime | None = None,
) -> Kamerbrief:
    """Saves the letter's text as a new version (when it changed); akkoorden on the old lapse.

    `basisversie` is the version number the editor was opened on: when a newer version exists
    the edit is refused with BriefGewijzigd (as nota_update does with `bijlagen_gelezen`).
    """
    now = now or timezone.now()
    kamerbrief = lock_kamerbrief(kamerbrief)
    acting = _editable(kamerbrief, by, now)
    latest = current_version(kamerbrief)
    if basisversie is not None and latest.nummer != basisversie:
        basis = kamerbrief.versies.filter(nummer=basisversie).first()
        if basis is None:
            raise ActionNotAllowed(_("The letter has no version %(n)s.") % {"n": basisversie})
        raise BriefGewijzigd(basis, latest)
    versie = _new_version(kamerbrief, by, tekst, voetnoten, now)
    if versie is not None:
        record_event(
            actie="kamerbrief_gewijzigd", nota=kamerbrief.nota, kamerbrief=kamerbrief,
            acting=acting, now=now, versie=f"brief v{versie.nummer}", opmerking=remark,
        )  # fmt: skip
        _renew_afstemming(kamerbrief, acting, now)
        Kamerbriefconcept.objects.filter(kamerbrief=kamerbrief).update(
            basisversie=versie.nummer, tekst=versie.tekst, voetnoten=versie.voetnoten,
            auteur=by, bijgewerkt_op=now,
        )  # fmt: skip
    return kamerbrief


@transaction.atomic
def kamerbrief_draft_save(
    *,
    kamerbrief: Kamerbrief,
    by: Medewerker,
    tekst: str,
    voetnoten: Sequence[str] = (),
    basisversie: int,
    now: datetime | None = None,
) -> Kamerbriefconcept:
    """The editor's autosave: overwrites the letter's one draft. No version, no history, no
    lapsed akkoorden; only whoever may edit the letter saves one."""
    now = now or timezone.now()
    kamerbrief = lock_kamerbrief(kamerbrief)
    _editable(kamerbrief, by, now)
    concept, _created = Kamerbriefconcept.objects.update_or_create(
        kamerbrief=kamerbrief,
        defaults={
            "basisversie": basisversie,
            "tekst": tekst or "",
            "voetnoten": [v for v in voetnoten if v and v.strip()],
            "auteur": by,
            "bijgewerkt_op": now,
        },
    )
    return concept


@transaction.atomic
def kamerbrief_import_docx(
    *,
    kamerbrief: Kamerbrief,
    by: Medewerker,
    inhoud: bytes,
    bestandsnaam: str = "brief.docx",
    now: datetime | None = None,
) -> Kamerbriefversie | None:
    """The text of an edited DOCX export (letters.docx) as the letter's next version, through
    kamerbrief_edit. None when it holds the same letter as the current version: an export
    uploaded again unedited changes nothing."""
    from . import docx
    from .uploads import DOCX

    now = now or timezone.now()
    upload = _accepted(inhoud, bestandsnaam)
    if upload.soort != DOCX:
        raise ActionNotAllowed(
            _("Upload the letter as a Word document (DOCX), not as %(soort)s.")
            % {"soort": upload.soort.label}
        )
    kamerbrief = lock_kamerbrief(kamerbrief)
    _editable(kamerbrief, by, now)
    try:
        gelezen = docx.read_kamerbrief_docx(upload.inhoud)
    except docx.NotALetter:
        raise ActionNotAllowed(
            _(
                "This document is not an exported letter: the lines “%(aanhef)s” and "
                "“%(slot)s” around the body are missing. Download the letter as DOCX, edit it "
                "and keep those two lines."
            )
            % {"aanhef": docx.AANHEF, "slot": docx.SLOT}
        ) from None
    except Exception:  # python-docx raises several kinds for a damaged document
        raise ActionNotAllowed(
            _("“%(naam)s” cannot be read as a Word document: save it again in Word and retry.")
            % {"naam": upload.bestandsnaam}
        ) from None
    latest = current_version(kamerbrief)
    same = Kamerbriefversie.hash_of(gelezen.tekst, gelezen.voetnoten) == (
        Kamerbriefversie.hash_of(
            docx.canonical(latest.tekst), [" ".join(v.split()) for v in latest.voetnoten]
        )
    )
    if same:
        return None
    kamerbrief_edit(
        kamerbrief=kamerbrief, by=by, tekst=gelezen.tekst, voetnoten=gelezen.voetnoten, now=now,
        remark=_("Imported from %(naam)s.") % {"naam": upload.bestandsnaam},
    )  # fmt: skip
    new = current_version(kamerbrief)
    return new if new.pk != latest.pk else None


def may_edit_kamerbrief(kamerbrief: Kamerbrief, user: Medewerker, now: datetime | None = None):
    """Whether the user may change the letter's text and bijlagen now (the rule of _editable)."""
    try:
        _editable(kamerbrief, user, now or timezone.now())
    except ActionNotAllowed:
        return False
    return True


def kamerbrief_bijlage_add(
    *,
    kamerbrief: Kamerbrief,
    by: Medewerker,
    titel: str,
    inhoud: bytes,
    bestandsnaam: str,
    now: datetime | None = None,
) -> Kamerbriefbijlage:
    now = now or timezone.now()
    upload = _accepted(inhoud, bestandsnaam)
    titel = (titel or "").strip()
    if not titel:
        raise ActionNotAllowed(_("Give the attachment a title."))
    with files_removed_on_failure() as opgeslagen, transaction.atomic():
        kamerbrief = lock_kamerbrief(kamerbrief)
        acting = _editable(kamerbrief, by, now)
        last = current_bijlagen_of(kamerbrief).last()
        bijlage = Kamerbriefbijlage.objects.create(
            kamerbrief=kamerbrief, volgnummer=(last.volgnummer + 1) if last else 1, titel=titel
        )
        versie = _store_version(Bijlageversie, bijlage, by, upload, now, opgeslagen)
        record_event(
            actie="bijlage_toegevoegd", nota=kamerbrief.nota, kamerbrief=kamerbrief,
            acting=acting, now=now, opmerking=str(bijlage),
            versie=f"bijlage {bijlage.volgnummer} v{versie.nummer} sha256 {versie.sha256[:16]}",
        )  # fmt: skip
        _renew_afstemming(kamerbrief, acting, now)
    return bijlage


def kamerbrief_bijlage_replace(
    *,
    bijlage: Kamerbriefbijlage,
    by: Medewerker,
    inhoud: bytes,
    bestandsnaam: str,
    now: datetime | None = None,
) -> Bijlageversie | None:
    """A new version of a bijlage; nothing happens when the content is the same."""
    now = now or timezone.now()
    upload = _accepted(inhoud, bestandsnaam)
    with files_removed_on_failure() as opgeslagen, transaction.atomic():
        kamerbrief = lock_kamerbrief(bijlage.kamerbrief)
        acting = _editable(kamerbrief, by, now)
        bijlage = Kamerbriefbijlage.objects.get(pk=bijlage.pk)
        if bijlage.ingetrokken_op is not None:
            raise ActionNotAllowed(_("This attachment was withdrawn."))
        versie = _store_version(Bijlageversie, bijlage, by, upload, now, opgeslagen)
        if versie is not None:
            record_event(
                actie="bijlage_gewijzigd", nota=kamerbrief.nota, kamerbrief=kamerbrief,
                acting=acting, now=now, opmerking=str(bijlage),
                versie=f"bijlage {bijlage.volgnummer} v{versie.nummer} sha256 {versie.sha256[:16]}",
            )  # fmt: skip
            _renew_afstemming(kamerbrief, acting, now)
    return versie


@transaction.atomic
def kamerbrief_bijlage_withdraw(
    *, bijlage: Kamerbriefbijlage, by: Medewerker, now: datetime | None = None
) -> Kamerbriefbijlage:
    now = now or timezone.now()
    kamerbrief = lock_kamerbrief(bijlage.kamerbrief)
    acting = _editable(kamerbrief, by, now)
    bijlage = Kamerbriefbijlage.objects.get(pk=bijlage.pk)
    if bijlage.ingetrokken_op is None:
        bijlage.ingetrokken_op = now
        bijlage.save(update_fields=["ingetrokken_op"])
        record_event(
            actie="bijlage_ingetrokken", nota=kamerbrief.nota, kamerbrief=kamerbrief,
            acting=acting, now=now, opmerking=str(bijlage),
        )  # fmt: skip
        _renew_afstemming(kamerbrief, acting, now)
    return bijlage


def _request(kamerbrief, bewindspersoon, pakket: Pakket, now, deadline, vorig=None):
    return Afstemmingsverzoek.objects.create(
        kamerbrief=kamerbrief,
        bewindspersoon=bewindspersoon,
        briefversie=pakket.briefversie,
        bijlageversies=pakket.bijlageversies,
        pakket=pakket.digest,
        vorig_verzoek=vorig,
        deadline=deadline,
        aangevraagd_op=now,
    )


def _office_ids_of(bewindspersoon_ids) -> list[int]:
    return list(
        Medewerker.objects.filter(bureau_van_id__in=bewindspersoon_ids, is_active=True).values_list(
            "pk", flat=True
        )
    )


@transaction.atomic
def kamerbrief_start_afstemming(
    *,
    kamerbrief: Kamerbrief,
    by: Medewerker,
    deadline: date | None = None,
    deadlines: Mapping[int, date] | None = None,
    now: datetime | None = None,
) -> Kamerbrief:
    """Asks every co-signer's office, in parallel, for akkoord on the current versions.

    `deadlines` gives each office its own deadline (by bewindspersoon id; the form shows the
    default of default_afstemming_deadline); otherwise all share `deadline`, or the planned one.
    A deadline before today is refused.
    """
    now = now or timezone.now()
    kamerbrief = lock_kamerbrief(kamerbrief)
    acting = _as_letter_writer(kamerbrief, by, now)
    _require_letter_status(kamerbrief, KB.CONCEPT)
    cosigners = list(kamerbrief.medeondertekenaars.order_by("ministerie__afkorting", "afkorting"))
    if deadline is None and deadlines is None:
        from workflow.deadlines import afstemming_deadline

        deadline = afstemming_deadline(kamerbrief)
    per_office = {b.pk: (deadlines or {}).get(b.pk, deadline) for b in cosigners}
    for bewindspersoon in cosigners:
        gevraagd = per_office[bewindspersoon.pk]
        if deadlines is not None and gevraagd is None:
            raise ActionNotAllowed(
                _("Give the office of the %(bewindspersoon)s a deadline.")
                % {"bewindspersoon": bewindspersoon}
            )
        if deadlines is not None and gevraagd < today(now):
            raise ActionNotAllowed(
                _(
                    "The deadline for the %(bewindspersoon)s (%(datum)s) lies in the past: "
                    "give a date from today on."
                )
                % {"bewindspersoon": bewindspersoon, "datum": gevraagd.strftime("%d-%m-%Y")}
            )
    pakket = current_pakket(kamerbrief)
    van = kamerbrief.status
    kamerbrief.afstemming_starten()
    kamerbrief.save(update_fields=["status"])
    gestart = record_event(
        actie="afstemming_gestart", nota=kamerbrief.nota, kamerbrief=kamerbrief, acting=acting,
        now=now, van=van, naar=kamerbrief.status, versie=pakket.describe(),
        opmerking=", ".join(b.afkorting for b in cosigners),
    )  # fmt: skip
    for bewindspersoon in cosigners:
        verzoek = _request(kamerbrief, bewindspersoon, pakket, now, per_office[bewindspersoon.pk])
        record_event(
            actie="afstemming_aangevraagd", kamerbrief=kamerbrief, afstemmingsverzoek=verzoek,
            acting=acting, now=now, naar=verzoek.status, versie=pakket.describe(),
            opmerking=str(bewindspersoon),
        )  # fmt: skip
    # The event's remark lists the co-signers; the mail has no remark of a person to quote.
    notify(
        kamerbrief, "afstemming_aangevraagd", _office_ids_of([b.pk for b in cosigners]),
        aanleiding=gestart,
    )  # fmt: skip
    _check_ready(kamerbrief, acting, now)
    return kamerbrief


def _renew_afstemming(kamerbrief: Kamerbrief, acting: Acting, now: datetime) -> None:
    """After a change: every request on an older pakket lapses and a new one goes out."""
    if kamerbrief.status not in (KB.IN_AFSTEMMING, KB.GEREED_VOOR_ONDERTEKENING):
        return
    pakket = current_pakket(kamerbrief)
    renewed = []
    for verzoek in kamerbrief.afstemmingsverzoeken.select_for_update().filter(
        status__in=Afstemmingsverzoek.GELDIG
    ):
        if verzoek.pakket == pakket.digest:
            continue
        van = verzoek.status
        verzoek.vervallen()
        verzoek.save(update_fields=["status"])
        record_event(
            actie="afstemming_vervallen", kamerbrief=kamerbrief, afstemmingsverzoek=verzoek,
            acting=acting, now=now, van=van, naar=verzoek.status,
            opmerking=_("The documents changed after this request."),
        )  # fmt: skip
        nieuw = _request(kamerbrief, verzoek.bewindspersoon, pakket, now, verzoek.deadline, verzoek)
        aangevraagd = record_event(
            actie="afstemming_aangevraagd", kamerbrief=kamerbrief, afstemmingsverzoek=nieuw,
            acting=acting, now=now, naar=nieuw.status, versie=pakket.describe(),
            opmerking=str(nieuw.bewindspersoon),
        )  # fmt: skip
        renewed.append(nieuw.bewindspersoon_id)
        # Each office hears of its own new request (the event names the bewindspersoon).
        notify(
            kamerbrief, "afstemming_opnieuw_aangevraagd", _office_ids_of([nieuw.bewindspersoon_id]),
            aanleiding=aangevraagd,
        )  # fmt: skip
    if renewed and kamerbrief.status == KB.GEREED_VOOR_ONDERTEKENING:
        kamerbrief.terug_in_afstemming()
        kamerbrief.save(update_fields=["status"])
        record_event(
            actie="terug_in_afstemming", nota=kamerbrief.nota, kamerbrief=kamerbrief,
            acting=acting, now=now, van=KB.GEREED_VOOR_ONDERTEKENING, naar=kamerbrief.status,
        )  # fmt: skip


def missing_for_signing(kamerbrief: Kamerbrief) -> list[str]:
    """What still stands between the letter and its signature, in Dutch; empty when nothing."""
    missing = []
    nota = kamerbrief.nota
    if nota is not None and nota.status != Nota.Status.AKKOORD:
        missing.append(
            _("The decision of the %(bewindspersoon)s on nota %(kenmerk)s is not akkoord yet.")
            % {"bewindspersoon": nota.aan, "kenmerk": nota.kenmerk}
        )
    digest = current_pakket(kamerbrief).digest
    verzoeken = _prefetched(kamerbrief, "afstemmingsverzoeken")
    if verzoeken is None:
        verzoeken = kamerbrief.afstemmingsverzoeken.filter(status__in=Afstemmingsverzoek.GELDIG)
    current = {v.bewindspersoon_id: v for v in verzoeken if v.status in Afstemmingsverzoek.GELDIG}
    cosigners = _prefetched(kamerbrief, "medeondertekenaars")
    if cosigners is None:
        cosigners = kamerbrief.medeondertekenaars.select_related("ministerie")
    for bewindspersoon in sorted(cosigners, key=lambda b: (b.ministerie.afkorting, b.afkorting)):
        verzoek = current.get(bewindspersoon.pk)
        if verzoek is not None and verzoek.status == VZ.NIET_AKKOORD:
            missing.append(
                _("The %(bewindspersoon)s does not agree: %(opmerking)s")
                % {"bewindspersoon": bewindspersoon, "opmerking": verzoek.opmerking}
            )
        elif (
            verzoek is None
            or verzoek.status not in Afstemmingsverzoek.AKKOORDEN
            or (verzoek.pakket != digest)
        ):
            missing.append(
                _("Akkoord of the %(bewindspersoon)s is still missing.")
                % {"bewindspersoon": bewindspersoon}
            )
    return missing


def _check_ready(kamerbrief: Kamerbrief, acting: Acting | None, now: datetime) -> None:
    if kamerbrief.status == KB.IN_AFSTEMMING and not missing_for_signing(kamerbrief):
        kamerbrief.gereed_melden()
        kamerbrief.save(update_fields=["status"])
        gereed = record_event(
            actie="gereed_voor_ondertekening", nota=kamerbrief.nota, kamerbrief=kamerbrief,
            acting=acting, now=now, van=KB.IN_AFSTEMMING, naar=kamerbrief.status,
            versie=current_pakket(kamerbrief).describe(),
        )  # fmt: skip
        notify(
            kamerbrief, "gereed_voor_ondertekening", _office_ids_of([kamerbrief.afzender_id]),
            aanleiding=gereed,
        )  # fmt: skip


def kamerbrief_check_ready(*, nota: Nota, acting: Acting | None, now: datetime) -> None:
    """Called by the nota's services after its besluit: the letter may now be ready."""
    kamerbrief = Kamerbrief.objects.filter(nota=nota).first()
    if kamerbrief is not None:
        _check_ready(lock_kamerbrief(kamerbrief), acting, now)


ANTWOORDEN = {
    VZ.AKKOORD: "akkoord",
    VZ.AKKOORD_MET_OPMERKINGEN: "akkoord_met_opmerkingen",
    VZ.NIET_AKKOORD: "niet_akkoord",
}


@transaction.atomic
def afstemming_answer(
    *,
    verzoek: Afstemmingsverzoek,
    by: Medewerker,
    antwoord: str,
    remark: str = "",
    now: datetime | None = None,
) -> Afstemmingsverzoek:
    """The co-signer's office answers: akkoord, akkoord met opmerkingen or niet akkoord."""
    now = now or timezone.now()
    kamerbrief = lock_kamerbrief(verzoek.kamerbrief)
    verzoek = (
        Afstemmingsverzoek.objects.select_for_update()
        .select_related("bewindspersoon")
        .get(pk=verzoek.pk)
    )
    acting = _as_office_for(verzoek.bewindspersoon, by, now, _("answer this request"))
    if verzoek.status != VZ.AANGEVRAAGD:
        raise StateConflict(
            _("This request has already been dealt with: it is %(status)s.")
            % {"status": verzoek.get_status_display()}
        )
    if antwoord not in ANTWOORDEN:
        raise ActionNotAllowed(_("Unknown answer: choose one of the options."))
    remark = (remark or "").strip()
    if antwoord != VZ.AKKOORD:
        require_remark(remark, _("Give your remarks with this answer."))
    getattr(verzoek, ANTWOORDEN[antwoord])()
    verzoek.beantwoord_op = now
    verzoek.beantwoord_door = by
    verzoek.opmerking = remark
    verzoek.save(update_fields=["status", "beantwoord_op", "beantwoord_door", "opmerking"])
    beantwoord = record_event(
        actie=f"afstemming_{antwoord}", kamerbrief=kamerbrief, afstemmingsverzoek=verzoek,
        acting=acting, now=now, van=VZ.AANGEVRAAGD, naar=verzoek.status, opmerking=remark,
        versie=f"brief v{verzoek.briefversie.nummer}",
    )  # fmt: skip
    if kamerbrief.nota_id:
        notify(
            kamerbrief, f"afstemming_{antwoord}", [kamerbrief.nota.opsteller_id],
            aanleiding=beantwoord, opmerking=remark,
        )  # fmt: skip
    _check_ready(kamerbrief, acting, now)
    return verzoek


@transaction.atomic
def kamerbrief_sign(
    *, kamerbrief: Kamerbrief, by: Medewerker, now: datetime | None = None
) -> Kamerbrief:
    """Ondertekenen, by the sender's office: only when every akkoord holds on these versions."""
    now = now or timezone.now()
    kamerbrief = lock_kamerbrief(kamerbrief)
    acting = _as_office_for(kamerbrief.afzender, by, now, _("sign this letter"))
    missing = missing_for_signing(kamerbrief)
    if missing:
        raise ActionNotAllowed(_("The letter cannot be signed yet: ") + " ".join(missing))
    _require_letter_status(kamerbrief, KB.GEREED_VOOR_ONDERTEKENING)
    kamerbrief.ondertekenen()
    kamerbrief.save(update_fields=["status"])
    record_event(
        actie="ondertekend", nota=kamerbrief.nota, kamerbrief=kamerbrief, acting=acting, now=now,
        van=KB.GEREED_VOOR_ONDERTEKENING, naar=kamerbrief.status,
        versie=current_pakket(kamerbrief).describe(),
    )  # fmt: skip
    return kamerbrief


@transaction.atomic
def kamerbrief_send(
    *, kamerbrief: Kamerbrief, by: Medewerker, now: datetime | None = None
) -> Kamerbrief:
    """Verzenden: dates the letter, freezes its signatories, completes the nota and afdoet
    the commitments it discharges."""
    from workflow.commitments import discharge_by_letter
    from workflow.services import nota_complete

    now = now or timezone.now()
    kamerbrief = lock_kamerbrief(kamerbrief)
    acting = _as_office_for(kamerbrief.afzender, by, now, _("send this letter"))
    _require_letter_status(kamerbrief, KB.ONDERTEKEND)
    datum = today(now)
    kamerbrief.verzenden()
    kamerbrief.datum = datum
    kamerbrief.save(update_fields=["status", "datum"])
    _freeze_signatories(kamerbrief, datum)
    record_event(
        actie="verzonden", nota=kamerbrief.nota, kamerbrief=kamerbrief, acting=acting, now=now,
        van=KB.ONDERTEKEND, naar=kamerbrief.status, versie=current_pakket(kamerbrief).describe(),
    )  # fmt: skip
    if kamerbrief.nota is not None and kamerbrief.nota.status == Nota.Status.AKKOORD:
        nota_complete(
            nota=kamerbrief.nota, by=None, now=now,
            remark=_("Letter %(kenmerk)s sent.") % {"kenmerk": kamerbrief.kenmerk},
        )  # fmt: skip
    discharge_by_letter(kamerbrief=kamerbrief, acting=acting, now=now)
    # A programme's voortgangsrapportage attached to this letter is reported with it.
    from programma.services import rondes_reported_by

    rondes_reported_by(kamerbrief=kamerbrief, acting=acting, now=now)
    return kamerbrief


def signatory_posts(kamerbrief: Kamerbrief) -> list[tuple[Bewindspersoon, str]]:
    """The posts that sign the letter, in the order they are printed, each with its role."""
    rol = (
        Ondertekenaar.Rol.MEDE_NAMENS
        if kamerbrief.vorm == Kamerbrief.Vorm.MEDE_NAMENS
        else Ondertekenaar.Rol.MEDEONDERTEKENAAR
    )
    return [(kamerbrief.afzender, Ondertekenaar.Rol.AFZENDER)] + [
        (b, rol)
        for b in kamerbrief.medeondertekenaars.order_by("ministerie__afkorting", "afkorting")
    ]


def _freeze_signatories(kamerbrief: Kamerbrief, datum: date) -> None:
    posts = signatory_posts(kamerbrief)
    for volgorde, (post, post_rol) in enumerate(posts, start=1):
        holder = post.holder_on(datum)
        if holder is None:
            raise ActionNotAllowed(
                _(
                    "Nobody holds the post of %(post)s on %(datum)s: "
                    "record the term of office first."
                )
                % {"post": post, "datum": datum.strftime("%d-%m-%Y")}
            )
        Ondertekenaar.objects.create(
            kamerbrief=kamerbrief, volgorde=volgorde, bewindspersoon=post, rol=post_rol,
            naam=holder.naam, titel=post.titel,
        )  # fmt: skip


@transaction.atomic
def kamerbrief_publish(
    *,
    kamerbrief: Kamerbrief,
    by: Medewerker,
    kamerstuk: str,
    tk_document_id: str = "",
    publicatiedatum: date | None = None,
    now: datetime | None = None,
) -> Kamerbrief:
    """Parliamentary coordination registers the Kamerstuk the Kamer published the letter as,
    and when (not before the letter was sent, not after today)."""
    from workflow.kamerstuk import (
        OngeldigeKamerId,
        OngeldigeKamerstukReferentie,
        parse_kamerstuk,
        parse_tk_id,
    )

    now = now or timezone.now()
    kamerbrief = lock_kamerbrief(kamerbrief)
    if not by.has_rol(Rol.PARLEMENTAIRE_COORDINATIE):
        raise ActionNotAllowed(_("Only parliamentary coordination registers the publication."))
    _require_letter_status(kamerbrief, KB.VERZONDEN)
    try:
        referentie = parse_kamerstuk(kamerstuk)
        tk_id = parse_tk_id(tk_document_id) if tk_document_id.strip() else None
    except (OngeldigeKamerstukReferentie, OngeldigeKamerId) as error:
        raise ActionNotAllowed(str(error)) from None
    if tk_id is not None and tk_id.soort != "document":
        raise ActionNotAllowed(
            _("%(id)s is not a document id of the House (like 2022D47993).") % {"id": tk_id.waarde}
        )
    if publicatiedatum is not None and publicatiedatum > today(now):
        raise ActionNotAllowed(_("The publication date lies in the future."))
    if publicatiedatum is not None and kamerbrief.datum and publicatiedatum < kamerbrief.datum:
        raise ActionNotAllowed(
            _("The publication date lies before the letter was sent (%(datum)s).")
            % {"datum": kamerbrief.datum.strftime("%d-%m-%Y")}
        )
    kamerbrief.publiceren()
    kamerbrief.kamerstuk = referentie.canonical()
    kamerbrief.tk_document_id = tk_id.waarde if tk_id else ""
    kamerbrief.publicatiedatum = publicatiedatum
    kamerbrief.save(update_fields=["status", "kamerstuk", "tk_document_id", "publicatiedatum"])
    record_event(
        actie="gepubliceerd", kamerbrief=kamerbrief, acting=Acting(by=by), now=now,
        van=KB.VERZONDEN, naar=kamerbrief.status, opmerking=kamerbrief.kamerstuk,
    )  # fmt: skip
    return kamerbrief


@transaction.atomic
def kamerbrief_withdraw(
    *, kamerbrief: Kamerbrief, by: Medewerker, remark: str, now: datetime | None = None
) -> Kamerbrief:
    now = now or timezone.now()
    kamerbrief = lock_kamerbrief(kamerbrief)
    acting = _as_letter_writer(kamerbrief, by, now)
    remark = require_remark(remark, _("Give the reason for withdrawing the letter."))
    if kamerbrief.status not in (
        KB.CONCEPT,
        KB.IN_AFSTEMMING,
        KB.GEREED_VOOR_ONDERTEKENING,
        KB.ONDERTEKEND,
    ):
        raise ActionNotAllowed(
            _("This is not possible now: the letter is %(status)s.")
            % {"status": kamerbrief.get_status_display()}
        )
    van = kamerbrief.status
    kamerbrief.intrekken()
    kamerbrief.save(update_fields=["status"])
    for verzoek in kamerbrief.afstemmingsverzoeken.filter(status__in=Afstemmingsverzoek.GELDIG):
        verzoek.intrekken()
        verzoek.save(update_fields=["status"])
    record_event(
        actie="kamerbrief_ingetrokken", nota=kamerbrief.nota, kamerbrief=kamerbrief,
        acting=acting, now=now, van=van, naar=kamerbrief.status, opmerking=remark,
    )  # fmt: skip
    return kamerbrief


@transaction.atomic
def kamerbrief_register_sent(
    *,
    by: Medewerker,
    kenmerk: str,
    afzender: Bewindspersoon,
    medeondertekenaars: Sequence[Bewindspersoon],
    vorm: str,
    betreft: str,
    tekst: str,
    datum: date,
    voetnoten: Sequence[str] = (),
    now: datetime | None = None,
) -> Kamerbrief:
    """Registers a letter sent before Parafeer (e.g. the 2022 letter the seed case refers to)."""
    now = now or timezone.now()
    documentnummer = int(kenmerk.split("-")[0])
    if Kamerbrief.objects.filter(kenmerk=kenmerk).exists():
        raise ActionNotAllowed(
            _("A letter with kenmerk %(kenmerk)s already exists.") % {"kenmerk": kenmerk}
        )
    kamerbrief = Kamerbrief(
        kenmerk=kenmerk, documentnummer=documentnummer, afzender=afzender, vorm=vorm,
        betreft=betreft, datum=datum, status=KB.VERZONDEN, aangemaakt_op=now,
    )  # fmt: skip
    kamerbrief.save()
    kamerbrief.medeondertekenaars.set(medeondertekenaars)
    _new_version(kamerbrief, by, tekst, voetnoten, now)
    _freeze_signatories(kamerbrief, datum)
    record_event(
        actie="geregistreerd", kamerbrief=kamerbrief, acting=Acting(by=by), now=now,
        naar=kamerbrief.status,
        opmerking=_("Sent on %(datum)s, registered afterwards.")
        % {"datum": datum.strftime("%d-%m-%Y")},
    )  # fmt: skip
    return kamerbrief


# --- the Woo export -------------------------------------------------------------------------------


@transaction.atomic
def nota_woo_export(*, nota: Nota, by: Medewerker, now: datetime | None = None) -> bytes:
    """The Woo export of a finished dossier (letters.woo): a zip, recorded in the nota's history
    with who made it, when, and the digest of what they got."""
    from workflow.selectors import nota_for_detail

    from . import woo

    now = now or timezone.now()
    locked = lock_nota(nota)
    if not woo.may_export(by, locked, today(now)):
        raise ActionNotAllowed(
            _(
                "Only parliamentary coordination, a beheerder or the drafter of the nota may "
                "export the dossier for the Woo."
            )
        )
    reason = woo.unfinished_reason(locked)
    if reason:
        raise ActionNotAllowed(reason)
    try:
        dossier = nota_for_detail(by, locked.pk)
    except Nota.DoesNotExist:
        raise ActionNotAllowed(_("You may not see this nota.")) from None
    inhoud = woo.build_woo_export(dossier, now=now)
    acting = acting_as_one_of(by, [locked.opsteller_id], today(now)) or Acting(by=by)
    record_event(
        actie="woo_export", nota=locked, acting=acting, now=now,
        opmerking=_("Exported for the Woo: %(naam)s") % {"naam": woo.zip_name(locked)},
        versie=f"zip sha256 {sha256(inhoud)[:16]}",
    )  # fmt: skip
    return inhoud


# --- what a person may do on a letter now (the UI shows exactly these) ---------------------------

ONDERTEKENEN = Actie("ondertekenen", gettext_lazy("Sign"))
VERZENDEN = Actie("verzenden", gettext_lazy("Send"))
ANTWOORD_ACTIES = [
    Actie(VZ.AKKOORD, gettext_lazy("Agree")),
    Actie(VZ.AKKOORD_MET_OPMERKINGEN, gettext_lazy("Agree with remarks"), remark_required=True),
    Actie(VZ.NIET_AKKOORD, gettext_lazy("Do not agree"), remark_required=True),
]


def letter_actions(kamerbrief: Kamerbrief, user: Medewerker, now: datetime | None = None):
    now = now or timezone.now()
    if as_office_of(kamerbrief.afzender_id, user, now) is None:
        return []
    if kamerbrief.status == KB.GEREED_VOOR_ONDERTEKENING and not missing_for_signing(kamerbrief):
        return [ONDERTEKENEN]
    if kamerbrief.status == KB.ONDERTEKEND:
        return [VERZENDEN]
    return []


def open_request_for(
    kamerbrief: Kamerbrief, user: Medewerker, now: datetime | None = None
) -> Afstemmingsverzoek | None:
    """The request this user's office (or the office they stand in for) may answer now."""
    now = now or timezone.now()
    for verzoek in kamerbrief.afstemmingsverzoeken.all():
        if verzoek.status == VZ.AANGEVRAAGD and as_office_of(verzoek.bewindspersoon_id, user, now):
            return verzoek
    return None


# --- managing the afstemming: co-signers added or dropped, an office reminded now ---------------

# Until the letter is signed its co-signers can change; the signature is given on them.
COSIGNERS_CHANGEABLE = (KB.CONCEPT, KB.IN_AFSTEMMING, KB.GEREED_VOOR_ONDERTEKENING)


def _require_cosigners_changeable(kamerbrief: Kamerbrief) -> None:
    if kamerbrief.status not in COSIGNERS_CHANGEABLE:
        raise ActionNotAllowed(
            _("The co-signers can no longer change: the letter is %(status)s.")
            % {"status": kamerbrief.get_status_display()}
        )


def may_manage_afstemming(kamerbrief: Kamerbrief, user: Medewerker, now=None) -> bool:
    """Whether the user may add or drop co-signers and remind offices (the opsteller, or their
    vervanger, until the letter is signed)."""
    if kamerbrief.status not in COSIGNERS_CHANGEABLE:
        return False
    try:
        _as_letter_writer(kamerbrief, user, now or timezone.now())
    except ActionNotAllowed:
        return False
    return True


@transaction.atomic
def kamerbrief_add_cosigner(
    *,
    kamerbrief: Kamerbrief,
    by: Medewerker,
    bewindspersoon: Bewindspersoon,
    remark: str,
    deadline: date | None = None,
    now: datetime | None = None,
) -> Kamerbrief:
    """A co-signer added before signing, with the reason; once afstemming runs, their office is
    asked at once on the current versions (and a letter that was ready is no longer)."""
    now = now or timezone.now()
    kamerbrief = lock_kamerbrief(kamerbrief)
    acting = _as_letter_writer(kamerbrief, by, now)
    _require_cosigners_changeable(kamerbrief)
    remark = require_remark(remark, _("Give the reason for adding this co-signer."))
    if bewindspersoon.pk == kamerbrief.afzender_id:
        raise ActionNotAllowed(
            _("The %(bewindspersoon)s sends the letter and cannot also be a co-signer.")
            % {"bewindspersoon": bewindspersoon}
        )
    if kamerbrief.medeondertekenaars.filter(pk=bewindspersoon.pk).exists():
        raise ActionNotAllowed(
            _("The %(bewindspersoon)s is already a co-signer of this letter.")
            % {"bewindspersoon": bewindspersoon}
        )
    if deadline is not None and deadline < today(now):
        raise ActionNotAllowed(
            _("The deadline %(datum)s has passed: choose a date from today on.")
            % {"datum": deadline.strftime("%d-%m-%Y")}
        )
    kamerbrief.medeondertekenaars.add(bewindspersoon)
    record_event(
        actie="medeondertekenaar_toegevoegd", nota=kamerbrief.nota, kamerbrief=kamerbrief,
        acting=acting, now=now, opmerking=f"{bewindspersoon}: {remark}",
    )  # fmt: skip
    if kamerbrief.status in (KB.IN_AFSTEMMING, KB.GEREED_VOOR_ONDERTEKENING):
        if deadline is None:
            from workflow.deadlines import afstemming_deadline

            deadline = afstemming_deadline(kamerbrief)
        pakket = current_pakket(kamerbrief)
        verzoek = _request(kamerbrief, bewindspersoon, pakket, now, deadline)
        gevraagd = record_event(
            actie="afstemming_aangevraagd", kamerbrief=kamerbrief, afstemmingsverzoek=verzoek,
            acting=acting, now=now, naar=verzoek.status, versie=pakket.describe(),
            opmerking=str(bewindspersoon),
        )  # fmt: skip
        if kamerbrief.status == KB.GEREED_VOOR_ONDERTEKENING:
            kamerbrief.terug_in_afstemming()
            kamerbrief.save(update_fields=["status"])
            record_event(
                actie="terug_in_afstemming", nota=kamerbrief.nota, kamerbrief=kamerbrief,
                acting=acting, now=now, van=KB.GEREED_VOOR_ONDERTEKENING, naar=kamerbrief.status,
            )  # fmt: skip
        notify(
            kamerbrief, "afstemming_aangevraagd", _office_ids_of([bewindspersoon.pk]),
            aanleiding=gevraagd,
        )  # fmt: skip
    return kamerbrief


@transaction.atomic
def kamerbrief_drop_cosigner(
    *,
    kamerbrief: Kamerbrief,
    by: Medewerker,
    bewindspersoon: Bewindspersoon,
    remark: str,
    now: datetime | None = None,
) -> Kamerbrief:
    """A co-signer dropped before signing, with the reason: their open request (or answer) is
    withdrawn and stays readable; the letter may now be ready for signature."""
    now = now or timezone.now()
    kamerbrief = lock_kamerbrief(kamerbrief)
    acting = _as_letter_writer(kamerbrief, by, now)
    _require_cosigners_changeable(kamerbrief)
    remark = require_remark(remark, _("Give the reason for dropping this co-signer."))
    if not kamerbrief.medeondertekenaars.filter(pk=bewindspersoon.pk).exists():
        raise ActionNotAllowed(
            _("The %(bewindspersoon)s is not a co-signer of this letter (any more).")
            % {"bewindspersoon": bewindspersoon}
        )
    kamerbrief.medeondertekenaars.remove(bewindspersoon)
    record_event(
        actie="medeondertekenaar_verwijderd", nota=kamerbrief.nota, kamerbrief=kamerbrief,
        acting=acting, now=now, opmerking=f"{bewindspersoon}: {remark}",
    )  # fmt: skip
    for verzoek in kamerbrief.afstemmingsverzoeken.select_for_update().filter(
        bewindspersoon=bewindspersoon, status__in=Afstemmingsverzoek.GELDIG
    ):
        van = verzoek.status
        verzoek.intrekken()
        verzoek.save(update_fields=["status"])
        record_event(
            actie="afstemming_ingetrokken", kamerbrief=kamerbrief, afstemmingsverzoek=verzoek,
            acting=acting, now=now, van=van, naar=verzoek.status, opmerking=remark,
        )  # fmt: skip
    _check_ready(kamerbrief, acting, now)
    return kamerbrief


@dataclass(frozen=True)
class Herinnerd:
    """What "Nu herinneren" did: how many reminders it wrote (0: already reminded today)."""

    verzoek: Afstemmingsverzoek
    aantal: int


def afstemming_remind(
    *, verzoek: Afstemmingsverzoek, by: Medewerker, now: datetime | None = None
) -> Herinnerd:
    """ "Nu herinneren": a reminder to everyone in the office (or their vervanger) through the
    reminder outbox, once per request and day — a second click writes nothing."""
    from workflow.models import Soort
    from workflow.reminders import remind_now

    now = now or timezone.now()
    with transaction.atomic():
        kamerbrief = lock_kamerbrief(verzoek.kamerbrief)
        acting = _as_letter_writer(kamerbrief, by, now)
        verzoek = Afstemmingsverzoek.objects.select_related("bewindspersoon").get(pk=verzoek.pk)
        if verzoek.status != VZ.AANGEVRAAGD:
            raise ActionNotAllowed(
                _("There is nothing to remind of: the request is %(status)s.")
                % {"status": verzoek.get_status_display()}
            )
        ontvangers = _office_ids_of([verzoek.bewindspersoon_id])
        if not ontvangers:
            raise ActionNotAllowed(
                _("Nobody works in the office of the %(bewindspersoon)s: ask the beheerder.")
                % {"bewindspersoon": verzoek.bewindspersoon}
            )
        aantal = remind_now(
            item_type=Soort.AFSTEMMING, item_id=verzoek.pk, kenmerk=kamerbrief.kenmerk,
            recipient_ids=ontvangers, now=now,
        )  # fmt: skip
        if aantal:
            record_event(
                actie="afstemming_herinnerd", kamerbrief=kamerbrief, afstemmingsverzoek=verzoek,
                acting=acting, now=now, opmerking=str(verzoek.bewindspersoon),
            )  # fmt: skip
    return Herinnerd(verzoek=verzoek, aantal=aantal)


def _refusal(check) -> str | None:
    try:
        check()
    except ActionNotAllowed as refusal:
        return refusal.message
    return None


def afstemming_start_refusal(kamerbrief: Kamerbrief, user: Medewerker, now=None) -> str | None:
    """Why the user may not start the letter's afstemming now, or None (the rule of
    kamerbrief_start_afstemming)."""
    now = now or timezone.now()
    return _refusal(
        lambda: (
            _as_letter_writer(kamerbrief, user, now),
            _require_letter_status(kamerbrief, KB.CONCEPT),
        )
    )


def withdraw_refusal(kamerbrief: Kamerbrief, user: Medewerker, now=None) -> str | None:
    now = now or timezone.now()
    return _refusal(
        lambda: (
            _as_letter_writer(kamerbrief, user, now),
            _require_letter_status(
                kamerbrief,
                KB.CONCEPT,
                KB.IN_AFSTEMMING,
                KB.GEREED_VOOR_ONDERTEKENING,
                KB.ONDERTEKEND,
            ),
        )
    )


def publish_refusal(kamerbrief: Kamerbrief, user: Medewerker) -> str | None:
    if not user.has_rol(Rol.PARLEMENTAIRE_COORDINATIE):
        return _("Only parliamentary coordination registers the publication.")
    return _refusal(lambda: _require_letter_status(kamerbrief, KB.VERZONDEN))


def edit_refusal(kamerbrief: Kamerbrief, user: Medewerker, now=None) -> str | None:
    return _refusal(lambda: _editable(kamerbrief, user, now or timezone.now()))
