"""Kamerbrieven: versions, parallel afstemming bound to versions, guarded signing and sending."""

from datetime import date

import pytest
from django.core import mail

from letters.models import Afstemmingsverzoek, Kamerbrief, Nota, Ondertekenaar
from letters.selectors import verzoek_changes
from tests.support import at
from workflow.handelen import ActionNotAllowed
from workflow.models import Ambtsperiode, Bewindspersoon, Gebeurtenis
from workflow.services.afstemming import afstemming_beantwoorden, kamerbrief_afstemming_starten
from workflow.services.bijlagen import kamerbrief_bijlage_add, kamerbrief_bijlage_replace
from workflow.services.kamerbrief import kamerbrief_create, kamerbrief_edit, missing_for_signing
from workflow.services.nota import nota_besluit_vastleggen, nota_indienen, nota_paraferen
from workflow.services.verzending import (
    kamerbrief_intrekken,
    kamerbrief_ondertekenen,
    kamerbrief_publiceren,
    kamerbrief_verzenden,
)

KB = Kamerbrief.Status
VZ = Afstemmingsverzoek.Status

COSIGNERS = ["MLZS", "MOCW"]


@pytest.fixture
def brief(make_nota, people, offices):
    nota = make_nota()
    return kamerbrief_create(
        nota=nota,
        by=people["opsteller"],
        betreft="Voortgang aanpak mentale gezondheid",
        tekst="Geachte voorzitter,\n\nHierbij informeer ik u.\n",
        voetnoten=["Kamerstuk 32 793, nr. 613."],
        medeondertekenaars=[Bewindspersoon.objects.get(afkorting=a) for a in COSIGNERS],
        now=at(1, 9),
    )


def requests(brief):
    return {
        v.bewindspersoon.afkorting: v.status
        for v in brief.afstemmingsverzoeken.filter(status__in=Afstemmingsverzoek.GELDIG)
    }


def fresh(brief):
    return Kamerbrief.objects.get(pk=brief.pk)


def in_afstemming(brief, people):
    return kamerbrief_afstemming_starten(
        kamerbrief=brief, by=people["opsteller"], deadline=date(2023, 12, 13)
    )


def answer(brief, offices, afkorting, antwoord="akkoord", remark=""):
    verzoek = brief.afstemmingsverzoeken.get(
        bewindspersoon__afkorting=afkorting, status=VZ.AANGEVRAAGD
    )
    return afstemming_beantwoorden(
        verzoek=verzoek, by=offices[afkorting], antwoord=antwoord, remark=remark
    )


def nota_akkoord(brief, people, offices):
    nota = brief.nota
    nota_indienen(nota=nota, by=people["opsteller"])
    for name in ("afdelingshoofd", "directeur", "dg"):
        nota_paraferen(nota=nota, by=people[name])
    nota_besluit_vastleggen(nota=nota, by=offices["StasVWS"], uitkomst="akkoord")


def test_letter_gets_a_kenmerk_in_the_notas_dossier_and_a_first_version(brief):
    assert brief.kenmerk.endswith(f"-{brief.nota.dossier.nummer}-PG")
    assert brief.kenmerk != brief.nota.kenmerk
    assert brief.afzender == brief.nota.aan
    assert [(v.nummer, len(v.sha256)) for v in brief.versies.all()] == [(1, 64)]


def test_afstemming_asks_every_cosigner_in_parallel(
    brief, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        in_afstemming(brief, people)
    assert fresh(brief).status == KB.IN_AFSTEMMING
    assert requests(brief) == {"MLZS": VZ.AANGEVRAAGD, "MOCW": VZ.AANGEVRAAGD}
    assert {v.deadline for v in brief.afstemmingsverzoeken.all()} == {date(2023, 12, 13)}
    assert sorted(m.to[0] for m in mail.outbox) == [
        "bureau-mlzs@parafeer.example",
        "bureau-mocw@parafeer.example",
    ]


def test_only_the_cosigners_office_answers(brief, people, offices):
    in_afstemming(brief, people)
    verzoek = brief.afstemmingsverzoeken.get(bewindspersoon__afkorting="MLZS")
    for someone in (offices["MOCW"], people["opsteller"], offices["StasVWS"]):
        with pytest.raises(
            ActionNotAllowed, match="Alleen het bureau van de Minister voor Langdurige Zorg"
        ):
            afstemming_beantwoorden(verzoek=verzoek, by=someone, antwoord="akkoord")
    assert requests(brief)["MLZS"] == VZ.AANGEVRAAGD


@pytest.mark.parametrize("antwoord", ["akkoord_met_opmerkingen", "niet_akkoord"])
def test_answers_other_than_akkoord_need_remarks(brief, people, offices, antwoord):
    in_afstemming(brief, people)
    with pytest.raises(ActionNotAllowed, match="opmerkingen"):
        answer(brief, offices, "MLZS", antwoord, remark=" ")
    answer(brief, offices, "MLZS", antwoord, remark="Alinea 3 aanpassen.")
    assert requests(brief)["MLZS"] == antwoord


def test_an_answered_request_cannot_be_answered_again(brief, people, offices):
    in_afstemming(brief, people)
    answer(brief, offices, "MLZS")
    verzoek = brief.afstemmingsverzoeken.get(bewindspersoon__afkorting="MLZS")
    with pytest.raises(ActionNotAllowed, match="al afgehandeld"):
        afstemming_beantwoorden(
            verzoek=verzoek, by=offices["MLZS"], antwoord="niet_akkoord", remark="x"
        )


def test_an_edit_after_akkoord_voids_it_and_asks_again(
    brief, people, offices, django_capture_on_commit_callbacks
):
    in_afstemming(brief, people)
    answer(brief, offices, "MLZS")
    answer(brief, offices, "MOCW")
    with django_capture_on_commit_callbacks(execute=True):
        kamerbrief_edit(
            kamerbrief=brief, by=people["opsteller"],
            tekst="Geachte voorzitter,\n\nNieuwe tekst.\n",
            voetnoten=["Kamerstuk 32 793, nr. 613."],
        )  # fmt: skip
    assert requests(brief) == {"MLZS": VZ.AANGEVRAAGD, "MOCW": VZ.AANGEVRAAGD}
    old = brief.afstemmingsverzoeken.filter(status=VZ.VERVALLEN)
    assert {v.bewindspersoon.afkorting for v in old} == {"MLZS", "MOCW"}
    assert {v.briefversie.nummer for v in old} == {1}
    assert {
        v.briefversie.nummer for v in brief.afstemmingsverzoeken.filter(status=VZ.AANGEVRAAGD)
    } == {2}
    assert "opnieuw" in mail.outbox[0].subject
    # The old version stays readable.
    assert brief.versies.get(nummer=1).tekst.endswith("Hierbij informeer ik u.\n")


def test_saving_the_same_text_makes_no_version_and_voids_nothing(brief, people, offices):
    in_afstemming(brief, people)
    answer(brief, offices, "MLZS")
    version = brief.versies.get()
    kamerbrief_edit(
        kamerbrief=brief, by=people["opsteller"], tekst=version.tekst, voetnoten=version.voetnoten
    )
    assert brief.versies.count() == 1
    assert requests(brief) == {"MLZS": VZ.AKKOORD, "MOCW": VZ.AANGEVRAAGD}


def test_a_new_bijlage_version_voids_the_akkoorden_and_the_office_sees_what_changed(
    brief, people, offices
):
    bijlage = kamerbrief_bijlage_add(
        kamerbrief=brief, by=people["opsteller"], titel="Voortgangsrapportage",
        inhoud=b"%PDF-1.4 versie een", bestandsnaam="rapportage.pdf",
    )  # fmt: skip
    in_afstemming(brief, people)
    answer(brief, offices, "MLZS")
    assert (
        kamerbrief_bijlage_replace(
            bijlage=bijlage,
            by=people["opsteller"],
            inhoud=b"%PDF-1.4 versie een",
            bestandsnaam="rapportage.pdf",
        )
        is None
    )  # same content: no new version
    assert requests(brief)["MLZS"] == VZ.AKKOORD
    kamerbrief_bijlage_replace(
        bijlage=bijlage,
        by=people["opsteller"],
        inhoud=b"%PDF-1.4 versie twee",
        bestandsnaam="rapportage.pdf",
    )
    kamerbrief_edit(kamerbrief=brief, by=people["opsteller"], tekst="Andere tekst.\n")
    assert requests(brief)["MLZS"] == VZ.AANGEVRAAGD
    newest = brief.afstemmingsverzoeken.get(bewindspersoon__afkorting="MLZS", status=VZ.AANGEVRAAGD)
    # The newest request followed the text edit; the one before it the new bijlage version.
    assert "+Andere tekst." in verzoek_changes(newest).tekst_diff
    assert verzoek_changes(newest).bijlagen_gewijzigd == []
    after_bijlage = newest.vorig_verzoek
    assert after_bijlage.status == VZ.VERVALLEN
    assert verzoek_changes(after_bijlage).tekst_diff == []
    assert verzoek_changes(after_bijlage).bijlagen_gewijzigd == [
        "Bijlage 1: Voortgangsrapportage: nieuwe versie 2"
    ]


def test_text_diff_shows_what_changed_in_the_letter(brief, people, offices):
    in_afstemming(brief, people)
    answer(brief, offices, "MLZS")
    kamerbrief_edit(
        kamerbrief=brief, by=people["opsteller"],
        tekst="Geachte voorzitter,\n\nHierbij informeer ik u graag.\n",
        voetnoten=["Kamerstuk 32 793, nr. 613."],
    )  # fmt: skip
    verzoek = brief.afstemmingsverzoeken.get(
        bewindspersoon__afkorting="MLZS", status=VZ.AANGEVRAAGD
    )
    diff = verzoek_changes(verzoek).tekst_diff
    assert "-Hierbij informeer ik u." in diff
    assert "+Hierbij informeer ik u graag." in diff
    assert verzoek_changes(verzoek).bijlagen_gewijzigd == []


def test_signing_is_refused_until_every_akkoord_holds(brief, people, offices):
    in_afstemming(brief, people)
    answer(brief, offices, "MOCW")
    with pytest.raises(ActionNotAllowed) as refusal:
        kamerbrief_ondertekenen(kamerbrief=brief, by=offices["StasVWS"])
    message = refusal.value.message
    assert "Akkoord van de Minister voor Langdurige Zorg en Sport ontbreekt nog." in message
    assert "is nog niet akkoord" in message  # the nota's besluit
    assert "Onderwijs" not in message
    assert fresh(brief).status == KB.IN_AFSTEMMING


def test_letter_is_ready_by_itself_once_besluit_and_akkoorden_hold(brief, people, offices):
    in_afstemming(brief, people)
    answer(brief, offices, "MOCW")
    answer(brief, offices, "MLZS", "akkoord_met_opmerkingen", remark="Prima, kleine suggestie.")
    assert fresh(brief).status == KB.IN_AFSTEMMING  # the nota has no besluit yet
    nota_akkoord(brief, people, offices)
    assert fresh(brief).status == KB.GEREED_VOOR_ONDERTEKENING
    # An edit now sends it back into afstemming.
    kamerbrief_edit(kamerbrief=brief, by=people["opsteller"], tekst="Gewijzigd.\n")
    assert fresh(brief).status == KB.IN_AFSTEMMING


def test_niet_akkoord_blocks_signing_with_the_reason(brief, people, offices):
    in_afstemming(brief, people)
    answer(brief, offices, "MOCW")
    answer(brief, offices, "MLZS", "niet_akkoord", remark="Zorgparagraaf ontbreekt.")
    nota_akkoord(brief, people, offices)
    assert missing_for_signing(fresh(brief)) == [
        "De Minister voor Langdurige Zorg en Sport is niet akkoord: Zorgparagraaf ontbreekt."
    ]


def ready(brief, people, offices):
    in_afstemming(brief, people)
    for afkorting in COSIGNERS:
        answer(brief, offices, afkorting)
    nota_akkoord(brief, people, offices)
    return fresh(brief)


def test_only_the_senders_office_signs_and_sends(brief, people, offices):
    brief = ready(brief, people, offices)
    for someone in (offices["MLZS"], people["opsteller"], people["dg"]):
        with pytest.raises(ActionNotAllowed, match="Alleen het bureau van de Staatssecretaris"):
            kamerbrief_ondertekenen(kamerbrief=brief, by=someone)
    kamerbrief_ondertekenen(kamerbrief=brief, by=offices["StasVWS"])
    assert fresh(brief).status == KB.ONDERTEKEND
    with pytest.raises(ActionNotAllowed, match="Alleen het bureau"):
        kamerbrief_verzenden(kamerbrief=brief, by=offices["MOCW"])


def test_no_edits_after_signing(brief, people, offices):
    brief = ready(brief, people, offices)
    kamerbrief_ondertekenen(kamerbrief=brief, by=offices["StasVWS"])
    with pytest.raises(ActionNotAllowed, match="ondertekend"):
        kamerbrief_edit(kamerbrief=brief, by=people["opsteller"], tekst="Nog iets.\n")


def test_sending_dates_the_letter_freezes_signatories_and_completes_the_nota(
    brief, people, offices
):
    brief = ready(brief, people, offices)
    kamerbrief_ondertekenen(kamerbrief=brief, by=offices["StasVWS"], now=at(18))
    kamerbrief_verzenden(kamerbrief=brief, by=offices["StasVWS"], now=at(19))
    brief = fresh(brief)
    assert (brief.status, brief.datum) == (KB.VERZONDEN, date(2023, 12, 19))
    assert [(o.rol, o.naam) for o in brief.ondertekenaars.all()] == [
        (Ondertekenaar.Rol.AFZENDER, "M. van Ooijen"),
        (Ondertekenaar.Rol.MEDE_NAMENS, "Robbert Dijkgraaf"),
        (Ondertekenaar.Rol.MEDE_NAMENS, "Conny Helder"),
    ]
    assert Nota.objects.get(pk=brief.nota_id).status == Nota.Status.AFGEHANDELD
    # A later change of office holder does not change the sent letter.
    mlzs = Bewindspersoon.objects.get(afkorting="MLZS")
    Ambtsperiode.objects.filter(bewindspersoon=mlzs).update(tot=date(2024, 7, 1))
    Ambtsperiode.objects.create(bewindspersoon=mlzs, naam="Fleur Agema", van=date(2024, 7, 2))
    assert brief.ondertekenaars.get(bewindspersoon=mlzs).naam == "Conny Helder"
    assert mlzs.holder_on(date(2024, 8, 1)).naam == "Fleur Agema"


def test_history_of_the_letter_is_complete(brief, people, offices):
    brief = ready(brief, people, offices)
    kamerbrief_ondertekenen(kamerbrief=brief, by=offices["StasVWS"])
    kamerbrief_verzenden(kamerbrief=brief, by=offices["StasVWS"])
    acties = list(Gebeurtenis.objects.filter(kamerbrief=brief).values_list("actie", flat=True))
    assert acties == [
        "kamerbrief_aangemaakt", "afstemming_gestart", "afstemming_aangevraagd",
        "afstemming_aangevraagd", "afstemming_akkoord", "afstemming_akkoord",
        "gereed_voor_ondertekening", "ondertekend", "verzonden",
    ]  # fmt: skip
    signed = Gebeurtenis.objects.get(kamerbrief=brief, actie="ondertekend")
    assert signed.namens_bewindspersoon.afkorting == "StasVWS"
    assert "brief v1" in signed.versie


def test_publication_needs_a_valid_kamerstuk(brief, people, offices):
    brief = ready(brief, people, offices)
    kamerbrief_ondertekenen(kamerbrief=brief, by=offices["StasVWS"])
    kamerbrief_verzenden(kamerbrief=brief, by=offices["StasVWS"])
    with pytest.raises(ActionNotAllowed, match="parlementaire coördinatie"):
        kamerbrief_publiceren(kamerbrief=brief, by=offices["StasVWS"], kamerstuk="32793 nr. 680")
    with pytest.raises(ActionNotAllowed, match="ondernummer"):
        kamerbrief_publiceren(kamerbrief=brief, by=people["parlementair"], kamerstuk="32 793")
    kamerbrief_publiceren(
        kamerbrief=brief, by=people["parlementair"],
        kamerstuk="Kamerstukken II 2023/24, 32793, nr. 680",
        tk_document_id="2023d51234",
    )  # fmt: skip
    brief = fresh(brief)
    assert (brief.status, brief.kamerstuk, brief.tk_document_id) == (
        KB.GEPUBLICEERD, "Kamerstuk 32 793, nr. 680", "2023D51234",
    )  # fmt: skip


def test_withdrawing_the_letter_withdraws_open_requests(brief, people, offices):
    in_afstemming(brief, people)
    kamerbrief_intrekken(kamerbrief=brief, by=people["opsteller"], remark="Niet meer nodig.")
    assert fresh(brief).status == KB.INGETROKKEN
    assert requests(brief) == {}
    assert set(brief.afstemmingsverzoeken.values_list("status", flat=True)) == {VZ.INGETROKKEN}


def test_the_demo_holds_the_seed_letters(offices):
    from demo.notas import SEED_KENMERK, SEED_VANDAAG, load_demo_notas

    load_demo_notas(vandaag=SEED_VANDAAG)
    seed = Kamerbrief.objects.get(nota__kenmerk=SEED_KENMERK)
    assert seed.status == KB.IN_AFSTEMMING
    assert requests(seed) == {
        "MLZS": VZ.AANGEVRAAGD, "MOCW": VZ.AKKOORD, "MPVO": VZ.AKKOORD, "MSZW": VZ.AKKOORD,
        "MAPP": VZ.AKKOORD, "StasBZK": VZ.AKKOORD,
    }  # fmt: skip
    assert seed.bijlagen.count() == 3
    launch = Kamerbrief.objects.get(kenmerk="3382139-1030472-PG")
    assert (launch.status, launch.datum, launch.kamerstuk) == (
        KB.GEPUBLICEERD, date(2022, 6, 10), "Kamerstuk 32 793, nr. 613",
    )  # fmt: skip
    assert launch.ondertekenaars.count() == 7
    assert "Dennis Wiersma" in launch.ondertekenaars.values_list("naam", flat=True)


def test_a_pakket_of_many_bijlagen_still_fits_the_history(brief, people):
    from demo.notas import demo_pdf

    for nummer in range(1, 7):
        kamerbrief_bijlage_add(
            kamerbrief=brief, by=people["opsteller"], titel=f"Bijlage {nummer}",
            inhoud=demo_pdf(f"inhoud {nummer}"), bestandsnaam=f"b{nummer}.pdf",
        )  # fmt: skip
    in_afstemming(brief, people)
    event = Gebeurtenis.objects.get(kamerbrief=brief, actie="afstemming_gestart")
    assert event.versie.startswith("brief v1; pakket ")
