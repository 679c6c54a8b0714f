"""Webhooks: every change of the history leaves as a signed CloudEvent through the outbox,
delivered at least once with one id, retried with backoff, against a real local receiver."""

import hashlib
import hmac
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from workflow import outbox
from workflow.models import Webhookabonnement, Webhookbericht
from workflow.services.nota import nota_indienen

GEHEIM = "een-gedeeld-geheim"


class Receiver:
    """A local HTTP receiver that fails the first `failures` attempts of every event id."""

    def __init__(self, failures: int):
        self.failures = failures
        self.received: list[tuple[dict, dict, bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                event = json.loads(body)
                receiver.received.append((event, dict(self.headers), body))
                earlier = sum(1 for e, _h, _b in receiver.received if e["id"] == event["id"])
                self.send_response(500 if earlier <= receiver.failures else 204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/events"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver(failures=2)
    yield r
    r.close()


def test_a_change_is_delivered_as_a_signed_cloudevent_after_failures(make_nota, people, receiver):
    Webhookabonnement.objects.create(
        naam="DMS", url=receiver.url, soorten=["nl.parafeer.nota.*"], geheim=GEHEIM
    )
    Webhookabonnement.objects.create(
        naam="Brieven", url=receiver.url, soorten=["nl.parafeer.kamerbrief.*"], geheim="x"
    )
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"])
    berichten = Webhookbericht.objects.filter(gebeurtenis__nota=nota)
    assert berichten.exists()
    assert {b.abonnement.naam for b in berichten} == {"DMS"}  # the other wants letters only
    n = berichten.count()

    def delivered():
        return berichten.filter(status="verzonden").count()

    t0 = timezone.now()
    outbox.relay(now=t0)  # the receiver fails the first attempt
    assert (len(receiver.received), delivered()) == (n, 0)
    outbox.relay(now=t0 + timedelta(seconds=30))  # backoff: not due again yet
    assert len(receiver.received) == n
    outbox.relay(now=t0 + timedelta(minutes=2))  # the second failure
    assert (len(receiver.received), delivered()) == (2 * n, 0)
    outbox.relay(now=t0 + timedelta(minutes=10))
    assert (len(receiver.received), delivered()) == (3 * n, n)
    outbox.relay(now=t0 + timedelta(hours=2))  # delivered: never again
    assert len(receiver.received) == 3 * n
    for bericht in berichten.all():  # afresh, not the list read above
        assert (bericht.status, bericht.pogingen) == ("verzonden", 3)
        assert bericht.laatste_statuscode == 204
        sent = [(e, h, b) for e, h, b in receiver.received if e["id"] == str(bericht.event_id)]
        assert len(sent) == 3  # one id across the attempts: the receiver drops repeats by it
    ingediend = next(e for e, _h, _b in receiver.received if e["type"].endswith(".ingediend"))
    assert ingediend["type"] == "nl.parafeer.nota.ingediend"
    assert ingediend["specversion"] == "1.0"
    assert ingediend["subject"] == str(nota.pk)
    assert ingediend["dataref"].endswith(f"/api/v1/notas/{nota.pk}")
    assert ingediend["data"]["naar_status"] == "in_parafering"
    for _event, headers, body in receiver.received:
        expected = "sha256=" + hmac.new(GEHEIM.encode(), body, hashlib.sha256).hexdigest()
        assert headers["Parafeer-Signature"] == expected
        assert headers["Content-Type"].startswith("application/cloudevents+json")


def test_a_receiver_that_keeps_failing_is_given_up_and_logged(make_nota, people, settings):
    settings.PARAFEER_WEBHOOK_POGINGEN = 2
    failing = Receiver(failures=99)
    try:
        Webhookabonnement.objects.create(naam="Stuk", url=failing.url, geheim=GEHEIM)
        nota = make_nota()
        bericht = Webhookbericht.objects.get(gebeurtenis__nota=nota)
        t0 = timezone.now()
        outbox.relay(now=t0)
        outbox.relay(now=t0 + timedelta(minutes=5))
        outbox.relay(now=t0 + timedelta(hours=5))
        bericht.refresh_from_db()
        assert (bericht.status, bericht.pogingen) == ("mislukt", 2)
        assert bericht.laatste_fout == "HTTP 500"
        assert len(failing.received) == 2
    finally:
        failing.close()


def test_no_subscription_no_delivery_and_an_inactive_one_gets_nothing(make_nota, people):
    Webhookabonnement.objects.create(
        naam="Uit", url="http://127.0.0.1:9/", geheim="x", actief=False
    )
    make_nota()
    assert not Webhookbericht.objects.exists()


def test_the_delivery_log_is_in_the_admin_for_beheerders(
    make_nota, people, django_assert_max_num_queries
):
    from django.test import Client

    abonnement = Webhookabonnement.objects.create(naam="DMS", url="http://127.0.0.1:9/", geheim="x")
    for i in range(5):
        make_nota(onderwerp=f"Nota {i}")
    assert Webhookbericht.objects.filter(abonnement=abonnement).count() >= 5
    beheerder = Client()
    beheerder.force_login(people["beheerder"])
    beheerder.get("/beheer/workflow/webhookbericht/")
    with django_assert_max_num_queries(15):
        page = beheerder.get("/beheer/workflow/webhookbericht/")
    assert page.status_code == 200
    assert "nl.parafeer.nota." in page.content.decode()
    assert beheerder.get("/beheer/workflow/webhookabonnement/add/").status_code == 200
    opsteller = Client()
    opsteller.force_login(people["opsteller"])
    assert opsteller.get("/beheer/workflow/webhookbericht/").status_code in (302, 403)
