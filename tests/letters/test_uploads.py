"""Uploading bijlagen: what is accepted, what is refused (in Dutch, with nothing stored), the
immutable versions, and who may download them.

Every file here is built for real (python-docx, openpyxl, zipfile, a hand-made PDF) and stored
in the test's own MEDIA_ROOT (tests/conftest.py), so "nothing stored" is checked on disk.
"""

import io
import zipfile
from functools import cache
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from demo.notas import SEED_KENMERK, SEED_VANDAAG, load_demo_notas
from letters.models import Bijlageversie, Kamerbrief, Nota, NotaBijlage, NotaBijlageversie
from letters.uploads import check_content, check_upload, clean_filename
from tests import bijlagebestanden
from tests.support import at
from workflow.handelen import ActionNotAllowed
from workflow.models import Gebeurtenis
from workflow.services import bijlagen as bijlagen_services
from workflow.services.bijlagen import (
    kamerbrief_bijlage_replace,
    nota_bijlage_add,
    nota_bijlage_replace,
    nota_bijlage_withdraw,
)
from workflow.services.opstellen import current_bijlagen, nota_update

# --- real files of each kind -------------------------------------------------------------------


# The same bytes each call: a DOCX or XLSX made a second later differs.
@cache
def pdf_bytes(text: str = "Voortgangsrapportage") -> bytes:
    return bijlagebestanden.pdf(text)


@cache
def docx_bytes(text: str = "Overzicht plannen") -> bytes:
    return bijlagebestanden.docx(text)


@cache
def xlsx_bytes() -> bytes:
    return bijlagebestanden.xlsx("In uitvoering")


@cache
def odt_bytes() -> bytes:
    return bijlagebestanden.odt("Depressiepreventie")


def damaged_docx() -> bytes:
    """A DOCX whose document part is damaged inside its compressed data (the directory intact):
    it used to get past the check with a zlib.error and a 500."""
    inhoud = bytearray(docx_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(inhoud))) as archive:
        entry = archive.getinfo("word/document.xml")
    # The local header: 30 bytes plus the name and extra field, then the compressed data.
    naam_lengte = int.from_bytes(
        inhoud[entry.header_offset + 26 : entry.header_offset + 28], "little"
    )
    extra_lengte = int.from_bytes(
        inhoud[entry.header_offset + 28 : entry.header_offset + 30], "little"
    )
    begin = entry.header_offset + 30 + naam_lengte + extra_lengte
    for i in range(begin + 5, begin + 25):
        inhoud[i] ^= 0xFF
    return bytes(inhoud)


def zip_bomb() -> bytes:
    """A DOCX-looking archive whose one part unpacks from about 100 kB to 100 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", docx_types())
        archive.writestr("word/document.xml", b"\0" * (100 * 1024 * 1024))
    return buffer.getvalue()


def docx_types() -> str:
    return (
        '<?xml version="1.0"?><Types><Override PartName="/word/document.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )


ELF = b"\x7fELF\x02\x01\x01\x00" + b"\0" * 200
MZ = b"MZ\x90\x00\x03\x00\x00\x00" + b"\0" * 200


def stored_files(media_root: Path) -> list[Path]:
    return sorted(p for p in media_root.rglob("*") if p.is_file())


# --- the check on its own ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "naam, maker, soort",
    [
        ("rapportage.pdf", pdf_bytes, "pdf"),
        ("overzicht.docx", docx_bytes, "docx"),
        ("monitor.xlsx", xlsx_bytes, "xlsx"),
        ("programma.odt", odt_bytes, "odt"),
        ("Rapportage 2023.PDF", pdf_bytes, "pdf"),
    ],
)
def test_each_allowed_kind_is_accepted_by_its_content(naam, maker, soort):
    upload = check_content(maker(), naam)
    assert upload.soort.code == soort
    assert upload.bestandsnaam.lower().endswith(f".{soort}")


@pytest.mark.parametrize(
    "inhoud, naam, melding",
    [
        (ELF, "rapportage.pdf", "is geen PDF-, Word- (DOCX)"),
        (MZ, "setup.docx", "is geen PDF-, Word- (DOCX)"),
        (b"#!/bin/sh\nrm -rf /\n", "script.pdf", "is geen PDF-, Word- (DOCX)"),
        (pdf_bytes(), "rapportage.docx", "heeft de extensie .docx, maar de inhoud is PDF"),
        (docx_bytes(), "overzicht.xlsx", "maar de inhoud is Word (DOCX)"),
        (pdf_bytes(), "rapportage", "een bestand zonder extensie"),
        (b"", "leeg.pdf", "“leeg.pdf” is leeg"),
        (pdf_bytes(), "../../etc/passwd.pdf", "is geen gewone bestandsnaam"),
        (pdf_bytes(), "..\\..\\windows\\system.pdf", "is geen gewone bestandsnaam"),
        (pdf_bytes(), "rapport\x00.pdf", "is geen gewone bestandsnaam"),
        (zip_bomb(), "bom.docx", "zipbom"),
        (damaged_docx(), "beschadigd.docx", "is geen PDF-, Word- (DOCX)"),
    ],
)
def test_refused_with_a_dutch_reason(inhoud, naam, melding):
    with pytest.raises(ValidationError) as refusal:
        check_content(inhoud, naam)
    assert melding in refusal.value.messages[0]


def test_macros_are_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            docx_types().replace("document.main+xml", "document.macroEnabled.main+xml"),
        )
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", b"\0" * 10)
    with pytest.raises(ValidationError, match="macro"):
        check_content(buffer.getvalue(), "brief.docx")


def with_extra_part(document: bytes, name: str) -> bytes:
    """The document with one more part, its declared content types untouched."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(document)) as source, zipfile.ZipFile(buffer, "w") as target:
        for entry in source.infolist():
            target.writestr(entry, source.read(entry))
        target.writestr(name, b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("maker", "bestandsnaam", "part"),
    [
        (docx_bytes, "brief.docx", "word/vbaProject.bin"),
        (docx_bytes, "brief.docx", "word/vbaData.xml"),
        (docx_bytes, "brief.docx", "word/activeX/activeX1.bin"),
        (docx_bytes, "brief.docx", "customXml/VBAPROJECT.BIN"),
        (xlsx_bytes, "lijst.xlsx", "xl/vbaProject.bin"),
        (xlsx_bytes, "lijst.xlsx", "xl/macrosheets/sheet1.xml"),
        (odt_bytes, "nota.odt", "Basic/Standard/Module1.xml"),
    ],
)
def test_macros_are_refused_by_content_whatever_the_declared_type(maker, bestandsnaam, part):
    plain = maker()
    assert check_content(plain, bestandsnaam).bestandsnaam == bestandsnaam  # accepted as it is
    with pytest.raises(ValidationError, match="bevat macro"):
        check_content(with_extra_part(plain, part), bestandsnaam)


def test_too_many_entries_is_a_zip_bomb_too():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", docx_types())
        archive.writestr("word/document.xml", "<w:document/>")
        for i in range(5_001):
            archive.writestr(f"x/{i}", "")
    with pytest.raises(ValidationError, match="zipbom"):
        check_content(buffer.getvalue(), "veel.docx")


@override_settings(PARAFEER_MAX_UPLOAD_BYTES=1000)
def test_an_oversized_file_is_refused_before_it_is_read():
    groot = SimpleUploadedFile("groot.pdf", b"%PDF-1.4\n" + b"x" * 2000, "application/pdf")
    with pytest.raises(ValidationError) as refusal:
        check_upload(groot)
    assert "groter dan de toegestane 1000" in refusal.value.messages[0]


def test_file_names_are_cleaned_but_keep_their_extension():
    assert (
        clean_filename("  Voortgang <rapportage> 2023?.PDF ") == "Voortgang _rapportage_ 2023_.pdf"
    )
    assert clean_filename("Overzicht motie Mohandis (2023).docx") == (
        "Overzicht motie Mohandis (2023).docx"
    )
    long = clean_filename("a" * 300 + ".xlsx")
    assert len(long) == 120 and long.endswith(".xlsx")
    assert clean_filename("é".encode().decode() + "tude.odt") == "étude.odt"
    # Cut by bytes, not letters: 100 Chinese letters are 300 bytes, more than a file system takes.
    chinees = clean_filename("报" * 100 + ".pdf")
    assert len(chinees.encode()) <= 120 and chinees.endswith(".pdf") and chinees.startswith("报")


# --- through the services: versions, and nothing stored on a refusal ---------------------------


@pytest.fixture
def nota(make_nota):
    return make_nota(bijlagen=["Voortgangsrapportage"])


def test_a_nota_bijlage_gets_immutable_versions_with_digest_uploader_and_time(
    nota, people, media_root
):
    bijlage = nota_bijlage_add(
        nota=nota, by=people["opsteller"], titel="Overzicht plannen",
        inhoud=docx_bytes(), bestandsnaam="overzicht.docx", now=at(1, 10),
    )  # fmt: skip
    assert bijlage.volgnummer == 2
    v1 = bijlage.versies.get()
    assert (v1.nummer, v1.bestandsnaam, v1.auteur, v1.aangemaakt_op) == (
        1, "overzicht.docx", people["opsteller"], at(1, 10),
    )  # fmt: skip
    assert len(v1.sha256) == 64 and v1.grootte == len(docx_bytes())
    # The same content again: no new version, no event.
    events = Gebeurtenis.objects.filter(nota=nota).count()
    same = nota_bijlage_replace(
        bijlage=bijlage, by=people["opsteller"], inhoud=docx_bytes(),
        bestandsnaam="overzicht-kopie.docx",
    )  # fmt: skip
    assert same is None
    assert Gebeurtenis.objects.filter(nota=nota).count() == events
    v2 = nota_bijlage_replace(
        bijlage=bijlage, by=people["opsteller"], inhoud=pdf_bytes("nieuw"),
        bestandsnaam="overzicht.pdf", now=at(1, 11),
    )  # fmt: skip
    assert v2.nummer == 2
    # The old version is still there, unchanged, and readable.
    with v1.bestand.open("rb") as bestand:
        assert bestand.read() == docx_bytes()
    assert len(stored_files(media_root)) == 2
    acties = list(
        Gebeurtenis.objects.filter(nota=nota).order_by("pk").values_list("actie", "versie")
    )
    assert acties[-2][0] == "bijlage_toegevoegd"
    assert acties[-1][0] == "bijlage_gewijzigd" and acties[-1][1].startswith("bijlage 2 v2")
    # Title-only bijlage 1 gets its first file.
    eerste = nota.bijlagen.get(volgnummer=1)
    assert (
        nota_bijlage_replace(
            bijlage=eerste, by=people["opsteller"], inhoud=pdf_bytes(), bestandsnaam="r.pdf"
        ).nummer
        == 1
    )


def test_versions_are_never_changed_nor_deleted(nota, people):
    bijlage = nota_bijlage_add(
        nota=nota, by=people["opsteller"], titel="Overzicht", inhoud=pdf_bytes(),
        bestandsnaam="o.pdf",
    )  # fmt: skip
    versie = bijlage.versies.get()
    versie.bestandsnaam = "anders.pdf"
    with pytest.raises(ValueError, match="immutable"):
        versie.save()
    with pytest.raises(ValueError, match="never deleted"):
        versie.delete()


def test_withdrawing_keeps_the_versions(nota, people):
    bijlage = nota_bijlage_add(
        nota=nota, by=people["opsteller"], titel="Overzicht", inhoud=pdf_bytes(),
        bestandsnaam="o.pdf",
    )  # fmt: skip
    nota_bijlage_withdraw(bijlage=bijlage, by=people["opsteller"])
    bijlage.refresh_from_db()
    assert bijlage.ingetrokken_op is not None
    assert bijlage.versies.count() == 1
    with pytest.raises(ActionNotAllowed, match="ingetrokken"):
        nota_bijlage_replace(
            bijlage=bijlage, by=people["opsteller"], inhoud=docx_bytes(), bestandsnaam="o.docx"
        )


@pytest.mark.parametrize(
    "inhoud, naam",
    [
        (ELF, "rapportage.pdf"),
        (b"", "leeg.pdf"),
        (pdf_bytes(), "../../../etc/cron.d/x.pdf"),
        (zip_bomb(), "bom.docx"),
        (b"%PDF-1.4\n" + b"x" * 2000, "groot.pdf"),
    ],
    ids=["executable", "empty", "path", "zipbomb", "oversized"],
)
@override_settings(PARAFEER_MAX_UPLOAD_BYTES=1500)
def test_a_refused_file_leaves_nothing_behind(nota, people, media_root, inhoud, naam):
    bijlage = nota_bijlage_add(
        nota=nota, by=people["opsteller"], titel="Overzicht", inhoud=pdf_bytes(),
        bestandsnaam="o.pdf",
    )  # fmt: skip
    before = (
        NotaBijlage.objects.count(), NotaBijlageversie.objects.count(),
        Gebeurtenis.objects.count(), stored_files(media_root),
    )  # fmt: skip
    with pytest.raises(ActionNotAllowed):
        nota_bijlage_replace(
            bijlage=bijlage, by=people["opsteller"], inhoud=inhoud, bestandsnaam=naam
        )
    with pytest.raises(ActionNotAllowed):
        nota_bijlage_add(
            nota=nota, by=people["opsteller"], titel="Nog een", inhoud=inhoud, bestandsnaam=naam
        )
    after = (
        NotaBijlage.objects.count(), NotaBijlageversie.objects.count(),
        Gebeurtenis.objects.count(), stored_files(media_root),
    )  # fmt: skip
    assert after == before
    with bijlage.versies.get().bestand.open("rb") as bestand:
        assert bestand.read() == pdf_bytes()


def test_a_failing_transaction_removes_the_file_it_stored(nota, people, media_root, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(bijlagen_services, "record_event", broken)
    with pytest.raises(RuntimeError):
        nota_bijlage_add(
            nota=nota, by=people["opsteller"], titel="Overzicht", inhoud=pdf_bytes(),
            bestandsnaam="o.pdf",
        )  # fmt: skip
    assert stored_files(media_root) == []
    assert not NotaBijlageversie.objects.exists()
    assert nota.bijlagen.count() == 1


def test_only_the_opsteller_of_a_concept_changes_its_bijlagen(nota, people, media_root):
    with pytest.raises(ActionNotAllowed, match="Alleen de opsteller"):
        nota_bijlage_add(
            nota=nota, by=people["afdelingshoofd"], titel="X", inhoud=pdf_bytes(),
            bestandsnaam="x.pdf",
        )  # fmt: skip
    from workflow.services.nota import nota_indienen

    nota_indienen(nota=nota, by=people["opsteller"])
    with pytest.raises(ActionNotAllowed, match="Dit kan nu niet: de nota is in parafering"):
        nota_bijlage_add(
            nota=nota, by=people["opsteller"], titel="X", inhoud=pdf_bytes(),
            bestandsnaam="x.pdf",
        )  # fmt: skip
    assert stored_files(media_root) == []


def test_a_letter_bijlage_refused_leaves_the_akkoorden_alone(seed_organisation, people):
    load_demo_notas(vandaag=SEED_VANDAAG)
    brief = Kamerbrief.objects.get(nota__kenmerk=SEED_KENMERK)
    bijlage = brief.bijlagen.get(volgnummer=1)
    statuses = list(brief.afstemmingsverzoeken.values_list("pk", "status"))
    with pytest.raises(ActionNotAllowed, match="geen PDF"):
        kamerbrief_bijlage_replace(
            bijlage=bijlage, by=people["opsteller"], inhoud=MZ, bestandsnaam="rapportage.pdf"
        )
    assert bijlage.versies.count() == 1
    assert list(brief.afstemmingsverzoeken.values_list("pk", "status")) == statuses


# --- through the pages ------------------------------------------------------------------------


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def upload(naam: str, inhoud: bytes, content_type="application/pdf"):
    return SimpleUploadedFile(naam, inhoud, content_type)


def test_uploading_on_the_page_lists_the_bijlage_with_a_download(nota, people, media_root):
    client = client_for(people["opsteller"])
    url = reverse("nota_bijlagen", args=[nota.pk])
    response = client.post(
        url, {"titel": "Voortgangsrapportage 2023", "bestand": upload("rapport.pdf", pdf_bytes())}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("nota_detail", args=[nota.pk]) + "#bijlagen"
    page = client.get(reverse("nota_detail", args=[nota.pk])).content.decode()
    assert "Toegevoegd: Bijlage 2: Voortgangsrapportage 2023 (rapport.pdf)." in page
    # The nota page loads the list from the bijlagen page, which has the downloads.
    assert reverse("nota_bijlagen", args=[nota.pk]) in page
    page = client.get(reverse("nota_bijlagen", args=[nota.pk])).content.decode()
    download = reverse(
        "nota_bijlage_download", args=[nota.pk, nota.bijlagen.get(volgnummer=2).pk, 1]
    )
    assert download in page
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="rapport.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_htmx_gets_the_list_in_place(nota, people):
    response = client_for(people["opsteller"]).post(
        reverse("nota_bijlagen", args=[nota.pk]),
        {
            "titel": "Monitor",
            "bestand": upload("monitor.xlsx", xlsx_bytes(), "application/octet-stream"),
        },
        headers={"HX-Request": "true"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert content.startswith('<section id="bijlagen"')
    assert "Toegevoegd: Bijlage 2: Monitor (monitor.xlsx)." in content


@pytest.mark.parametrize(
    "naam, inhoud, melding",
    [
        ("rapport.pdf", ELF, "is geen PDF-, Word- (DOCX)"),
        ("leeg.pdf", b"", "is leeg"),
        ("groot.pdf", b"%PDF-1.4\n" + b"x" * 5000, "groter dan de toegestane"),
    ],
    ids=["executable", "empty", "oversized"],
)
@override_settings(PARAFEER_MAX_UPLOAD_BYTES=2000)
def test_a_refused_upload_shows_the_form_again_with_the_reason(
    nota, people, media_root, naam, inhoud, melding
):
    client = client_for(people["opsteller"])
    eerste = nota.bijlagen.get(volgnummer=1)
    nota_bijlage_replace(
        bijlage=eerste, by=people["opsteller"], inhoud=pdf_bytes(), bestandsnaam="r.pdf"
    )
    files = stored_files(media_root)
    response = client.post(
        reverse("nota_bijlagen", args=[nota.pk]), {"titel": "Iets", "bestand": upload(naam, inhoud)}
    )
    assert response.status_code == 200
    assert melding in response.content.decode()
    response = client.post(
        reverse("nota_bijlage_vervangen", args=[nota.pk, eerste.pk]),
        {f"vervang-{eerste.pk}-bestand": upload(naam, inhoud)},
    )
    assert response.status_code == 200
    assert melding in response.content.decode()
    assert nota.bijlagen.count() == 1
    assert eerste.versies.count() == 1
    assert stored_files(media_root) == files


def test_a_path_in_the_uploaded_name_is_dropped_by_the_page(nota, people, media_root):
    client = client_for(people["opsteller"])
    client.post(
        reverse("nota_bijlagen", args=[nota.pk]),
        {"titel": "Iets", "bestand": upload("../../../../tmp/evil.pdf", pdf_bytes())},
    )
    versie = NotaBijlageversie.objects.get()
    assert versie.bestandsnaam == "evil.pdf"
    (stored,) = stored_files(media_root)
    assert stored.is_relative_to(media_root / "nota-bijlagen" / str(nota.pk))


def test_withdrawing_on_the_page(nota, people):
    eerste = nota.bijlagen.get(volgnummer=1)
    response = client_for(people["opsteller"]).post(
        reverse("nota_bijlage_intrekken", args=[nota.pk, eerste.pk]), follow=True
    )
    assert "Ingetrokken: Bijlage 1: Voortgangsrapportage." in response.content.decode()
    assert NotaBijlage.objects.get(pk=eerste.pk).ingetrokken_op is not None


def test_a_new_version_of_a_bijlage_withdrawn_meanwhile_says_why(nota, people):
    eerste = nota.bijlagen.get(volgnummer=1)
    nota_bijlage_withdraw(bijlage=eerste, by=people["opsteller"])  # in another tab
    response = client_for(people["opsteller"]).post(
        reverse("nota_bijlage_vervangen", args=[nota.pk, eerste.pk]),
        {f"vervang-{eerste.pk}-bestand": upload("nieuw.pdf", pdf_bytes())},
    )
    assert response.status_code == 200
    assert "Deze bijlage is ingetrokken." in response.content.decode()
    assert not eerste.versies.exists()


def test_downloads_only_for_who_may_see_the_item(seed_organisation, people, outsider):
    load_demo_notas(vandaag=SEED_VANDAAG)
    nota = Nota.objects.get(kenmerk=SEED_KENMERK)
    brief = Kamerbrief.objects.get(nota=nota)
    nota_versie = NotaBijlageversie.objects.get(bijlage__nota=nota)
    brief_versie = Bijlageversie.objects.filter(bijlage__kamerbrief=brief).first()
    urls = [
        reverse(
            "nota_bijlage_download",
            args=[nota.pk, nota_versie.bijlage_id, nota_versie.nummer],
        ),
        reverse(
            "kamerbrief_bijlage_download",
            args=[brief.pk, brief_versie.bijlage_id, brief_versie.nummer],
        ),
    ]
    for url in urls:
        assert client_for(people["secretariaat"]).get(url).status_code == 200
        assert client_for(outsider).get(url).status_code == 404
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/inloggen/")
    # A version of another item's bijlage under this item's url: not found.
    wrong = reverse(
        "nota_bijlage_download", args=[nota.pk, brief_versie.bijlage_id, brief_versie.nummer]
    )
    assert client_for(people["secretariaat"]).get(wrong).status_code == 404
    assert client_for(people["secretariaat"]).get(urls[0].replace("/1/", "/9/")).status_code == 404


def test_the_nota_form_moves_titles_but_never_a_file_to_another_title(nota, people):
    """The form's list of titles may be reordered, renamed and shortened: each file stays with
    the bijlage it was uploaded to."""
    opsteller = people["opsteller"]
    nota_bijlage_add(
        nota=nota, by=opsteller, titel="Rapportage", inhoud=pdf_bytes(), bestandsnaam="r.pdf"
    )
    nota_bijlage_add(
        nota=nota, by=opsteller, titel="Overzicht", inhoud=docx_bytes(), bestandsnaam="o.docx"
    )
    nota_update(nota=nota, by=opsteller, bijlagen=["Overzicht", "Rapportage", "Brief"])

    def current():
        return [
            (b.volgnummer, b.titel, [v.bestandsnaam for v in b.versies.all()])
            for b in current_bijlagen(nota)
        ]

    assert current() == [
        (1, "Overzicht", ["o.docx"]),
        (2, "Rapportage", ["r.pdf"]),
        (3, "Brief", []),
    ]
    # A renamed title keeps its bijlage; a title that is gone is withdrawn with its files.
    nota_update(nota=nota, by=opsteller, bijlagen=["Overzicht 2024", "Brief"])
    assert current() == [(1, "Overzicht 2024", ["o.docx"]), (2, "Brief", [])]
    ingetrokken = nota.bijlagen.get(ingetrokken_op__isnull=False)
    assert ingetrokken.titel == "Rapportage"
    assert [v.bestandsnaam for v in ingetrokken.versies.all()] == ["r.pdf"]


@pytest.mark.postgres
@pytest.mark.parametrize(
    "tabel", ["kamerbriefversie", "bijlageversie", "notabijlageversie", "ondertekenaar"]
)
@pytest.mark.parametrize(
    "sql", ["UPDATE letters_{t} SET id = id WHERE id = %s", "DELETE FROM letters_{t} WHERE id = %s"]
)
def test_the_database_refuses_to_rewrite_a_version(seed_organisation, people, tabel, sql):
    """A queryset update, raw SQL or a cascade gets past the model's refusal, not the trigger's."""
    from django.db import DatabaseError, connection, transaction

    from demo.notas import SEED_VANDAAG, load_demo_notas
    from letters.models import Bijlageversie, Kamerbriefversie, NotaBijlageversie, Ondertekenaar

    load_demo_notas(vandaag=SEED_VANDAAG)
    model = {
        "kamerbriefversie": Kamerbriefversie, "bijlageversie": Bijlageversie,
        "notabijlageversie": NotaBijlageversie, "ondertekenaar": Ondertekenaar,
    }[tabel]  # fmt: skip
    row = model.objects.first()
    assert row is not None, f"the demo has no {tabel}"
    with (
        pytest.raises(DatabaseError, match="versie is onveranderlijk"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql.format(t=tabel), [row.pk])
    assert model.objects.filter(pk=row.pk).exists()


def test_a_nota_form_opened_before_an_upload_does_not_withdraw_it(nota, people):
    """The edit form lists the bijlage titles; a file added on the bijlagen page meanwhile is not
    in that list, and saving the old form must not withdraw it nor put a typed title on it."""
    client = client_for(people["opsteller"])
    page = client.get(reverse("nota_edit", args=[nota.pk]))
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(aan=nota.aan_id, soort=nota.soort, deadline="2023-12-15", cc=[])
    nota_bijlage_add(  # in another tab
        nota=nota, by=people["opsteller"], titel="Overzicht", inhoud=pdf_bytes(),
        bestandsnaam="o.pdf",
    )  # fmt: skip
    data["bijlagen"] = "Voortgangsrapportage\nNieuwe titel"
    response = client.post(reverse("nota_edit", args=[nota.pk]), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "De bijlagen zijn gewijzigd nadat u dit formulier opende" in content
    assert "Voortgangsrapportage\nOverzicht</textarea>" in content
    assert [b.titel for b in current_bijlagen(nota)] == [
        "Voortgangsrapportage",
        "Overzicht",
    ]
    # Saved again from the list as it now is, the edit goes through.
    data["bijlagen"] = data["bijlagen_gelezen"] = "Voortgangsrapportage\nOverzicht"
    data["bijlagen"] += "\nNieuwe titel"
    assert client.post(reverse("nota_edit", args=[nota.pk]), data).status_code == 302
    assert [b.titel for b in current_bijlagen(nota)] == [
        "Voortgangsrapportage", "Overzicht", "Nieuwe titel",
    ]  # fmt: skip
