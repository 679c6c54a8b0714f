"""What every service of a nota and its letter starts with: the row lock, the status guard, and who
may act as the opsteller or as the addressee's office.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from letters.models import (
    Nota,
)
from letters.uploads import Upload, check_content
from workflow.handelen import (
    Acting,
    ActionNotAllowed,
    StateConflict,
    acting_as_one_of,
    as_office_of,
    today,
)
from workflow.models import (
    Medewerker,
)


def as_opsteller(nota: Nota, by: Medewerker, now: datetime) -> Acting:
    acting = acting_as_one_of(by, [nota.opsteller_id], today(now))
    if acting is None:
        raise ActionNotAllowed(
            _("Only the drafter of this nota (%(opsteller)s) or their substitute may do this.")
            % {"opsteller": nota.opsteller}
        )
    return acting


def as_nota_bewerker(nota: Nota, by: Medewerker, now: datetime) -> Acting:
    """Who may change a nota's text, bijlagen and route now: the one rule for editing a nota.

    Its opsteller (or their substitute), while it is a concept or its besluit asked for changes.
    """
    require_status(nota, *Nota.BEWERKBAAR)
    return as_opsteller(nota, by, now)


def may_edit_nota(nota: Nota, user: Medewerker, now: datetime | None = None) -> bool:
    """Whether as_nota_bewerker lets the user edit the nota now (for the pages' buttons)."""
    try:
        as_nota_bewerker(nota, user, now or timezone.now())
    except ActionNotAllowed:
        return False
    return True


def _as_office(nota: Nota, by: Medewerker, now: datetime) -> Acting:
    """The office of the nota's addressee, or a substitute of someone who works there."""
    acting = as_office_of(nota.aan_id, by, now)
    if acting is None:
        raise ActionNotAllowed(
            _("Only the office of the %(bewindspersoon)s records a decision on this nota.")
            % {"bewindspersoon": nota.aan}
        )
    return acting


def require_status(nota: Nota, *allowed: str) -> None:
    if nota.status not in allowed:
        raise StateConflict(
            _("This is not possible now: the nota is %(status)s.")
            % {"status": nota.get_status_display()}
        )


def _office_ids(nota: Nota) -> list[int]:
    return list(
        Medewerker.objects.filter(bureau_van_id=nota.aan_id, is_active=True).values_list(
            "pk", flat=True
        )
    )


def lock_nota(nota: Nota) -> Nota:
    return (
        Nota.objects.select_for_update(of=("self",))
        .select_related("organisatieonderdeel", "opsteller", "aan")
        .get(pk=nota.pk)
    )


def _accepted(inhoud: bytes, bestandsnaam: str) -> Upload:
    """The upload checks of letters.uploads, as a refusal like any other."""
    try:
        return check_content(inhoud, bestandsnaam)
    except ValidationError as error:
        raise ActionNotAllowed(error.messages[0]) from None
