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
