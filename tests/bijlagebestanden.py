"""Real files of every kind a bijlage may be, each holding the words it is given: for the tests
of reading their text and of finding a nota or letter by it."""

import io
import zipfile
from xml.sax.saxutils import escape

from demo.notas import demo_pdf


def pdf(tekst: str) -> bytes:
    return demo_pdf(tekst)


def docx(tekst: str) -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph(tekst)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def odt(tekst: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        # ODF: the mimetype first and uncompressed.
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr(
            "content.xml",
            '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
            f"<office:text><text:p>{escape(tekst)}</text:p></office:text></office:body>"
            "</office:document-content>",
            compress_type=zipfile.ZIP_DEFLATED,
        )
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
        )
    return buffer.getvalue()


def xlsx(tekst: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Maatregel", "Toelichting"])
    workbook.active.append(["1.1", tekst])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# extension: the function that makes such a file
SOORTEN = {"pdf": pdf, "docx": docx, "odt": odt, "xlsx": xlsx}
