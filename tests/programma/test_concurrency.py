"""Coordinator and substitute accepting, or accepting and sending back, the same contribution at
once, on PostgreSQL with real concurrent connections: exactly one wins, nothing is written twice."""

import pytest

from programma import services
from programma.models import MaatregelStatus, Voortgangsbijdrage
from workflow.models import Vervanging

from ..support import at
from ..workflow.test_concurrency import run_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def ingediend(programma, people) -> Voortgangsbijdrage:
    ronde = services.ronde_open(
        programma=programma, by=people["afdelingshoofd"], jaar=2023, titel="2023", werkdagen=5
    )
    bijdrage = ronde.bijdragen.first()
    return services.bijdrage_submit(
        bijdrage=bijdrage, by=people["opsteller"], tekst="Resultaat.",
        maatregel_status=MaatregelStatus.AFGEROND,
    )  # fmt: skip


@pytest.mark.parametrize("second", ["accept", "send_back"])
def test_two_reviewers_at_once_one_wins(programma, people, second):
    # The directeur stands in for the coordinator today, so both may review.
    Vervanging.objects.create(
        medewerker=people["afdelingshoofd"], vervanger=people["directeur"],
        van=at(1).date().replace(year=2000), tot=at(1).date().replace(year=2100),
    )  # fmt: skip
    bijdrage = ingediend(programma, people)
    other = (
        (lambda: services.bijdrage_accept(bijdrage=bijdrage, by=people["directeur"]))
        if second == "accept"
        else lambda: services.bijdrage_send_back(
            bijdrage=bijdrage, by=people["directeur"], opmerking="Korter graag."
        )
    )
    results = run_at_once(
        lambda: services.bijdrage_accept(bijdrage=bijdrage, by=people["afdelingshoofd"]), other
    )

    refused = [r for r in results if isinstance(r, services.ActionNotAllowed)]
    won = [r for r in results if isinstance(r, Voortgangsbijdrage)]
    assert len(refused) == 1 and len(won) == 1, results
    bijdrage.refresh_from_db()
    assert bijdrage.status == won[0].status
    # One submit and exactly one review in the history.
    assert bijdrage.gebeurtenissen.count() == 2


def test_asking_the_same_contribution_twice_at_once_one_wins(programma, people):
    from programma.models import Maatregel, Programmagebeurtenis

    Vervanging.objects.create(
        medewerker=people["afdelingshoofd"], vervanger=people["directeur"],
        van=at(1).date().replace(year=2000), tot=at(1).date().replace(year=2100),
    )  # fmt: skip
    een, twee = Maatregel.objects.order_by("nummer")
    ronde = services.ronde_open(
        programma=programma, by=people["afdelingshoofd"], jaar=2024, titel="2024",
        werkdagen=5, maatregelen=[een],
    )  # fmt: skip

    def ask(by):
        return lambda: services.bijdragen_vragen(
            ronde=ronde, maatregelen=[twee], by=people[by], werkdagen=3
        )

    results = run_at_once(ask("afdelingshoofd"), ask("directeur"))

    refused = [r for r in results if isinstance(r, services.ActionNotAllowed)]
    assert len(refused) == 1, results
    assert "al gevraagd" in refused[0].message
    assert ronde.bijdragen.filter(maatregel=twee).count() == 1
    assert Programmagebeurtenis.objects.filter(actie="bijdrage_gevraagd").count() == 1


def test_two_imports_at_once_are_applied_one_after_the_other(programma, people):
    import io

    from openpyxl import Workbook

    from programma.models import Maatregel, Programmagebeurtenis

    Vervanging.objects.create(
        medewerker=people["afdelingshoofd"], vervanger=people["directeur"],
        van=at(1).date().replace(year=2000), tot=at(1).date().replace(year=2100),
    )  # fmt: skip

    def xlsx(status):
        workbook = Workbook()
        workbook.active.append(["Nummer", "Titel", "Partners", "Status"])
        workbook.active.append([1, "Maatregel 1", "", status])
        workbook.active.append([2, "Maatregel 2", "", status])
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()

    def upload(by, status):
        return lambda: services.maatregelen_import(
            programma=programma, by=people[by], inhoud=xlsx(status)
        )

    results = run_at_once(
        upload("afdelingshoofd", "afgerond"), upload("directeur", "in_uitvoering")
    )

    assert all(isinstance(r, services.ImportResult) for r in results), results
    # Serialised on the programme's lock: each file wholly, never a mix of the two.
    statuses = set(Maatregel.objects.values_list("status", flat=True))
    assert len(statuses) == 1
    assert Programmagebeurtenis.objects.filter(actie="maatregel_gewijzigd").count() == 4
