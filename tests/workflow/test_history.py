"""The history is append-only: in Python, and on PostgreSQL in the database itself."""

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from workflow.models import Gebeurtenis, HistoryIsAppendOnly
from workflow.services.nota import nota_indienen


@pytest.fixture
def event(make_nota, people):
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"])
    return Gebeurtenis.objects.filter(nota=nota).last()


def test_an_event_cannot_be_changed_or_deleted_through_the_model(event):
    original = event.opmerking
    event.opmerking = "herschreven"
    with pytest.raises(HistoryIsAppendOnly):
        event.save()
    with pytest.raises(HistoryIsAppendOnly):
        event.delete()
    with pytest.raises(HistoryIsAppendOnly):
        Gebeurtenis.objects.filter(pk=event.pk).update(opmerking="herschreven")
    with pytest.raises(HistoryIsAppendOnly):
        Gebeurtenis.objects.filter(pk=event.pk).delete()
    event.refresh_from_db()
    assert event.opmerking == original
    # Saving a new event with an existing event's pk must not overwrite it.
    with pytest.raises(IntegrityError), transaction.atomic():
        Gebeurtenis(pk=event.pk, actie="vervalst", tijdstip=event.tijdstip).save()
    event.refresh_from_db()
    assert event.actie != "vervalst"


@pytest.mark.postgres
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE workflow_gebeurtenis SET opmerking = 'herschreven' WHERE id = %s",
        "DELETE FROM workflow_gebeurtenis WHERE id = %s",
    ],
)
def test_the_database_refuses_to_rewrite_history(event, sql):
    with (
        pytest.raises(DatabaseError, match="geschiedenis is onveranderlijk"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [event.pk])
    assert Gebeurtenis.objects.filter(pk=event.pk, opmerking=event.opmerking).exists()


def test_every_transition_writes_who_when_and_from_to(make_nota, people):
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"])
    submitted = Gebeurtenis.objects.get(nota=nota, actie="ingediend")
    assert (submitted.actor, submitted.van_status, submitted.naar_status) == (
        people["opsteller"],
        "concept",
        "in_parafering",
    )
    assert submitted.tijdstip is not None


@pytest.mark.postgres
@pytest.mark.parametrize(
    "sql",
    [
        "TRUNCATE workflow_gebeurtenis CASCADE",
        "TRUNCATE letters_kamerbriefversie CASCADE",
        "TRUNCATE letters_bijlageversie CASCADE",
        "TRUNCATE letters_notabijlageversie CASCADE",
        "TRUNCATE letters_ondertekenaar CASCADE",
        "TRUNCATE letters_nota CASCADE",  # reaches the history through its foreign key
    ],
)
def test_the_database_refuses_to_truncate_history_or_versions(event, sql):
    """Only a session that says it empties the whole database (the test suite's flush, the
    bench's reset) gets through; this one says it does not."""
    with (
        pytest.raises(DatabaseError, match=r"TRUNCATE op \w+ is niet toegestaan"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET LOCAL parafeer.truncate_history = 'off'")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # else: "pending trigger events"
        cursor.execute(sql)
    assert Gebeurtenis.objects.filter(pk=event.pk).exists()
