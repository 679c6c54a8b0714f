"""The Kamerbrief page: who sees it, the co-signers' answers, signing and sending by clicking."""

import pytest
from django.db import connection
from django.urls import reverse

from demo.notas import SEED_KENMERK, SEED_VANDAAG, load_demo_notas
from letters.models import Kamerbrief, Nota
from workflow import selectors


@pytest.fixture
def seed_letter(seed_organisation):
    load_demo_notas(vandaag=SEED_VANDAAG)
    return Kamerbrief.objects.get(nota__kenmerk=SEED_KENMERK)


def page(client, user, brief):
    client.force_login(user)
    return client.get(reverse("kamerbrief_detail", args=[brief.pk]))


def post(client, user, brief, actie, **data):
    client.force_login(user)
    return client.post(reverse("kamerbrief_action", args=[brief.pk, actie]), data, follow=True)


def test_the_mlzs_office_sees_the_request_and_gives_akkoord(client, seed_letter, user_named):
    content = page(client, user_named("bureau-mlzs"), seed_letter).content.decode()
    assert "Akkoord van de Minister voor Langdurige Zorg en Sport ontbreekt nog." in content
    # One form: the answers as radios, one remark, one button.
    assert content.count('name="keuze"') == 3
    assert 'value="niet_akkoord" aria-describedby' in content
    assert content.count('name="opmerking"') == 1
    assert ">Antwoord geven</button>" in content
    response = post(client, user_named("bureau-mlzs"), seed_letter, "antwoord", keuze="akkoord")
    assert "Akkoord gegeven." in response.content.decode()
    verzoek = seed_letter.afstemmingsverzoeken.get(
        bewindspersoon__afkorting="MLZS", status="akkoord"
    )
    assert verzoek.beantwoord_door == user_named("bureau-mlzs")


def test_an_office_without_a_request_sees_no_buttons(client, seed_letter, user_named):
    content = page(client, user_named("bureau-mocw"), seed_letter).content.decode()
    # MOCW already agreed: nothing to answer, and it is not the sender's office either.
    assert 'name="keuze"' not in content
    for label in ("Antwoord geven", "Ondertekenen", "Verzenden"):
        assert f">{label}</button>" not in content
    response = post(client, user_named("bureau-mocw"), seed_letter, "akkoord")
    assert "Er wacht geen verzoek op uw antwoord." in response.content.decode()


def test_a_remark_is_required_for_niet_akkoord(client, seed_letter, user_named):
    response = post(client, user_named("bureau-mlzs"), seed_letter, "niet_akkoord", opmerking=" ")
    assert "Geef uw opmerkingen bij dit antwoord." in response.content.decode()
    assert seed_letter.afstemmingsverzoeken.filter(status="aangevraagd").count() == 1


@pytest.mark.parametrize("antwoord", ["akkoord_met_opmerkingen", "niet_akkoord"])
def test_the_answer_form_without_the_remark_it_needs_shows_an_error_summary(
    client, seed_letter, user_named, antwoord
):
    response = post(client, user_named("bureau-mlzs"), seed_letter, "antwoord", keuze=antwoord)
    content = response.content.decode()
    assert response.redirect_chain == []  # the page again, with what was chosen
    assert "Er is een probleem" in content
    assert '<a href="#opmerking-antwoord">Geef uw opmerkingen bij dit antwoord.</a>' in content
    assert f'value="{antwoord}" aria-describedby="keuze-antwoord-{antwoord}-uitleg"' in content
    assert "checked" in content.split(f'value="{antwoord}"')[1].split(">")[0]
    assert seed_letter.afstemmingsverzoeken.filter(status="aangevraagd").count() == 1


def test_the_answer_form_without_a_choice_asks_for_one(client, seed_letter, user_named):
    response = post(client, user_named("bureau-mlzs"), seed_letter, "antwoord", opmerking="Eh")
    content = response.content.decode()
    assert '<a href="#keuze-antwoord-akkoord">Kies uw antwoord.</a>' in content
    assert ">Eh</textarea>" in content  # the remark is not lost
    assert seed_letter.afstemmingsverzoeken.filter(status="aangevraagd").count() == 1


def test_what_each_answer_means_and_needs_comes_from_the_one_table(client, seed_letter, user_named):
    from workflow.services.afstemming import ANTWOORDEN

    content = page(client, user_named("bureau-mlzs"), seed_letter).content.decode()
    for antwoord in ANTWOORDEN.values():
        radio = content.split(f'value="{antwoord.code}"')[1].split(">")[0]
        assert ("data-opmerking-verplicht" in radio) == antwoord.remark_required
        assert str(antwoord.betekenis) in content
    assert "Verplicht bij: Akkoord met opmerkingen, Niet akkoord." in content


def test_the_summary_says_who_the_letter_waits_for(client, seed_letter, user_named):
    content = page(client, user_named("opsteller"), seed_letter).content.decode()
    stand = content.split('class="stand"')[1].split("</section>")[0]
    assert "in afstemming" in stand.lower()
    assert "het bureau van de Minister voor Langdurige Zorg en Sport" in stand
    assert "Wacht op akkoord van MLZS, deadline" in stand
    assert "werkdag" in stand
    # The letter's text comes before the action panel, which stands beside (or after) it.
    assert content.index('id="brief-kop"') < content.index('id="acties-kop"')


def test_after_the_answer_the_message_says_where_the_letter_is_now(client, seed_letter, user_named):
    response = post(client, user_named("bureau-mlzs"), seed_letter, "antwoord",
                    keuze="niet_akkoord", opmerking="Passage 3 anders.")  # fmt: skip
    content = response.content.decode()
    assert "U bent niet akkoord; de opsteller hoort het." in content
    assert "De brief ligt nu bij" in content and "Beleidsmedewerker" in content
    verzoek = seed_letter.afstemmingsverzoeken.get(bewindspersoon__afkorting="MLZS",
                                                   status="niet_akkoord")  # fmt: skip
    assert verzoek.opmerking == "Passage 3 anders."


def test_the_seed_letter_is_signed_and_sent_by_clicking(client, seed_letter, user_named):
    post(client, user_named("bureau-mlzs"), seed_letter, "antwoord", keuze="akkoord")
    client.force_login(user_named("secretariaat"))
    client.post(reverse("nota_action", args=[seed_letter.nota_id, "akkoord"]))
    seed_letter.refresh_from_db()
    assert seed_letter.status == Kamerbrief.Status.GEREED_VOOR_ONDERTEKENING
    content = page(client, user_named("secretariaat"), seed_letter).content.decode()
    # Irreversible: the letter page links to a confirmation page, which holds the button.
    bevestigen = reverse("kamerbrief_ondertekenen_bevestigen", args=[seed_letter.pk])
    assert f'href="{bevestigen}">Ondertekenen…</a>' in content
    assert ">Ondertekenen</button>" not in content
    assert ">Ondertekenen</button>" in client.get(bevestigen).content.decode()
    response = post(client, user_named("secretariaat"), seed_letter, "ondertekenen")
    assert "Ondertekend. De brief ligt nu bij het bureau van de Staatssecretaris" in (
        response.content.decode()
    )
    response = post(client, user_named("secretariaat"), seed_letter, "verzenden")
    assert "Verzonden. De brief ligt nu bij parlementaire coördinatie." in (
        response.content.decode()
    )
    seed_letter.refresh_from_db()
    assert seed_letter.status == Kamerbrief.Status.VERZONDEN
    assert seed_letter.ondertekenaars.count() == 7
    assert Nota.objects.get(kenmerk=SEED_KENMERK).status == Nota.Status.AFGEHANDELD


def test_outsiders_get_not_found(client, seed_letter, outsider):
    assert page(client, outsider, seed_letter).status_code == 404
    client.force_login(outsider)
    response = client.post(reverse("kamerbrief_action", args=[seed_letter.pk, "akkoord"]))
    assert response.status_code == 404


def test_the_werkvoorraad_shows_requests_and_letters_to_sign(client, seed_letter, user_named):
    client.force_login(user_named("bureau-mlzs"))
    content = client.get(reverse("home")).content.decode()
    assert "Verzoeken om ons akkoord" in content
    assert seed_letter.kenmerk in content
    assert "werkdag" in content  # the deadline in working days


def test_kamerbrief_page_queries_do_not_grow_with_history(
    client, seed_letter, user_named, django_assert_max_num_queries
):
    user = user_named("bureau-mlzs")
    client.force_login(user)
    with django_assert_max_num_queries(15) as few:
        client.get(reverse("kamerbrief_detail", args=[seed_letter.pk]))
    before = len(few)  # read now: the next request resets Django's query log
    post(client, user, seed_letter, "akkoord")
    client.force_login(user)
    with django_assert_max_num_queries(before):
        client.get(reverse("kamerbrief_detail", args=[seed_letter.pk]))


def test_the_letter_reads_as_set_with_headings_lists_and_footnote_links(
    client, seed_letter, user_named
):
    content = page(client, user_named("opsteller"), seed_letter).content.decode()
    versie = seed_letter.versies.order_by("-nummer").first()
    assert "\n# " not in content and "\n## " not in content  # no markup shows through
    assert "<h3>Moties rondom de aanpak" in content
    assert "<h4>1. Motie van het lid Mohandis" in content
    # Every footnote is called by a numbered link and listed with a way back.
    for n in range(1, len(versie.voetnoten) + 1):
        assert f'<a href="#voetnoot-{n}" id="verwijzing-{n}">{n}</a>' in content
        assert f'<li id="voetnoot-{n}">' in content
        assert f'href="#verwijzing-{n}"' in content
    assert "[1]" not in content


def test_signing_is_confirmed_on_a_page_that_shows_who_receives_it_and_what_it_discharges(
    client, seed_letter, user_named
):
    post(client, user_named("bureau-mlzs"), seed_letter, "antwoord", keuze="akkoord")
    client.force_login(user_named("secretariaat"))
    client.post(reverse("nota_action", args=[seed_letter.nota_id, "akkoord"]))
    content = client.get(
        reverse("kamerbrief_ondertekenen_bevestigen", args=[seed_letter.pk])
    ).content.decode()
    assert "Bij verzending gaat de brief naar De Voorzitter van de Tweede Kamer" in content
    assert "Kamerstuk 25 424, nr. 630" in content  # Mohandis, which the letter afdoet
    assert "Annuleren, nog niet ondertekenen" in content
    assert "utrecht-button--primary-action" not in content.split("<main")[-1]


def test_withdrawing_the_letter_says_what_lapses_and_uses_a_warning_button(
    client, seed_letter, user_named
):
    client.force_login(user_named("opsteller"))
    url = reverse("kamerbrief_intrekken", args=[seed_letter.pk])
    content = client.get(url).content.decode()
    assert "Minister voor Langdurige Zorg en Sport" in content.split("Wat er gebeurt")[1]
    knop = 'class="utrecht-button utrecht-button--warning">Brief definitief intrekken</button>'
    assert knop in content
    response = client.post(url, {"reden": "Niet meer nodig."}, follow=True)
    assert "Ingetrokken: brief" in response.content.decode()
    seed_letter.refresh_from_db()
    assert seed_letter.status == Kamerbrief.Status.INGETROKKEN
    assert not seed_letter.afstemmingsverzoeken.filter(status="aangevraagd").exists()


@pytest.mark.postgres
def test_postgresql_checks_just_the_letter_s_own_nota_for_its_page(seed_letter):
    """Whether the reader may read the letter's nota is asked of that nota alone: not by listing
    (hashing) every nota they may read first, which at 100,000 notas was the page's 100 ms."""
    reader = seed_letter.nota.opsteller
    with connection.cursor() as cursor:
        # Priced out: on a near-empty table a plain scan would do as well.
        cursor.execute("SET enable_seqscan = off")
        try:
            plan = selectors.kamerbrieven_visible_to(reader).filter(pk=seed_letter.pk).explain()
        finally:
            cursor.execute("RESET enable_seqscan")
    # The nota is looked up by the letter's own key, inside the check for this one letter.
    assert "Index Cond: (id = letters_kamerbrief.nota_id)" in plan, plan
    assert selectors.kamerbrieven_visible_to(reader).get(pk=seed_letter.pk) == seed_letter
