"""Werkdagen, feestdagen, sluitingsdagen en recessen (pure Python, geen database)."""

from datetime import date, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from workflow.werkdagen import (
    TWEEDE_KAMER_RECESSEN_2023_2024,
    Reces,
    Werkkalender,
    reces_op,
)

RIJK = Werkkalender.rijksoverheid()

# Beheerder sluit de dagen tussen Kerst en Nieuwjaar 2023.
KERSTSLUITING_2023 = frozenset({date(2023, 12, 27), date(2023, 12, 28), date(2023, 12, 29)})

KERSTRECES_2023 = TWEEDE_KAMER_RECESSEN_2023_2024[3]


# -- De Rijksoverheid-standaard ----------------------------------------------------------------


def test_rijksoverheid_is_the_default_calendar():
    assert Werkkalender() == RIJK
    assert RIJK.goede_vrijdag_vrij is False
    assert RIJK.bevrijdingsdag == "lustrum"
    assert RIJK.sluitingsdagen == frozenset()


def test_rijk_feestdagen_2024_are_exactly_the_cao_rijk_days():
    # Geen Goede Vrijdag (29 maart) en geen Bevrijdingsdag (2024 is geen lustrumjaar).
    assert dict(RIJK.feestdagen(2024)) == {
        date(2024, 1, 1): "Nieuwjaarsdag",
        date(2024, 3, 31): "Eerste paasdag",
        date(2024, 4, 1): "Tweede paasdag",
        date(2024, 4, 27): "Koningsdag",
        date(2024, 5, 9): "Hemelvaartsdag",
        date(2024, 5, 19): "Eerste pinksterdag",
        date(2024, 5, 20): "Tweede pinksterdag",
        date(2024, 12, 25): "Eerste kerstdag",
        date(2024, 12, 26): "Tweede kerstdag",
    }


def test_rijk_feestdagen_2025_include_bevrijdingsdag_and_koningsdag_on_saturday():
    assert dict(RIJK.feestdagen(2025)) == {
        date(2025, 1, 1): "Nieuwjaarsdag",
        date(2025, 4, 20): "Eerste paasdag",
        date(2025, 4, 21): "Tweede paasdag",
        date(2025, 4, 26): "Koningsdag",
        date(2025, 5, 5): "Bevrijdingsdag",
        date(2025, 5, 29): "Hemelvaartsdag",
        date(2025, 6, 8): "Eerste pinksterdag",
        date(2025, 6, 9): "Tweede pinksterdag",
        date(2025, 12, 25): "Eerste kerstdag",
        date(2025, 12, 26): "Tweede kerstdag",
    }


def test_koningsdag_2023_on_thursday_is_no_werkdag_and_costs_a_day():
    koningsdag = date(2023, 4, 27)
    assert koningsdag.weekday() == 3  # donderdag
    assert not RIJK.is_werkdag(koningsdag)
    assert RIJK.vrije_dag_naam(koningsdag) == "Koningsdag"
    # Maandag 24 april tot maandag 1 mei: vier werkdagen in plaats van vijf.
    assert RIJK.werkdagen_tussen(date(2023, 4, 24), date(2023, 5, 1)) == 4


def test_koningsdag_on_sunday_moves_to_saturday_and_costs_no_werkdag():
    assert date(2025, 4, 27).weekday() == 6  # 27 april 2025 is een zondag
    assert RIJK.vrije_dag_naam(date(2025, 4, 26)) == "Koningsdag"
    assert RIJK.vrije_dag_naam(date(2025, 4, 27)) == "Weekend"
    # Vrijdag + 1 werkdag is gewoon maandag: de feestdag op zaterdag kost niets.
    assert RIJK.is_werkdag(date(2025, 4, 28))
    assert RIJK.add_werkdagen(date(2025, 4, 25), 1) == date(2025, 4, 28)
    assert RIJK.werkdagen_tussen(date(2025, 4, 25), date(2025, 4, 28)) == 1


def test_tweede_paasdag_2024_is_no_werkdag():
    assert not RIJK.is_werkdag(date(2024, 4, 1))
    assert RIJK.vrije_dag_naam(date(2024, 4, 1)) == "Tweede paasdag"
    assert RIJK.vrije_dag_naam(date(2024, 3, 31)) == "Eerste paasdag"  # zondag, bij naam
    assert RIJK.volgende_werkdag(date(2024, 3, 29)) == date(2024, 4, 2)


def test_eerste_en_tweede_kerstdag_2023_fall_on_monday_and_tuesday():
    assert RIJK.vrije_dag_naam(date(2023, 12, 25)) == "Eerste kerstdag"
    assert RIJK.vrije_dag_naam(date(2023, 12, 26)) == "Tweede kerstdag"
    assert RIJK.is_werkdag(date(2023, 12, 27))
    assert RIJK.volgende_werkdag(date(2023, 12, 22)) == date(2023, 12, 27)


@pytest.mark.parametrize("hemelvaart", [date(2023, 5, 18), date(2024, 5, 9), date(2025, 5, 29)])
def test_hemelvaartsdag_is_no_werkdag_but_the_vrijdag_after_is(hemelvaart):
    assert hemelvaart.weekday() == 3
    assert RIJK.vrije_dag_naam(hemelvaart) == "Hemelvaartsdag"
    # De "brugdag" is geen feestdag; wie vrij neemt, neemt verlof.
    assert RIJK.is_werkdag(date.fromordinal(hemelvaart.toordinal() + 1))


def test_pinksteren_2024_tweede_pinksterdag_is_no_werkdag():
    assert RIJK.vrije_dag_naam(date(2024, 5, 20)) == "Tweede pinksterdag"
    assert RIJK.add_werkdagen(date(2024, 5, 17), 1) == date(2024, 5, 21)


def test_nieuwjaarsdag_is_no_werkdag():
    assert RIJK.vrije_dag_naam(date(2024, 1, 1)) == "Nieuwjaarsdag"


# -- Bevrijdingsdag en Goede Vrijdag zijn instelbaar -------------------------------------------


def test_bevrijdingsdag_lustrum_2025_is_a_day_off():
    assert date(2025, 5, 5).weekday() == 0  # maandag
    assert not RIJK.is_werkdag(date(2025, 5, 5))
    assert RIJK.vrije_dag_naam(date(2025, 5, 5)) == "Bevrijdingsdag"
    assert not RIJK.is_werkdag(date(2030, 5, 5))  # volgende lustrum, een zondag: wel bij naam
    assert RIJK.vrije_dag_naam(date(2030, 5, 5)) == "Bevrijdingsdag"


def test_bevrijdingsdag_outside_lustrum_is_a_normal_day():
    # 2024 is geen lustrumjaar; 5 mei 2024 is een zondag en dus gewoon weekend.
    assert RIJK.vrije_dag_naam(date(2024, 5, 5)) == "Weekend"
    # 5 mei 2023 (vrijdag) en 2026 (dinsdag) zijn bij het Rijk werkdagen.
    assert RIJK.is_werkdag(date(2023, 5, 5))
    assert RIJK.is_werkdag(date(2026, 5, 5))


def test_bevrijdingsdag_jaarlijks_makes_every_5_mei_a_day_off():
    jaarlijks = Werkkalender(bevrijdingsdag="jaarlijks")
    assert jaarlijks.vrije_dag_naam(date(2024, 5, 5)) == "Bevrijdingsdag"
    assert not jaarlijks.is_werkdag(date(2023, 5, 5))
    assert not jaarlijks.is_werkdag(date(2026, 5, 5))
    assert not jaarlijks.is_werkdag(date(2025, 5, 5))


def test_bevrijdingsdag_nooit_keeps_5_mei_a_werkdag_even_in_a_lustrum_year():
    nooit = Werkkalender(bevrijdingsdag="nooit")
    assert nooit.is_werkdag(date(2025, 5, 5))
    assert date(2025, 5, 5) not in nooit.feestdagen(2025)


def test_bevrijdingsdag_on_hemelvaartsdag_keeps_both_names():
    # 5 mei 2016 was ook Hemelvaartsdag.
    jaarlijks = Werkkalender(bevrijdingsdag="jaarlijks")
    assert jaarlijks.vrije_dag_naam(date(2016, 5, 5)) == "Bevrijdingsdag en Hemelvaartsdag"
    assert RIJK.vrije_dag_naam(date(2016, 5, 5)) == "Hemelvaartsdag"


def test_unknown_bevrijdingsdag_policy_is_rejected():
    with pytest.raises(ValueError, match="bevrijdingsdag"):
        Werkkalender(bevrijdingsdag="soms")  # type: ignore[arg-type]


def test_goede_vrijdag_is_a_werkdag_at_the_rijk():
    assert RIJK.is_werkdag(date(2024, 3, 29))
    assert RIJK.vrije_dag_naam(date(2024, 3, 29)) is None


def test_goede_vrijdag_is_a_day_off_when_configured():
    met_goede_vrijdag = Werkkalender(goede_vrijdag_vrij=True)
    assert not met_goede_vrijdag.is_werkdag(date(2024, 3, 29))
    assert met_goede_vrijdag.vrije_dag_naam(date(2024, 3, 29)) == "Goede vrijdag"


def test_two_werkdagen_before_tweede_paasdag_depends_on_goede_vrijdag():
    # Terug vanaf maandag 1 april 2024: zondag, zaterdag, vrijdag 29 (1), donderdag 28 (2).
    assert RIJK.subtract_werkdagen(date(2024, 4, 1), 2) == date(2024, 3, 28)
    # Is Goede Vrijdag vrij, dan schuift alles een dag op.
    met_goede_vrijdag = Werkkalender(goede_vrijdag_vrij=True)
    assert met_goede_vrijdag.subtract_werkdagen(date(2024, 4, 1), 2) == date(2024, 3, 27)


# -- Sluitingsdagen ----------------------------------------------------------------------------


def test_sluitingsdag_is_no_werkdag_and_is_named():
    kalender = Werkkalender(sluitingsdagen=KERSTSLUITING_2023)
    assert not kalender.is_werkdag(date(2023, 12, 27))
    assert kalender.vrije_dag_naam(date(2023, 12, 27)) == "Sluitingsdag"
    # Een feestdag blijft zijn eigen naam houden.
    kalender_met_kerst = Werkkalender(sluitingsdagen=frozenset({date(2023, 12, 25)}))
    assert kalender_met_kerst.vrije_dag_naam(date(2023, 12, 25)) == "Eerste kerstdag"


def test_sluitingsdagen_between_kerst_and_nieuwjaar_skip_to_january():
    kalender = Werkkalender(sluitingsdagen=KERSTSLUITING_2023)
    assert kalender.add_werkdagen(date(2023, 12, 22), 1) == date(2024, 1, 2)
    assert kalender.subtract_werkdagen(date(2024, 1, 2), 1) == date(2023, 12, 22)
    assert kalender.werkdagen_tussen(date(2023, 12, 22), date(2024, 1, 2)) == 1


def test_sluitingsdagen_may_be_given_as_a_list_from_configuration():
    kalender = Werkkalender(sluitingsdagen=[date(2023, 12, 27)])  # type: ignore[arg-type]
    assert kalender.sluitingsdagen == frozenset({date(2023, 12, 27)})
    assert kalender == Werkkalender(sluitingsdagen=frozenset({date(2023, 12, 27)}))


# -- Rekenen in werkdagen ----------------------------------------------------------------------


def test_adding_werkdagen_over_the_kerstdagen():
    # Vrijdag 22 december 2023: weekend, twee kerstdagen, dan woensdag 27 als eerste werkdag.
    assert RIJK.add_werkdagen(date(2023, 12, 22), 1) == date(2023, 12, 27)
    assert RIJK.add_werkdagen(date(2023, 12, 22), 2) == date(2023, 12, 28)
    assert RIJK.add_werkdagen(date(2023, 12, 22), 3) == date(2023, 12, 29)


def test_adding_werkdagen_across_the_year_boundary_skips_nieuwjaarsdag():
    assert RIJK.add_werkdagen(date(2023, 12, 22), 4) == date(2024, 1, 2)
    assert RIJK.add_werkdagen(date(2023, 12, 29), 1) == date(2024, 1, 2)
    assert RIJK.subtract_werkdagen(date(2024, 1, 2), 1) == date(2023, 12, 29)
    assert RIJK.werkdagen_tussen(date(2023, 12, 29), date(2024, 1, 2)) == 1
    assert RIJK.vorige_werkdag(date(2024, 1, 2)) == date(2023, 12, 29)


def test_subtracting_werkdagen_back_over_the_kerstdagen():
    assert RIJK.subtract_werkdagen(date(2023, 12, 29), 3) == date(2023, 12, 22)
    assert RIJK.werkdagen_tussen(date(2023, 12, 29), date(2023, 12, 22)) == -3


def test_weekend_is_skipped_whether_starting_on_friday_or_saturday():
    vrijdag, zaterdag, zondag, maandag = (date(2023, 12, d) for d in (1, 2, 3, 4))
    assert RIJK.vrije_dag_naam(zaterdag) == "Weekend"
    assert RIJK.vrije_dag_naam(zondag) == "Weekend"
    assert RIJK.vrije_dag_naam(maandag) is None
    assert RIJK.add_werkdagen(vrijdag, 1) == maandag
    assert RIJK.add_werkdagen(zaterdag, 1) == maandag
    assert RIJK.add_werkdagen(zondag, -1) == vrijdag
    assert RIJK.add_werkdagen(maandag, 5) == date(2023, 12, 11)


def test_zero_werkdagen_is_the_day_itself_or_the_next_werkdag():
    assert RIJK.add_werkdagen(date(2023, 12, 4), 0) == date(2023, 12, 4)
    assert RIJK.add_werkdagen(date(2023, 12, 2), 0) == date(2023, 12, 4)  # zaterdag
    assert RIJK.subtract_werkdagen(date(2023, 12, 2), 0) == date(2023, 12, 4)
    assert RIJK.add_werkdagen(date(2023, 12, 25), 0) == date(2023, 12, 27)


def test_volgende_and_vorige_werkdag_are_strictly_after_and_before():
    maandag = date(2023, 12, 4)
    assert RIJK.volgende_werkdag(maandag) == date(2023, 12, 5)
    assert RIJK.vorige_werkdag(maandag) == date(2023, 12, 1)
    assert RIJK.volgende_werkdag(date(2023, 12, 23)) == date(2023, 12, 27)
    assert RIJK.vorige_werkdag(date(2023, 12, 27)) == date(2023, 12, 22)


def test_werkdagen_tussen_excludes_start_and_includes_end():
    assert RIJK.werkdagen_tussen(date(2023, 12, 4), date(2023, 12, 4)) == 0
    assert RIJK.werkdagen_tussen(date(2023, 12, 4), date(2023, 12, 5)) == 1
    assert RIJK.werkdagen_tussen(date(2023, 12, 1), date(2023, 12, 3)) == 0  # alleen weekend
    assert RIJK.werkdagen_tussen(date(2023, 12, 5), date(2023, 12, 4)) == -1


def test_werkdagen_tussen_a_weekend_day_and_friday_follows_add_werkdagen():
    # Van zaterdag terug naar vrijdag is één werkdag (zoals add_werkdagen(zaterdag, -1));
    # van vrijdag vooruit naar zaterdag nul. Gedocumenteerd: niet antisymmetrisch.
    assert RIJK.werkdagen_tussen(date(2023, 12, 2), date(2023, 12, 1)) == -1
    assert RIJK.werkdagen_tussen(date(2023, 12, 1), date(2023, 12, 2)) == 0


def test_a_datetime_is_refused_instead_of_silently_missing_holidays():
    with pytest.raises(TypeError, match="datetime"):
        RIJK.is_werkdag(datetime(2023, 12, 25, 9, 0))


def test_holiday_years_are_cached_per_calendar():
    kalender = Werkkalender()
    assert kalender.feestdagen(2031) is kalender.feestdagen(2031)
    with pytest.raises(TypeError):
        kalender.feestdagen(2031)[date(2031, 6, 1)] = "Zelfbedacht"  # type: ignore[index]


# -- Eigenschappen (hypothesis) ----------------------------------------------------------------

KALENDERS = st.sampled_from(
    [
        RIJK,
        Werkkalender(goede_vrijdag_vrij=True, bevrijdingsdag="jaarlijks"),
        Werkkalender(bevrijdingsdag="nooit", sluitingsdagen=KERSTSLUITING_2023),
    ]
)
DATUMS_2020_2030 = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@settings(deadline=None)  # het eerste gebruik van een jaar bouwt de feestdagen op
@given(kalender=KALENDERS, start=DATUMS_2020_2030, n=st.integers(min_value=-60, max_value=60))
def test_counting_the_werkdagen_just_added_gives_n_back(kalender, start, n):
    assume(kalender.is_werkdag(start))
    eind = kalender.add_werkdagen(start, n)
    assert kalender.is_werkdag(eind)
    assert kalender.werkdagen_tussen(start, eind) == n
    assert kalender.subtract_werkdagen(eind, n) == start
    assert (eind > start) == (n > 0)
    assert (eind < start) == (n < 0)


@settings(deadline=None)
@given(
    kalender=KALENDERS,
    start=DATUMS_2020_2030,
    afstand=st.integers(min_value=-90, max_value=90),
)
def test_adding_the_werkdagen_tussen_start_and_a_werkdag_reaches_that_werkdag(
    kalender, start, afstand
):
    # Geldt voor elke start, ook een zaterdag of feestdag.
    end = date.fromordinal(start.toordinal() + afstand)
    assume(kalender.is_werkdag(end))
    assert kalender.add_werkdagen(start, kalender.werkdagen_tussen(start, end)) == end


@settings(deadline=None)
@given(kalender=KALENDERS, start=DATUMS_2020_2030, afstand=st.integers(-800, 800))
def test_werkdagen_tussen_reckons_what_counting_day_by_day_gives(kalender, start, afstand):
    # werkdagen_tussen rekent (weken, feestdagen per jaar) in plaats van te tellen; over
    # jaargrenzen heen moet dat hetzelfde geven als elke dag langsgaan: start telt niet mee, het
    # eind wel; terug in de tijd telt het eind mee en start niet, negatief.
    end = date.fromordinal(start.toordinal() + afstand)
    if end >= start:
        dagen = range(start.toordinal() + 1, end.toordinal() + 1)
    else:
        dagen = range(end.toordinal(), start.toordinal())
    geteld = sum(kalender.is_werkdag(date.fromordinal(d)) for d in dagen)
    assert kalender.werkdagen_tussen(start, end) == (geteld if end >= start else -geteld)


# -- Recessen ----------------------------------------------------------------------------------


def test_seed_case_letter_must_go_out_before_the_kerstreces():
    # De nota heeft deadline vrijdag 15 december 2023; de Kamerbrief moet de deur uit vóór het
    # kerstreces, dat vrijdag 22 december begint.
    deadline_nota = date(2023, 12, 15)
    assert reces_op(date(2023, 12, 22), TWEEDE_KAMER_RECESSEN_2023_2024) == KERSTRECES_2023
    assert KERSTRECES_2023.naam == "kerstreces 2023"
    assert reces_op(date(2023, 12, 21), TWEEDE_KAMER_RECESSEN_2023_2024) is None
    assert RIJK.werkdagen_tussen(deadline_nota, date(2023, 12, 22)) == 5
    # Laatste werkdag waarop de Kamer nog vergadert: donderdag 21 december.
    laatste_kans = RIJK.vorige_werkdag(KERSTRECES_2023.van)
    assert laatste_kans == date(2023, 12, 21)
    assert reces_op(laatste_kans, TWEEDE_KAMER_RECESSEN_2023_2024) is None


def test_first_sitting_day_after_the_kerstreces_is_not_in_the_reces():
    assert reces_op(date(2024, 1, 15), TWEEDE_KAMER_RECESSEN_2023_2024) is None
    assert reces_op(date(2024, 1, 14), TWEEDE_KAMER_RECESSEN_2023_2024) == KERSTRECES_2023
    assert KERSTRECES_2023.laatste_dag == date(2024, 1, 14)


def test_reces_bevat_from_first_day_up_to_but_not_including_tot():
    reces = Reces("herfstreces 2023", date(2023, 10, 13), date(2023, 10, 23))
    assert not reces.bevat(date(2023, 10, 12))
    assert reces.bevat(date(2023, 10, 13))
    assert reces.bevat(date(2023, 10, 22))
    assert not reces.bevat(date(2023, 10, 23))


def test_reces_must_end_after_it_starts():
    with pytest.raises(ValueError):
        Reces("verkeerd om", date(2024, 1, 15), date(2023, 12, 22))


def test_reces_op_without_known_recessen_is_none():
    assert reces_op(date(2023, 12, 27), []) is None


def test_tweede_kamer_recessen_2023_2024_match_the_published_table():
    assert [(r.naam, r.van, r.tot) for r in TWEEDE_KAMER_RECESSEN_2023_2024] == [
        ("meireces 2023", date(2023, 4, 21), date(2023, 5, 8)),
        ("zomerreces 2023", date(2023, 7, 7), date(2023, 9, 4)),
        ("herfstreces 2023", date(2023, 10, 13), date(2023, 10, 23)),
        ("kerstreces 2023", date(2023, 12, 22), date(2024, 1, 15)),
        ("voorjaarsreces 2024", date(2024, 2, 16), date(2024, 2, 26)),
        ("meireces 2024", date(2024, 4, 26), date(2024, 5, 13)),
        ("zomerreces 2024", date(2024, 7, 5), date(2024, 9, 2)),
    ]
    for vorige, volgende in pairwise(TWEEDE_KAMER_RECESSEN_2023_2024):
        assert vorige.tot < volgende.van  # op volgorde en zonder overlap
    # Elk reces begint op een vrijdag en eindigt met een maandag als eerste vergaderdag.
    assert all(r.van.weekday() == 4 for r in TWEEDE_KAMER_RECESSEN_2023_2024)
    assert all(r.tot.weekday() == 0 for r in TWEEDE_KAMER_RECESSEN_2023_2024)


@pytest.mark.parametrize(
    "kalender",
    [
        Werkkalender(),
        Werkkalender(goede_vrijdag_vrij=True, bevrijdingsdag="jaarlijks"),
        Werkkalender(bevrijdingsdag="nooit", sluitingsdagen={date(2024, 12, 27), date(2025, 1, 2)}),
    ],
    ids=["rijk", "ruim", "sluitingsdagen"],
)
def test_is_werkdag_agrees_with_the_named_days_off_on_every_day(kalender):
    # is_werkdag answers without looking up a name; it must say what vrije_dag_naam says.
    dag = date(2023, 1, 1)
    while dag.year < 2027:
        assert kalender.is_werkdag(dag) is (kalender.vrije_dag_naam(dag) is None), dag
        dag += timedelta(days=1)


def test_is_werkdag_refuses_a_datetime_too():
    with pytest.raises(TypeError):
        Werkkalender().is_werkdag(datetime(2024, 5, 6, 9, 0))
