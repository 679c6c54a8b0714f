"""The demo a newcomer meets: dated from the day it is loaded, idempotent, and reset on request."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from demo.notas import SEED_KENMERK, SEED_VANDAAG, load_demo_notas
from letters.models import Kamerbrief, Nota
from workflow.deadlines import werkkalender
from workflow.models import Medewerker, Parafeerstap, Toezegging
from workflow.services.nota import nota_besluit_vastleggen


def seed_nota() -> Nota:
    return Nota.objects.get(kenmerk=SEED_KENMERK)


def test_on_the_seed_day_the_case_has_the_documents_dates(seed_organisation):
    load_demo_notas(vandaag=SEED_VANDAAG)
    nota = seed_nota()
    assert (nota.datum, nota.deadline) == (date(2023, 11, 30), date(2023, 12, 15))
    assert nota.deadline_omschrijving == "15-12-2023"
    brief = Kamerbrief.objects.get(nota=nota)
    assert brief.geplande_verzenddatum == date(2023, 12, 19)
    assert {v.deadline for v in brief.afstemmingsverzoeken.all()} == {date(2023, 12, 13)}
    voortgang = Toezegging.objects.get(deadline_omschrijving="voor eind 2023")
    assert voortgang.deadline == date(2023, 12, 31)
    # The 2022 letter keeps its real date whatever the day.
    assert Kamerbrief.objects.get(kenmerk="3382139-1030472-PG").datum == date(2022, 6, 10)


@pytest.mark.parametrize("vandaag", [date(2024, 3, 1), date(2025, 7, 5), date(2026, 1, 2)])
def test_the_case_in_flight_moves_with_the_day_it_is_loaded(seed_organisation, vandaag):
    load_demo_notas(vandaag=vandaag)
    kalender = werkkalender()
    nota = seed_nota()
    assert nota.datum == kalender.add_werkdagen(vandaag, -3)
    assert nota.deadline == kalender.add_werkdagen(vandaag, 8)
    assert nota.status == Nota.Status.TER_BESLISSING
    brief = Kamerbrief.objects.get(nota=nota)
    assert brief.geplande_verzenddatum == kalender.add_werkdagen(vandaag, 10)
    assert Toezegging.objects.get(deadline_omschrijving__startswith="voor eind").deadline == date(
        nota.deadline.year, 12, 31
    )
    # One item is overdue on purpose: the directeur's paraaf on the subsidy nota.
    late = Parafeerstap.objects.get(
        nota__onderwerp__startswith="Subsidieverlening", status="aan_de_beurt"
    )
    assert late.parafeerder.username == "directeur"
    assert late.deadline < vandaag
    # The 2022 letter keeps its real date whatever the day.
    assert Kamerbrief.objects.get(kenmerk="3382139-1030472-PG").datum == date(2022, 6, 10)


def test_loaded_today_the_pages_show_a_live_case(client, seed_organisation, user_named):
    load_demo_notas()
    today = timezone.localdate()
    client.force_login(user_named("directeur"))
    page = client.get(reverse("home")).content.decode()
    assert "te laat" in page  # the subsidy nota's paraaf
    assert "757 werkdagen" not in page
    agenda = client.get(reverse("agenda")).content.decode()
    assert f"{today:%Y}" in agenda
    assert "Paraferen:" in agenda  # the agenda opens on this month, with the late paraaf in it
    client.force_login(user_named("secretariaat"))
    page = client.get(reverse("home")).content.decode()
    assert seed_nota().kenmerk in page and "nog " in page


def test_loading_twice_changes_nothing(seed_organisation):
    load_demo_notas()
    counts = (Nota.objects.count(), Kamerbrief.objects.count(), Toezegging.objects.count())
    load_demo_notas()
    assert (Nota.objects.count(), Kamerbrief.objects.count(), Toezegging.objects.count()) == counts


@pytest.mark.django_db(transaction=True)
def test_reset_puts_the_seed_case_back_at_its_start(capsys):
    call_command("demo", "--no-server")
    office = Medewerker.objects.get(username="secretariaat")
    nota_besluit_vastleggen(nota=seed_nota(), by=office, uitkomst="akkoord")
    assert seed_nota().status != Nota.Status.TER_BESLISSING
    notas = Nota.objects.count()

    call_command("demo", "--no-server", "--reset")
    assert seed_nota().status == Nota.Status.TER_BESLISSING
    assert Nota.objects.count() == notas
    assert "Database geleegd." in capsys.readouterr().out


def test_reset_is_refused_in_production(seed_organisation, settings):
    settings.PARAFEER_DEMO_RESET = False
    load_demo_notas()
    with pytest.raises(CommandError, match="productie"):
        call_command("demo", "--no-server", "--reset")
    assert Nota.objects.filter(kenmerk=SEED_KENMERK).exists()


def test_the_demo_refuses_a_database_with_real_people(seed_organisation, outsider):
    """Its users share a published password: a real installation gets none of them, and is never
    emptied by --reset (whatever the settings say)."""
    for args in (["--no-server"], ["--no-server", "--reset"]):
        with pytest.raises(CommandError, match="echte gebruikers"):
            call_command("demo", *args)
    assert not Nota.objects.exists()
    assert Medewerker.objects.filter(username="buitenstaander").exists()
