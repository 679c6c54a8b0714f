"""Bijlagen of a nota and of a Kamerbrief: added, replaced by a new version, withdrawn; files
checked before they are stored and removed again when the transaction fails.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from letters.models import (
    Bijlageversie,
    Kamerbrief,
    Kamerbriefbijlage,
    Nota,
    NotaBijlage,
    NotaBijlageversie,
)
from letters.models.kamerbrief import Bestandsversie, sha256
from letters.uploads import Upload
from workflow.handelen import (
    Acting,
    ActionNotAllowed,
    record_event,
)
from workflow.models import (
    Medewerker,
)
from workflow.services.basis import _accepted, as_opsteller, lock_nota, require_status
from workflow.services.kamerbrief import (
    _editable,
    _renew_afstemming,
    current_bijlagen_of,
    lock_kamerbrief,
)
from workflow.services.opstellen import current_bijlagen


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
