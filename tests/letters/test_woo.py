"""The Woo export of the seed dossier: every file read back, no civil servant named, the
bewindspersonen named, an inventory of every file, and only for a finished dossier."""

import csv
import io
import re
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from demo.notas import SEED_KENMERK, SEED_VANDAAG, load_demo_notas
from letters.models import Kamerbrief, Nota, Versietekst
from workflow import woo
from workflow.handelen import ActionNotAllowed
from workflow.models import Gebeurtenis, Medewerker
from workflow.services.afstemming import afstemming_beantwoorden
from workflow.services.nota import nota_besluit_vastleggen
from workflow.services.verzending import kamerbrief_ondertekenen, kamerbrief_verzenden
from workflow.services.woo_export import nota_woo_export


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def texts_of(zip_bytes: bytes) -> dict[str, str]:
    """Every file of the zip as text: PDFs through pypdf, the CSV as it is."""
    texts = {}
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            if name.endswith(".pdf"):
                reader = PdfReader(io.BytesIO(data))
                meta = " ".join(str(v) for v in (reader.metadata or {}).values())
                texts[name] = squash(" ".join(p.extract_text() for p in reader.pages) + " " + meta)
            else:
                texts[name] = squash(data.decode("utf-8-sig"))
    return texts


def civil_servant_names() -> list[str]:
    return [m.get_full_name() for m in Medewerker.objects.all() if m.get_full_name()]


@pytest.fixture
def seed_dossier(seed_organisation, offices, user_named):
    """The seed case played to its end: MLZS agrees, the Staatssecretaris decides akkoord (with
    a remark that names civil servants), the letter is signed and sent."""
    load_demo_notas(vandaag=SEED_VANDAAG)
    nota = Nota.objects.get(kenmerk=SEED_KENMERK)
    brief = Kamerbrief.objects.get(nota=nota)
    verzoek = brief.afstemmingsverzoeken.get(bewindspersoon__afkorting="MLZS", status="aangevraagd")
    afstemming_beantwoorden(
        verzoek=verzoek, by=offices["MLZS"], antwoord="akkoord_met_opmerkingen",
        remark="Akkoord; met dank aan Fatima de Vries voor de snelle verwerking.",
    )  # fmt: skip
    nota_besluit_vastleggen(
        nota=nota, by=user_named("secretariaat"), uitkomst="akkoord",
        toelichting="Akkoord. Graag F. de Vries en Anton Jansen bedanken.",
    )  # fmt: skip
    kamerbrief_ondertekenen(kamerbrief=brief, by=offices["StasVWS"])
    kamerbrief_verzenden(kamerbrief=brief, by=offices["StasVWS"])
    nota.refresh_from_db()
    assert nota.status == Nota.Status.AFGEHANDELD
    return nota


@pytest.fixture
def export(seed_dossier, user_named) -> bytes:
    return nota_woo_export(nota=seed_dossier, by=user_named("parlementair"))


def test_the_export_holds_nota_parafenblad_letter_bijlagen_and_inventory(export, seed_dossier):
    brief = seed_dossier.kamerbrief
    with zipfile.ZipFile(io.BytesIO(export)) as archive:
        names = archive.namelist()
    assert names == [
        "00 Inventarislijst.pdf",
        "00 Inventarislijst.csv",
        f"01 Nota {SEED_KENMERK}.pdf",
        f"02 Parafenblad {SEED_KENMERK}.pdf",
        f"03 Kamerbrief {brief.kenmerk}.pdf",
        "04 Bijlage 1 Kamerbrief.pdf",
        "05 Bijlage 2 Kamerbrief.pdf",
        "06 Bijlage 3 Kamerbrief.pdf",
        "07 Bijlage 4 nota.pdf",
    ]
    texts = texts_of(export)
    assert "(ter beslissing)" in texts[f"01 Nota {SEED_KENMERK}.pdf"]
    assert "Parafenblad" in texts[f"02 Parafenblad {SEED_KENMERK}.pdf"]
    letter = texts[f"03 Kamerbrief {brief.kenmerk}.pdf"]
    assert "Geachte voorzitter," in letter and "CONCEPT" not in letter
    assert "(demo-inhoud van de bijlage)" in texts["04 Bijlage 1 Kamerbrief.pdf"]
    assert "Voorproef opmaak voortgangsrapportage" in texts["07 Bijlage 4 nota.pdf"]


def test_no_civil_servant_is_named_in_any_file(export):
    texts = texts_of(export)
    names = civil_servant_names()
    assert len(names) >= 13  # every demo user
    for name, text in texts.items():
        for person in names:
            assert person.lower() not in text.lower(), (name, person)
        assert "F. de Vries" not in text, name
    # … and where they were, the marker with its ground stands.
    nota = texts[f"01 Nota {SEED_KENMERK}.pdf"]
    assert "Ontworpen door [5.1.2e]" in nota
    assert "artikel 5.1, tweede lid, onder e, Wet open overheid" in nota
    parafenblad = texts[f"02 Parafenblad {SEED_KENMERK}.pdf"]
    assert "Afdelingshoofd [5.1.2e] geparafeerd" in parafenblad
    assert "Akkoord. Graag [5.1.2e] en [5.1.2e] bedanken." in parafenblad
    assert "met dank aan [5.1.2e] voor de snelle verwerking" in parafenblad


def test_the_bewindspersonen_stay_named(export, seed_dossier):
    texts = texts_of(export)
    letter = texts[f"03 Kamerbrief {seed_dossier.kamerbrief.kenmerk}.pdf"]
    assert "De Staatssecretaris van Volksgezondheid, Welzijn en Sport, M. van Ooijen" in letter
    parafenblad = texts[f"02 Parafenblad {SEED_KENMERK}.pdf"]
    assert "Staatssecretaris van Volksgezondheid, Welzijn en Sport (M. van Ooijen)" in parafenblad
    assert "Minister voor Langdurige Zorg en Sport" in parafenblad
    nota = texts[f"01 Nota {SEED_KENMERK}.pdf"]
    assert "Aan Staatssecretaris van Volksgezondheid, Welzijn en Sport" in nota


def test_the_section_niet_openbaar_is_withheld_on_its_own_ground(export):
    nota = texts_of(export)[f"01 Nota {SEED_KENMERK}.pdf"]
    section = nota[nota.index("5. Informatie die niet openbaar gemaakt kan worden") :]
    assert section.startswith(
        "5. Informatie die niet openbaar gemaakt kan worden a. Motivering [5.2]"
    )
    assert "Tot personen herleidbare gegevens zijn onleesbaar gemaakt vanwege" not in nota
    assert "artikel 5.2, eerste lid, Wet open overheid" in nota


def test_the_inventory_lists_every_file_with_assessment_and_ground(export):
    texts = texts_of(export)
    with zipfile.ZipFile(io.BytesIO(export)) as archive:
        rows = list(
            csv.reader(io.StringIO(archive.read("00 Inventarislijst.csv").decode("utf-8-sig")),
                       delimiter=";")
        )  # fmt: skip
    assert rows[0] == ["Nr.", "Document", "Bestand", "Datum", "Beoordeling", "Grond(en)",
                       "Opmerking"]  # fmt: skip
    listed = {row[2]: row for row in rows[1:]}
    documents = {name for name in texts if not name.startswith("00 ")}
    assert set(listed) == documents
    nota = listed[f"01 Nota {SEED_KENMERK}.pdf"]
    assert (nota[3], nota[4], nota[5]) == ("30-11-2023", "deels openbaar", "5.1.2e Woo, 5.2 Woo")
    assert listed[f"02 Parafenblad {SEED_KENMERK}.pdf"][5] == "5.1.2e Woo"
    bijlage = listed["04 Bijlage 1 Kamerbrief.pdf"]
    assert bijlage[4] == "openbaar"
    assert "Opnieuw opgemaakt uit de tekst van bijlage-1.pdf" in bijlage[6]
    inventory_pdf = texts["00 Inventarislijst.pdf"]
    for name in documents:
        assert name in inventory_pdf, name
    assert "deels openbaar" in inventory_pdf and "5.1.2e Woo" in inventory_pdf


def test_the_export_is_recorded_in_the_history(export, seed_dossier, user_named):
    event = Gebeurtenis.objects.filter(nota=seed_dossier, actie="woo_export").get()
    assert event.actor == user_named("parlementair")
    assert event.opmerking == f"Geëxporteerd voor de Woo: Woo-export {SEED_KENMERK}.zip"
    assert event.versie.startswith("zip sha256 ")


def test_an_unfinished_dossier_is_refused_in_dutch(seed_organisation, user_named):
    load_demo_notas(vandaag=SEED_VANDAAG)
    nota = Nota.objects.get(kenmerk=SEED_KENMERK)
    with pytest.raises(ActionNotAllowed, match="alleen van een afgerond dossier: de nota is ter "):
        nota_woo_export(nota=nota, by=user_named("parlementair"))
    assert not Gebeurtenis.objects.filter(actie="woo_export").exists()


def test_a_completed_nota_whose_letter_is_not_sent_is_refused(seed_dossier, user_named):
    Kamerbrief.objects.filter(nota=seed_dossier).update(status="ondertekend")
    with pytest.raises(ActionNotAllowed, match="de Kamerbrief is ondertekend, niet verzonden"):
        nota_woo_export(nota=seed_dossier, by=user_named("parlementair"))


@pytest.mark.parametrize("who", ["dg", "secretariaat", "bureau-mlzs"])
def test_who_may_read_but_not_export_is_refused(seed_dossier, user_named, who):
    with pytest.raises(ActionNotAllowed, match="Alleen parlementaire coördinatie"):
        nota_woo_export(nota=seed_dossier, by=user_named(who))


def test_the_view_sends_the_zip_to_the_opsteller(client, seed_dossier, user_named):
    client.force_login(user_named("opsteller"))
    page = client.get(reverse("nota_detail", args=[seed_dossier.pk])).content.decode()
    url = reverse("nota_woo_export", args=[seed_dossier.pk])
    assert f'action="{url}"' in page
    response = client.post(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        f'attachment; filename="Woo-export {SEED_KENMERK}.zip"'
    )
    assert "no-store" in response["Cache-Control"]
    assert zipfile.ZipFile(io.BytesIO(response.content)).testzip() is None
    assert client.get(url).status_code == 405


def test_the_view_refuses_an_unfinished_dossier_with_a_message(client, seed_organisation,
                                                              user_named):  # fmt: skip
    load_demo_notas(vandaag=SEED_VANDAAG)
    nota = Nota.objects.get(kenmerk=SEED_KENMERK)
    client.force_login(user_named("parlementair"))
    response = client.post(reverse("nota_woo_export", args=[nota.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("nota_detail", args=[nota.pk])
    assert "Een Woo-export kan alleen van een afgerond dossier" in response.content.decode()
    assert "Woo-export (zip)" not in response.content.decode()


def test_an_outsider_gets_not_found(client, seed_dossier, outsider):
    client.force_login(outsider)
    assert client.post(reverse("nota_woo_export", args=[seed_dossier.pk])).status_code == 404
    assert not Gebeurtenis.objects.filter(actie="woo_export").exists()


# --- bijlagen of other kinds ---------------------------------------------------------------------


def _docx(*paragraphs: str) -> bytes:
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "word/document.xml", f'<w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'
        )
    return buffer.getvalue()


def _xlsx(rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_text_is_read_from_docx_xlsx_pdf_and_plain_text():
    from letters.rendering import render_woo_bijlage_pdf

    pdf = render_woo_bijlage_pdf(
        titel="Bijlage", bestandsnaam="x.pdf", tekst="Tekst uit een PDF.", lakken=None
    )
    assert "Tekst uit een PDF." in woo.extract_text("bijlage.pdf", pdf)
    assert woo.extract_text("b.docx", _docx("Eerste alinea.", "Tweede.")) == (
        "Eerste alinea.\n\nTweede."
    )
    assert "Maatregel | In uitvoering" in woo.extract_text(
        "b.xlsx", _xlsx([["Maatregel", "In uitvoering"]])
    )
    assert woo.extract_text("b.txt", "Één regel".encode("cp1252")) == "Één regel"
    assert woo.extract_text("b.docx", b"no zip at all") is None
    assert woo.extract_text("b.png", b"\x89PNG") is None


def test_a_bijlage_naming_a_civil_servant_is_set_again_without_the_name(seed_organisation):
    from letters.rendering import render_woo_bijlage_pdf

    lakken = woo.lakken_for_woo()
    tekst = woo.extract_text(
        "overzicht.docx", _docx("Opgesteld door Dewi Bakker (PG).", "Minister Conny Helder.")
    )
    pdf = render_woo_bijlage_pdf(
        titel="Bijlage 2", bestandsnaam="overzicht.docx", tekst=tekst, lakken=lakken
    )
    text = squash(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert "Opgesteld door [5.1.2e] (PG)." in text
    assert "Dewi" not in text and "Bakker" not in text
    assert "Minister Conny Helder." in text
    assert lakken.geteld == {woo.GROND_NAMEN: 1}


def test_the_command_writes_the_zip_and_refuses_with_the_reason(seed_dossier, tmp_path):
    from django.core.management import CommandError, call_command

    target = tmp_path / "dossier.zip"
    call_command("woo_export", SEED_KENMERK, "--door", "beheerder", "-o", str(target))
    assert "00 Inventarislijst.csv" in zipfile.ZipFile(target).namelist()
    with pytest.raises(CommandError, match="Alleen parlementaire coördinatie"):
        call_command("woo_export", SEED_KENMERK, "--door", "dg", "-o", str(target))


# --- the text of the bijlagen as stored at their upload -----------------------------------------


def _latest_versions(nota):
    """The versions the export publishes: the latest of each current bijlage."""
    bijlagen = [*nota.kamerbrief.bijlagen.all(), *nota.bijlagen.all()]
    return [b.versies.order_by("-nummer").first() for b in bijlagen if b.versies.exists()]


def _entries(zip_bytes: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def _tekst_row(versie):
    return type(versie).objects.select_related("tekst").get(pk=versie.pk).tekst


def test_a_version_with_stored_text_is_exported_without_opening_its_file(seed_dossier,
                                                                          user_named):  # fmt: skip
    versies = _latest_versions(seed_dossier)
    assert len(versies) == 4
    for versie in versies:
        versie.bestand.storage.delete(versie.bestand.name)
        assert not versie.bestand.storage.exists(versie.bestand.name)
    texts = texts_of(nota_woo_export(nota=seed_dossier, by=user_named("parlementair")))
    assert "(demo-inhoud van de bijlage)" in texts["04 Bijlage 1 Kamerbrief.pdf"]
    assert "Voorproef opmaak voortgangsrapportage" in texts["07 Bijlage 4 nota.pdf"]


@pytest.mark.parametrize("how", ["afgekapt", "missing"])
def test_a_version_whose_stored_text_is_cut_off_or_missing_is_read_from_its_file(seed_dossier, how):
    versie = _latest_versions(seed_dossier)[0]
    row = _tekst_row(versie)
    if how == "afgekapt":
        # What the search keeps of a long file: its beginning only.
        row.tekst, row.uitkomst = "Voortgang", Versietekst.Uitkomst.AFGEKAPT
        row.save()
    else:  # a version stored before the texts were kept
        row.delete()
    bron = woo.dossier_bijlagen(seed_dossier)[0]
    assert bron.tekst is not None and "(demo-inhoud van de bijlage)" in bron.tekst
    versie.bestand.storage.delete(versie.bestand.name)
    with pytest.raises(FileNotFoundError):
        woo.dossier_bijlagen(seed_dossier)


def test_an_unreadable_file_stays_unreadable_from_its_stored_outcome(seed_dossier):
    versie = _latest_versions(seed_dossier)[0]
    row = _tekst_row(versie)
    row.tekst, row.uitkomst = "", Versietekst.Uitkomst.ONLEESBAAR
    row.save()
    versie.bestand.storage.delete(versie.bestand.name)
    assert woo.dossier_bijlagen(seed_dossier)[0].tekst is None


def test_the_export_from_stored_texts_is_byte_identical_to_the_export_from_the_files(
    seed_dossier,
):
    from workflow.selectors import nota_for_detail

    parlementair = Medewerker.objects.get(username="parlementair")
    dossier = nota_for_detail(parlementair, seed_dossier.pk)
    now = timezone.now()
    from_texts = woo.build_woo_export(dossier, now=now)
    versies = _latest_versions(seed_dossier)
    # Without a stored text the export reads and parses every file, as it always did.
    for versie in versies:
        _tekst_row(versie).delete()
    from_files = woo.build_woo_export(nota_for_detail(parlementair, seed_dossier.pk), now=now)
    assert _entries(from_texts) == _entries(from_files)
