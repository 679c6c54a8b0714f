"""The Woo export of a nota: its documents and history as one ZIP, redacted as the Woo requires."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from letters.models import (
    Nota,
)
from letters.models.kamerbrief import sha256
from workflow import woo
from workflow.handelen import (
    Acting,
    ActionNotAllowed,
    acting_as_one_of,
    record_event,
    today,
)
from workflow.models import (
    Medewerker,
)
from workflow.selectors import nota_for_detail
from workflow.services.basis import lock_nota


@transaction.atomic
def nota_woo_export(*, nota: Nota, by: Medewerker, now: datetime | None = None) -> bytes:
    """The Woo export of a finished dossier (workflow/woo.py): a zip, recorded in the nota's history
    with who made it, when, and the digest of what they got."""

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
