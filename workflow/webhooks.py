"""Webhooks: every change of the history leaves as a CloudEvent (the NL GOV profile for
CloudEvents 1.0) to the subscriptions a beheerder keeps, through the outbox.

`enqueue` writes one `Webhookbericht` per interested subscription in the transaction of the
change (called by `record_event`); the relay (`workflow.outbox.relay`) delivers them: the row
locked, the POST made, the row marked delivered in one transaction. A receiver that fails is
tried again with the outbox's backoff, at most PARAFEER_WEBHOOK_POGINGEN times. Each event
keeps its id across attempts: delivery is at least once, and the receiver drops a repeat by
that id. The body is signed with the subscription's secret: the header
`Parafeer-Signature: sha256=<hex HMAC-SHA256 of the body>`.
"""

import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.request
import uuid
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from workflow import outbox  # which imports this module too: used as a module
from workflow.models import Gebeurtenis, Webhookabonnement, Webhookbericht

logger = logging.getLogger(__name__)

Status = Webhookbericht.Status
SIGNATURE_HEADER = "Parafeer-Signature"

# Which resource an event is about, in this order, and where the API shows it.
SUBJECTS = [
    ("nota", "nota_id", "api:nota-detail"),
    ("kamerbrief", "kamerbrief_id", "api:kamerbrief-detail"),
    ("toezegging", "toezegging_id", "api:toezegging-detail"),
    ("motie", "motie_id", "api:motie-detail"),
    ("routesjabloon", "routesjabloon_id", None),
]


def _subject(event: Gebeurtenis) -> tuple[str, int | None, str | None]:
    for kind, field, route in SUBJECTS:
        if getattr(event, field):
            return kind, getattr(event, field), route
    return "parafeer", None, None


def event_type(event: Gebeurtenis) -> str:
    return f"nl.parafeer.{_subject(event)[0]}.{event.actie}"


def enqueue(event: Gebeurtenis) -> int:
    """One delivery per active subscription that wants this event; in the change's transaction."""
    soort = event_type(event)
    rows = [
        Webhookbericht(
            abonnement=abonnement,
            gebeurtenis=event,
            event_id=uuid.uuid4(),
            soort=soort,
            aangemaakt_op=event.tijdstip,
        )
        for abonnement in Webhookabonnement.objects.filter(actief=True)
        if abonnement.wants(soort)
    ]
    Webhookbericht.objects.bulk_create(rows)
    return len(rows)


def cloudevent(bericht: Webhookbericht) -> dict:
    """The event as the NL GOV profile asks: no personal data beyond who acted (by id), the
    resource by reference (`dataref`) for the receiver to read with its own permissions."""
    from django.urls import reverse

    event = bericht.gebeurtenis
    _kind, pk, route = _subject(event)
    body = {
        "specversion": "1.0",
        "id": str(bericht.event_id),
        "source": f"urn:nld:parafeer:{settings.SITE_URL}",
        "type": bericht.soort,
        "time": event.tijdstip.isoformat(),
        "datacontenttype": "application/json",
        "data": {
            "actie": event.actie,
            "van_status": event.van_status,
            "naar_status": event.naar_status,
            "actor": event.actor_id,
            "kanaal": event.kanaal,
            "gebeurtenis": event.pk,
        },
    }
    if pk is not None:
        body["subject"] = str(pk)
        if route:
            body["dataref"] = settings.SITE_URL + reverse(route, args=[pk])
    return body


def sign(geheim: str, body: bytes) -> str:
    return "sha256=" + hmac.new(geheim.encode(), body, hashlib.sha256).hexdigest()


def _post(bericht: Webhookbericht) -> int:
    body = json.dumps(cloudevent(bericht), separators=(",", ":")).encode()
    request = urllib.request.Request(
        bericht.abonnement.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/cloudevents+json; charset=utf-8",
            SIGNATURE_HEADER: sign(bericht.abonnement.geheim, body),
            "User-Agent": "Parafeer-webhooks/1",
        },
    )
    with urllib.request.urlopen(request, timeout=settings.PARAFEER_WEBHOOK_TIMEOUT) as response:
        return response.status


def deliver_one(pk: int, *, now: datetime | None = None) -> bool:
    """Delivers one webhook if it is still due; True when this call delivered it."""
    now = now or timezone.now()
    with transaction.atomic():
        bericht = (
            Webhookbericht.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("abonnement", "gebeurtenis")
            .filter(pk=pk, status=Status.TE_VERZENDEN)
            .first()
        )
        if bericht is None:
            return False  # delivered, failed for good, or being delivered right now
        bericht.pogingen += 1
        try:
            bericht.laatste_statuscode = _post(bericht)
            bericht.status = Status.VERZONDEN
            bericht.verzonden_op = now
            bericht.laatste_fout = ""
        except urllib.error.HTTPError as exc:
            bericht.laatste_statuscode = exc.code
            bericht.laatste_fout = f"HTTP {exc.code}"
        except (OSError, ValueError) as exc:  # refused, timed out, no such host
            bericht.laatste_fout = f"{type(exc).__name__}: {exc}"
        if bericht.status != Status.VERZONDEN:
            bericht.volgende_poging_op = now + outbox.retry_delay(bericht.pogingen)
            if bericht.pogingen >= settings.PARAFEER_WEBHOOK_POGINGEN:
                bericht.status = Status.MISLUKT
                logger.error("Webhook %s definitief mislukt: %s", pk, bericht.laatste_fout)
        bericht.save(
            update_fields=[
                "status",
                "pogingen",
                "laatste_fout",
                "laatste_statuscode",
                "verzonden_op",
                "volgende_poging_op",
            ]
        )
    return bericht.status == Status.VERZONDEN
