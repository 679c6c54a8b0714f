from celery import shared_task
from django.conf import settings

# outbox and reminders import this module too: used as modules, so any may be imported first.
from workflow import doorlooptijdstand, outbox, reminders, tk_sync
from workflow.models import Melding


@shared_task(bind=True)
def echo(self, value):
    """Returns its input and who ran it: proves a worker really takes tasks from the broker."""
    return {"value": value, "worker": self.request.hostname}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_meldingen(gebeurtenis_id: int) -> int:
    """Sends the messages an event caused (the kick after the service's commit). Safe to run
    twice: a message already sent is skipped; a failed one waits for the relay."""

    pks = Melding.objects.te_verzenden().filter(gebeurtenis_id=gebeurtenis_id).order_by("pk")
    return outbox.send_each(Melding, pks.values_list("pk", flat=True))


@shared_task(acks_late=True, reject_on_worker_lost=True)
def relay_outbox() -> int:
    """The relay (Celery beat, every PARAFEER_OUTBOX_INTERVAL seconds): sends whatever is due in
    the outbox and no task is sending. Idempotent: the row locks decide who sends."""

    return outbox.relay()


@shared_task(acks_late=True, reject_on_worker_lost=True)
def fold_doorlooptijden() -> int:
    """Counts the finished steps not counted yet into the overzicht's lead times (Celery beat,
    every PARAFEER_DOORLOOPTIJDEN_INTERVAL seconds), for at most that long. Safe to run twice,
    at once or after a crash: each batch is one transaction over the steps it locked."""

    return doorlooptijdstand.vouwen(seconden=settings.PARAFEER_DOORLOOPTIJDEN_INTERVAL)


@shared_task
def scan_reminders() -> dict:
    """The periodic scan (Celery beat): writes due reminders, queues their sending."""

    result = reminders.scan_reminders()
    return {"created": result.created, "queued": result.queued}


@shared_task(
    bind=True,
    autoretry_for=(),
    max_retries=None,  # the row counts the attempts (PARAFEER_HERINNERING_POGINGEN)
    acks_late=True,
    reject_on_worker_lost=True,
)
def send_herinnering(self, herinnering_id: int) -> bool:
    """Sends one reminder; a failed send is retried with exponential backoff."""

    try:
        return reminders.send_herinnering(herinnering_id)
    except outbox.SendFailed as failure:
        raise self.retry(exc=failure, countdown=min(60 * 2**self.request.retries, 3600)) from None


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_herinneringen(herinnering_ids: list[int]) -> int:
    """Sends a batch of reminders, each in its own transaction; a failed one gets its own
    retrying task. Safe to run twice: a reminder already sent is skipped."""

    sent = 0
    for pk in herinnering_ids:
        try:
            sent += bool(reminders.send_herinnering(pk))
        except outbox.SendFailed:
            send_herinnering.apply_async((pk,), countdown=60)
    return sent


@shared_task(acks_late=True, reject_on_worker_lost=True)
def sync_tweede_kamer() -> list[dict]:
    """The sync with the Kamer's Gegevensmagazijn (Celery beat): every stream from its watermark.
    A failure is kept in the stream's row and retried by a later run after its backoff."""

    return [_verslag(r) for r in tk_sync.sync_all()]


@shared_task(acks_late=True, reject_on_worker_lost=True)
def sync_tweede_kamer_stroom(stroom: str) -> dict:
    """One stream at once, asked for by a beheerder ("Nu synchroniseren" in the admin)."""
    return _verslag(tk_sync.sync_stroom(stroom))


def _verslag(r: tk_sync.StroomResultaat) -> dict:
    return {
        "stroom": r.stroom,
        "paginas": r.paginas,
        "fout": r.fout,
        "overgeslagen": r.overgeslagen,
    }
