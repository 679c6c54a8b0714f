"""Writes of the API app: personal API tokens made and revoked by their owner."""

import secrets
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workflow.handelen import ActionNotAllowed
from workflow.models import Medewerker

from .models import ApiSleutel, digest

PREFIX = "pfr_"
MAX_DAGEN = 365
MAX_ACTIEF = 10


@transaction.atomic
def api_token_create(
    *, by: Medewerker, naam: str, dagen: int, now: datetime | None = None
) -> tuple[ApiSleutel, str]:
    """A new token of `by`, valid for `dagen` days; returns it with the secret, shown once."""
    now = now or timezone.now()
    naam = " ".join(naam.split())
    if not naam:
        raise ActionNotAllowed(_("Give the token a name, so you know later where it is used."))
    if not 1 <= dagen <= MAX_DAGEN:
        raise ActionNotAllowed(_("A token is valid for 1 to %(max)s days.") % {"max": MAX_DAGEN})
    # Lock the owner so two requests at once cannot pass the limit together.
    list(Medewerker.objects.select_for_update().filter(pk=by.pk))
    actief = ApiSleutel.objects.filter(
        medewerker=by, ingetrokken_op__isnull=True, verloopt_op__gt=now
    ).count()
    if actief >= MAX_ACTIEF:
        raise ActionNotAllowed(
            _("You have %(max)s valid tokens: revoke one you no longer use first.")
            % {"max": MAX_ACTIEF}
        )
    sleutel = PREFIX + secrets.token_urlsafe(32)
    token = ApiSleutel.objects.create(
        medewerker=by,
        naam=naam[:100],
        prefix=sleutel[: len(PREFIX) + 4],
        hash=digest(sleutel),
        aangemaakt_op=now,
        verloopt_op=now + timedelta(days=dagen),
    )
    return token, sleutel


@transaction.atomic
def api_token_revoke(*, by: Medewerker, pk: int, now: datetime | None = None) -> ApiSleutel:
    """Revokes one of `by`'s own tokens; it stops working at once. Kept, never deleted."""
    token = ApiSleutel.objects.select_for_update().filter(medewerker=by, pk=pk).first()
    if token is None:
        raise ActionNotAllowed(_("This token does not exist or is not yours."))
    if token.ingetrokken_op is None:
        token.ingetrokken_op = now or timezone.now()
        token.save(update_fields=["ingetrokken_op"])
    return token
