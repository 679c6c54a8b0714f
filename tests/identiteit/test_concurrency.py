"""Ending the same session from two places at once, on PostgreSQL with real connections: one
wins, the other is told it has already ended, and the audit log has one row."""

import pytest
from django.test import Client

from demo.notas import DEMO_PASSWORD
from identiteit.models import AuditRegel, Sessie
from identiteit.services import andere_sessies_beeindigen, sessie_beeindigen
from tests.workflow.test_concurrency import refusals, run_at_once, unexpected

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _login(username: str) -> Client:
    client = Client()
    client.post("/inloggen/", {"username": username, "password": DEMO_PASSWORD})
    return client


def test_ending_one_session_twice_at_once_ends_it_once(people):
    laptop, tablet, telefoon = (_login("opsteller") for _ in range(3))
    doel = Sessie.objects.get(sessiesleutel=telefoon.session.session_key)
    user = people["opsteller"]
    results = run_at_once(
        lambda: sessie_beeindigen(by=user, pk=doel.pk, current_key=laptop.session.session_key),
        lambda: andere_sessies_beeindigen(by=user, current_key=tablet.session.session_key),
    )
    assert not unexpected(results), results
    assert telefoon.get("/").status_code == 302
    assert tablet.get("/").status_code == 200
    # The phone's and the laptop's sessions end, each once, whichever call came first: the
    # second sees the first's work after the row lock (one refused, or one ending one less).
    assert Sessie.objects.filter(beeindigd_op__isnull=False).count() == 2
    assert AuditRegel.objects.filter(soort="sessie_beeindigd").count() == 2
    assert sorted(map(repr, results)) in (
        sorted(["ActionNotAllowed('Deze sessie is al beëindigd.')", "2"]),
        sorted([repr(doel), "1"]),
    )


def test_a_session_already_ended_is_said_so(people):
    laptop, telefoon = _login("opsteller"), _login("opsteller")
    doel = Sessie.objects.get(sessiesleutel=telefoon.session.session_key)
    user = people["opsteller"]
    results = run_at_once(
        lambda: sessie_beeindigen(by=user, pk=doel.pk, current_key=laptop.session.session_key),
        lambda: sessie_beeindigen(by=user, pk=doel.pk, current_key=laptop.session.session_key),
    )
    assert not unexpected(results), results
    assert [str(r) for r in refusals(results)] == ["Deze sessie is al beëindigd."]
    assert AuditRegel.objects.filter(soort="sessie_beeindigd").count() == 1
