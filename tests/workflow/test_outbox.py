"""The outbox of state-change messages: written with the change, sent once by one send path.

The services write a `Melding` per (event, kind, recipient) in their own transaction; the kick
after the commit and the relay both send through `workflow.outbox.send_one`. These tests run the
relay directly (a broker outage end to end is in test_outbox_e2e.py).
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, transaction

from tests.support import at
from workflow import outbox, reminders
from workflow.handelen import notifications_muted
from workflow.models import Gebeurtenis, Herinnering, Medewerker, Melding
from workflow.services.nota import nota_indienen, nota_paraferen

REMARK = "Let op: bijlage 2 ontbreekt nog"


def initialled_up_to_directeur(make_nota, people):
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"], now=at(1, 10))
    nota_paraferen(nota=nota, by=people["afdelingshoofd"], now=at(2, 10))
    return nota


def test_the_dgs_mail_quotes_the_remark_of_the_directeurs_paraaf(
    make_nota, people, django_capture_on_commit_callbacks
):
    # Issue 16: the mail quoted the latest event, "aan de beurt", whose remark is the DG's name.
    nota = initialled_up_to_directeur(make_nota, people)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        nota_paraferen(nota=nota, by=people["directeur"], remark=REMARK, now=at(3, 10))
    [to_dg] = mail.outbox
    assert to_dg.to == [people["dg"].email]
    assert "wacht op uw paraaf" in to_dg.subject
    assert f"Opmerking: {REMARK}\n" in to_dg.body
    assert "Gerard Visser" not in to_dg.body.split("Opmerking:")[1]
    assert REMARK in to_dg.alternatives[0][0]


def test_the_office_hears_the_remark_of_the_last_paraaf_and_no_remark_means_none(
    make_nota, people, django_capture_on_commit_callbacks
):
    nota = initialled_up_to_directeur(make_nota, people)
    nota_paraferen(nota=nota, by=people["directeur"], now=at(3, 10))
    # The directeur's paraaf had no remark: the DG's mail of that paraaf quotes none.
    to_dg = Melding.objects.get(soort="aan_de_beurt", ontvanger=people["dg"])
    assert to_dg.opmerking == ""
    assert "Opmerking" not in outbox._builder(Melding)(to_dg).body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        nota_paraferen(nota=nota, by=people["dg"], remark="Graag voor 12/12.")
    [to_office] = mail.outbox
    assert to_office.to == [people["secretariaat"].email]
    assert "Opmerking: Graag voor 12/12." in to_office.body


def test_the_message_is_written_in_the_transaction_of_the_change(make_nota, people):
    nota = make_nota()
    with pytest.raises(RuntimeError), transaction.atomic():
        nota_indienen(nota=nota, by=people["opsteller"], now=at(1, 10))
        assert Melding.objects.filter(ontvanger=people["afdelingshoofd"]).exists()
        raise RuntimeError("the change fails after the service")
    assert not Melding.objects.exists()

    # Committed (here: the test's transaction, whose on_commit never runs): the row waits.
    nota_indienen(nota=nota, by=people["opsteller"], now=at(1, 10))
    melding = Melding.objects.get()
    event = Gebeurtenis.objects.get(nota=nota, actie="ingediend")
    assert (melding.gebeurtenis, melding.soort, melding.ontvanger) == (
        event, "aan_de_beurt", people["afdelingshoofd"],
    )  # fmt: skip
    assert melding.status == Melding.Status.TE_VERZENDEN
    assert mail.outbox == []


def test_the_relay_sends_what_the_kick_did_not_once(make_nota, people):
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"], now=at(1, 10))
    assert outbox.relay() == 1
    assert [m.to for m in mail.outbox] == [[people["afdelingshoofd"].email]]
    melding = Melding.objects.get()
    assert melding.status == Melding.Status.VERZONDEN and melding.verzonden_op is not None
    assert outbox.relay() == 0
    assert outbox.send_one(Melding, melding.pk) is False
    assert len(mail.outbox) == 1


def test_one_message_per_event_kind_and_recipient(make_nota, people):
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"], now=at(1, 10))
    melding = Melding.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Melding.objects.create(
            gebeurtenis=melding.gebeurtenis, soort=melding.soort, ontvanger=melding.ontvanger,
            item_type=melding.item_type, item_id=melding.item_id,
        )  # fmt: skip


def test_a_substitute_who_is_also_a_recipient_hears_of_the_event_once(
    make_nota, people, absent, stas
):
    # The secretariaat stands in for a colleague of the same office: both are recipients.
    collega = Medewerker.objects.create_user(
        username="collega", email="collega@parafeer.example", password="x", bureau_van=stas
    )
    absent(collega, people["secretariaat"])
    nota = initialled_up_to_directeur(make_nota, people)
    nota_paraferen(nota=nota, by=people["directeur"], now=at(3, 10))
    nota_paraferen(nota=nota, by=people["dg"], now=at(4, 10))
    rows = Melding.objects.filter(soort="ter_beslissing_voorgelegd")
    assert sorted((m.ontvanger.username, m.kopie_voor_afwezige) for m in rows) == [
        ("collega", True),
        ("secretariaat", False),
    ]


def test_a_failed_send_waits_for_its_next_attempt(make_nota, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"], now=at(1, 10))
    now = at(1, 11)
    assert outbox.relay(now=now) == 0
    melding = Melding.objects.get()
    assert (melding.status, melding.pogingen) == (Melding.Status.TE_VERZENDEN, 1)
    assert "ConnectionRefusedError" in melding.laatste_fout
    assert melding.volgende_poging_op == now + timedelta(minutes=1)
    outbox.relay(now=now + timedelta(seconds=30))  # not yet due: not tried
    assert Melding.objects.get().pogingen == 1

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox.relay(now=now + timedelta(minutes=1)) == 1
    assert Melding.objects.get().status == Melding.Status.VERZONDEN


def test_the_relay_takes_over_reminders_whose_task_was_lost(make_nota, people, settings):
    settings.PARAFEER_OUTBOX_GRACE = 60
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"], now=at(4, 10))
    Melding.objects.update(status=Melding.Status.VERZONDEN)
    Medewerker.objects.update(dagoverzicht=False)
    scan = at(5, 8)
    # Queued on the broker (its on_commit never runs here): as if the broker lost the task.
    assert reminders.scan_reminders(now=scan).queued == 1
    assert outbox.relay(now=scan + timedelta(seconds=30)) == 0  # still the task's to send
    assert outbox.relay(now=scan + timedelta(seconds=61)) == 1
    assert Herinnering.objects.get().status == Herinnering.Status.VERZONDEN
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Herinnering"]


def test_the_send_outbox_command_sends_everything_due(make_nota, people, settings, capsys):
    settings.PARAFEER_OUTBOX_BATCH = 1  # several runs of the relay
    for _ in range(3):
        nota_indienen(nota=make_nota(), by=people["opsteller"], now=at(1, 10))
    call_command("send_outbox")
    assert capsys.readouterr().out.strip() == "3 bericht(en) verzonden."
    assert set(Melding.objects.values_list("status", flat=True)) == {"verzonden"}


def test_history_loaded_with_notifications_muted_writes_no_messages(make_nota, people):
    with notifications_muted():
        nota_indienen(nota=make_nota(), by=people["opsteller"], now=at(1, 10))
    assert not Melding.objects.exists()


def test_the_beheerder_sees_the_outbox_in_bounded_queries_and_queues_a_failure_again(
    make_nota, people, client, django_assert_max_num_queries
):
    for _ in range(30):
        nota_indienen(nota=make_nota(), by=people["opsteller"], now=at(1, 10))
    Melding.objects.filter(pk=Melding.objects.order_by("pk").first().pk).update(
        status=Melding.Status.MISLUKT, pogingen=5, laatste_fout="SMTPRecipientsRefused"
    )
    client.force_login(people["beheerder"])
    with django_assert_max_num_queries(15):
        response = client.get("/beheer/workflow/melding/")
    assert response.status_code == 200
    assert "SMTPRecipientsRefused" in response.content.decode()

    failed = Melding.objects.get(status=Melding.Status.MISLUKT)
    response = client.post(
        "/beheer/workflow/melding/",
        {"action": "send_again", "_selected_action": [failed.pk]},
        follow=True,
    )
    assert "1 melding(en) opnieuw in de wachtrij gezet." in response.content.decode()
    assert Melding.objects.get(pk=failed.pk).status == Melding.Status.TE_VERZENDEN
    assert outbox.relay() == 30


def test_a_call_to_initial_that_comes_after_the_paraaf_is_not_sent(make_nota, people):
    # The broker was down: the afdelingshoofd initialled from the werkvoorraad before the relay
    # got to "wacht op uw paraaf". That mail would be wrong now; the directeur's is still due.
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"], now=at(1, 10))
    nota_paraferen(nota=nota, by=people["afdelingshoofd"], now=at(1, 11))
    assert outbox.relay() == 1
    assert [m.to for m in mail.outbox] == [[people["directeur"].email]]
    late = Melding.objects.get(ontvanger=people["afdelingshoofd"])
    assert late.status == Melding.Status.VERZONDEN and late.verzonden_op is None
    assert late.laatste_fout == "Niet verzonden: de zaak was al afgehandeld."


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_relays_running_at_once_send_each_message_once(make_nota, people):
    import threading
    from collections import Counter

    from django.db import connection

    notas = [make_nota() for _ in range(20)]
    for nota in notas:
        nota_indienen(nota=nota, by=people["opsteller"], now=at(1, 10))
    mail.outbox.clear()  # the kicks after those commits sent them in-process: send them again
    Melding.objects.update(status=Melding.Status.TE_VERZENDEN, verzonden_op=None)
    start = threading.Barrier(3)
    counts = []

    def run_relay():
        try:
            start.wait(timeout=30)
            counts.append(outbox.relay())
        finally:
            connection.close()

    threads = [threading.Thread(target=run_relay) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(counts) == 20
    assert Counter(m.subject for m in mail.outbox) == Counter(
        f"Nota {nota.kenmerk} wacht op uw paraaf" for nota in notas
    )
