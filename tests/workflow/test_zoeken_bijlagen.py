"""Zoeken in bijlagen: a nota or letter is found by the text of the latest version of its current
bijlagen, with the bijlage's number and title beside the snippet, and only by who may read it."""

import pytest
from django.db import connection
from django.urls import reverse

from letters.models import Kamerbrief, Nota
from tests import bijlagebestanden
from workflow import zoeken
from workflow.services.bijlagen import (
    kamerbrief_bijlage_add,
    nota_bijlage_add,
    nota_bijlage_replace,
    nota_bijlage_withdraw,
)
from workflow.services.kamerbrief import kamerbrief_create


def search(client, who, **params) -> str:
    client.force_login(who)
    response = client.get(reverse("zoeken"), params)
    assert response.status_code == 200
    return response.content.decode()


def groep(page: str, soort: str) -> str:
    return page.split(f'id="groep-{soort}"')[1].split("</section>")[0]


def met_bijlage(nota, people, tekst, soort="pdf", titel="Regionale cijfers"):
    maak = bijlagebestanden.SOORTEN[soort]
    return nota_bijlage_add(
        nota=nota, by=people["opsteller"], titel=titel, inhoud=maak(tekst),
        bestandsnaam=f"cijfers.{soort}",
    )  # fmt: skip


@pytest.mark.parametrize("soort", sorted(bijlagebestanden.SOORTEN))
def test_a_word_only_in_a_bijlage_finds_the_nota_with_the_bijlage_named(
    client, make_nota, people, soort
):
    nota = make_nota()
    met_bijlage(make_nota(onderwerp="Een andere nota"), people, "Niets over vogels.", soort)
    met_bijlage(nota, people, "Het aantal kieviten in de polder daalt.", soort)
    page = groep(search(client, people["opsteller"], q="kieviten"), "nota")
    assert "(1)" in page and nota.kenmerk in page
    assert "Bijlage 1 (Regionale cijfers): " in page
    assert "<mark>kieviten</mark>" in page


@pytest.mark.postgres
def test_dutch_stemming_finds_the_bijlage_by_the_plural(client, make_nota, people):
    nota = make_nota()
    met_bijlage(nota, people, "De wachtlijst voor de jeugd-ggz groeit.", "docx")
    page = groep(search(client, people["opsteller"], q="wachtlijsten"), "nota")
    assert nota.kenmerk in page and "<mark>wachtlijst</mark>" in page


def test_only_the_latest_version_of_a_bijlage_is_searched(client, make_nota, people):
    nota = make_nota()
    bijlage = met_bijlage(nota, people, "De eerste opzet noemde grutto's.")
    nota_bijlage_replace(
        bijlage=bijlage, by=people["opsteller"], inhoud=bijlagebestanden.pdf("Nu over tureluurs."),
        bestandsnaam="cijfers.pdf",
    )  # fmt: skip
    assert nota.kenmerk not in search(client, people["opsteller"], q="grutto's")
    assert nota.kenmerk in search(client, people["opsteller"], q="tureluurs")


def test_a_withdrawn_bijlage_is_not_searched(client, make_nota, people):
    nota = make_nota()
    bijlage = met_bijlage(nota, people, "Een telling van scholeksters.")
    assert nota.kenmerk in search(client, people["opsteller"], q="scholeksters")
    nota_bijlage_withdraw(bijlage=bijlage, by=people["opsteller"])
    page = search(client, people["opsteller"], q="scholeksters")
    assert nota.kenmerk not in page and "(0)" in groep(page, "nota")


def test_a_hit_in_the_nota_itself_keeps_its_own_snippet(client, make_nota, people):
    nota = make_nota(aanleiding="De lepelaars keren terug.")
    met_bijlage(nota, people, "Ook de bijlage telt lepelaars.")
    page = groep(search(client, people["opsteller"], q="lepelaars"), "nota")
    assert "<mark>lepelaars</mark> keren terug" in page and "Bijlage 1" not in page


def test_a_letters_bijlage_finds_the_letter_for_who_may_read_it_and_nobody_else(
    client, make_nota, people, posts, outsider
):
    nota = make_nota()
    met_bijlage(nota, people, "Notabijlage over de wulpen.")
    brief = kamerbrief_create(
        nota=nota, by=people["opsteller"], betreft="Voortgang", tekst="Geachte voorzitter,",
        medeondertekenaars=[posts["MLZS"]],
    )  # fmt: skip
    kamerbrief_bijlage_add(
        kamerbrief=brief, by=people["opsteller"], titel="Voortgangsrapportage",
        inhoud=bijlagebestanden.xlsx("Maatregel over de wulpen"), bestandsnaam="rapportage.xlsx",
    )  # fmt: skip
    link = f'href="{reverse("kamerbrief_detail", args=[brief.pk])}"'

    page = search(client, people["opsteller"], q="wulpen")
    assert nota.kenmerk in groep(page, "nota") and link in groep(page, "kamerbrief")
    assert "Bijlage 1 (Voortgangsrapportage): " in groep(page, "kamerbrief")

    # The co-signer's office reads the letter, not the concept nota: its bijlage finds the
    # letter, the nota's bijlage finds nothing.
    page = search(client, people["bureau-mlzs"], q="wulpen")
    assert link in groep(page, "kamerbrief")
    assert "(0)" in groep(page, "nota") and "Notabijlage" not in page

    page = search(client, outsider, q="wulpen")
    assert "(0)" in groep(page, "nota") and "(0)" in groep(page, "kamerbrief")
    assert "wulpen</mark>" not in page


@pytest.mark.postgres
def test_postgresql_finds_bijlagen_through_their_indexes(make_nota, people):
    make_nota()
    query = zoeken._Postgres(zoeken.Zoekvraag(q="gezondheid"))
    with connection.cursor() as cursor:
        # Priced out, as in test_zoeken.py: on near-empty tables any plain scan would do, and
        # so would a loop from the (empty) bijlagen to their texts.
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
        cursor.execute("SET enable_nestloop = off")
        try:
            nota = query.filter("nota", Nota.objects.all(), zoeken.NOTA_VELDEN).explain()
            brief = query.filter("kamerbrief", Kamerbrief.objects.all(), zoeken.BRIEF_VELDEN)
            brief = brief.explain()
        finally:
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_indexscan")
            cursor.execute("RESET enable_nestloop")
    assert "notabijlagetekst_zoek" in nota, nota
    assert "bijlagetekst_zoek" in brief.replace("notabijlagetekst_zoek", ""), brief
