"""The text of a bijlage's versions: read once when a version is stored, kept beside it, and
read afterwards for versions stored before (the command `bijlageteksten_lezen`)."""

import io
import os

import pytest
from django.core.management import call_command
from django.db import connection

from letters.models import Bijlagetekst, NotaBijlagetekst, NotaBijlageversie, Versietekst
from letters.tekst import MAX_TEKST, lees
from tests import bijlagebestanden
from workflow.services.bijlagen import (
    kamerbrief_bijlage_add,
    nota_bijlage_add,
    nota_bijlage_replace,
)
from workflow.services.kamerbrief import kamerbrief_create

Uitkomst = Versietekst.Uitkomst


@pytest.mark.parametrize("soort", sorted(bijlagebestanden.SOORTEN))
def test_the_text_of_a_version_is_read_when_it_is_stored(make_nota, people, soort):
    maak = bijlagebestanden.SOORTEN[soort]
    bijlage = nota_bijlage_add(
        nota=make_nota(), by=people["opsteller"], titel="Overzicht",
        inhoud=maak("De regionale wachtlijst voor jeugdzorg"), bestandsnaam=f"overzicht.{soort}",
    )  # fmt: skip
    tekst = bijlage.versies.get().tekst
    assert "regionale wachtlijst voor jeugdzorg" in tekst.tekst
    assert tekst.uitkomst == Uitkomst.GELEZEN


def test_every_new_version_and_a_letters_bijlage_get_their_own_text(make_nota, people):
    nota = make_nota()
    bijlage = nota_bijlage_add(
        nota=nota, by=people["opsteller"], titel="Overzicht",
        inhoud=bijlagebestanden.pdf("Eerste versie"), bestandsnaam="o.pdf",
    )  # fmt: skip
    nota_bijlage_replace(
        bijlage=bijlage, by=people["opsteller"], inhoud=bijlagebestanden.docx("Tweede versie"),
        bestandsnaam="o.docx",
    )  # fmt: skip
    assert [v.tekst.tekst for v in bijlage.versies.order_by("nummer")] == [
        "Eerste versie",
        "Tweede versie",
    ]
    brief = kamerbrief_create(nota=nota, by=people["opsteller"], betreft="Voortgang", tekst="x")
    kamerbrief_bijlage_add(
        kamerbrief=brief, by=people["opsteller"], titel="Rapportage",
        inhoud=bijlagebestanden.odt("Tekst van de rapportage"), bestandsnaam="r.odt",
    )  # fmt: skip
    assert Bijlagetekst.objects.get().tekst == "Tekst van de rapportage"


def test_an_unreadable_file_is_stored_with_an_empty_text_that_says_so(make_nota, people):
    # It passes the upload check (a PDF by its header), but pypdf cannot read it.
    kapot = b"%PDF-1.4\n" + b"x" * 2000
    bijlage = nota_bijlage_add(
        nota=make_nota(), by=people["opsteller"], titel="Scan", inhoud=kapot,
        bestandsnaam="scan.pdf",
    )  # fmt: skip
    versie = bijlage.versies.get()
    with versie.bestand.open("rb") as bestand:
        assert bestand.read() == kapot  # the upload is kept
    assert (versie.tekst.tekst, versie.tekst.uitkomst) == ("", Uitkomst.ONLEESBAAR)


def test_a_long_text_is_cut_off_and_a_nul_taken_out():
    lang = lees("lijst.txt", " ".join(str(n) for n in range(100_000)).encode())
    assert (len(lang.tekst), lang.uitkomst) == (MAX_TEKST, Uitkomst.AFGEKAPT)
    assert lees("a.txt", b"een\x00twee").tekst == "een twee"  # PostgreSQL's text holds no NUL
    assert lees("leeg.txt", b"  \n").uitkomst == Uitkomst.LEEG


@pytest.mark.postgres
def test_the_longest_text_kept_fits_in_one_tsvector(db):
    """PostgreSQL refuses a tsvector over 1 MB, and the index computes one on every insert: a
    text at the cap, of distinct words (the worst case: every word a lexeme of its own), fits."""
    tekst = lees("lijst.txt", " ".join(f"w{n:x}" for n in range(200_000)).encode()).tekst
    assert len(tekst) == MAX_TEKST
    with connection.cursor() as cursor:
        cursor.execute("SELECT length(to_tsvector('dutch', %s))", [tekst])
        assert cursor.fetchone()[0] > 30_000  # lexemes: it really read them all


def _versies_zonder_tekst(make_nota, people, aantal):
    nota = make_nota()
    for n in range(aantal):
        nota_bijlage_add(
            nota=nota, by=people["opsteller"], titel=f"Bijlage {n}",
            inhoud=bijlagebestanden.pdf(f"Tekst nummer {n}"), bestandsnaam=f"b{n}.pdf",
        )  # fmt: skip
    # As stored before Parafeer kept their text.
    NotaBijlagetekst.objects.all().delete()
    return list(NotaBijlageversie.objects.order_by("pk"))


def test_the_command_reads_what_has_no_text_in_batches_and_again_reads_nothing(make_nota, people):
    versies = _versies_zonder_tekst(make_nota, people, 5)
    out = io.StringIO()
    call_command("bijlageteksten_lezen", "--batch", "2", stdout=out)
    assert "5 teksten gelezen (5 gelezen)" in out.getvalue()
    assert [v.tekst.tekst for v in NotaBijlageversie.objects.order_by("pk")] == [
        f"Tekst nummer {n}" for n in range(5)
    ]
    assert {t.versie_id for t in NotaBijlagetekst.objects.all()} == {v.pk for v in versies}
    out = io.StringIO()
    call_command("bijlageteksten_lezen", stdout=out)
    assert "0 teksten gelezen" in out.getvalue()
    assert NotaBijlagetekst.objects.count() == 5


def test_a_file_that_cannot_be_opened_is_left_for_a_later_run(make_nota, people):
    versies = _versies_zonder_tekst(make_nota, people, 3)
    zoek = versies[1].bestand.path
    weg = zoek + ".weg"
    os.rename(zoek, weg)
    out, err = io.StringIO(), io.StringIO()
    call_command("bijlageteksten_lezen", "--batch", "1", stdout=out, stderr=err)
    assert "2 teksten gelezen" in out.getvalue()
    assert versies[1].bestand.name in err.getvalue()
    assert not NotaBijlagetekst.objects.filter(versie=versies[1]).exists()
    os.rename(weg, zoek)  # back again: the next run reads it, and only it
    out = io.StringIO()
    call_command("bijlageteksten_lezen", stdout=out)
    assert "1 tekst gelezen" in out.getvalue()
    assert NotaBijlagetekst.objects.get(versie=versies[1]).tekst == "Tekst nummer 1"
