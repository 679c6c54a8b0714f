"""Following a nota: its news in your werkvoorraad and mailbox without being on its route."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from letters.models import (
    Nota,
)
from workflow.handelen import (
    ActionNotAllowed,
)
from workflow.models import (
    Medewerker,
    Volger,
)
from workflow.selectors import notas_visible_to


@transaction.atomic
def nota_follow(*, nota: Nota, by: Medewerker, now: datetime | None = None) -> Volger:
    """Volgen: the nota shows under "Wat ik volg" in the werkvoorraad until it is done."""

    now = now or timezone.now()
    if not notas_visible_to(by).filter(pk=nota.pk).exists():
        raise ActionNotAllowed(_("You may not see this nota, so you cannot follow it."))
    # get_or_create retries the read when a second click created the row at the same moment.
    volger, created = Volger.objects.get_or_create(
        nota=nota, medewerker=by, defaults={"sinds": now}
    )
    if not created:
        volger = Volger.objects.select_for_update().get(pk=volger.pk)
        if volger.gestopt_op is not None:
            volger.gestopt_op = None
            volger.sinds = now
            volger.save(update_fields=["gestopt_op", "sinds"])
    return volger


@transaction.atomic
def nota_unfollow(*, nota: Nota, by: Medewerker, now: datetime | None = None) -> Volger | None:
    """Niet meer volgen; kept as stopped, so a later paraaf does not follow it again."""
    now = now or timezone.now()
    volger = Volger.objects.select_for_update().filter(nota=nota, medewerker=by).first()
    if volger is None:
        # Never followed: remember the choice all the same.
        volger, _created = Volger.objects.get_or_create(
            nota=nota, medewerker=by, defaults={"sinds": now, "gestopt_op": now}
        )
    if volger.gestopt_op is None:
        volger.gestopt_op = now
        volger.save(update_fields=["gestopt_op"])
    return volger


def is_following(nota: Nota, user: Medewerker) -> bool:
    return Volger.objects.filter(nota=nota, medewerker=user, gestopt_op__isnull=True).exists()
