"""Managing a letter's afstemming: co-signers added or dropped before signing (with reasons in
the history), an office reminded now (once, through the reminder outbox), and an office's
"niet akkoord" shown to the opsteller with the ways on."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from letters.models import Afstemmingsverzoek, Kamerbrief
from tests.support import at
from workflow.handelen import ActionNotAllowed
from workflow.models import Bewindspersoon, Gebeurtenis, Herinnering
from workflow.services.afstemming import (
    afstemming_remind,
    kamerbrief_add_cosigner,
    kamerbrief_drop_cosigner,
)
from workflow.services.kamerbrief import kamerbrief_create, missing_for_signing
from workflow.services.verzending import kamerbrief_ondertekenen

from .test_kamerbrief import answer, fresh, in_afstemming, nota_akkoord, requests

KB = Kamerbrief.Status
VZ = Afstemmingsverzoek.Status


@pytest.fixture
def brief(make_nota, people, offices):
    return kamerbrief_create(
        nota=make_nota(), by=people["opsteller"], betreft="Voortgang aanpak mentale gezondheid",
        tekst="Geachte voorzitter,\n\nHierbij informeer ik u.\n",
        medeondertekenaars=[Bewindspersoon.objects.get(afkorting="MLZS")], now=at(1, 9),
    )  # fmt: skip


def post(name):
    return Bewindspersoon.objects.get(afkorting=name)


def state(brief):
    """Everything a refused action must leave as it was."""
    brief = fresh(brief)
    return (
        brief.status,
        sorted(b.afkorting for b in brief.medeondertekenaars.all()),
        list(brief.afstemmingsverzoeken.order_by("pk").values_list("pk", "status")),
        Gebeurtenis.objects.count(),
        Herinnering.objects.count(),
    )


def add(brief, people, name, remark="Het onderwerp raakt ook OCW.", **kwargs):
    return kamerbrief_add_cosigner(
        kamerbrief=brief, by=people["opsteller"], bewindspersoon=post(name), remark=remark,
        now=kwargs.pop("now", at(4, 10)), **kwargs,
    )  # fmt: skip


def drop(brief, people, name, remark="Niet nodig: alleen ter informatie.", **kwargs):
    return kamerbrief_drop_cosigner(
        kamerbrief=brief, by=kwargs.pop("by", people["opsteller"]), bewindspersoon=post(name),
        remark=remark, now=at(4, 11),
    )  # fmt: skip


# --- adding ------------------------------------------------------------------------------------


def test_a_cosigner_added_during_afstemming_is_asked_at_once(brief, people):
    in_afstemming(brief, people)
    add(brief, people, "MOCW", deadline=date(2023, 12, 12))
    assert requests(brief) == {"MLZS": VZ.AANGEVRAAGD, "MOCW": VZ.AANGEVRAAGD}
    verzoek = brief.afstemmingsverzoeken.get(bewindspersoon__afkorting="MOCW")
    assert verzoek.deadline == date(2023, 12, 12)
    assert verzoek.briefversie == brief.versies.get()
    event = brief.gebeurtenissen.get(actie="medeondertekenaar_toegevoegd")
    assert event.actor == people["opsteller"]
    assert "Het onderwerp raakt ook OCW." in event.opmerking


def test_a_cosigner_added_to_a_concept_is_asked_when_afstemming_starts(brief, people):
    add(brief, people, "MOCW")
    assert requests(brief) == {}
    in_afstemming(brief, people)
    assert requests(brief) == {"MLZS": VZ.AANGEVRAAGD, "MOCW": VZ.AANGEVRAAGD}


def test_adding_to_a_letter_ready_for_signature_puts_it_back_in_afstemming(brief, people, offices):
    in_afstemming(brief, people)
    answer(brief, offices, "MLZS")
    nota_akkoord(brief, people, offices)
    assert fresh(brief).status == KB.GEREED_VOOR_ONDERTEKENING
    add(brief, people, "MOCW")
    assert fresh(brief).status == KB.IN_AFSTEMMING
    missing = " ".join(missing_for_signing(fresh(brief)))
    assert "Minister van Onderwijs, Cultuur en Wetenschap ontbreekt" in missing


@pytest.mark.parametrize(
    ("name", "kwargs", "message"),
    [
        ("StasVWS", {}, "verstuurt de brief en kan niet ook medeondertekenaar zijn"),
        ("MLZS", {}, "is al medeondertekenaar van deze brief"),
        ("MOCW", {"remark": "  "}, "Geef de reden om deze medeondertekenaar toe te voegen."),
        ("MOCW", {"deadline": date(2023, 12, 1)}, "De deadline 01-12-2023 is al voorbij"),
    ],
)
def test_adding_is_refused_in_dutch_and_nothing_is_written(brief, people, name, kwargs, message):
    in_afstemming(brief, people)
    before = state(brief)
    with pytest.raises(ActionNotAllowed, match=message):
        add(brief, people, name, **kwargs)
    assert state(brief) == before


def test_after_signing_the_cosigners_no_longer_change(brief, people, offices):
    in_afstemming(brief, people)
    answer(brief, offices, "MLZS")
    nota_akkoord(brief, people, offices)
    kamerbrief_ondertekenen(kamerbrief=brief, by=offices["StasVWS"])
    before = state(brief)
    for action in (lambda: add(brief, people, "MOCW"), lambda: drop(brief, people, "MLZS")):
        with pytest.raises(ActionNotAllowed, match="kunnen niet meer veranderen"):
            action()
    assert state(brief) == before


def test_only_the_opsteller_or_their_vervanger_changes_the_cosigners(
    brief, people, offices, absent
):
    in_afstemming(brief, people)
    before = state(brief)
    for intruder in (people["directeur"], offices["MLZS"], people["beheerder"]):
        with pytest.raises(ActionNotAllowed, match="Alleen de opsteller"):
            drop(brief, people, "MLZS", by=intruder)
    assert state(brief) == before
    absent(people["opsteller"], people["afdelingshoofd"])
    drop(brief, people, "MLZS", by=people["afdelingshoofd"])
    event = brief.gebeurtenissen.get(actie="medeondertekenaar_verwijderd")
    assert (event.actor, event.namens) == (people["afdelingshoofd"], people["opsteller"])


# --- dropping ----------------------------------------------------------------------------------


def test_dropping_the_office_that_does_not_agree_makes_the_letter_ready(brief, people, offices):
    add(brief, people, "MOCW")
    in_afstemming(brief, people)
    answer(brief, offices, "MLZS")
    answer(brief, offices, "MOCW", "niet_akkoord", "Wij herkennen ons niet in paragraaf 2.")
    nota_akkoord(brief, people, offices)
    assert fresh(brief).status == KB.IN_AFSTEMMING
    drop(brief, people, "MOCW", remark="OCW tekent niet mee; afgestemd met de DG.")
    brief = fresh(brief)
    assert brief.status == KB.GEREED_VOOR_ONDERTEKENING
    assert [b.afkorting for b in brief.medeondertekenaars.all()] == ["MLZS"]
    withdrawn = brief.afstemmingsverzoeken.get(bewindspersoon__afkorting="MOCW")
    assert withdrawn.status == VZ.INGETROKKEN
    assert withdrawn.opmerking == "Wij herkennen ons niet in paragraaf 2."  # the answer stays
    assert list(
        brief.gebeurtenissen.filter(
            actie__in=["medeondertekenaar_verwijderd", "afstemming_ingetrokken"]
        ).values_list("actie", flat=True)
    ) == ["medeondertekenaar_verwijderd", "afstemming_ingetrokken"]


def test_dropping_is_refused_without_a_reason_or_for_who_does_not_cosign(brief, people):
    in_afstemming(brief, people)
    before = state(brief)
    with pytest.raises(ActionNotAllowed, match="Geef de reden"):
        drop(brief, people, "MLZS", remark="")
    with pytest.raises(ActionNotAllowed, match="is geen medeondertekenaar van deze brief"):
        drop(brief, people, "MOCW")
    assert state(brief) == before


# --- reminding an office now --------------------------------------------------------------------


def test_remind_now_mails_the_office_once_however_often_it_is_clicked(
    brief, people, offices, django_capture_on_commit_callbacks
):
    in_afstemming(brief, people)
    verzoek = brief.afstemmingsverzoeken.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first = afstemming_remind(verzoek=verzoek, by=people["opsteller"], now=at(5, 9))
    with django_capture_on_commit_callbacks(execute=True):
        second = afstemming_remind(verzoek=verzoek, by=people["opsteller"], now=at(5, 15))
    assert (first.aantal, second.aantal) == (1, 0)
    assert [m.to for m in mail.outbox] == [[offices["MLZS"].email]]
    message = mail.outbox[0]
    assert message.subject == f"Herinnering: {brief.kenmerk} wacht op uw antwoord"
    assert "De opsteller herinnert u eraan" in message.body
    assert "13 december 2023" in message.body  # the request's own deadline
    herinnering = Herinnering.objects.get()
    assert (herinnering.soort, herinnering.status) == ("handmatig", "verzonden")
    assert brief.gebeurtenissen.filter(actie="afstemming_herinnerd").count() == 1
    # The next day the office can be reminded again.
    with django_capture_on_commit_callbacks(execute=True):
        afstemming_remind(verzoek=verzoek, by=people["opsteller"], now=at(6, 9))
    assert len(mail.outbox) == 2


def test_the_vervanger_is_reminded_and_the_absent_office_member_copied(
    brief, people, offices, absent, django_capture_on_commit_callbacks
):
    in_afstemming(brief, people)
    absent(offices["MLZS"], offices["MOCW"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        afstemming_remind(
            verzoek=brief.afstemmingsverzoeken.get(), by=people["opsteller"], now=at(5, 9)
        )
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [offices["MOCW"].email, offices["MLZS"].email]
    )


def test_an_answered_request_is_not_reminded_of(brief, people, offices):
    in_afstemming(brief, people)
    answer(brief, offices, "MLZS")
    before = state(brief)
    with pytest.raises(ActionNotAllowed, match="Er valt niets te herinneren"):
        afstemming_remind(verzoek=brief.afstemmingsverzoeken.get(), by=people["opsteller"])
    with pytest.raises(ActionNotAllowed, match="Alleen de opsteller"):
        afstemming_remind(verzoek=brief.afstemmingsverzoeken.get(), by=offices["MLZS"])
    assert state(brief) == before


# --- the panel on the letter's page ------------------------------------------------------------


def test_the_opsteller_sees_who_answered_and_the_niet_akkoord_with_the_ways_on(
    client, brief, people, offices
):
    add(brief, people, "MOCW")
    in_afstemming(brief, people)
    answer(brief, offices, "MLZS")
    answer(brief, offices, "MOCW", "niet_akkoord", "Paragraaf 2 klopt niet voor OCW.")
    client.force_login(people["opsteller"])
    content = client.get(reverse("kamerbrief_detail", args=[brief.pk])).content.decode()
    assert "Afstemming met de medeondertekenaars" in content
    assert "gaat niet akkoord" in content and "Paragraaf 2 klopt niet voor OCW." in content
    assert "Hoe verder:" in content and "Nieuwe versie uploaden (DOCX)" in content
    assert f"Door {offices['MOCW']}" in content
    assert str(offices["MLZS"]) in content  # who gave the akkoord
    assert "versie 1" in content and "(huidig)" in content
    client.force_login(offices["MLZS"])
    other = client.get(reverse("kamerbrief_detail", args=[brief.pk])).content.decode()
    assert "Afstemming met de medeondertekenaars" not in other


def test_the_panel_forms_act_and_say_so_in_dutch(client, brief, people, offices):
    in_afstemming(brief, people)
    client.force_login(people["opsteller"])
    verzoek = brief.afstemmingsverzoeken.get()
    response = client.post(reverse("afstemming_remind", args=[brief.pk, verzoek.pk]), follow=True)
    assert "krijgt nu een herinnering per e-mail" in response.content.decode()
    response = client.post(reverse("afstemming_remind", args=[brief.pk, verzoek.pk]), follow=True)
    assert "is vandaag al herinnerd" in response.content.decode()
    response = client.post(
        reverse("kamerbrief_cosigner_add", args=[brief.pk]),
        {"mo-bewindspersoon": post("MOCW").pk, "mo-reden": ""},
        follow=True,
    )
    assert "Reden (verplicht): Dit veld is verplicht." in response.content.decode()
    assert requests(brief) == {"MLZS": VZ.AANGEVRAAGD}
    response = client.post(
        reverse("kamerbrief_cosigner_add", args=[brief.pk]),
        {"mo-bewindspersoon": post("MOCW").pk, "mo-reden": "Raakt ook OCW."},
        follow=True,
    )
    assert "is nu om akkoord gevraagd" in response.content.decode()
    response = client.post(
        reverse("kamerbrief_cosigner_drop", args=[brief.pk, post("MOCW").pk]),
        {"reden": "Toch niet."},
        follow=True,
    )
    assert "is geen medeondertekenaar meer" in response.content.decode()
    assert requests(brief) == {"MLZS": VZ.AANGEVRAAGD}


def test_the_letter_page_with_the_panel_keeps_to_15_queries(
    client, brief, people, offices, django_assert_max_num_queries
):
    for name in ("MOCW", "MPVO", "MSZW", "MAPP"):
        add(brief, people, name)
    in_afstemming(brief, people)
    answer(brief, offices, "MLZS", "niet_akkoord", "Nee.")
    answer(brief, offices, "MOCW")
    client.force_login(people["opsteller"])
    with django_assert_max_num_queries(15):
        response = client.get(reverse("kamerbrief_detail", args=[brief.pk]))
    assert response.content.decode().count("Nu herinneren") == 3


def test_a_dropped_cosigner_can_be_added_again_and_is_asked_anew(brief, people, offices):
    in_afstemming(brief, people)
    answer(brief, offices, "MLZS", "niet_akkoord", "Eerst overleg.")
    drop(brief, people, "MLZS")
    add(brief, people, "MLZS", remark="Overleg gevoerd: MLZS tekent toch mee.")
    assert requests(brief) == {"MLZS": VZ.AANGEVRAAGD}
    assert list(brief.afstemmingsverzoeken.order_by("pk").values_list("status", flat=True)) == [
        VZ.INGETROKKEN,
        VZ.AANGEVRAAGD,
    ]
