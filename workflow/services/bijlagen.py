"""Bijlagen of a nota and of a Kamerbrief: added, replaced by a new version, withdrawn; files
checked before they are stored and removed again when the transaction fails. The text of every
version is read once, before the document is locked, and stored beside the version for the
search (a file whose text cannot be read is stored all the same, its text empty and marked so).
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from letters.models import (
    Bijlagetekst,
    Bijlageversie,
    Kamerbrief,
    Kamerbriefbijlage,
    Nota,
    NotaBijlage,
    NotaBijlagetekst,
    NotaBijlageversie,
)
from letters.models.kamerbrief import Bestandsversie, Versietekst, sha256
from letters.tekst import Gelezen, lees
from letters.uploads import Upload
from workflow.handelen import (
    Acting,
    ActionNotAllowed,
    record_event,
)
from workflow.models import (
    Medewerker,
)
from workflow.services.basis import (
    _accepted,
    as_nota_bewerker,
    lock_nota,
)
from workflow.services.kamerbrief import (
    _renew_afstemming,
    as_kamerbrief_bewerker,
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
    document: "_Document", bijlage, by, upload: Upload, gelezen: Gelezen, now,
    opgeslagen: list[str],
) -> Bestandsversie | None:  # fmt: skip
    """A new version of the bijlage's file, with its text; None when the content equals the
    latest version."""
    model = document.versie_model
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
    document.tekst_model.objects.create(
        versie=versie, tekst=gelezen.tekst, uitkomst=gelezen.uitkomst, gelezen_op=now
    )
    return versie


@dataclass(frozen=True)
class _Document:
    """What differs between a nota's bijlagen and a letter's: everything else is one service."""

    bijlage_model: type[NotaBijlage] | type[Kamerbriefbijlage]
    versie_model: type[Bestandsversie]
    tekst_model: type[Versietekst]  # the text of a version, one row beside it
    veld: str  # the bijlage's foreign key to its document
    vergrendel: Callable[[Any], Any]  # locks the document (and what must be locked before it)
    bewerker: Callable[[Any, Medewerker, datetime], Acting]  # who may change it now, or refuses
    huidige: Callable[[Any], QuerySet]  # its bijlagen that are not withdrawn, in order
    na_wijziging: Callable[[Any, Acting, datetime], None]  # what a change sets off
    historie: Callable[[Any], dict[str, Any]]  # where the history event is written


NOTA = _Document(
    bijlage_model=NotaBijlage, versie_model=NotaBijlageversie, tekst_model=NotaBijlagetekst,
    veld="nota",
    vergrendel=lock_nota, bewerker=as_nota_bewerker, huidige=current_bijlagen,
    na_wijziging=lambda nota, acting, now: None,
    historie=lambda nota: {"nota": nota},
)  # fmt: skip

KAMERBRIEF = _Document(
    bijlage_model=Kamerbriefbijlage, versie_model=Bijlageversie, tekst_model=Bijlagetekst,
    veld="kamerbrief",
    vergrendel=lock_kamerbrief, bewerker=as_kamerbrief_bewerker, huidige=current_bijlagen_of,
    # A changed bijlage is a changed pakket: the afstemming on the old one lapses.
    na_wijziging=_renew_afstemming,
    historie=lambda kamerbrief: {"nota": kamerbrief.nota, "kamerbrief": kamerbrief},
)  # fmt: skip


def _versie_label(bijlage, versie: Bestandsversie) -> str:
    return f"bijlage {bijlage.volgnummer} v{versie.nummer} sha256 {versie.sha256[:16]}"


def bijlage_toevoegen(
    document: _Document, item, *, by: Medewerker, titel: str, inhoud: bytes, bestandsnaam: str,
    now: datetime | None = None,
):  # fmt: skip
    """A new bijlage at the end of the document's list, with its file as version 1."""
    now = now or timezone.now()
    upload = _accepted(inhoud, bestandsnaam)
    titel = (titel or "").strip()
    if not titel:
        raise ActionNotAllowed(_("Give the attachment a title."))
    gelezen = lees(upload.bestandsnaam, upload.inhoud)  # before the lock: it may take a while
    with files_removed_on_failure() as opgeslagen, transaction.atomic():
        item = document.vergrendel(item)
        acting = document.bewerker(item, by, now)
        last = document.huidige(item).last()
        bijlage = document.bijlage_model.objects.create(
            **{document.veld: item}, volgnummer=(last.volgnummer + 1) if last else 1, titel=titel
        )
        versie = _store_version(document, bijlage, by, upload, gelezen, now, opgeslagen)
        assert versie is not None  # the first version always differs from none
        record_event(
            actie="bijlage_toegevoegd", acting=acting, now=now, opmerking=str(bijlage),
            versie=_versie_label(bijlage, versie), **document.historie(item),
        )  # fmt: skip
        document.na_wijziging(item, acting, now)
    return bijlage


def bijlage_vervangen(
    document: _Document, bijlage, *, by: Medewerker, inhoud: bytes, bestandsnaam: str,
    now: datetime | None = None,
):  # fmt: skip
    """A new version of a bijlage (the first, for a nota's that had a title only); nothing happens
    when the content equals the latest version."""
    now = now or timezone.now()
    upload = _accepted(inhoud, bestandsnaam)
    gelezen = lees(upload.bestandsnaam, upload.inhoud)  # before the lock: it may take a while
    with files_removed_on_failure() as opgeslagen, transaction.atomic():
        item = document.vergrendel(getattr(bijlage, document.veld))
        acting = document.bewerker(item, by, now)
        bijlage = document.bijlage_model.objects.get(pk=bijlage.pk)
        if bijlage.ingetrokken_op is not None:
            raise ActionNotAllowed(_("This attachment was withdrawn."))
        versie = _store_version(document, bijlage, by, upload, gelezen, now, opgeslagen)
        if versie is not None:
            record_event(
                actie="bijlage_gewijzigd", acting=acting, now=now, opmerking=str(bijlage),
                versie=_versie_label(bijlage, versie), **document.historie(item),
            )  # fmt: skip
            document.na_wijziging(item, acting, now)
    return versie


@transaction.atomic
def bijlage_intrekken(document: _Document, bijlage, *, by: Medewerker, now: datetime | None = None):
    """Withdraws a bijlage: it leaves the list, its versions stay readable."""
    now = now or timezone.now()
    item = document.vergrendel(getattr(bijlage, document.veld))
    acting = document.bewerker(item, by, now)
    bijlage = document.bijlage_model.objects.get(pk=bijlage.pk)
    if bijlage.ingetrokken_op is None:
        bijlage.ingetrokken_op = now
        bijlage.save(update_fields=["ingetrokken_op"])
        record_event(
            actie="bijlage_ingetrokken", acting=acting, now=now, opmerking=str(bijlage),
            **document.historie(item),
        )  # fmt: skip
        document.na_wijziging(item, acting, now)
    return bijlage


# The names the pages, the API and the tests call, one per document kind.


def nota_bijlage_add(*, nota: Nota, **kwargs) -> NotaBijlage:
    return bijlage_toevoegen(NOTA, nota, **kwargs)


def nota_bijlage_replace(*, bijlage: NotaBijlage, **kwargs) -> NotaBijlageversie | None:
    return bijlage_vervangen(NOTA, bijlage, **kwargs)


def nota_bijlage_withdraw(*, bijlage: NotaBijlage, **kwargs) -> NotaBijlage:
    return bijlage_intrekken(NOTA, bijlage, **kwargs)


def kamerbrief_bijlage_add(*, kamerbrief: Kamerbrief, **kwargs) -> Kamerbriefbijlage:
    return bijlage_toevoegen(KAMERBRIEF, kamerbrief, **kwargs)


def kamerbrief_bijlage_replace(*, bijlage: Kamerbriefbijlage, **kwargs) -> Bijlageversie | None:
    return bijlage_vervangen(KAMERBRIEF, bijlage, **kwargs)


def kamerbrief_bijlage_withdraw(*, bijlage: Kamerbriefbijlage, **kwargs) -> Kamerbriefbijlage:
    return bijlage_intrekken(KAMERBRIEF, bijlage, **kwargs)


# --- the text of versions stored before their text was read ------------------------------------


@dataclass
class Aangevuld:
    """What `bijlageteksten_aanvullen` did: texts written, per outcome, and files it could not
    open (left without a text, so that a later run tries them again)."""

    geschreven: dict[str, int]
    niet_geopend: list[str]


def bijlageteksten_aanvullen(
    *, batch: int = 100, now: datetime | None = None, voortgang: Callable[[str], None] | None = None
) -> Aangevuld:
    """Reads the text of every version that has none yet, a batch per transaction.

    Idempotent and resumable: it only looks at versions without a text, so a second run does
    nothing and an interrupted one goes on where it stopped. A text is derived data, not an act
    on the dossier: no history event, no lock on the nota or letter (a version never changes, and
    one written meanwhile brings its own text).
    """
    now = now or timezone.now()
    uitkomst = Aangevuld(geschreven={}, niet_geopend=[])
    for document in (NOTA, KAMERBRIEF):
        vorige = 0
        while True:
            versies = list(
                document.versie_model.objects.filter(tekst__isnull=True, pk__gt=vorige)
                .order_by("pk")
                .only("pk", "bestand", "bestandsnaam")[:batch]
            )
            if not versies:
                break
            vorige = versies[-1].pk
            rijen = []
            for versie in versies:
                try:
                    with versie.bestand.open("rb") as bestand:
                        inhoud = bestand.read()
                except OSError:
                    uitkomst.niet_geopend.append(versie.bestand.name)
                    continue
                gelezen = lees(versie.bestandsnaam, inhoud)
                rijen.append(
                    document.tekst_model(
                        versie=versie, tekst=gelezen.tekst, uitkomst=gelezen.uitkomst,
                        gelezen_op=now,
                    )
                )  # fmt: skip
                uitkomst.geschreven[gelezen.uitkomst] = (
                    uitkomst.geschreven.get(gelezen.uitkomst, 0) + 1
                )
            with transaction.atomic():
                # Another run at the same time may have written some: theirs stand.
                document.tekst_model.objects.bulk_create(rijen, ignore_conflicts=True)
            if voortgang:
                voortgang(f"{document.versie_model._meta.verbose_name_plural}: tot {vorige}")
    return uitkomst
