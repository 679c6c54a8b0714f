"""The reminder scan: the right people get the right reminders, once."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import connection, connections

from tests.support import at
from workflow import outbox, reminders
from workflow.models import Herinnering, Herinneringsbeleid, Medewerker
from workflow.services.nota import nota_indienen, nota_paraferen

H = Herinnering.Soort


@pytest.fixture
def waiting_at_afdelingshoofd(make_nota, people):
    """Deadline Fri 15 Dec; submitted Mon 4 Dec: the afdelingshoofd's paraaf is due Fri 8 Dec."""
    nota = make_nota(deadline=date(2023, 12, 15))
    return nota_indienen(nota=nota, by=people["opsteller"], now=at(4, 9))


@pytest.fixture
def scan(django_capture_on_commit_callbacks):
    def run(when):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders.scan_reminders(now=when)

    return run


def sent():
    return sorted((m.to[0].split("@")[0], m.subject.split(":")[0]) for m in mail.outbox)


def test_three_werkdagen_before_the_parafeerder_is_reminded(waiting_at_afdelingshoofd, scan):
    result = scan(at(5, 8))
    assert sent() == [
        ("afdelingshoofd", "Herinnering"),
        ("afdelingshoofd", "Uw Parafeer-overzicht"),
    ]
    assert result.created == 2
    reminder = next(m for m in mail.outbox if m.subject.startswith("Herinnering"))
    assert waiting_at_afdelingshoofd.kenmerk in reminder.subject
    assert "08-12-2023" in reminder.subject
    assert "nog 3 werkdagen" in reminder.body
    assert f"/notas/{waiting_at_afdelingshoofd.pk}/" in reminder.body
    assert "leidinggevende" in reminder.body  # what happens if missed
    assert reminder.alternatives[0][1] == "text/html"


def test_running_the_scan_again_sends_nothing_new(waiting_at_afdelingshoofd, scan):
    scan(at(5, 8))
    count = len(mail.outbox)
    again = scan(at(5, 14))
    assert again.created == 0
    assert len(mail.outbox) == count
    assert Herinnering.objects.filter(status=Herinnering.Status.VERZONDEN).count() == count


def test_on_the_day_and_escalation_to_the_manager_one_level_up(
    waiting_at_afdelingshoofd, scan, people
):
    Medewerker.objects.filter(dagoverzicht=True).update(dagoverzicht=False)
    scan(at(8, 8))
    assert sent() == [("afdelingshoofd", "Vandaag")]
    mail.outbox.clear()
    scan(at(11, 8))  # Monday: the first werkdag after Friday's deadline
    # The afdelingshoofd manages their own afdeling, so it goes up to the directeur.
    assert ("directeur", "Te laat") in sent()


def test_a_missed_scan_catches_up(waiting_at_afdelingshoofd, scan):
    Medewerker.objects.update(dagoverzicht=False)
    scan(at(7, 8))  # the scans of Tue and Wed did not run
    assert sent() == [("afdelingshoofd", "Herinnering")]


def test_the_vervanger_gets_the_reminder_and_the_absent_person_a_copy(
    waiting_at_afdelingshoofd, scan, people, absent
):
    plv = Medewerker.objects.create_user(
        username="plv", email="plv@parafeer.example", password="x", first_name="Pim",
        dagoverzicht=False,
    )  # fmt: skip
    absent(people["afdelingshoofd"], plv)
    Medewerker.objects.filter(pk=people["afdelingshoofd"].pk).update(dagoverzicht=False)
    scan(at(5, 8))
    assert sent() == [
        ("afdelingshoofd", "[kopie, u bent afwezig] Herinnering"),
        ("plv", "Herinnering"),
    ]
    to_plv = next(m for m in mail.outbox if m.to == ["plv@parafeer.example"])
    assert "vervanger van Anton Jansen" in to_plv.body


def test_a_reminder_for_work_done_meanwhile_is_not_sent(waiting_at_afdelingshoofd, people):
    reminders.scan_reminders(now=at(5, 8))  # written, not yet sent (callbacks not run)
    nota_paraferen(nota=waiting_at_afdelingshoofd, by=people["afdelingshoofd"])
    for pk in Herinnering.objects.filter(soort=H.VOORAF).values_list("pk", flat=True):
        assert reminders.send_herinnering(pk) is False
    assert Herinnering.objects.get(soort=H.VOORAF).status == Herinnering.Status.VERZONDEN
    assert mail.outbox == []


def test_daily_digest_respects_the_opt_out(waiting_at_afdelingshoofd, scan, people):
    Medewerker.objects.filter(pk=people["afdelingshoofd"].pk).update(dagoverzicht=False)
    scan(at(5, 8))
    assert sent() == [("afdelingshoofd", "Herinnering")]


def test_policy_without_reminder_before(waiting_at_afdelingshoofd, scan):
    Herinneringsbeleid.objects.filter(soort="parafeerstap").update(werkdagen_vooraf=0)
    Medewerker.objects.update(dagoverzicht=False)
    scan(at(5, 8))
    assert sent() == []


def test_the_weekly_digest_lists_what_is_overdue(waiting_at_afdelingshoofd, scan):
    Medewerker.objects.update(dagoverzicht=False)
    scan(at(11, 7))  # Monday after the deadline of Fri 8 Dec
    weekly = [m for m in mail.outbox if m.subject.startswith("Weekoverzicht")]
    assert [m.to[0] for m in weekly] == ["afdelingshoofd@parafeer.example"]
    assert "1 werkdag te laat" in weekly[0].body


def test_office_staff_are_reminded_of_the_besluit(make_nota, people, scan, offices):
    nota = make_nota(deadline=date(2023, 12, 15))
    nota_indienen(nota=nota, by=people["opsteller"], now=at(4, 9))
    for name in ("afdelingshoofd", "directeur", "dg"):
        nota_paraferen(nota=nota, by=people[name], now=at(5, 9))
    Medewerker.objects.update(dagoverzicht=False)
    scan(at(12, 8))
    assert ("secretariaat", "Herinnering") in sent()


def test_a_failed_send_is_retried_then_marked_failed_for_the_beheerder(
    waiting_at_afdelingshoofd, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    settings.PARAFEER_HERINNERING_POGINGEN = 2
    reminders.scan_reminders(now=at(5, 8))
    pk = Herinnering.objects.get(soort=H.VOORAF).pk
    with pytest.raises(outbox.SendFailed):
        reminders.send_herinnering(pk)
    first = Herinnering.objects.get(pk=pk)
    assert (first.status, first.pogingen) == (Herinnering.Status.TE_VERZENDEN, 1)
    assert "ConnectionRefusedError" in first.laatste_fout
    assert reminders.send_herinnering(pk) is False
    failed = Herinnering.objects.get(pk=pk)
    assert (failed.status, failed.pogingen) == (Herinnering.Status.MISLUKT, 2)


def test_the_send_reminders_command_takes_a_moment(waiting_at_afdelingshoofd, capsys):
    from django.core.management import call_command

    call_command("send_reminders", "--now", "2023-12-05T08:00")
    assert "nieuwe herinnering(en)" in capsys.readouterr().out
    assert Herinnering.objects.filter(soort=H.VOORAF, datum=date(2023, 12, 8)).exists()


def test_a_bad_moment_gets_a_dutch_message():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="geen geldig tijdstip"):
        call_command("send_reminders", "--now", "volgende week")


def test_ical_feed_lists_the_deadlines_of_its_owner(client, waiting_at_afdelingshoofd, people):
    response = client.get(f"/agenda/{people['afdelingshoofd'].ical_token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert waiting_at_afdelingshoofd.kenmerk in body
    assert "DTSTART;VALUE=DATE:20231208" in body
    assert (
        client.get(f"/agenda/{people['directeur'].ical_token}.ics")
        .content.decode()
        .count("BEGIN:VEVENT")
        == 0
    )


def test_a_renewed_ical_token_revokes_the_old_link(client, people):
    from workflow.profile import ical_token_renew

    old = people["opsteller"].ical_token
    ical_token_renew(by=people["opsteller"])
    assert client.get(f"/agenda/{old}.ics").status_code == 404


def test_registering_an_absence_from_the_profile(client, people):
    client.force_login(people["afdelingshoofd"])
    response = client.post(
        "/profiel/",
        {"actie": "afwezigheid", "van": "2023-12-11", "tot": "2023-12-15",
         "vervanger": people["directeur"].pk},
        follow=True,
    )  # fmt: skip
    assert "Uw afwezigheid is vastgelegd." in response.content.decode()
    response = client.post(
        "/profiel/",
        {"actie": "afwezigheid", "van": "2023-12-14", "tot": "2023-12-12",
         "vervanger": people["directeur"].pk},
        follow=True,
    )  # fmt: skip
    assert "De laatste dag van de afwezigheid ligt vóór de eerste." in response.content.decode()
    assert people["afdelingshoofd"].afwezigheden.count() == 1


def test_parlementaire_coordinatie_is_reminded_of_a_toezegging_deadline(scan, people, stas):
    from workflow.commitments import toezegging_register

    Medewerker.objects.update(dagoverzicht=False)
    toezegging = toezegging_register(
        by=people["parlementair"], tekst="Voor eind 2023 een voortgangsrapportage sturen.",
        bewindspersoon=stas, deadline=date(2023, 12, 15), deadline_omschrijving="voor eind 2023",
        bron="debat", debat_datum=date(2023, 10, 5),
    )  # fmt: skip
    scan(at(1, 8))  # ten werkdagen before Fri 15 Dec (the register's policy)
    assert sent() == [("parlementair", "Herinnering")]
    assert f"/toezeggingen/{toezegging.pk}/" in mail.outbox[0].body
    assert "voortgangsrapportage" in mail.outbox[0].body


def test_only_notas_ter_beslissing_give_a_besluit_deadline(make_nota, people, offices):
    """Status and deadline are one condition on one nota: a draft to the same office whose
    deadline is asked for is no besluit deadline (the two apart made two joins)."""
    ter_beslissing = make_nota(deadline=date(2023, 12, 15))
    nota_indienen(nota=ter_beslissing, by=people["opsteller"], now=at(4, 9))
    for name in ("afdelingshoofd", "directeur", "dg"):
        nota_paraferen(nota=ter_beslissing, by=people[name], now=at(5, 9))
    make_nota(deadline=date(2023, 12, 12))  # a concept, to the same office

    found = {
        d.item_id
        for d in reminders.open_deadlines("besluit", {date(2023, 12, 12), date(2023, 12, 15)})
    }

    assert found == {ter_beslissing.pk}


def test_the_scan_writes_its_rows_whole_and_a_rerun_writes_none_twice(
    waiting_at_afdelingshoofd, people
):
    """The scan's set-based insert (`workflow.invoegen`, arrays per column on PostgreSQL) writes
    every field, defaults included, and skips a row that is already there."""
    first = reminders.scan_reminders(now=at(5, 8))
    assert first.created == 2  # the reminder and the daily digest
    reminder = Herinnering.objects.get(soort=H.VOORAF)
    assert (reminder.item_type, reminder.ontvanger, reminder.datum) == (
        "parafeerstap",
        people["afdelingshoofd"],
        date(2023, 12, 8),
    )
    assert reminder.status == Herinnering.Status.TE_VERZENDEN
    assert (reminder.pogingen, reminder.laatste_fout, reminder.namens) == (0, "", None)
    assert reminder.kenmerk == waiting_at_afdelingshoofd.kenmerk
    assert reminder.aangemaakt_op == at(5, 8)
    assert reminders.scan_reminders(now=at(5, 9)).created == 0
    assert Herinnering.objects.count() == 2


def test_queueing_stamps_each_unsent_reminder_once_until_its_task_counts_as_lost(
    waiting_at_afdelingshoofd, settings
):
    reminders.scan_reminders(now=at(5, 8))  # queued at 8:00 by the scan itself
    ids = set(Herinnering.objects.values_list("pk", flat=True))
    assert Herinnering.objects.filter(in_wachtrij_op=at(5, 8)).count() == len(ids) == 2
    assert reminders.queue_unsent(now=at(5, 8) + timedelta(minutes=1)) == 0
    later = at(5, 8) + timedelta(minutes=settings.PARAFEER_HERINNERING_OPNIEUW_NA_MINUTEN + 1)
    assert reminders.queue_unsent(now=later) == 2
    assert set(Herinnering.objects.filter(in_wachtrij_op=later).values_list("pk", flat=True)) == ids


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_queueing_skips_a_reminder_another_worker_is_sending(waiting_at_afdelingshoofd):
    """The one-statement UPDATE keeps SKIP LOCKED: a row locked elsewhere (a worker sending it)
    is neither waited for nor stamped."""
    reminders.scan_reminders(now=at(5, 8))
    locked, other = Herinnering.objects.order_by("pk").values_list("pk", flat=True)
    # (the eager test worker sent them on commit: as if they were still to be sent)
    Herinnering.objects.update(
        in_wachtrij_op=None, status=Herinnering.Status.TE_VERZENDEN, verzonden_op=None
    )
    elsewhere = connections.create_connection("default")
    try:
        with elsewhere.cursor() as cursor:
            cursor.execute("BEGIN")
            cursor.execute("SELECT id FROM workflow_herinnering WHERE id = %s FOR UPDATE", [locked])
            with connection.cursor() as here:  # waiting for the lock fails the test, not hangs
                here.execute("SET lock_timeout = '5s'")
            try:
                assert reminders.queue_unsent(now=at(5, 9)) == 1
            finally:
                with connection.cursor() as here:
                    here.execute("RESET lock_timeout")
            cursor.execute("ROLLBACK")
    finally:
        elsewhere.close()
    assert Herinnering.objects.get(pk=other).in_wachtrij_op == at(5, 9)
    assert Herinnering.objects.get(pk=locked).in_wachtrij_op is None
