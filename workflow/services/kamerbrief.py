"""The Kamerbrief as a document in progress: created from its nota, its versions and drafts, its
package (text and bijlagen), and when it is ready for signing.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from letters import docx
from letters.kenmerk import DOCUMENTNUMMER, format_kenmerk, next_number
from letters.models import (
    Afstemmingsverzoek,
    Bijlageversie,
    Kamerbrief,
    Kamerbriefconcept,
    Kamerbriefversie,
    Nota,
)
from letters.models.kamerbrief import sha256
from letters.uploads import DOCX
from workflow.commitments import nota_unlink_commitment
from workflow.handelen import (
    Acting,
    ActionNotAllowed,
    as_office_of,
    notify,
    record_event,
    today,
)
from workflow.models import (
    Bewindspersoon,
    Medewerker,
)
from workflow.services.basis import _accepted, as_opsteller, lock_nota

# --- bijlage files: checked, stored once, removed again when the transaction fails ------------


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


def as_kamerbrief_bewerker(kamerbrief: Kamerbrief, by: Medewerker, now: datetime) -> Acting:
    """Who may change a letter's text and bijlagen now: the one rule for editing a letter."""
    acting = _as_letter_writer(kamerbrief, by, now)
    _require_letter_status(kamerbrief, *Kamerbrief.BEWERKBAAR)
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
    acting = as_kamerbrief_bewerker(kamerbrief, by, now)
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
    as_kamerbrief_bewerker(kamerbrief, by, now)
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

    now = now or timezone.now()
    upload = _accepted(inhoud, bestandsnaam)
    if upload.soort != DOCX:
        raise ActionNotAllowed(
            _("Upload the letter as a Word document (DOCX), not as %(soort)s.")
            % {"soort": upload.soort.label}
        )
    kamerbrief = lock_kamerbrief(kamerbrief)
    as_kamerbrief_bewerker(kamerbrief, by, now)
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
    """Whether as_kamerbrief_bewerker lets the user change the letter now (for the buttons)."""
    try:
        as_kamerbrief_bewerker(kamerbrief, user, now or timezone.now())
    except ActionNotAllowed:
        return False
    return True


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


# --- the Woo export -------------------------------------------------------------------------------


# --- what a person may do on a letter now (the UI shows exactly these) ---------------------------


# --- managing the afstemming: co-signers added or dropped, an office reminded now ---------------


def _refusal(check) -> str | None:
    try:
        check()
    except ActionNotAllowed as refusal:
        return refusal.message
    return None


def edit_refusal(kamerbrief: Kamerbrief, user: Medewerker, now=None) -> str | None:
    return _refusal(lambda: as_kamerbrief_bewerker(kamerbrief, user, now or timezone.now()))
