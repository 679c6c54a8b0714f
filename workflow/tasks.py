from celery import shared_task


@shared_task(bind=True)
def echo(self, value):
    """Returns its input and who ran it: proves a worker really takes tasks from the broker."""
    return {"value": value, "worker": self.request.hostname}


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_meldingen(gebeurtenis_id: int) -> int:
    """Sends the messages an event caused (the kick after the service's commit). Safe to run
    twice: a message already sent is skipped; a failed one waits for the relay."""
    from .models import Melding
    from .outbox import send_each

    pks = Melding.objects.te_verzenden().filter(gebeurtenis_id=gebeurtenis_id).order_by("pk")
    return send_each(Melding, pks.values_list("pk", flat=True))


@shared_task(acks_late=True, reject_on_worker_lost=True)
def relay_outbox() -> int:
    """The relay (Celery beat, every PARAFEER_OUTBOX_INTERVAL seconds): sends whatever is due in
    the outbox and no task is sending. Idempotent: the row locks decide who sends."""
    from .outbox import relay

    return relay()


@shared_task
def scan_reminders() -> dict:
    """The periodic scan (Celery beat): writes due reminders, queues their sending."""
    from .reminders import scan_reminders as scan

    result = scan()
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
    from .reminders import SendFailed
    from .reminders import send_herinnering as send

    try:
        return send(herinnering_id)
    except SendFailed as failure:
        raise self.retry(exc=failure, countdown=min(60 * 2**self.request.retries, 3600)) from None


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_herinneringen(herinnering_ids: list[int]) -> int:
    """Sends a batch of reminders, each in its own transaction; a failed one gets its own
    retrying task. Safe to run twice: a reminder already sent is skipped."""
    from .reminders import SendFailed
    from .reminders import send_herinnering as send

    sent = 0
    for pk in herinnering_ids:
        try:
            sent += bool(send(pk))
        except SendFailed:
            send_herinnering.apply_async((pk,), countdown=60)
    return sent
