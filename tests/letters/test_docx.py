"""The Kamerbrief as DOCX: what the export says (read back with python-docx), and the edited
document imported again as the next version, through the same path as an edit in Parafeer."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from demo.notas import SEED_BRIEF_BETREFT, SEED_KENMERK, SEED_VANDAAG, load_demo_notas
from demo.teksten import SEED_BRIEF_VOETNOTEN
from letters.docx import build_kamerbrief_docx, canonical, read_kamerbrief_docx
from letters.models import Afstemmingsverzoek, Kamerbrief
from tests.support import at
from workflow.handelen import ActionNotAllowed
from workflow.models import Gebeurtenis
from workflow.services.kamerbrief import kamerbrief_edit, kamerbrief_import_docx

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def seed_letter(seed_organisation) -> Kamerbrief:
    load_demo_notas(vandaag=SEED_VANDAAG)
    return Kamerbrief.objects.get(nota__kenmerk=SEED_KENMERK)


def paragraphs(inhoud: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(inhoud)).paragraphs]


def header_rows(inhoud: bytes) -> dict[str, str]:
    table = Document(io.BytesIO(inhoud)).tables[0]
    return {row.cells[0].text: row.cells[1].text for row in table.rows}


def replaced(inhoud: bytes, old: str, new: str) -> bytes:
    """The document with `old` replaced by `new` in the first paragraph that holds it, as a
    writer would edit it in Word."""
    document = Document(io.BytesIO(inhoud))
    for paragraph in document.paragraphs:
        if old in paragraph.text:
            text = paragraph.text.replace(old, new)
            for run in paragraph.runs[1:]:
                run._r.getparent().remove(run._r)
            paragraph.runs[0].text = text
            break
    else:
        raise AssertionError(f"{old!r} is not in the document")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_export_has_the_letterhead_addressee_header_body_footnotes_and_signature(
    seed_letter,
):
    inhoud = build_kamerbrief_docx(seed_letter)
    texts = paragraphs(inhoud)
    assert texts[0] == "Ministerie van Volksgezondheid, Welzijn en Sport"
    assert "CONCEPT – versie 1" in texts
    assert (
        "De Voorzitter van de Tweede Kamer\nder Staten-Generaal\nPostbus 20018\n2500 EA DEN HAAG"
        in texts
    )
    rows = header_rows(inhoud)
    assert rows["Datum"] == "concept (versie 1)"
    assert rows["Betreft"] == SEED_BRIEF_BETREFT
    assert rows["Kenmerk"] == seed_letter.kenmerk
    assert rows["Bijlage(n)"] == "3"
    begin, slot = texts.index("Geachte voorzitter,"), texts.index("Hoogachtend,")
    body = "\n".join(texts[begin + 1 : slot])
    assert "[4]" in body  # a footnote call, where the text makes it
    # Mede namens: the sender signs, today's holder of the post.
    assert texts[slot + 1 : slot + 3] == [
        "De Staatssecretaris van Volksgezondheid, Welzijn en Sport,",
        "M. van Ooijen",
    ]
    voetnoten = texts[texts.index("Voetnoten") + 1 :]
    assert voetnoten[0] == f"[1] {SEED_BRIEF_VOETNOTEN[0]}"
    assert len(voetnoten) == len(SEED_BRIEF_VOETNOTEN)


def test_headings_and_lists_become_word_styles(seed_letter, people):
    kamerbrief_edit(
        kamerbrief=seed_letter, by=people["opsteller"],
        tekst="# Aanleiding\n\nEerste alinea.[1]\n\n## Verder\n\n- een\n- twee\n\nSlot.",
        voetnoten=["Kamerstuk 32 793, nr. 613."],
    )  # fmt: skip
    document = Document(io.BytesIO(build_kamerbrief_docx(seed_letter)))
    styled = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Heading 1", "Aanleiding") in styled
    assert ("Heading 2", "Verder") in styled
    assert [t for s, t in styled if s == "List Bullet"] == ["een", "twee"]
    call = next(r for p in document.paragraphs for r in p.runs if r.text == "[1]")
    assert call.font.superscript


def test_a_sent_letter_has_its_date_in_dutch(seed_letter):
    from datetime import date

    Kamerbrief.objects.filter(pk=seed_letter.pk).update(datum=date(2023, 12, 15))
    letter = Kamerbrief.objects.get(pk=seed_letter.pk)
    inhoud = build_kamerbrief_docx(letter)
    assert header_rows(inhoud)["Datum"] == "15 december 2023"
    assert "CONCEPT – versie 1" not in paragraphs(inhoud)


def test_an_unedited_round_trip_makes_no_new_version(seed_letter, people):
    versies, events = seed_letter.versies.count(), Gebeurtenis.objects.count()
    inhoud = build_kamerbrief_docx(seed_letter)
    gelezen = read_kamerbrief_docx(inhoud)
    latest = seed_letter.versies.last()
    assert gelezen.tekst == canonical(latest.tekst)
    assert gelezen.voetnoten == list(latest.voetnoten)
    assert (
        kamerbrief_import_docx(kamerbrief=seed_letter, by=people["opsteller"], inhoud=inhoud)
        is None
    )
    assert seed_letter.versies.count() == versies
    assert Gebeurtenis.objects.count() == events


def test_markup_survives_the_round_trip():
    tekst = (
        "# Kop\n\nEen alinea met een voetnoot.[1]\nEn een tweede regel.\n\n## Subkop\n\n"
        "- punt een\n- punt twee[2]\n\n1. genummerd\n2. ook genummerd\n\nSlotalinea."
    )
    assert canonical(tekst) == tekst
    assert canonical("  # Kop  \n\n\n\nAlinea   \n") == "# Kop\n\nAlinea"


def test_an_edited_document_becomes_the_next_version_and_the_akkoorden_lapse(
    seed_letter, people, django_capture_on_commit_callbacks
):
    inhoud = build_kamerbrief_docx(seed_letter)
    edited = replaced(inhoud, "Geachte voorzitter,", "Geachte voorzitter,")  # still a letter
    edited = replaced(
        edited, "Hiermee wordt de motie van lid Mohandis afgedaan.", "Daarmee is de motie afgedaan."
    )
    document = Document(io.BytesIO(edited))
    document.paragraphs[-1].text = "[9] Een gewijzigde laatste voetnoot."
    buffer = io.BytesIO()
    document.save(buffer)
    with django_capture_on_commit_callbacks(execute=True):
        versie = kamerbrief_import_docx(
            kamerbrief=seed_letter, by=people["opsteller"], inhoud=buffer.getvalue(),
            bestandsnaam="brief bewerkt.docx", now=at(6, 10),
        )  # fmt: skip
    assert versie.nummer == 2
    assert "Daarmee is de motie afgedaan." in versie.tekst
    assert "Hiermee wordt de motie van lid Mohandis afgedaan." not in versie.tekst
    assert versie.voetnoten[-1] == "Een gewijzigde laatste voetnoot."
    assert versie.voetnoten[:-1] == SEED_BRIEF_VOETNOTEN[:-1]
    event = Gebeurtenis.objects.filter(kamerbrief=seed_letter).order_by("pk")
    assert event.filter(actie="kamerbrief_gewijzigd", versie="brief v2").exists()
    assert "brief bewerkt.docx" in event.get(actie="kamerbrief_gewijzigd").opmerking
    # The five akkoorden were given on version 1: they lapse and are asked again.
    assert seed_letter.afstemmingsverzoeken.filter(
        status=Afstemmingsverzoek.Status.VERVALLEN
    ).count() == len(seed_letter.medeondertekenaars.all())


def test_a_document_without_the_letters_frame_is_refused(seed_letter, people):
    document = Document()
    document.add_paragraph("Zomaar een document.")
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(ActionNotAllowed, match="Geachte voorzitter"):
        kamerbrief_import_docx(
            kamerbrief=seed_letter, by=people["opsteller"], inhoud=buffer.getvalue()
        )
    assert seed_letter.versies.count() == 1


def test_only_the_writer_of_the_letter_imports(seed_letter, people):
    inhoud = replaced(build_kamerbrief_docx(seed_letter), "Hiermee wordt", "Zo wordt")
    with pytest.raises(ActionNotAllowed):
        kamerbrief_import_docx(kamerbrief=seed_letter, by=people["secretariaat"], inhoud=inhoud)
    assert seed_letter.versies.count() == 1


def test_a_pdf_is_not_imported_as_the_letter(seed_letter, people):
    from demo.notas import demo_pdf

    with pytest.raises(ActionNotAllowed, match="DOCX"):
        kamerbrief_import_docx(
            kamerbrief=seed_letter, by=people["opsteller"], inhoud=demo_pdf("x"),
            bestandsnaam="brief.pdf",
        )  # fmt: skip


# --- the views ---------------------------------------------------------------------------------


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_docx_download_is_an_attachment_for_readers_only(seed_letter, people, outsider):
    url = reverse("kamerbrief_docx", args=[seed_letter.pk])
    response = client_for(people["secretariaat"]).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX_TYPE
    assert response["Content-Disposition"].startswith("attachment;")
    assert f"{seed_letter.kenmerk}.docx" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Geachte voorzitter," in paragraphs(response.content)
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(people["secretariaat"]).get(url + "?versie=7").status_code == 404
    assert client_for(people["secretariaat"]).get(url + "?versie=²").status_code == 404
    assert Client().get(url).status_code == 302


def test_control_characters_pasted_into_the_text_do_not_break_the_export(seed_letter, people):
    versie = seed_letter.versies.order_by("-nummer").first()
    kamerbrief_edit(
        kamerbrief=seed_letter, by=people["opsteller"],
        tekst=versie.tekst.replace("Geachte", "Geachte\x0b", 1) + "\n\nSlot\x0c.",
        voetnoten=[*versie.voetnoten[:-1], "Laatste\x01 voetnoot."],
    )  # fmt: skip
    tekst = paragraphs(build_kamerbrief_docx(seed_letter))
    assert "Slot." in tekst and "[13] Laatste voetnoot." in tekst


def test_uploading_the_edited_docx_through_the_page(seed_letter, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    inhoud = replaced(build_kamerbrief_docx(seed_letter), "Hiermee wordt", "Zo wordt")
    url = reverse("kamerbrief_docx_upload", args=[seed_letter.pk])
    response = client_for(people["opsteller"]).post(
        url, {"docx-bestand": SimpleUploadedFile("brief.docx", inhoud, DOCX_TYPE)}, follow=True
    )
    assert "opgeslagen als versie 2" in response.content.decode()
    assert seed_letter.versies.count() == 2
    # A PDF named .docx is refused on the form, in Dutch, and nothing changes.
    response = client_for(people["opsteller"]).post(
        url, {"docx-bestand": SimpleUploadedFile("brief.docx", b"%PDF-1.4 x", DOCX_TYPE)}
    )
    assert response.status_code == 200
    assert "maar de inhoud is PDF" in response.content.decode()
    assert seed_letter.versies.count() == 2
