"""Checking an uploaded bijlage before anything of it is stored.

Only PDF, DOCX, ODT and XLSX are accepted, and the type is read from the content, never from the
name alone: a renamed executable is refused, and so is a file whose extension says something else
than its content. The office formats are zip archives; their directory is checked against zip
bombs (too many entries, too much unpacked, a ratio no real document has) without unpacking them.

`check_upload` takes what a form received; `check_content` the bytes and the name, for services
that are called with those. Both raise a ValidationError with a Dutch message, or return an
`Upload` with the content, a clean file name and the detected type.
"""

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Soort:
    code: str
    label: str
    extensie: str
    content_type: str


PDF = Soort("pdf", "PDF", ".pdf", "application/pdf")
DOCX = Soort(
    "docx",
    "Word (DOCX)",
    ".docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
)
ODT = Soort("odt", "OpenDocument (ODT)", ".odt", "application/vnd.oasis.opendocument.text")
XLSX = Soort(
    "xlsx",
    "Excel (XLSX)",
    ".xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
SOORTEN = {soort.extensie: soort for soort in (PDF, DOCX, ODT, XLSX)}

# Zip bomb caps. A real document of 25 MB unpacks to a few hundred MB at most, packs XML about
# ten to thirty times, and has hundreds of parts, not tens of thousands.
ZIP_MAX_ENTRIES = 5_000
ZIP_MAX_UNPACKED = 500 * 1024 * 1024
ZIP_MAX_RATIO = 200
MAX_NAME_LENGTH = 120


@dataclass(frozen=True)
class Upload:
    inhoud: bytes
    bestandsnaam: str
    soort: Soort


def max_upload_bytes() -> int:
    return settings.PARAFEER_MAX_UPLOAD_BYTES


def too_large_message() -> str:
    return _("The file is larger than the %(maximum)s allowed: make it smaller or split it.") % {
        "maximum": filesizeformat(max_upload_bytes())
    }


def check_upload(uploaded_file) -> Upload:
    """An uploaded file (Django's UploadedFile) accepted, or ValidationError saying why not."""
    if uploaded_file.size > max_upload_bytes():
        raise ValidationError(too_large_message(), code="te_groot")
    uploaded_file.seek(0)
    # One byte more than allowed is enough to know it is too large.
    inhoud = uploaded_file.read(max_upload_bytes() + 1)
    return check_content(inhoud, uploaded_file.name or "")


def check_content(inhoud: bytes, bestandsnaam: str) -> Upload:
    naam = clean_filename(bestandsnaam)
    if not inhoud:
        raise ValidationError(
            _("“%(naam)s” is empty: choose the file with the content.") % {"naam": naam},
            code="leeg",
        )
    if len(inhoud) > max_upload_bytes():
        raise ValidationError(too_large_message(), code="te_groot")
    extensie = PurePosixPath(naam).suffix.lower()
    gevonden = _detect(inhoud, naam)
    if gevonden is None:
        raise ValidationError(
            _(
                "“%(naam)s” is not a PDF, Word (DOCX), OpenDocument (ODT) or Excel (XLSX) file: "
                "only those can be added. Save it in one of these formats and try again."
            )
            % {"naam": naam},
            code="soort",
        )
    if extensie != gevonden.extensie:
        raise ValidationError(
            _(
                "“%(naam)s” is named as %(extensie)s, but its content is %(soort)s: give the file "
                "the right extension (%(juist)s) and try again."
            )
            % {
                "naam": naam,
                "extensie": extensie or _("a file without extension"),
                "soort": gevonden.label,
                "juist": gevonden.extensie,
            },
            code="extensie",
        )
    return Upload(inhoud=inhoud, bestandsnaam=naam, soort=gevonden)


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_UNSAFE = re.compile(r"[^\w\s.,()&+'\-]")


def clean_filename(bestandsnaam: str) -> str:
    """A plain file name to store and show, or ValidationError for a name with folders in it.

    Browsers send a bare name (and Django strips any folders before we see it), so a path such
    as “../../etc/passwd” only comes from a crafted request or a caller's bug: refused, not
    guessed at. Characters outside letters, digits and a little punctuation become “_”.
    """
    naam = unicodedata.normalize("NFC", bestandsnaam or "").strip()
    if (
        "/" in naam
        or "\\" in naam
        or ".." in naam
        or _CONTROL.search(naam)
        or naam.startswith(".")
        or ":" in naam
    ):
        raise ValidationError(
            _(
                "“%(naam)s” is not a plain file name: give the file a name without folders, "
                "“..” or special characters and try again."
            )
            % {"naam": _CONTROL.sub("?", naam)[:80]},
            code="naam",
        )
    naam = " ".join(_UNSAFE.sub("_", naam).split())
    stam, extensie = naam, ""
    if "." in naam:
        stam, extensie = naam.rsplit(".", 1)
        extensie = "." + extensie.lower()
    stam = stam.strip(" .") or "bijlage"
    # Cut by UTF-8 bytes, not characters: file systems allow 255 bytes, and a name in another
    # script takes two or three bytes a letter.
    stam = stam.encode()[: MAX_NAME_LENGTH - len(extensie.encode())].decode(errors="ignore")
    return stam.rstrip(" .") + extensie


def _detect(inhoud: bytes, naam: str) -> Soort | None:
    if inhoud.startswith(b"%PDF-"):
        return PDF
    if not inhoud.startswith(b"PK\x03\x04"):
        return None
    try:
        archive = zipfile.ZipFile(io.BytesIO(inhoud))
    except Exception:  # a damaged zip raises many kinds (BadZipFile, zlib.error, struct.error…)
        return None
    with archive:
        entries = archive.infolist()
        unpacked = sum(entry.file_size for entry in entries)
        if (
            len(entries) > ZIP_MAX_ENTRIES
            or unpacked > ZIP_MAX_UNPACKED
            or unpacked > ZIP_MAX_RATIO * max(len(inhoud), 1)
        ):
            raise ValidationError(
                _(
                    "“%(naam)s” unpacks to far more than a document does (a zip bomb?): it "
                    "cannot be added. Save the document again and try once more."
                )
                % {"naam": naam},
                code="zipbom",
            )
        names = {entry.filename for entry in entries}
        if any(_is_macro_part(name) for name in names):
            raise ValidationError(
                _(
                    "“%(naam)s” contains macros: save it as a plain document (DOCX or XLSX) "
                    "and try again."
                )
                % {"naam": naam},
                code="macro",
            )
        try:
            if "mimetype" in names:
                mimetype = _read_small(archive, "mimetype").strip()
                if mimetype == ODT.content_type.encode() and "content.xml" in names:
                    return ODT
                return None
            if "[Content_Types].xml" not in names:
                return None
            types = _read_small(archive, "[Content_Types].xml")
            # Every entry read once, checking its CRC: a damaged document is refused now, not
            # stored to fail later in a word processor or the Woo export. The caps above bound
            # what this unpacks.
            if archive.testzip() is not None:
                return None
        except Exception:  # BadZipFile, zlib.error, NotImplementedError, EOFError, …
            return None
        if b"macroEnabled" in types:
            raise ValidationError(
                _(
                    "“%(naam)s” contains macros: save it as a plain document (DOCX or XLSX) "
                    "and try again."
                )
                % {"naam": naam},
                code="macro",
            )
        if "word/document.xml" in names and b"wordprocessingml.document.main+xml" in types:
            return DOCX
        if "xl/workbook.xml" in names and b"spreadsheetml.sheet.main+xml" in types:
            return XLSX
    return None


# Parts that carry code, whatever [Content_Types].xml declares: VBA projects, ActiveX controls,
# Excel 4.0 macro sheets, and OpenDocument's Basic and script libraries.
MACRO_PART_NAMES = {"vbaproject.bin", "vbadata.xml", "vbaprojectsignature.bin"}
MACRO_FOLDERS = {"activex", "macrosheets", "basic", "scripts"}


def _is_macro_part(name: str) -> bool:
    path = PurePosixPath(name.replace("\\", "/").lower())
    return path.name in MACRO_PART_NAMES or any(part in MACRO_FOLDERS for part in path.parts[:-1])


def _read_small(archive: zipfile.ZipFile, name: str, limit: int = 1024 * 1024) -> bytes:
    """An entry's first megabyte: its declared size may lie, so never read more than that."""
    with archive.open(name) as entry:
        return entry.read(limit)


def content_type_for(bestandsnaam: str) -> str:
    soort = SOORTEN.get(PurePosixPath(bestandsnaam).suffix.lower())
    return soort.content_type if soort else "application/octet-stream"


class SizeLimitUploadHandler(FileUploadHandler):
    """Stops reading an uploaded file as soon as it passes PARAFEER_MAX_UPLOAD_BYTES.

    The rest of the file is read past and thrown away, not kept in memory or a temporary file;
    the field's name goes to `request.te_grote_bestanden`, so the form can say why it is missing.
    First in FILE_UPLOAD_HANDLERS.
    """

    def new_file(self, field_name, *args, **kwargs):
        super().new_file(field_name, *args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > max_upload_bytes():
            if self.request is not None:
                if not hasattr(self.request, "te_grote_bestanden"):
                    self.request.te_grote_bestanden = set()
                self.request.te_grote_bestanden.add(self.field_name)
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None
