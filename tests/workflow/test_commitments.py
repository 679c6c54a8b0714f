"""The register of toezeggingen and moties: who keeps it, links to a nota, afdoen by letters."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from letters.models import Kamerbrief, Toelichtingspunt
from tests.support import at
from workflow import commitments
from workflow.handelen import ActionNotAllowed
from workflow.models import Gebeurtenis, Koppeling, Motie, StandVanZaken, Toezegging
from workflow.models.commitments import add_months
from workflow.services.afstemming import kamerbrief_afstemming_starten
from workflow.services.verzending import kamerbrief_register_sent

from .conftest import sign_and_send

T = Toezegging.Status
M = Motie.Status
AFDOEN, DEELS, RAPPORTEREN = Koppeling.Wijze.values


def fresh(item):
    return type(item).objects.get(pk=item.pk)


# --- keeping the register --------------------------------------------------------------------


def test_only_parliamentary_coordination_and_the_beheerder_keep_the_register(
    register_toezegging, people
):
    for someone in ("opsteller", "dg", "secretariaat"):
        with pytest.raises(ActionNotAllowed, match="Alleen parlementaire coördinatie"):
            register_toezegging(by=people[someone])
    assert register_toezegging(by=people["beheerder"]).status == T.OPENSTAAND
    toezegging = register_toezegging(by=people["parlementair"])
    assert toezegging.ministerie.afkorting == "VWS"
    event = Gebeurtenis.objects.get(toezegging=toezegging)
    assert (event.actie, event.actor, event.naar_status) == (
        "toezegging_geregistreerd", people["parlementair"], T.OPENSTAAND,
    )  # fmt: skip


def test_a_toezegging_says_where_it_was_made(register_toezegging):
    with pytest.raises(ActionNotAllowed, match="kenmerk"):
        register_toezegging(bron=Toezegging.Bron.BRIEF, bron_kenmerk=" ")
    with pytest.raises(ActionNotAllowed, match="datum van het debat"):
        register_toezegging(debat_datum=None)
    with pytest.raises(ActionNotAllowed, match="2024A05766"):
        register_toezegging(debat_datum=None, activiteit_nummer="2022D47993")
    by_activity = register_toezegging(debat_datum=None, activiteit_nummer="2024a05766")
    assert by_activity.activiteit_nummer == "2024A05766"


def test_a_toezegging_in_a_letter_is_made_once_the_letter_is_sent(register_toezegging, letter):
    with pytest.raises(ActionNotAllowed, match="zodra de brief verzonden is"):
        register_toezegging(bron=Toezegging.Bron.BRIEF, bron_kenmerk=letter.kenmerk)
    # A letter outside Parafeer is named by its kenmerk alone.
    outside = register_toezegging(bron=Toezegging.Bron.BRIEF, bron_kenmerk="1234567-7654321-VGP")
    assert (outside.bron_kamerbrief, outside.herkomst) == (None, "1234567-7654321-VGP")


def test_a_recurring_toezegging_needs_its_recurrence(register_toezegging):
    with pytest.raises(ActionNotAllowed, match="herhaling"):
        register_toezegging(soort=Toezegging.Soort.PERIODIEK)
    yearly = register_toezegging(
        soort=Toezegging.Soort.PERIODIEK, herhaling=Toezegging.Herhaling.JAARLIJKS
    )
    assert yearly.next_deadline() == date(2024, 12, 31)
    once = register_toezegging(herhaling=Toezegging.Herhaling.JAARLIJKS)
    assert (once.herhaling, once.next_deadline()) == ("", None)


def test_the_database_refuses_a_recurring_toezegging_without_recurrence(register_toezegging):
    toezegging = register_toezegging()
    with pytest.raises(IntegrityError), transaction.atomic():
        Toezegging.objects.filter(pk=toezegging.pk).update(soort=Toezegging.Soort.PERIODIEK)


def test_next_deadlines_keep_to_the_end_of_short_months():
    assert add_months(date(2023, 8, 31), 6) == date(2024, 2, 29)
    assert add_months(date(2023, 12, 31), 12) == date(2024, 12, 31)
    assert add_months(date(2024, 11, 30), 3) == date(2025, 2, 28)


def test_the_houses_number_is_checked_and_unique(register_toezegging):
    with pytest.raises(ActionNotAllowed, match="maand 13"):
        register_toezegging(tk_nummer="TZ202413-1")
    register_toezegging(tk_nummer="tz202412-116")
    with pytest.raises(ActionNotAllowed, match="TZ202412-116 staat al in het register"):
        register_toezegging(tk_nummer="TZ202412-116")


def test_a_lapsed_toezegging_keeps_its_reason(register_toezegging, people):
    toezegging = register_toezegging()
    with pytest.raises(ActionNotAllowed, match="reden"):
        commitments.toezegging_laten_vervallen(
            toezegging=toezegging, by=people["parlementair"], reden=" "
        )
    commitments.toezegging_laten_vervallen(
        toezegging=toezegging, by=people["parlementair"], reden="Ingehaald door de Wet X."
    )
    toezegging = fresh(toezegging)
    assert (toezegging.status, toezegging.reden_vervallen) == (
        T.VERVALLEN, "Ingehaald door de Wet X.",
    )  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        Toezegging.objects.filter(pk=toezegging.pk).update(reden_vervallen="")
    commitments.toezegging_heropenen(
        toezegging=toezegging, by=people["parlementair"], reden="Fout."
    )
    assert fresh(toezegging).status == T.OPENSTAAND


def test_register_keeper_records_a_letter_sent_outside_parafeer(register_toezegging, people):
    toezegging = register_toezegging()
    with pytest.raises(ActionNotAllowed, match="datum"):
        commitments.toezegging_afdoen(
            toezegging=toezegging, by=people["parlementair"], kenmerk="1111111-2222222-VGP"
        )
    stand = commitments.toezegging_afdoen(
        toezegging=toezegging, by=people["parlementair"], kenmerk="1111111-2222222-VGP",
        datum=date(2023, 6, 1), volledig=False,
    )  # fmt: skip
    assert (stand.wijze, stand.kamerbrief, stand.datum) == (
        StandVanZaken.Wijze.DEELS_AFGEDAAN, None, date(2023, 6, 1),
    )  # fmt: skip
    assert fresh(toezegging).status == T.DEELS_VOLDAAN
    commitments.toezegging_afdoen(
        toezegging=toezegging, by=people["parlementair"], kenmerk="1111111-3333333-VGP",
        datum=date(2023, 9, 1),
    )  # fmt: skip
    assert fresh(toezegging).status == T.VOLDAAN
    with pytest.raises(ActionNotAllowed, match="niets meer af te doen"):
        commitments.toezegging_afdoen(
            toezegging=toezegging, by=people["parlementair"], kenmerk="x", datum=date(2023, 9, 2)
        )
    assert [s.kenmerk for s in fresh(toezegging).standen.all()] == [
        "1111111-2222222-VGP", "1111111-3333333-VGP",
    ]  # fmt: skip


def test_a_letter_in_parafeer_must_be_sent_to_discharge(register_toezegging, people, letter):
    with pytest.raises(ActionNotAllowed, match="alleen een verzonden brief"):
        commitments.toezegging_afdoen(
            toezegging=register_toezegging(), by=people["parlementair"], kamerbrief=letter
        )


def test_moties_are_registered_by_their_kamerstuk(register_motie, people):
    motie = register_motie(kamerstuk="Kamerstukken II 2022/23, 25424 nr. 630")
    assert (motie.kamerstuk, motie.vergaderjaar, motie.status) == (
        "Kamerstuk 25 424, nr. 630", "2022-2023", M.AANGENOMEN,
    )  # fmt: skip
    assert [(i.rol, str(i)) for i in motie.indieners.all()] == [("indiener", "Mohandis (PvdA)")]
    with pytest.raises(ActionNotAllowed, match="staat al in het register"):
        register_motie(kamerstuk="Kamerstuk 25 424, nr. 630")
    with pytest.raises(ActionNotAllowed, match="ondernummer"):
        register_motie(kamerstuk="25 424")
    with pytest.raises(ActionNotAllowed, match="Alleen parlementaire coördinatie"):
        register_motie(by=people["opsteller"], kamerstuk="")


def test_a_motie_moves_from_aangenomen_to_in_uitvoering_to_niet_uitgevoerd(register_motie, people):
    motie = register_motie()
    keeper = people["parlementair"]
    commitments.motie_in_uitvoering_nemen(motie=motie, by=keeper)
    assert fresh(motie).status == M.IN_UITVOERING
    with pytest.raises(ActionNotAllowed, match="Dit kan nu niet"):
        commitments.motie_in_uitvoering_nemen(motie=motie, by=keeper)
    with pytest.raises(ActionNotAllowed, match="reden"):
        commitments.motie_niet_uitgevoerd(motie=motie, by=keeper, reden="")
    commitments.motie_niet_uitgevoerd(motie=motie, by=keeper, reden="Geen budget.")
    assert (fresh(motie).status, fresh(motie).reden_niet_uitgevoerd) == (
        M.NIET_UITGEVOERD, "Geen budget.",
    )  # fmt: skip
    assert list(
        Gebeurtenis.objects.filter(motie=motie).values_list("actie", "van_status", "naar_status")
    ) == [
        ("motie_geregistreerd", "", M.AANGENOMEN),
        ("motie_in_uitvoering", M.AANGENOMEN, M.IN_UITVOERING),
        ("motie_niet_uitgevoerd", M.IN_UITVOERING, M.NIET_UITGEVOERD),
    ]


def test_changing_indieners_keeps_the_old_ones_marked(register_motie, people):
    motie = register_motie()
    commitments.motie_update(
        motie=motie, by=people["parlementair"], mede_indieners=[("Westerveld", "GL")]
    )
    current = motie.indieners.filter(vervangen_op__isnull=True)
    assert [str(i) for i in current] == ["Mohandis (PvdA)", "Westerveld (GL)"]
    assert motie.indieners.filter(vervangen_op__isnull=False).count() == 1


# --- linking to a nota -----------------------------------------------------------------------


def test_the_opsteller_links_items_and_section_g_is_written_from_the_links(
    letter, people, register_toezegging, register_motie
):
    nota = letter.nota
    toezegging = register_toezegging()
    motie = register_motie()
    for someone in ("dg", "parlementair", "secretariaat"):
        with pytest.raises(ActionNotAllowed, match="opsteller"):
            commitments.nota_link_commitment(
                nota=nota, by=people[someone], toezegging=toezegging, wijze=AFDOEN
            )
    commitments.nota_link_commitment(
        nota=nota, by=people["opsteller"], toezegging=toezegging, wijze=AFDOEN
    )
    commitments.nota_link_commitment(
        nota=nota, by=people["beheerder"], motie=motie, wijze=RAPPORTEREN
    )
    g = nota.toelichting.get(punt=Toelichtingspunt.Punt.G)
    assert not g.niet_van_toepassing
    assert "is toegezegd: “Voor eind 2023 een voortgangsrapportage" in g.tekst
    assert "Deze toezegging wordt met deze kamerbrief afgedaan." in g.tekst
    assert (
        "Met deze kamerbrief wordt de stand van zaken gegeven van de motie van het lid Mohandis"
        in g.tekst
    )
    assert "(Kamerstuk 25 424, nr. 630)" in g.tekst


def test_a_link_is_changed_in_place_and_unlinking_keeps_it_readable(
    letter, people, register_toezegging
):
    nota = letter.nota
    toezegging = register_toezegging()
    first = commitments.nota_link_commitment(
        nota=nota, by=people["opsteller"], toezegging=toezegging, wijze=AFDOEN
    )
    again = commitments.nota_link_commitment(
        nota=nota, by=people["opsteller"], toezegging=toezegging, wijze=DEELS
    )
    assert (again.pk, again.wijze) == (first.pk, DEELS)
    commitments.nota_unlink_commitment(koppeling=again, by=people["opsteller"])
    assert fresh(again).ontkoppeld_op is not None
    assert nota.toelichting.get(punt="g").niet_van_toepassing
    assert list(
        Gebeurtenis.objects.filter(nota=nota, toezegging=toezegging).values_list("actie", flat=True)
    ) == ["koppeling_toegevoegd", "koppeling_gewijzigd", "koppeling_verwijderd"]
    # Linked again after unlinking: a new link, the old one stays.
    commitments.nota_link_commitment(
        nota=nota, by=people["opsteller"], toezegging=toezegging, wijze=AFDOEN
    )
    assert nota.koppelingen.count() == 2


def test_a_motie_is_not_discharged_in_part(letter, people, register_motie):
    with pytest.raises(ActionNotAllowed, match="niet gedeeltelijk"):
        commitments.nota_link_commitment(
            nota=letter.nota, by=people["opsteller"], motie=register_motie(), wijze=DEELS
        )


def test_a_closed_item_cannot_be_linked(letter, people, register_toezegging):
    toezegging = register_toezegging()
    commitments.toezegging_laten_vervallen(
        toezegging=toezegging, by=people["parlementair"], reden="Weg."
    )
    with pytest.raises(ActionNotAllowed, match="vervallen"):
        commitments.nota_link_commitment(
            nota=letter.nota, by=people["opsteller"], toezegging=toezegging, wijze=AFDOEN
        )


def test_links_are_fixed_once_the_letter_is_signed(
    letter, people, offices, register_toezegging, register_motie
):
    toezegging = register_toezegging()
    koppeling = commitments.nota_link_commitment(
        nota=letter.nota, by=people["opsteller"], toezegging=toezegging, wijze=AFDOEN
    )
    # In afstemming (the nota being initialled) the letter can still change, so can its links.
    kamerbrief_afstemming_starten(kamerbrief=letter, by=people["opsteller"])
    commitments.nota_link_commitment(
        nota=letter.nota, by=people["opsteller"], motie=register_motie(), wijze=AFDOEN
    )
    sign_and_send(letter, people, offices)
    with pytest.raises(ActionNotAllowed, match="verzonden"):
        commitments.nota_unlink_commitment(koppeling=koppeling, by=people["opsteller"])


def test_without_a_letter_links_change_only_while_the_nota_is_a_concept(
    make_nota, people, register_toezegging
):
    from workflow.services.nota import nota_indienen

    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"])
    with pytest.raises(ActionNotAllowed, match="De nota is in parafering"):
        commitments.nota_link_commitment(
            nota=nota, by=people["opsteller"], toezegging=register_toezegging(), wijze=AFDOEN
        )


# --- sending the letter discharges ---------------------------------------------------------


def test_sending_the_letter_discharges_what_it_links(
    letter, people, offices, register_toezegging, register_motie
):
    once = register_toezegging()
    yearly = register_toezegging(
        soort=Toezegging.Soort.PERIODIEK, herhaling=Toezegging.Herhaling.JAARLIJKS,
        deadline_omschrijving="jaarlijks",
    )  # fmt: skip
    part = register_toezegging()
    reported_t = register_toezegging()
    discharged = register_motie()
    reported = register_motie(
        kamerstuk="Kamerstuk 31 839, nr. 870", titel="Motie van het lid de Neef"
    )
    untouched = register_motie(kamerstuk="Kamerstuk 36 200 XVI, nr. 142", titel="Motie Ceder")
    unlinked = register_toezegging()
    link = commitments.nota_link_commitment
    nota, opsteller = letter.nota, people["opsteller"]
    link(nota=nota, by=opsteller, toezegging=once, wijze=AFDOEN, toelichting="Zie bijlage 1.")
    link(nota=nota, by=opsteller, toezegging=yearly, wijze=AFDOEN)
    link(nota=nota, by=opsteller, toezegging=part, wijze=DEELS)
    link(nota=nota, by=opsteller, toezegging=reported_t, wijze=RAPPORTEREN)
    link(nota=nota, by=opsteller, motie=discharged, wijze=AFDOEN)
    link(nota=nota, by=opsteller, motie=reported, wijze=RAPPORTEREN)
    gone = link(nota=nota, by=opsteller, toezegging=unlinked, wijze=AFDOEN)
    commitments.nota_unlink_commitment(koppeling=gone, by=opsteller)

    sent = sign_and_send(letter, people, offices, day=19)

    assert [fresh(t).status for t in (once, yearly, part, reported_t, unlinked)] == [
        T.VOLDAAN, T.OPENSTAAND, T.DEELS_VOLDAAN, T.OPENSTAAND, T.OPENSTAAND,
    ]  # fmt: skip
    assert fresh(yearly).deadline == date(2024, 12, 31)
    assert fresh(once).deadline == date(2023, 12, 31)
    assert [fresh(m).status for m in (discharged, reported, untouched)] == [
        M.AFGEDAAN, M.AANGENOMEN, M.AANGENOMEN,
    ]  # fmt: skip
    standen = StandVanZaken.objects.filter(kamerbrief=sent)
    assert standen.count() == 6
    assert {(s.datum, s.kenmerk) for s in standen} == {(date(2023, 12, 19), sent.kenmerk)}
    occurrence = standen.get(toezegging=yearly)
    assert (occurrence.wijze, occurrence.termijn, occurrence.volgende_termijn) == (
        StandVanZaken.Wijze.AFGEDAAN, date(2023, 12, 31), date(2024, 12, 31),
    )  # fmt: skip
    assert standen.get(toezegging=once).tekst == "Zie bijlage 1."
    assert standen.get(motie=reported).wijze == StandVanZaken.Wijze.STAND_VAN_ZAKEN
    assert not untouched.standen.exists() and not unlinked.standen.exists()
    history = {
        (e.toezegging_id or e.motie_id, e.actie)
        for e in Gebeurtenis.objects.filter(kamerbrief=sent).exclude(toezegging=None, motie=None)
    }
    assert history == {
        (once.pk, "toezegging_voldaan"), (yearly.pk, "toezegging_nagekomen"),
        (part.pk, "toezegging_deels_voldaan"), (reported_t.pk, "toezegging_stand_van_zaken"),
        (discharged.pk, "motie_afgedaan"), (reported.pk, "motie_stand_van_zaken"),
    }  # fmt: skip
    event = Gebeurtenis.objects.get(kamerbrief=sent, toezegging=yearly)
    assert event.actor == offices["StasVWS"]
    assert "volgende termijn 31-12-2024" in event.opmerking
    assert nota.koppelingen.filter(verwerkt_in__isnull=False).count() == 6


def test_an_item_discharged_meanwhile_by_another_letter_is_kept_as_a_report(
    letter, people, offices, register_toezegging
):
    toezegging = register_toezegging()
    commitments.nota_link_commitment(
        nota=letter.nota, by=people["opsteller"], toezegging=toezegging, wijze=AFDOEN
    )
    commitments.toezegging_afdoen(
        toezegging=toezegging, by=people["parlementair"], kenmerk="9999999-1-VGP",
        datum=date(2023, 12, 4),
    )  # fmt: skip
    sent = sign_and_send(letter, people, offices)
    stand = StandVanZaken.objects.get(kamerbrief=sent)
    assert stand.wijze == StandVanZaken.Wijze.STAND_VAN_ZAKEN
    assert fresh(toezegging).status == T.VOLDAAN


def test_a_failure_while_discharging_leaves_the_letter_unsent(
    letter, people, offices, register_motie, monkeypatch
):
    motie = register_motie()
    commitments.nota_link_commitment(
        nota=letter.nota, by=people["opsteller"], motie=motie, wijze=AFDOEN
    )

    def broken(*args, **kwargs):
        raise ActionNotAllowed("Het register is even niet bereikbaar.")

    monkeypatch.setattr(commitments, "_handle_motie", broken)
    with pytest.raises(ActionNotAllowed, match="niet bereikbaar"):
        sign_and_send(letter, people, offices)
    assert fresh(letter).status == Kamerbrief.Status.ONDERTEKEND
    assert fresh(motie).status == M.AANGENOMEN
    assert not Gebeurtenis.objects.filter(kamerbrief=letter, actie="verzonden").exists()


def test_a_historic_letter_discharges_through_the_register_keeper(people, register_motie, posts):
    old = kamerbrief_register_sent(
        by=people["beheerder"], kenmerk="3382139-1030472-PG", afzender=posts["StasVWS"],
        medeondertekenaars=[], vorm=Kamerbrief.Vorm.MEDE_NAMENS, betreft="Aanpak",
        tekst="Via deze brief wordt de motie afgehandeld.", datum=date(2022, 6, 10), now=at(1),
    )  # fmt: skip
    motie = register_motie()
    commitments.motie_afdoen(motie=motie, by=people["parlementair"], kenmerk=old.kenmerk)
    stand = motie.standen.get()
    assert (stand.kamerbrief, stand.datum, fresh(motie).status) == (
        old, date(2022, 6, 10), M.AFGEDAAN,
    )  # fmt: skip


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("actie", ["in-uitvoering", "niet-uitgevoerd"])
def test_a_register_action_on_the_page_runs_in_its_own_transaction(
    actie, register_motie, people, client
):
    """As in production, not inside a test's transaction: the row lock needs one."""
    motie = register_motie()
    client.force_login(people["parlementair"])
    response = client.post(
        reverse("motie_action", args=[motie.pk, actie]),
        {"reden-reden": "Achterhaald."},
        follow=True,
    )
    assert response.status_code == 200
    motie.refresh_from_db()
    assert (
        motie.status
        == {"in-uitvoering": M.IN_UITVOERING, "niet-uitgevoerd": M.NIET_UITGEVOERD}[actie]
    )
