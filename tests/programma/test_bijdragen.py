"""A reporting round and the life of a contribution: asked, submitted, sent back, accepted."""

import pytest

from programma import services
from programma.models import MaatregelStatus, Programmagebeurtenis, Voortgangsbijdrage
from workflow.models import HistoryIsAppendOnly, Vervanging

from ..support import at

pytestmark = pytest.mark.django_db

Status = Voortgangsbijdrage.Status


def open_round(programma, people, **kw):
    fields = {"jaar": 2023, "titel": "Voortgangsrapportage 2023", "werkdagen": 10, "now": at(1, 9)}
    fields.update(kw)
    return services.ronde_open(programma=programma, by=people["afdelingshoofd"], **fields)


def submit(bijdrage, by, tekst="Nederland is in 2023 aangesloten.", now=None):
    return services.bijdrage_submit(
        bijdrage=bijdrage, by=by, tekst=tekst, maatregel_status=MaatregelStatus.IN_UITVOERING,
        now=now or at(4, 10),
    )  # fmt: skip


def test_opening_a_round_asks_every_contact_with_a_deadline_in_werkdagen(programma, people):
    ronde = open_round(programma, people)

    assert [b.maatregel.nummer for b in ronde.bijdragen.all()] == [1, 2]
    assert {b.status for b in ronde.bijdragen.all()} == {Status.GEVRAAGD}
    # at(1, 9) is Friday 1 December 2023; ten werkdagen later is Friday the 15th.
    assert ronde.deadline.isoformat() == "2023-12-15"
    assert Programmagebeurtenis.objects.get(ronde=ronde).actie == "ronde_geopend"


def test_only_the_coordinator_opens_a_round_and_once_a_year(programma, people):
    with pytest.raises(services.ActionNotAllowed, match="coördinator"):
        services.ronde_open(
            programma=programma, by=people["opsteller"], jaar=2023, titel="x", werkdagen=5
        )
    open_round(programma, people)
    with pytest.raises(services.ActionNotAllowed, match="al een rapportageronde voor 2023"):
        open_round(programma, people)


def test_contact_submits_coordinator_sends_back_then_accepts(programma, people):
    bijdrage = open_round(programma, people).bijdragen.first()

    submit(bijdrage, people["opsteller"])
    services.bijdrage_send_back(
        bijdrage=bijdrage, by=people["afdelingshoofd"], opmerking="Noem het aantal deelnemers.",
        now=at(5, 9),
    )  # fmt: skip
    bijdrage.refresh_from_db()
    assert bijdrage.status == Status.TERUGGESTUURD
    assert bijdrage.opmerking == "Noem het aantal deelnemers."

    submit(bijdrage, people["opsteller"], tekst="Een congres met 330 deelnemers.", now=at(6, 9))
    services.bijdrage_accept(bijdrage=bijdrage, by=people["afdelingshoofd"], now=at(7, 9))

    bijdrage.refresh_from_db()
    assert bijdrage.status == Status.GEACCEPTEERD
    assert bijdrage.tekst == "Een congres met 330 deelnemers."
    assert bijdrage.maatregel.status == MaatregelStatus.IN_UITVOERING
    acties = list(bijdrage.gebeurtenissen.values_list("actie", "actor__username"))
    assert acties == [
        ("bijdrage_ingediend", "opsteller"),
        ("bijdrage_teruggestuurd", "afdelingshoofd"),
        ("bijdrage_ingediend", "opsteller"),
        ("bijdrage_geaccepteerd", "afdelingshoofd"),
    ]


def test_someone_else_cannot_submit_and_the_contact_cannot_accept(programma, people):
    bijdrage = open_round(programma, people).bijdragen.first()
    with pytest.raises(services.ActionNotAllowed, match="contactpersoon"):
        submit(bijdrage, people["directeur"])
    submit(bijdrage, people["opsteller"])
    with pytest.raises(services.ActionNotAllowed, match="coördinator"):
        services.bijdrage_accept(bijdrage=bijdrage, by=people["opsteller"])


def test_the_contacts_substitute_submits_on_their_behalf(programma, people):
    Vervanging.objects.create(
        medewerker=people["opsteller"], vervanger=people["directeur"],
        van=at(1, 9).date(), tot=at(8, 9).date(),
    )  # fmt: skip
    bijdrage = open_round(programma, people).bijdragen.first()
    submit(bijdrage, people["directeur"])
    event = bijdrage.gebeurtenissen.get()
    assert (event.actor, event.namens) == (people["directeur"], people["opsteller"])


def test_refusals_change_nothing(programma, people):
    bijdrage = open_round(programma, people).bijdragen.first()
    with pytest.raises(services.ActionNotAllowed, match="resultaten"):
        submit(bijdrage, people["opsteller"], tekst="  ")
    with pytest.raises(services.ActionNotAllowed, match="status"):
        services.bijdrage_submit(
            bijdrage=bijdrage, by=people["opsteller"], tekst="x", maatregel_status="klaar"
        )
    submit(bijdrage, people["opsteller"])
    with pytest.raises(services.ActionNotAllowed, match="opmerking"):
        services.bijdrage_send_back(bijdrage=bijdrage, by=people["afdelingshoofd"], opmerking="")
    bijdrage.refresh_from_db()
    assert bijdrage.status == Status.INGEDIEND
    assert bijdrage.gebeurtenissen.count() == 1
    with pytest.raises(services.ActionNotAllowed, match="al ingediend"):
        submit(bijdrage, people["opsteller"])


def test_accepting_twice_is_refused(programma, people):
    bijdrage = open_round(programma, people).bijdragen.first()
    submit(bijdrage, people["opsteller"])
    services.bijdrage_accept(bijdrage=bijdrage, by=people["afdelingshoofd"])
    with pytest.raises(services.ActionNotAllowed, match="al geaccepteerd"):
        services.bijdrage_accept(bijdrage=bijdrage, by=people["afdelingshoofd"])


def test_the_history_is_append_only(programma, people):
    event = Programmagebeurtenis.objects.get(ronde=open_round(programma, people))
    with pytest.raises(HistoryIsAppendOnly):
        event.save()
    with pytest.raises(HistoryIsAppendOnly):
        Programmagebeurtenis.objects.all().delete()


def test_a_round_may_ask_a_few_and_one_more_later_with_its_own_deadline(programma, people):
    from programma.models import Maatregel

    een, twee = Maatregel.objects.order_by("nummer")
    ronde = open_round(programma, people, maatregelen=[een])
    assert [b.maatregel.nummer for b in ronde.bijdragen.all()] == [1]
    assert ronde.bijdragen.get().deadline == ronde.deadline

    with pytest.raises(services.ActionNotAllowed, match="coördinator"):
        services.bijdragen_vragen(
            ronde=ronde, maatregelen=[twee], by=people["opsteller"], werkdagen=3, now=at(4, 9)
        )
    with pytest.raises(services.ActionNotAllowed, match="maatregel 1 is in deze ronde al"):
        services.bijdragen_vragen(
            ronde=ronde, maatregelen=[een], by=people["afdelingshoofd"], werkdagen=3, now=at(4, 9)
        )
    (later,) = services.bijdragen_vragen(
        ronde=ronde, maatregelen=[twee], by=people["afdelingshoofd"], werkdagen=3, now=at(4, 9)
    )
    # Monday 4 December plus three werkdagen: Thursday the 7th, before the round's 15th.
    assert later.deadline.isoformat() == "2023-12-07"
    assert later.status == Status.GEVRAAGD
    event = Programmagebeurtenis.objects.get(bijdrage=later)
    assert (event.actie, event.actor) == ("bijdrage_gevraagd", people["afdelingshoofd"])
