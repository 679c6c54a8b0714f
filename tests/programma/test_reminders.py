"""The voortgangsbijdragen on the reminder ladder: asked-for contributions are reminded before,
on and after the round's deadline, once per step however often the scan runs, through the
outbox; one that is in is not."""

from datetime import date

import pytest
from django.core import mail

from programma import services
from programma.models import MaatregelStatus
from tests.support import at
from workflow import reminders
from workflow.models import Herinnering, Medewerker, Organisatieonderdeel

H = Herinnering.Soort


@pytest.fixture
def ronde(programma, people):
    """Asked Mon 4 Dec with five werkdagen: the contributions are due Mon 11 Dec."""
    Medewerker.objects.update(dagoverzicht=False)  # only the ladder, no digests
    ronde = services.ronde_open(
        programma=programma, by=people["afdelingshoofd"], jaar=2024,
        titel="Voortgangsrapportage 2024", werkdagen=5, now=at(4, 9),
    )  # fmt: skip
    assert ronde.deadline == date(2023, 12, 11)
    return ronde


@pytest.fixture
def scan(django_capture_on_commit_callbacks):
    def run(when):
        with django_capture_on_commit_callbacks(execute=True):
            return reminders.scan_reminders(now=when)

    return run


def scan_every_day_twice(scan):
    for day in range(4, 20):
        scan(at(day, 7))
        scan(at(day, 15))


def bijdrage_mails():
    return [m for m in mail.outbox if "maatregel" in m.subject]


def test_each_step_of_the_ladder_reaches_the_contact_once_across_reruns(ronde, scan, people):
    scan_every_day_twice(scan)
    rows = Herinnering.objects.filter(item_type="voortgangsbijdrage")
    # Two contributions × (before, on the day, escalation): each written and sent once.
    assert rows.count() == 6
    assert set(rows.values_list("status", flat=True)) == {Herinnering.Status.VERZONDEN}
    assert sorted(rows.values_list("item_id", "soort").distinct()) == sorted(
        (b.pk, soort)
        for b in ronde.bijdragen.all()
        for soort in (H.VOORAF, H.OP_DE_DAG, H.ESCALATIE)
    )
    assert len(bijdrage_mails()) == 6
    contact = people["opsteller"]
    assert {m.to[0] for m in bijdrage_mails() if not m.subject.startswith("Te laat")} == {
        contact.email
    }


def test_the_reminder_names_the_maatregel_the_round_and_the_deadline(ronde, scan, people):
    scan(at(6, 8))  # three werkdagen before Monday's deadline
    (message,) = [m for m in bijdrage_mails() if "maatregel 1" in m.subject]
    bijdrage = ronde.bijdragen.get(maatregel__nummer=1)
    assert message.to == [people["opsteller"].email]
    assert (
        message.subject
        == "Herinnering: Voortgangsrapportage 2024, maatregel 1, deadline 11-12-2023"
    )
    assert "maatregel 1 “Maatregel 1”" in message.body
    assert "Voortgangsrapportage 2024" in message.body
    assert "11 december 2023" in message.body
    assert f"/programmas/bijdragen/{bijdrage.pk}/" in message.body
    assert f"/programmas/bijdragen/{bijdrage.pk}/" in message.alternatives[0][0]


def test_a_late_contribution_escalates_to_the_manager_of_the_directie(ronde, scan, people):
    scan(at(12, 8))  # the first werkdag after the deadline
    manager = Organisatieonderdeel.objects.get(code="PG", ministerie__afkorting="VWS").manager
    late = [m for m in bijdrage_mails() if m.subject.startswith("Te laat")]
    assert len(late) == 2
    assert {m.to[0] for m in late} == {manager.email}


def test_a_submitted_or_accepted_contribution_is_not_reminded(ronde, scan, people):
    first, second = ronde.bijdragen.order_by("maatregel__nummer")
    for bijdrage in (first, second):
        services.bijdrage_submit(
            bijdrage=bijdrage, by=people["opsteller"], tekst="Gedaan.",
            maatregel_status=MaatregelStatus.IN_UITVOERING, now=at(5, 9),
        )  # fmt: skip
    services.bijdrage_accept(bijdrage=first, by=people["afdelingshoofd"], now=at(5, 10))
    scan_every_day_twice(scan)
    assert not Herinnering.objects.filter(item_type="voortgangsbijdrage").exists()
    assert bijdrage_mails() == []


def test_a_contribution_sent_back_is_reminded_again(ronde, scan, people):
    first = ronde.bijdragen.get(maatregel__nummer=1)
    services.bijdrage_submit(
        bijdrage=first, by=people["opsteller"], tekst="Gedaan.",
        maatregel_status=MaatregelStatus.IN_UITVOERING, now=at(5, 9),
    )  # fmt: skip
    services.bijdrage_send_back(
        bijdrage=first, by=people["afdelingshoofd"], opmerking="Bronnen erbij.", now=at(5, 10)
    )
    scan(at(11, 8))
    assert Herinnering.objects.filter(
        item_type="voortgangsbijdrage", item_id=first.pk, soort=H.OP_DE_DAG
    ).exists()


def test_a_reminder_written_before_the_contribution_came_in_is_not_sent(ronde, people):
    first = ronde.bijdragen.get(maatregel__nummer=1)
    reminders.scan_reminders(now=at(6, 8))  # written, its sending not yet run
    services.bijdrage_submit(
        bijdrage=first, by=people["opsteller"], tekst="Gedaan.",
        maatregel_status=MaatregelStatus.IN_UITVOERING, now=at(6, 9),
    )  # fmt: skip
    row = Herinnering.objects.get(item_type="voortgangsbijdrage", item_id=first.pk)
    assert reminders.send_herinnering(row.pk, now=at(6, 10)) is False
    assert bijdrage_mails() == []


def test_the_daily_digest_lists_the_contribution(ronde, scan, people):
    Medewerker.objects.filter(pk=people["opsteller"].pk).update(dagoverzicht=True)
    scan(at(5, 8))
    (digest,) = [m for m in mail.outbox if m.subject.startswith("Uw Parafeer-overzicht")]
    assert digest.to == [people["opsteller"].email]
    assert "Voortgangsrapportage 2024, maatregel 2" in digest.body


def test_a_contribution_asked_later_is_reminded_against_its_own_deadline(programma, people, scan):
    from programma.models import Maatregel

    Medewerker.objects.update(dagoverzicht=False)
    een, twee = Maatregel.objects.order_by("nummer")
    ronde = services.ronde_open(
        programma=programma, by=people["afdelingshoofd"], jaar=2024, titel="Ronde 2024",
        werkdagen=10, maatregelen=[een], now=at(4, 9),
    )  # fmt: skip
    (later,) = services.bijdragen_vragen(
        ronde=ronde, maatregelen=[twee], by=people["afdelingshoofd"], werkdagen=2, now=at(5, 9)
    )
    assert later.deadline == date(2023, 12, 7) != ronde.deadline
    scan(at(7, 8))  # the later one's deadline is today; the round's is a week off
    rows = Herinnering.objects.filter(item_type="voortgangsbijdrage")
    assert list(rows.values_list("item_id", "soort", "datum")) == [
        (later.pk, H.OP_DE_DAG, date(2023, 12, 7))
    ]


def test_the_contacts_agenda_and_ical_feed_show_the_contribution_asked(client, ronde, people):
    bijdrage = ronde.bijdragen.get(maatregel__nummer=1)
    client.force_login(people["opsteller"])
    page = client.get("/kalender/?maand=2023-12").content.decode()
    link = f"/programmas/bijdragen/{bijdrage.pk}/"
    assert (
        f'<a href="{link}">Bijdrage schrijven: Voortgangsrapportage 2024, maatregel 1</a>' in page
    )
    feed = client.get(f"/agenda/{people['opsteller'].ical_token}.ics").content.decode()
    assert "DTSTART;VALUE=DATE:20231211" in feed
    assert "Bijdrage schrijven: Voortgangsrapportage 2024\\, maatregel 1" in feed
    # Submitted, it leaves the agenda.
    services.bijdrage_submit(
        bijdrage=bijdrage, by=people["opsteller"], tekst="Gedaan.",
        maatregel_status=MaatregelStatus.IN_UITVOERING,
    )  # fmt: skip
    assert link not in client.get("/kalender/?maand=2023-12").content.decode()
