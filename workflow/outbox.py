"""The outbox: every email Parafeer sends goes through here, never lost, never sent twice.

Two tables hold what is to be sent: `Herinnering` (reminders, written by the scan) and
`Melding` (state-change messages, written in the transaction of the change). Both are sent by
one path, `send_one`: it locks the row (SELECT … FOR UPDATE SKIP LOCKED), skips it when it is
already sent or being sent by someone else, sends the mail, and marks the row sent in the same
transaction. A process that dies before that commit leaves the row unsent for the next try.

Who sends:
- right after the commit, a best-effort kick (`kick`) queues the sending on the broker; when
  the broker is down it fails at once (short timeouts, no retries) and the request goes on;
- the relay (`relay`), every PARAFEER_OUTBOX_INTERVAL seconds from Celery beat, sends every
  due row that no task took care of: messages whose kick was lost, reminders whose task was
  lost in a broker outage or a killed worker, failed sends whose next attempt is due;
- `manage.py send_outbox` runs the same relay by hand, without any broker.

The one window that cannot be closed: the SMTP server accepted the message and the process died
(or the database failed) before the commit. That message is sent once more.
"""

import logging
import time
from collections.abc import Iterable
from contextlib import suppress
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError

# Each of these imports this module too: used as modules, so either may be imported first.
from workflow import notifications, reminders, tasks, webhooks
from workflow.models import Herinnering, Melding, Webhookbericht

logger = logging.getLogger(__name__)

Status = Herinnering.Status


class SendFailed(Exception):
    pass


def _builder(model):
    """The function that writes the mail for a row of this outbox (None: nothing to say)."""
    return reminders.build_message if model is Herinnering else notifications.build_message


def retry_delay(pogingen: int) -> timedelta:
    """Exponential backoff after a failed attempt: 1, 2, 4 … minutes, at most an hour."""
    return timedelta(seconds=min(60 * 2 ** max(pogingen - 1, 0), 3600))


def send_one(model, pk: int, *, now: datetime | None = None) -> bool:
    """Sends one row of an outbox if it is still to be sent; True when this call sent it.

    The row stays locked from the check until the commit that marks it sent, so two workers
    never both send it; a failure is recorded and raises SendFailed.
    """
    now = now or timezone.now()
    error = None
    with transaction.atomic():
        row = (
            model.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("ontvanger", "namens")
            .filter(pk=pk, status=Status.TE_VERZENDEN)
            .first()
        )
        if row is None:
            return False  # already sent, failed for good, or being sent right now
        if not row.ontvanger.email or not row.ontvanger.is_active:
            row.status = Status.MISLUKT
            row.laatste_fout = _("The recipient has no (active) email address.")
            row.save(update_fields=["status", "laatste_fout"])
            return False
        row.pogingen += 1
        try:
            message = _builder(model)(row, now=now)
            if message is None:
                # Nothing to say any more (the item was dealt with meanwhile): done, not sent.
                row.status = Status.VERZONDEN
                row.laatste_fout = _("Not sent: the item was dealt with in time.")
            else:
                message.send()
                row.status = Status.VERZONDEN
                row.verzonden_op = now
        except Exception as exc:  # the mail server refused or did not answer
            error = f"{type(exc).__name__}: {exc}"
            row.laatste_fout = error
            row.volgende_poging_op = now + retry_delay(row.pogingen)
            if row.pogingen >= settings.PARAFEER_HERINNERING_POGINGEN:
                row.status = Status.MISLUKT
                logger.error("%s %s definitief mislukt: %s", model.__name__, pk, error)
        fields = ["status", "pogingen", "laatste_fout", "verzonden_op", "volgende_poging_op"]
        row.save(update_fields=fields)
    if error is not None and row.status == Status.TE_VERZENDEN:
        raise SendFailed(error)
    return error is None and row.verzonden_op is not None


def send_each(model, pks: Iterable[int], *, now: datetime | None = None) -> int:
    """Sends these rows, each in its own transaction; a failure is recorded on its row (with
    its next attempt, for the relay) and does not stop the others. Returns how many were sent."""
    sent = 0
    for pk in list(pks):
        with suppress(SendFailed):
            sent += send_one(model, pk, now=now)
    return sent


def due(model, now: datetime):
    """The rows the relay should send now: unsent, their next attempt due, and not handed to a
    task in the last PARAFEER_OUTBOX_GRACE seconds (that task is most likely sending them)."""
    handed_over = now - timedelta(seconds=settings.PARAFEER_OUTBOX_GRACE)
    return (
        model.objects.te_verzenden()
        .filter(Q(volgende_poging_op__isnull=True) | Q(volgende_poging_op__lte=now))
        .filter(Q(in_wachtrij_op__isnull=True) | Q(in_wachtrij_op__lt=handed_over))
        .order_by("aangemaakt_op", "pk")
    )


def relay(*, now: datetime | None = None, limit: int | None = None) -> int:
    """Sends what is due in both outboxes and delivers the webhooks due (workflow/webhooks.py),
    at most `limit` rows of each; returns how many were sent. Safe to run at the same time as
    the send tasks and as another relay: the row lock decides who sends."""
    now = now or timezone.now()
    limit = limit or settings.PARAFEER_OUTBOX_BATCH
    sent = 0
    for model in (Melding, Herinnering):
        sent += send_each(model, due(model, now).values_list("pk", flat=True)[:limit], now=now)
    for pk in due(Webhookbericht, now).values_list("pk", flat=True)[:limit]:
        sent += webhooks.deliver_one(pk, now=now)
    if sent:
        logger.info("Outbox: %s bericht(en) verzonden door de relay", sent)
    return sent


# After a failed kick, this process leaves the broker alone until then (time.monotonic()):
# during an outage a request pays for at most one failed connect, and most pay for none.
_broker_down_until = 0.0


def kick(gebeurtenis_id: int) -> None:
    """After the commit: ask a worker to send the messages of this event now. Best effort: with
    the broker down this fails at once (or is not even tried for a while), and the relay sends
    them when the broker is back."""
    publish(tasks.send_meldingen, gebeurtenis_id)


def kick_herinneringen(herinnering_ids: list[int]) -> None:
    """After the commit: ask a worker to send these reminders now (asked for by hand), as best
    effort as `kick`; otherwise the relay sends them."""
    publish(tasks.send_herinneringen, herinnering_ids)


def publish(task, *args) -> bool:
    """Hands a task to the broker, best effort: False, at once, when the broker is down (or was
    found down a moment ago); whatever the task does must then be done by a scheduled run."""
    global _broker_down_until
    if time.monotonic() < _broker_down_until:
        return False
    try:
        task.apply_async(args, retry=False)
    except (OperationalError, OSError) as exc:
        _broker_down_until = time.monotonic() + settings.PARAFEER_OUTBOX_INTERVAL
        logger.warning("Broker niet bereikbaar (%s); een geplande run doet het later.", exc)
        return False
    return True
