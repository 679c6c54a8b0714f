"""A nota travels the parafenroute to the bewindspersoon's besluit: every transition, every role."""

from datetime import date

import pytest
from django.core import mail

from letters.models import Nota
from tests.support import at
from workflow.handelen import ActionNotAllowed
from workflow.models import (
    Besluit,
    Gebeurtenis,
    Medewerker,
    Organisatieonderdeel,
    Parafeerstap,
    Rol,
)
from workflow.services.nota import (
    AANHOUDEN,
    AKKOORD,
    AKKOORD_MET_WIJZIGINGEN,
    CHECKS,
    INDIENEN,
    INTREKKEN,
    KENNISNEMEN,
    NIET_AKKOORD,
    PARAFEREN,
    TERUGSTUREN,
    WIJZIGINGEN_VERWERKT,
    available_actions,
    current_route,
    nota_afhandelen,
    nota_besluit_vastleggen,
    nota_hervatten,
    nota_herzien,
    nota_indienen,
    nota_intrekken,
    nota_kennisnemen,
    nota_paraferen,
    nota_terugsturen,
    nota_wijzigingen_verwerken,
    parafeerstap_overslaan,
)
from workflow.services.route import nota_route_set

Status = Nota.Status
StapStatus = Parafeerstap.Status


def events(nota):
    return list(Gebeurtenis.objects.filter(nota=nota).values_list("actie", flat=True))


def current_steps(nota):
    nota.refresh_from_db()
    return {
        s.parafeerder.username: s.status
        for s in nota.parafeerstappen.filter(ronde=nota.ronde).select_related("parafeerder")
    }


def assert_refused(call, message_part, nota):
    """The action is refused with a Dutch message, and nothing about the nota changed."""
    nota.refresh_from_db()
    before = (nota.status, nota.ronde, events(nota), current_steps(nota))
    with pytest.raises(ActionNotAllowed) as refusal:
        call()
    assert message_part in refusal.value.message
    nota.refresh_from_db()
    assert (nota.status, nota.ronde, events(nota), current_steps(nota)) == before
    return refusal.value.message


def submit_and_initial_all(nota, people):
    nota_indienen(nota=nota, by=people["opsteller"], now=at(1, 10))
    for name in ("afdelingshoofd", "directeur", "dg"):
        nota_paraferen(nota=nota, by=people[name], now=at(2, 10))
    nota.refresh_from_db()
    return nota


# --- kenmerk and creation ------------------------------------------------------------------------


def test_new_nota_gets_a_kenmerk_of_documentnummer_dossier_and_directie(make_nota):
    nota = make_nota()
    documentnummer, dossiernummer, code = nota.kenmerk.split("-")
    assert int(documentnummer) == nota.documentnummer
    assert int(dossiernummer) == nota.dossier.nummer
    assert code == "PG"
    assert nota.organisatieonderdeel.code == "PG"
    assert nota.status == Status.CONCEPT


def test_kenmerken_are_never_reused(make_nota):
    kenmerken = {make_nota().kenmerk for _ in range(5)}
    assert len(kenmerken) == 5


def test_new_nota_gets_the_route_of_its_directies_template(make_nota):
    nota = make_nota()
    route = [(s.volgorde, s.parafeerder.username) for s in current_route(nota)]
    assert route == [(1, "afdelingshoofd"), (2, "directeur"), (3, "dg")]
    assert [p.punt for p in nota.toelichting.all()] == list("abcdefgh")


def test_status_cannot_be_written_directly(make_nota):
    nota = make_nota()
    with pytest.raises(AttributeError):
        nota.status = Status.AKKOORD


def test_someone_outside_an_organisatieonderdeel_cannot_draft(people, stas, route_template):
    with pytest.raises(ActionNotAllowed, match="niet bij een organisatieonderdeel"):
        from workflow.services.opstellen import nota_create

        nota_create(by=people["secretariaat"], aan=stas, onderwerp="x")


# --- indienen and paraferen ----------------------------------------------------------------------


def test_opsteller_submits_and_the_first_parafeerder_is_aan_de_beurt(make_nota, people):
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"], now=at(1, 10))
    nota.refresh_from_db()
    assert nota.status == Status.IN_PARAFERING
    assert nota.ronde == 1
    assert current_steps(nota) == {
        "afdelingshoofd": StapStatus.AAN_DE_BEURT,
        "directeur": StapStatus.WACHTEND,
        "dg": StapStatus.WACHTEND,
    }
    assert events(nota)[-2:] == ["ingediend", "aan_de_beurt"]


def test_nobody_but_the_opsteller_submits(make_nota, people):
    nota = make_nota()
    assert_refused(
        lambda: nota_indienen(nota=nota, by=people["directeur"]),
        "Alleen de opsteller van deze nota",
        nota,
    )


def test_submitting_without_route_is_refused(make_nota, people):
    nota = make_nota()
    nota_route_set(nota=nota, by=people["opsteller"], stappen=[])
    assert_refused(
        lambda: nota_indienen(nota=nota, by=people["opsteller"]),
        "nog geen parafenroute",
        nota,
    )


def test_submitting_without_geadviseerd_besluit_is_refused(make_nota, people):
    nota = make_nota(geadviseerd_besluit="")
    assert_refused(
        lambda: nota_indienen(nota=nota, by=people["opsteller"]),
        "geadviseerd besluit",
        nota,
    )


def test_full_route_brings_the_nota_ter_beslissing(make_nota, people):
    nota = submit_and_initial_all(make_nota(), people)
    assert nota.status == Status.TER_BESLISSING
    assert set(current_steps(nota).values()) == {StapStatus.GEPARAFEERD}
    assert events(nota) == [
        "aangemaakt",
        "ingediend",
        "aan_de_beurt",
        "geparafeerd",
        "aan_de_beurt",
        "geparafeerd",
        "aan_de_beurt",
        "geparafeerd",
        "ter_beslissing_voorgelegd",
    ]


def test_parafeerder_cannot_paraferen_before_their_turn(make_nota, people):
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"])
    assert_refused(
        lambda: nota_paraferen(nota=nota, by=people["directeur"]),
        "wacht niet op uw paraaf",
        nota,
    )


@pytest.mark.parametrize("who", ["opsteller", "secretariaat", "parlementair", "beheerder"])
def test_only_the_parafeerder_at_turn_may_paraferen(make_nota, people, who):
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"])
    assert_refused(
        lambda: nota_paraferen(nota=nota, by=people[who]), "wacht niet op uw paraaf", nota
    )


def test_paraferen_a_concept_is_refused_with_its_status(make_nota, people):
    nota = make_nota()
    assert_refused(
        lambda: nota_paraferen(nota=nota, by=people["afdelingshoofd"]),
        "de nota is concept",
        nota,
    )


def test_parallel_meeparafen_all_initial_before_the_next_step(make_nota, people, user_named):
    nota = make_nota()
    wjz = Medewerker.objects.create_user(
        username="wjz", password="x", first_name="Wim",
        organisatieonderdeel=Organisatieonderdeel.objects.get(code="WJZ"),
    )  # fmt: skip
    nota_route_set(
        nota=nota,
        by=people["opsteller"],
        stappen=[
            (1, people["afdelingshoofd"], "Afdelingshoofd"),
            (2, people["directeur"], "Directeur"),
            (2, wjz, "Meeparaaf WJZ"),
            (3, people["dg"], "DG"),
        ],
    )
    nota_indienen(nota=nota, by=people["opsteller"])
    nota_paraferen(nota=nota, by=people["afdelingshoofd"])
    assert current_steps(nota)["wjz"] == StapStatus.AAN_DE_BEURT
    assert current_steps(nota)["directeur"] == StapStatus.AAN_DE_BEURT
    nota_paraferen(nota=nota, by=wjz)
    assert current_steps(nota)["dg"] == StapStatus.WACHTEND
    nota_paraferen(nota=nota, by=people["directeur"])
    assert current_steps(nota)["dg"] == StapStatus.AAN_DE_BEURT


def test_route_can_be_adjusted_only_while_concept(make_nota, people):
    nota = make_nota()
    nota_route_set(
        nota=nota, by=people["opsteller"], stappen=[(5, people["directeur"], "Directeur")]
    )
    assert [(s.volgorde, s.parafeerder.username) for s in current_route(nota)] == [(1, "directeur")]
    # The earlier plan is kept, marked replaced.
    assert nota.route.filter(vervangen_op__isnull=False).count() == 3
    nota_indienen(nota=nota, by=people["opsteller"])
    assert_refused(
        lambda: nota_route_set(nota=nota, by=people["opsteller"], stappen=[]),
        "in parafering",
        nota,
    )


def test_opsteller_cannot_be_in_their_own_route(make_nota, people):
    nota = make_nota()
    with pytest.raises(ActionNotAllowed, match="eigen nota"):
        nota_route_set(nota=nota, by=people["opsteller"], stappen=[(1, people["opsteller"], "")])


# --- terugsturen and opnieuw indienen ------------------------------------------------------------


def test_terugsturen_needs_a_remark(make_nota, people):
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"])
    assert_refused(
        lambda: nota_terugsturen(nota=nota, by=people["afdelingshoofd"], remark="  "),
        "wat er moet veranderen",
        nota,
    )


def test_terugsturen_returns_the_nota_to_the_opsteller_and_ends_the_round(make_nota, people):
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"])
    nota_paraferen(nota=nota, by=people["afdelingshoofd"])
    nota_terugsturen(nota=nota, by=people["directeur"], remark="Financiën aanvullen.")
    assert current_steps(nota) == {
        "afdelingshoofd": StapStatus.GEPARAFEERD,
        "directeur": StapStatus.TERUGGESTUURD,
        "dg": StapStatus.VERVALLEN,
    }
    assert nota.status == Status.CONCEPT
    last = Gebeurtenis.objects.filter(nota=nota).last()
    assert (last.actie, last.opmerking) == ("teruggestuurd", "Financiën aanvullen.")


def test_resubmitting_restarts_the_route_from_the_first_step(make_nota, people):
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"])
    nota_paraferen(nota=nota, by=people["afdelingshoofd"])
    nota_terugsturen(nota=nota, by=people["directeur"], remark="Aanvullen.")
    nota = nota_indienen(nota=nota, by=people["opsteller"])
    assert nota.ronde == 2
    assert current_steps(nota)["afdelingshoofd"] == StapStatus.AAN_DE_BEURT
    # Round 1 stays readable as it was.
    assert nota.parafeerstappen.filter(ronde=1).count() == 3


def test_resubmitting_skips_earlier_parafen_when_the_template_says_so(make_nota, people):
    nota = make_nota()
    Nota.objects.filter(pk=nota.pk).update(opnieuw_paraferen=False)
    nota_indienen(nota=nota, by=people["opsteller"])
    nota_paraferen(nota=nota, by=people["afdelingshoofd"])
    nota_terugsturen(nota=nota, by=people["directeur"], remark="Aanvullen.")
    nota_indienen(nota=nota, by=people["opsteller"])
    assert current_steps(nota) == {
        "directeur": StapStatus.AAN_DE_BEURT,
        "dg": StapStatus.WACHTEND,
    }


# --- besluit -------------------------------------------------------------------------------------


def test_office_records_akkoord_on_behalf_of_the_bewindspersoon(make_nota, people, stas):
    nota = submit_and_initial_all(make_nota(), people)
    besluit = nota_besluit_vastleggen(
        nota=nota, by=people["secretariaat"], uitkomst=Besluit.Uitkomst.AKKOORD, now=at(5)
    )
    nota.refresh_from_db()
    assert nota.status == Status.AKKOORD
    assert (besluit.bewindspersoon, besluit.persoonlijk) == (stas, False)
    event = Gebeurtenis.objects.filter(nota=nota).last()
    assert (event.actie, event.actor, event.namens_bewindspersoon) == (
        "besluit_akkoord",
        people["secretariaat"],
        stas,
    )


def test_office_records_that_the_bewindspersoon_decided_personally(make_nota, people):
    nota = submit_and_initial_all(make_nota(), people)
    besluit = nota_besluit_vastleggen(
        nota=nota, by=people["secretariaat"], uitkomst="akkoord", persoonlijk=True
    )
    assert besluit.persoonlijk
    assert "persoonlijk" in Gebeurtenis.objects.filter(nota=nota).last().opmerking.lower()


@pytest.mark.parametrize("who", ["bureau-mlzs", "opsteller", "dg", "parlementair"])
def test_only_the_addressees_office_records_the_besluit(make_nota, people, who):
    nota = submit_and_initial_all(make_nota(), people)
    assert_refused(
        lambda: nota_besluit_vastleggen(nota=nota, by=people[who], uitkomst="akkoord"),
        "Alleen het bureau van de Staatssecretaris van Volksgezondheid",
        nota,
    )


def test_no_besluit_before_the_route_is_complete(make_nota, people):
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"])
    assert_refused(
        lambda: nota_besluit_vastleggen(nota=nota, by=people["secretariaat"], uitkomst="akkoord"),
        "in parafering",
        nota,
    )


@pytest.mark.parametrize(
    ("uitkomst", "message"),
    [
        ("akkoord_met_wijzigingen", "wijzigingen"),
        ("niet_akkoord", "reden"),
        ("aangehouden", "reden"),
    ],
)
def test_a_besluit_other_than_akkoord_needs_its_explanation(make_nota, people, uitkomst, message):
    nota = submit_and_initial_all(make_nota(), people)
    assert_refused(
        lambda: nota_besluit_vastleggen(
            nota=nota, by=people["secretariaat"], uitkomst=uitkomst, toelichting=""
        ),
        message,
        nota,
    )
    assert not Besluit.objects.filter(nota=nota).exists()


def test_akkoord_met_wijzigingen_goes_to_the_opsteller_and_back_for_confirmation(make_nota, people):
    nota = submit_and_initial_all(make_nota(), people)
    nota_besluit_vastleggen(
        nota=nota,
        by=people["secretariaat"],
        uitkomst="akkoord_met_wijzigingen",
        toelichting="Alinea over de monitor inkorten.",
    )
    nota.refresh_from_db()
    assert nota.status == Status.AKKOORD_MET_WIJZIGINGEN
    assert available_actions(nota, people["opsteller"]) == [
        WIJZIGINGEN_VERWERKT,
        INTREKKEN,
    ]
    assert_refused(
        lambda: nota_wijzigingen_verwerken(nota=nota, by=people["secretariaat"]),
        "Alleen de opsteller",
        nota,
    )
    nota_wijzigingen_verwerken(nota=nota, by=people["opsteller"], remark="Ingekort.")
    nota.refresh_from_db()
    assert (nota.status, nota.wijzigingen_verwerkt) == (Status.TER_BESLISSING, True)
    nota_besluit_vastleggen(nota=nota, by=people["secretariaat"], uitkomst="akkoord")
    nota.refresh_from_db()
    assert nota.status == Status.AKKOORD
    assert nota.besluiten.count() == 2


def test_niet_akkoord_then_the_opsteller_takes_it_back_to_concept(make_nota, people):
    nota = submit_and_initial_all(make_nota(), people)
    nota_besluit_vastleggen(
        nota=nota, by=people["secretariaat"], uitkomst="niet_akkoord", toelichting="Te vroeg."
    )
    nota.refresh_from_db()
    assert nota.status == Status.NIET_AKKOORD
    nota_herzien(nota=nota, by=people["opsteller"])
    nota.refresh_from_db()
    assert nota.status == Status.CONCEPT


def test_aanhouden_then_the_office_puts_it_ter_beslissing_again(make_nota, people):
    nota = submit_and_initial_all(make_nota(), people)
    nota_besluit_vastleggen(
        nota=nota, by=people["secretariaat"], uitkomst="aangehouden", toelichting="Na het debat."
    )
    nota.refresh_from_db()
    assert nota.status == Status.AANGEHOUDEN
    assert_refused(
        lambda: nota_hervatten(nota=nota, by=people["opsteller"]), "Alleen het bureau", nota
    )
    nota_hervatten(nota=nota, by=people["secretariaat"])
    nota.refresh_from_db()
    assert nota.status == Status.TER_BESLISSING


def test_akkoord_nota_is_afgehandeld_by_its_opsteller(make_nota, people):
    nota = submit_and_initial_all(make_nota(), people)
    nota_besluit_vastleggen(nota=nota, by=people["secretariaat"], uitkomst="akkoord")
    nota_afhandelen(nota=nota, by=people["opsteller"])
    nota.refresh_from_db()
    assert nota.status == Status.AFGEHANDELD
    assert available_actions(nota, people["opsteller"]) == []


# --- ter informatie ------------------------------------------------------------------------------


def test_nota_ter_informatie_ends_ter_kennisname_then_afgehandeld(make_nota, people):
    nota = make_nota(soort=Nota.Soort.TER_INFORMATIE, geadviseerd_besluit="")
    nota = submit_and_initial_all(nota, people)
    assert nota.status == Status.TER_KENNISNAME
    assert available_actions(nota, people["secretariaat"]) == [KENNISNEMEN]
    nota_kennisnemen(nota=nota, by=people["secretariaat"])
    nota.refresh_from_db()
    assert nota.status == Status.AFGEHANDELD


# --- intrekken -----------------------------------------------------------------------------------


def test_intrekken_needs_a_reason_and_lapses_the_open_steps(make_nota, people):
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"])
    assert_refused(
        lambda: nota_intrekken(nota=nota, by=people["opsteller"], remark=""),
        "reden",
        nota,
    )
    nota_intrekken(nota=nota, by=people["opsteller"], remark="Overbodig geworden.")
    nota.refresh_from_db()
    assert nota.status == Status.INGETROKKEN
    assert set(current_steps(nota).values()) == {StapStatus.VERVALLEN}
    # Withdrawn work stays readable and nobody can act on it any more.
    for person in people.values():
        assert available_actions(nota, person) == []


def test_the_directies_manager_may_withdraw_but_an_outsider_may_not(make_nota, people, outsider):
    nota = make_nota()
    assert_refused(
        lambda: nota_intrekken(nota=nota, by=outsider, remark="Weg ermee."),
        "mogen deze nota intrekken",
        nota,
    )
    nota_intrekken(nota=nota, by=people["directeur"], remark="Niet meer nodig.")
    nota.refresh_from_db()
    assert nota.status == Status.INGETROKKEN


def test_a_withdrawn_nota_cannot_be_withdrawn_again(make_nota, people):
    nota = make_nota()
    nota_intrekken(nota=nota, by=people["opsteller"], remark="Dubbel.")
    assert_refused(
        lambda: nota_intrekken(nota=nota, by=people["opsteller"], remark="Nogmaals."),
        "al ingetrokken",
        nota,
    )


# --- vervanging ----------------------------------------------------------------------------------


def test_substitute_initials_for_an_absent_parafeerder(make_nota, people, absent):
    vervanger = Medewerker.objects.create_user(username="plv", password="x", first_name="Pim")
    absent(people["afdelingshoofd"], vervanger)
    nota = make_nota()
    nota = nota_indienen(nota=nota, by=people["opsteller"], now=at(4))
    assert available_actions(nota, vervanger, now=at(4)) == [
        PARAFEREN,
        TERUGSTUREN,
    ]
    nota_paraferen(nota=nota, by=vervanger, now=at(4))
    event = Gebeurtenis.objects.filter(nota=nota, actie="geparafeerd").get()
    assert (event.actor, event.namens) == (vervanger, people["afdelingshoofd"])
    stap = nota.parafeerstappen.get(parafeerder=people["afdelingshoofd"])
    assert stap.afgehandeld_door == vervanger


def test_substitute_may_not_act_outside_the_absence(make_nota, people, absent):
    vervanger = Medewerker.objects.create_user(username="plv", password="x")
    absent(people["afdelingshoofd"], vervanger, van=date(2023, 12, 11), tot=date(2023, 12, 15))
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"], now=at(4))
    assert_refused(
        lambda: nota_paraferen(nota=nota, by=vervanger, now=at(4)),
        "wacht niet op uw paraaf",
        nota,
    )


def test_substitute_of_office_staff_records_the_besluit(make_nota, people, absent, stas):
    vervanger = Medewerker.objects.create_user(username="plv-sec", password="x")
    absent(people["secretariaat"], vervanger)
    nota = submit_and_initial_all(make_nota(), people)
    nota_besluit_vastleggen(nota=nota, by=vervanger, uitkomst="akkoord", now=at(6))
    event = Gebeurtenis.objects.filter(nota=nota).last()
    assert (event.actor, event.namens, event.namens_bewindspersoon) == (
        vervanger,
        people["secretariaat"],
        stas,
    )


def test_substitute_of_the_opsteller_submits(make_nota, people, absent):
    vervanger = Medewerker.objects.create_user(username="collega", password="x")
    absent(people["opsteller"], vervanger)
    nota = make_nota()
    nota_indienen(nota=nota, by=vervanger, now=at(4))
    event = Gebeurtenis.objects.filter(nota=nota, actie="ingediend").get()
    assert event.namens == people["opsteller"]


# --- overslaan -----------------------------------------------------------------------------------


def test_beheerder_skips_a_step_with_a_reason(make_nota, people):
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"])
    stap = nota.parafeerstappen.get(parafeerder=people["afdelingshoofd"])
    with pytest.raises(ActionNotAllowed, match="Alleen een beheerder"):
        parafeerstap_overslaan(stap=stap, by=people["directeur"], reason="Weg.")
    with pytest.raises(ActionNotAllowed, match="reden"):
        parafeerstap_overslaan(stap=stap, by=people["beheerder"], reason="")
    parafeerstap_overslaan(stap=stap, by=people["beheerder"], reason="Uit dienst.")
    assert current_steps(nota) == {
        "afdelingshoofd": StapStatus.OVERGESLAGEN,
        "directeur": StapStatus.AAN_DE_BEURT,
        "dg": StapStatus.WACHTEND,
    }
    assert people["beheerder"].has_rol(Rol.BEHEERDER)


# --- the actions a user sees ---------------------------------------------------------------------


def test_available_actions_per_role(make_nota, people, outsider):
    nota = make_nota()
    assert available_actions(nota, people["opsteller"]) == [
        INDIENEN,
        INTREKKEN,
    ]
    assert available_actions(nota, outsider) == []
    nota = nota_indienen(nota=nota, by=people["opsteller"])
    assert available_actions(nota, people["afdelingshoofd"]) == [
        PARAFEREN,
        TERUGSTUREN,
    ]
    assert available_actions(nota, people["directeur"]) == [INTREKKEN]
    nota = submit_and_initial_all(make_nota(), people)
    assert available_actions(nota, people["secretariaat"]) == [
        AKKOORD,
        AKKOORD_MET_WIJZIGINGEN,
        NIET_AKKOORD,
        AANHOUDEN,
    ]
    assert available_actions(nota, people["bureau-mlzs"]) == []


def test_button_labels_are_the_agreed_dutch_verbs():
    labels = {str(a.label) for a, _check in CHECKS}
    assert {
        "Indienen", "Paraferen", "Terugsturen", "Akkoord", "Akkoord met wijzigingen",
        "Niet akkoord", "Aanhouden", "Wijzigingen verwerkt", "Intrekken",
    } <= labels  # fmt: skip


# --- notifications -------------------------------------------------------------------------------


def test_next_parafeerder_is_emailed_after_commit(
    make_nota, people, django_capture_on_commit_callbacks
):
    nota = make_nota()
    with django_capture_on_commit_callbacks(execute=True):
        nota_indienen(nota=nota, by=people["opsteller"])
    assert [m.to for m in mail.outbox] == [[people["afdelingshoofd"].email]]
    message = mail.outbox[0]
    assert nota.kenmerk in message.subject
    assert "wacht op uw paraaf" in message.subject
    assert f"/notas/{nota.pk}/" in message.body
    assert message.alternatives[0][1] == "text/html"


def test_absent_parafeerders_substitute_is_emailed_and_the_absent_person_told(
    make_nota, people, absent, django_capture_on_commit_callbacks, settings
):
    vervanger = Medewerker.objects.create_user(
        username="plv", password="x", email="plv@parafeer.example", first_name="Pim"
    )
    absent(people["afdelingshoofd"], vervanger, van=date(2000, 1, 1), tot=date(2999, 1, 1))
    nota = make_nota()
    with django_capture_on_commit_callbacks(execute=True):
        nota_indienen(nota=nota, by=people["opsteller"])
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([vervanger.email, people["afdelingshoofd"].email])
    to_substitute = next(m for m in mail.outbox if m.to == [vervanger.email])
    assert "vervanger" in to_substitute.body


def test_a_refused_action_sends_nothing(make_nota, people, django_capture_on_commit_callbacks):
    nota = make_nota()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ActionNotAllowed):
        nota_paraferen(nota=nota, by=people["afdelingshoofd"])
    assert mail.outbox == []


# --- found in review -----------------------------------------------------------------------------


def test_the_opsteller_cannot_initial_their_own_nota_as_a_substitute(make_nota, people, absent):
    absent(
        people["afdelingshoofd"], people["opsteller"], van=date(2000, 1, 1), tot=date(2999, 1, 1)
    )
    nota = make_nota()
    nota = nota_indienen(nota=nota, by=people["opsteller"])
    assert PARAFEREN not in available_actions(nota, people["opsteller"])
    assert_refused(
        lambda: nota_paraferen(nota=nota, by=people["opsteller"]), "zelf opgesteld", nota
    )


def test_the_opsteller_cannot_decide_on_their_own_nota_as_office_substitute(
    make_nota, people, absent
):
    absent(people["secretariaat"], people["opsteller"], van=date(2000, 1, 1), tot=date(2999, 1, 1))
    nota = submit_and_initial_all(make_nota(), people)
    assert_refused(
        lambda: nota_besluit_vastleggen(nota=nota, by=people["opsteller"], uitkomst="akkoord"),
        "zelf opgesteld",
        nota,
    )


def test_after_akkoord_met_wijzigingen_the_addressee_cannot_change(make_nota, people, stas):
    from workflow.models import Bewindspersoon
    from workflow.services.opstellen import nota_update

    nota = submit_and_initial_all(make_nota(), people)
    nota_besluit_vastleggen(
        nota=nota,
        by=people["secretariaat"],
        uitkomst="akkoord_met_wijzigingen",
        toelichting="Korter.",
    )
    mlzs = Bewindspersoon.objects.get(afkorting="MLZS")
    with pytest.raises(ActionNotAllowed, match="alleen de inhoud"):
        nota_update(nota=nota, by=people["opsteller"], aan=mlzs)
    with pytest.raises(ActionNotAllowed, match="alleen de inhoud"):
        nota_update(nota=nota, by=people["opsteller"], soort=Nota.Soort.TER_INFORMATIE)
    nota_update(nota=nota, by=people["opsteller"], kernpunten="Ingekort.")
    nota.refresh_from_db()
    assert (nota.aan, nota.kernpunten) == (stas, "Ingekort.")


def test_earlier_parafen_count_across_all_rounds_when_not_initialling_again(make_nota, people):
    nota = make_nota()
    Nota.objects.filter(pk=nota.pk).update(opnieuw_paraferen=False)
    nota_indienen(nota=nota, by=people["opsteller"])
    nota_paraferen(nota=nota, by=people["afdelingshoofd"])
    nota_terugsturen(nota=nota, by=people["directeur"], remark="Ronde 1.")
    nota_indienen(nota=nota, by=people["opsteller"])
    nota_paraferen(nota=nota, by=people["directeur"])
    nota_terugsturen(nota=nota, by=people["dg"], remark="Ronde 2.")
    nota_indienen(nota=nota, by=people["opsteller"])
    assert current_steps(nota) == {"dg": StapStatus.AAN_DE_BEURT}


def test_niet_akkoord_can_go_back_ter_beslissing_by_the_office(make_nota, people):
    nota = submit_and_initial_all(make_nota(), people)
    nota_besluit_vastleggen(
        nota=nota, by=people["secretariaat"], uitkomst="niet_akkoord", toelichting="Nee."
    )
    nota_hervatten(nota=nota, by=people["secretariaat"], remark="Heroverwogen.")
    nota.refresh_from_db()
    assert nota.status == Status.TER_BESLISSING


def test_a_directeur_drafting_skips_the_afdelingshoofd_step(people, stas, route_template):
    from workflow.services.opstellen import nota_create

    nota = nota_create(by=people["directeur"], aan=stas, onderwerp="Nota van de directeur")
    assert [s.parafeerder.username for s in current_route(nota)] == ["dg"]


def test_counter_numbers_cannot_be_claimed_by_hand(people, stas, route_template):
    from letters.kenmerk import DOCUMENTNUMMER, EERSTE_NUMMER
    from workflow.services.opstellen import nota_create

    with pytest.raises(ActionNotAllowed, match="zelf uitdeelt"):
        nota_create(
            by=people["opsteller"], aan=stas, onderwerp="x",
            documentnummer=EERSTE_NUMMER[DOCUMENTNUMMER] + 5,
        )  # fmt: skip


def test_mail_is_only_sent_when_the_transaction_commits(
    make_nota, people, django_capture_on_commit_callbacks
):
    from django.db import transaction

    nota = make_nota()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        nota_indienen(nota=nota, by=people["opsteller"])
        raise RuntimeError("something after the service failed")
    assert mail.outbox == []
    nota.refresh_from_db()
    assert nota.status == Status.CONCEPT


def test_a_mail_server_that_is_down_does_not_undo_or_break_the_action(
    make_nota, people, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    nota = make_nota()
    with django_capture_on_commit_callbacks(execute=True):
        nota_indienen(nota=nota, by=people["opsteller"])
    nota.refresh_from_db()
    assert nota.status == Status.IN_PARAFERING
