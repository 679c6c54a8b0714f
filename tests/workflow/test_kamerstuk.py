"""Kamerstukverwijzingen en Kamer-id's: lezen, controleren en canoniek schrijven.

Zuivere Python: geen database en geen Django-settings nodig.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workflow.kamerstuk import (
    KamerstukReferentie,
    OngeldigeKamerId,
    OngeldigeKamerstukReferentie,
    TkId,
    parse_kamerstuk,
    parse_tk_id,
)


def ref(
    dossiernummer: int,
    ondernummer: str,
    toevoeging: str | None = None,
    kamer: str | None = None,
    vergaderjaar: str | None = None,
) -> KamerstukReferentie:
    return KamerstukReferentie(
        kamer=kamer,  # type: ignore[arg-type]
        vergaderjaar=vergaderjaar,
        dossiernummer=dossiernummer,
        toevoeging=toevoeging,
        ondernummer=ondernummer,
    )


# --- De vormen uit de praktijk -----------------------------------------------------------------

# (zoals geschreven, verwachte delen, canonieke vorm)
PRAKTIJKVORMEN = [
    ("Kamerstuk 32 793, nr. 613", ref(32793, "613"), "Kamerstuk 32 793, nr. 613"),
    ("Kamerstuk 25424 nr. 630", ref(25424, "630"), "Kamerstuk 25 424, nr. 630"),
    (
        "Kamerstukken II 2022-2023, 26 643, nr. 1063",
        ref(26643, "1063", kamer="II", vergaderjaar="2022-2023"),
        "Kamerstuk 26 643, nr. 1063",
    ),
    (
        "Kamerstukken II 2022/23, 36200 IV, nr. 12",
        ref(36200, "12", "IV", kamer="II", vergaderjaar="2022-2023"),
        "Kamerstuk 36 200 IV, nr. 12",
    ),
    ("36 200 XVI, nr. 131", ref(36200, "131", "XVI"), "Kamerstuk 36 200 XVI, nr. 131"),
    ("21 501-32, nr. 1703", ref(21501, "1703", "32"), "Kamerstuk 21 501-32, nr. 1703"),
    (
        "Kamerstukken I 2008/09, 31700 VI, D",
        ref(31700, "D", "VI", kamer="I", vergaderjaar="2008-2009"),
        "Kamerstuk 31 700 VI, D",
    ),
    ("Kamerstuk 31839 nr. 870", ref(31839, "870"), "Kamerstuk 31 839, nr. 870"),
    ("Kamerstuk 36 200 XVI, nr. 142", ref(36200, "142", "XVI"), "Kamerstuk 36 200 XVI, nr. 142"),
    # Uit de voetnoten van echte Kamerbrieven en nota's:
    (
        "Kamerstukken II, 2022-2023, 26 643, nr. 1063.",
        ref(26643, "1063", kamer="II", vergaderjaar="2022-2023"),
        "Kamerstuk 26 643, nr. 1063",
    ),
    (
        "Kamerstukken II 2020-2021 35 882, nr. 1",
        ref(35882, "1", kamer="II", vergaderjaar="2020-2021"),
        "Kamerstuk 35 882, nr. 1",
    ),
    (
        "Kamerstukken II, 2021-2022 35925-VIII-164",
        ref(35925, "164", "VIII", kamer="II", vergaderjaar="2021-2022"),
        "Kamerstuk 35 925 VIII, nr. 164",
    ),
    ("Kamerstuk 22112-3762", ref(22112, "3762"), "Kamerstuk 22 112, nr. 3762"),
]


@pytest.mark.parametrize(
    ("geschreven", "verwacht", "canoniek"), PRAKTIJKVORMEN, ids=[v[0] for v in PRAKTIJKVORMEN]
)
def test_reads_every_form_used_in_practice(
    geschreven: str, verwacht: KamerstukReferentie, canoniek: str
) -> None:
    assert parse_kamerstuk(geschreven) == verwacht


@pytest.mark.parametrize(
    ("geschreven", "verwacht", "canoniek"), PRAKTIJKVORMEN, ids=[v[0] for v in PRAKTIJKVORMEN]
)
def test_writes_every_practical_form_canonically(
    geschreven: str, verwacht: KamerstukReferentie, canoniek: str
) -> None:
    gelezen = parse_kamerstuk(geschreven)
    assert gelezen.canonical() == canoniek
    assert str(gelezen) == canoniek


def test_parses_budget_chapter_toevoeging() -> None:
    gelezen = parse_kamerstuk("Kamerstuk 36 200 XVI, nr. 131")
    assert gelezen.dossiernummer == 36200
    assert gelezen.toevoeging == "XVI"
    assert gelezen.ondernummer == "131"
    assert not gelezen.is_subdossier
    assert gelezen.dossier == "36 200 XVI"


def test_parses_financien_chapters_with_letter_suffix() -> None:
    # Nationale Schuld (IXA) en Financiën (IXB) hebben een letter achter het Romeinse cijfer.
    assert parse_kamerstuk("36 200 IXB, nr. 3").toevoeging == "IXB"
    assert parse_kamerstuk("36 200 IXA, nr. 3").toevoeging == "IXA"


def test_parses_fund_letter_toevoeging() -> None:
    gelezen = parse_kamerstuk("Kamerstuk 36 200 A, nr. 5")
    assert gelezen.toevoeging == "A"
    assert gelezen.canonical() == "Kamerstuk 36 200 A, nr. 5"


def test_parses_subdossier_and_prints_it_with_a_hyphen() -> None:
    gelezen = parse_kamerstuk("21 501-32, nr. 1703")
    assert gelezen.toevoeging == "32"
    assert gelezen.is_subdossier
    assert gelezen.dossier == "21 501-32"


def test_pads_subdossier_to_two_digits_like_the_kamer() -> None:
    assert parse_kamerstuk("21 501-2, nr. 2000").toevoeging == "02"
    assert str(parse_kamerstuk("21 501-02, nr. 2000")) == "Kamerstuk 21 501-02, nr. 2000"


def test_reads_eerste_kamer_letter_as_ondernummer() -> None:
    gelezen = parse_kamerstuk("Kamerstukken I 2008/09, 31700 VI, D")
    assert gelezen.kamer == "I"
    assert gelezen.ondernummer == "D"
    assert gelezen.volgnummer is None
    assert gelezen.full() == "Kamerstukken I 2008-2009, 31 700 VI, D"


def test_reads_two_letter_eerste_kamer_ondernummer() -> None:
    assert parse_kamerstuk("Kamerstukken I 2008/09, 31700 VI, AB").ondernummer == "AB"
    assert parse_kamerstuk("Kamerstukken I 2008/09, 31700 VI, nr. AB").ondernummer == "AB"


def test_reads_eerste_kamer_letters_nr_as_a_letter_not_as_the_word() -> None:
    # Na Z komen AA, AB, ..., dus ook "NR": in hoofdletters aan het eind is het de letter.
    assert parse_kamerstuk("Kamerstuk 31 700, NR").ondernummer == "NR"


def test_ondernummer_is_available_as_volgnummer_for_the_open_data() -> None:
    assert parse_kamerstuk("Kamerstuk 32 793, nr. 613").volgnummer == 613


@pytest.mark.parametrize(
    "geschreven",
    [
        "Kamerstuk 32 793, nr. 613",
        "Kamerstukken 32 793, nr. 613",
        "Kamerstuk 32 793, nr 613",
        "Kamerstuk 32 793, Nr. 613",
        "Kamerstuk 32 793, NR. 613",
        "Kamerstuk 32 793, nr.613",
        "Kamerstuk 32 793 nr. 613",
        "Kamerstuk 32 793, nr. 613.",
        "kamerstuk 32 793, nr. 613",
        "Kst. 32793, nr. 613",
        "kst-32793-613",
        "32793, nr. 613",
        "Kamerstuk 32.793, nr. 613",
        "  Kamerstuk   32 793 ,   nr.   613  ",
        "Kamerstuk\u00a032\u00a0793,\u00a0nr.\u00a0613",
        "Kamerstuk 32\u202f793, nr.\u202f613",
        "Kamerstuk\t32 793,\nnr. 613",
        "Kamerstuk 32 793, nr. 0613",
    ],
)
def test_tolerates_the_ways_people_type_a_reference(geschreven: str) -> None:
    assert parse_kamerstuk(geschreven) == ref(32793, "613")


@pytest.mark.parametrize("vergaderjaar", ["2022-2023", "2022/2023", "2022/23", "2022-23"])
def test_normalises_every_way_of_writing_the_vergaderjaar(vergaderjaar: str) -> None:
    gelezen = parse_kamerstuk(f"Kamerstukken II {vergaderjaar}, 26 643, nr. 1063")
    assert gelezen.vergaderjaar == "2022-2023"


def test_vergaderjaar_may_cross_the_century() -> None:
    assert parse_kamerstuk("Kamerstukken II 1999/00, 26 643, nr. 1").vergaderjaar == "1999-2000"


def test_word_processor_dashes_count_as_hyphens() -> None:
    # Word maakt van "2022-23" en "21 501-32" vaak een gedachtestreepje.
    gelezen = parse_kamerstuk("Kamerstukken II 2022\u201323, 21 501\u201332, nr. 1703")
    assert gelezen == ref(21501, "1703", "32", kamer="II", vergaderjaar="2022-2023")


def test_lowercase_kamer_and_toevoeging_are_read_as_capitals() -> None:
    gelezen = parse_kamerstuk("kamerstukken ii 2022/23, 36200 xvi, nr. 12")
    assert gelezen == ref(36200, "12", "XVI", kamer="II", vergaderjaar="2022-2023")


def test_compact_form_with_subdossier() -> None:
    assert parse_kamerstuk("kst-21501-32-1703") == ref(21501, "1703", "32")


def test_kamer_without_vergaderjaar_and_vergaderjaar_without_kamer() -> None:
    assert parse_kamerstuk("Kamerstukken II, 26 643, nr. 1063") == ref(26643, "1063", kamer="II")
    assert parse_kamerstuk("Kamerstukken 2022-2023, 26 643, nr. 1063") == ref(
        26643, "1063", vergaderjaar="2022-2023"
    )


# --- Canoniek en volledig schrijven --------------------------------------------------------------


def test_canonical_form_leaves_out_kamer_and_vergaderjaar() -> None:
    gelezen = parse_kamerstuk("Kamerstukken II 2022-2023, 26 643, nr. 1063")
    assert gelezen.canonical() == "Kamerstuk 26 643, nr. 1063"
    assert gelezen.full() == "Kamerstukken II 2022-2023, 26 643, nr. 1063"


def test_full_form_without_kamer_or_vergaderjaar_is_the_canonical_form() -> None:
    assert ref(32793, "613").full() == "Kamerstuk 32 793, nr. 613"


def test_full_form_names_only_what_is_known() -> None:
    assert ref(26643, "1063", kamer="II").full() == "Kamerstukken II, 26 643, nr. 1063"
    assert (
        ref(26643, "1063", vergaderjaar="2022-2023").full()
        == "Kamerstukken 2022-2023, 26 643, nr. 1063"
    )


@pytest.mark.parametrize(
    ("dossiernummer", "gedrukt"),
    [(1, "1"), (812, "812"), (1000, "1 000"), (32793, "32 793"), (1234567, "1 234 567")],
)
def test_groups_dossier_number_in_thousands_with_a_space(dossiernummer: int, gedrukt: str) -> None:
    assert ref(dossiernummer, "3").canonical() == f"Kamerstuk {gedrukt}, nr. 3"


def test_reference_is_an_immutable_value() -> None:
    gelezen = parse_kamerstuk("Kamerstuk 32 793, nr. 613")
    assert gelezen == parse_kamerstuk("Kamerstuk 32793 nr 613")
    assert hash(gelezen) == hash(parse_kamerstuk("Kamerstuk 32793 nr 613"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        gelezen.ondernummer = "614"  # type: ignore[misc]


def test_without_kamer_and_vergaderjaar_keeps_the_paper() -> None:
    volledig = ref(31700, "D", "VI", kamer="I", vergaderjaar="2008-2009")
    assert volledig.zonder_kamer_en_vergaderjaar() == ref(31700, "D", "VI")


# --- Afwijzen, met een melding die zegt wat er mis is ---------------------------------------------


@pytest.mark.parametrize(
    ("geschreven", "melding"),
    [
        ("", "Er is geen Kamerstukverwijzing ingevuld"),
        ("   \u00a0 ", "Er is geen Kamerstukverwijzing ingevuld"),
        ("Kamerstuk", "Het dossiernummer ontbreekt."),
        ("Kamerstuk nr. 613", "Het dossiernummer ontbreekt."),
        ("Kamerstukken II 2022-23", "Het dossiernummer ontbreekt."),
        ("Kamerstuk abc, nr. 3", "Het dossiernummer ontbreekt: 'abc, nr. 3' is geen nummer"),
        ("Kamerstuk 0, nr. 1", "Het dossiernummer moet groter dan 0 zijn."),
        (
            "Kamerstuk 32 793",
            "Het ondernummer ontbreekt: schrijf bijvoorbeeld 'Kamerstuk 32 793, nr. 613'.",
        ),
        ("Kamerstuk 32 793, nr.", "Het ondernummer ontbreekt"),
        ("Kamerstuk 32 793, 613", "Het ondernummer ontbreekt (na '32 793' staat ', 613')"),
        # Zonder ondernummer is "-32" een subdossier, geen compact geschreven ondernummer.
        ("21 501-32", "Het ondernummer ontbreekt"),
        # Een losse letter na het dossier is een toevoeging; de EK-letter hoort na een komma.
        ("Kamerstuk 36 200 D", "Het ondernummer ontbreekt"),
        ("Kamerstuk 32793, nr. 0", "Het ondernummer moet groter dan 0 zijn."),
        ("Kamerstuk 32793, nr. ABC", "'ABC' is geen geldig ondernummer"),
        ("Kamerstuk 32793, nr. 12a", "'12a' is geen geldig ondernummer"),
        (
            "Kamerstukken II 2022-2024, 36 200, nr. 1",
            "Het vergaderjaar '2022-2024' klopt niet: het tweede jaar moet direct op het eerste "
            "volgen.",
        ),
        ("Kamerstukken II 2022/24, 36 200, nr. 1", "Het vergaderjaar '2022/24' klopt niet"),
        ("Kamerstukken II 2023-2022, 36 200, nr. 1", "Het vergaderjaar '2023-2022' klopt niet"),
        ("Kamerstuk 36 200 XYZ, nr. 1", "'XYZ' is geen geldige toevoeging"),
        ("Kamerstuk 36 200 IIII, nr. 1", "'IIII' is geen geldige toevoeging"),
        ("Kamerstuk 21 501-0, nr. 1", "'-0' is geen geldige toevoeging"),
        ("Kamerstukken III 2022-2023, 36 200, nr. 1", "'III' is geen Kamer"),
        (
            "Kamerstukken II 2022-2023, 31 700 VI, D",
            "Het ondernummer 'D' is een letter, en letters gebruikt alleen de Eerste Kamer",
        ),
        (
            "Kamerstuk 32 793, nr. 613 (bijlage)",
            "Onverwachte tekst na het ondernummer: '(bijlage)'",
        ),
        ("Kamerstuk 21501-32-1703-5", "heeft te veel delen"),
        ("2022D47993", "is een id uit het register van de Kamer, geen Kamerstukverwijzing"),
    ],
)
def test_rejects_what_is_not_a_kamerstuk_with_a_dutch_message(
    geschreven: str, melding: str
) -> None:
    with pytest.raises(OngeldigeKamerstukReferentie) as fout:
        parse_kamerstuk(geschreven)
    assert melding in str(fout.value)


def test_only_ascii_digits_count_as_numbers() -> None:
    # Python's \d kent ook Arabisch-Indische cijfers; een dossiernummer is altijd 0-9.
    with pytest.raises(OngeldigeKamerstukReferentie, match="Het dossiernummer ontbreekt"):
        parse_kamerstuk("Kamerstuk \u0663\u0662\u0667\u0669\u0663, nr. 613")


def test_rejection_is_a_value_error_so_forms_can_catch_it() -> None:
    with pytest.raises(ValueError):
        parse_kamerstuk("geen verwijzing")


@pytest.mark.parametrize(
    ("velden", "melding"),
    [
        ({"dossiernummer": 0, "ondernummer": "1"}, "Het dossiernummer moet"),
        ({"dossiernummer": 1, "ondernummer": "01"}, "'01' is geen geldig ondernummer"),
        ({"dossiernummer": 1, "ondernummer": "d"}, "'d' is geen geldig ondernummer"),
        ({"dossiernummer": 1, "ondernummer": "1", "toevoeging": "2"}, "'2' is geen geldige"),
        ({"dossiernummer": 1, "ondernummer": "1", "toevoeging": "xvi"}, "'xvi' is geen geldige"),
        ({"dossiernummer": 1, "ondernummer": "1", "kamer": "III"}, "'III' is geen Kamer"),
        ({"dossiernummer": 1, "ondernummer": "1", "vergaderjaar": "2022/23"}, "2022-2023"),
        ({"dossiernummer": 1, "ondernummer": "1", "vergaderjaar": "2022-2024"}, "klopt niet"),
        ({"dossiernummer": 1, "ondernummer": "1", "vergaderjaar": "1700-1701"}, "tussen 1815"),
    ],
)
def test_a_directly_built_reference_must_already_be_normalised(
    velden: dict[str, object], melding: str
) -> None:
    # Anders zou canonical() een tekst kunnen geven die niet terug te lezen is.
    with pytest.raises(OngeldigeKamerstukReferentie) as fout:
        KamerstukReferentie(**velden)  # type: ignore[arg-type]
    assert melding in str(fout.value)


# --- Eigenschappen: elke geldige verwijzing overleeft schrijven en teruglezen ---------------------

ROMEINSE_CIJFERS = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
    "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX",
]  # fmt: skip
HOOFDLETTERS = st.characters(min_codepoint=ord("A"), max_codepoint=ord("Z"))

toevoegingen = st.one_of(
    st.none(),
    st.sampled_from(ROMEINSE_CIJFERS),
    HOOFDLETTERS,
    st.integers(min_value=1, max_value=99).map(lambda n: f"{n:02d}"),
)
vergaderjaren = st.one_of(
    st.none(), st.integers(min_value=1815, max_value=2100).map(lambda j: f"{j}-{j + 1}")
)
nummers = st.integers(min_value=1, max_value=9999).map(str)
letters = st.one_of(HOOFDLETTERS, st.text(HOOFDLETTERS, min_size=2, max_size=2))


@st.composite
def referenties(draw: st.DrawFn) -> KamerstukReferentie:
    kamer = draw(st.sampled_from([None, "I", "II"]))
    # Letters als ondernummer zijn van de Eerste Kamer (of van een verwijzing zonder Kamer).
    ondernummer = draw(nummers if kamer == "II" else st.one_of(nummers, letters))
    return ref(
        dossiernummer=draw(st.integers(min_value=1, max_value=99999)),
        ondernummer=ondernummer,
        toevoeging=draw(toevoegingen),
        kamer=kamer,
        vergaderjaar=draw(vergaderjaren),
    )


@given(referenties())
def test_canonical_form_reads_back_as_the_same_paper(referentie: KamerstukReferentie) -> None:
    assert parse_kamerstuk(referentie.canonical()) == referentie.zonder_kamer_en_vergaderjaar()


@given(referenties())
def test_full_form_reads_back_as_the_same_reference(referentie: KamerstukReferentie) -> None:
    assert parse_kamerstuk(referentie.full()) == referentie


@given(referenties())
def test_canonical_form_is_stable(referentie: KamerstukReferentie) -> None:
    canoniek = referentie.canonical()
    assert parse_kamerstuk(canoniek).canonical() == canoniek


@given(referenties())
def test_non_breaking_spaces_in_a_copied_reference_do_not_matter(
    referentie: KamerstukReferentie,
) -> None:
    # Uit een pdf of Word gekopieerd staan er vaak harde spaties in.
    gekopieerd = referentie.full().replace(" ", "\u00a0")
    assert parse_kamerstuk(gekopieerd) == referentie


# --- Id's uit het register van de Tweede Kamer ---------------------------------------------------


@pytest.mark.parametrize(
    ("geschreven", "soort", "waarde"),
    [
        ("2022D47993", "document", "2022D47993"),
        ("2023Z18970", "zaak", "2023Z18970"),
        ("2024A05766", "activiteit", "2024A05766"),
        ("TZ202412-116", "toezegging", "TZ202412-116"),
        ("2022d47993", "document", "2022D47993"),
        ("tz202412-116", "toezegging", "TZ202412-116"),
        (" 2023Z18970\u00a0", "zaak", "2023Z18970"),
    ],
)
def test_reads_kamer_ids_of_every_kind(geschreven: str, soort: str, waarde: str) -> None:
    tk_id = parse_tk_id(geschreven)
    assert tk_id == TkId(soort, waarde)  # type: ignore[arg-type]
    assert str(tk_id) == waarde


def test_toezegging_number_keeps_its_digits_as_in_the_register() -> None:
    assert parse_tk_id("TZ202412-007").waarde == "TZ202412-007"


def test_kamer_id_knows_its_year() -> None:
    assert parse_tk_id("2022D47993").jaar == 2022
    assert parse_tk_id("TZ202412-116").jaar == 2024


@pytest.mark.parametrize(
    ("geschreven", "melding"),
    [
        ("", "Er is geen Kamer-id ingevuld"),
        ("2022X47993", "'2022X47993' is geen Kamer-id"),
        ("2022D4799", "'2022D4799' is geen Kamer-id"),
        ("2022D479930", "'2022D479930' is geen Kamer-id"),
        ("Kamerstuk 32 793, nr. 613", "is geen Kamer-id"),
        ("TZ202412", "'TZ202412' is geen Kamer-id"),
        ("1989D47993", "Het jaar 1989 in '1989D47993' kan niet"),
        ("2101Z00001", "Het jaar 2101 in '2101Z00001' kan niet"),
        ("TZ198912-1", "Het jaar 1989 in 'TZ198912-1' kan niet"),
        ("TZ202413-116", "De maand 13 in 'TZ202413-116' bestaat niet"),
        ("TZ202400-116", "De maand 00 in 'TZ202400-116' bestaat niet"),
        ("TZ202412-0", "moet groter dan 0 zijn"),
    ],
)
def test_rejects_what_is_not_a_kamer_id_with_a_dutch_message(geschreven: str, melding: str) -> None:
    with pytest.raises(OngeldigeKamerId) as fout:
        parse_tk_id(geschreven)
    assert melding in str(fout.value)


def test_a_directly_built_kamer_id_must_match_its_kind() -> None:
    with pytest.raises(OngeldigeKamerId):
        TkId("zaak", "2022D47993")
    with pytest.raises(OngeldigeKamerId):
        TkId("document", "2022d47993")


jaren = st.integers(min_value=1990, max_value=2100)
tk_ids = st.one_of(
    st.builds(
        lambda jaar, letter, nummer: f"{jaar}{letter}{nummer:05d}",
        jaren,
        st.sampled_from("DZA"),
        st.integers(min_value=0, max_value=99999),
    ),
    st.builds(
        lambda jaar, maand, nummer: f"TZ{jaar}{maand:02d}-{nummer}",
        jaren,
        st.integers(min_value=1, max_value=12),
        st.integers(min_value=1, max_value=99999),
    ),
)


@given(tk_ids)
def test_kamer_ids_round_trip_whatever_the_case(waarde: str) -> None:
    tk_id = parse_tk_id(waarde.lower())
    assert tk_id.waarde == waarde
    assert parse_tk_id(str(tk_id)) == tk_id
