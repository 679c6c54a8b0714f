"""The programme's maatregelen as XLSX, and such a file read back as an update by number.

The export (formula-safe through workflow.spreadsheets: every text a string cell) lists each
maatregel with its actielijn, title, partners, status, directie and contact. The import reads the
columns Nummer, Titel, Partners and Status by their header (the others are there to read, and
ignored), and reports every row it cannot take with a Dutch reason; the service then changes
nothing at all when there is any (programma.services.maatregelen_import).

A formula in the uploaded file (=HYPERLINK(…), =WEBSERVICE(…)) is refused, not evaluated or
copied: its value is whatever the spreadsheet program made of it, and the text someone meant
cannot be told from it. A text cell that starts with "=" is text, and stays text.
"""

import io
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from workflow.spreadsheets import as_xlsx

from .models import Maatregel, MaatregelStatus, Programma

MAX_ROWS = 500


def _headers() -> dict[str, str]:
    return {
        "nummer": _("Number"),
        "actielijn": _("Line of action"),
        "titel": _("Title"),
        "partners": _("Partners"),
        "status": _("Status"),
        "directie": _("Responsible directorate"),
        "contact": _("Contact"),
    }


def maatregelen_xlsx(programma: Programma) -> bytes:
    rows = (
        Maatregel.objects.filter(actielijn__programma=programma)
        .select_related("actielijn", "directie", "contact")
        .order_by("nummer")
    )
    with translation.override("nl"):
        headers = list(_headers().values())
        return as_xlsx(
            headers,
            [
                [
                    m.nummer,
                    f"{m.actielijn.nummer} {m.actielijn.titel}",
                    m.titel,
                    m.partners,
                    m.get_status_display() if m.status else "",
                    m.directie.naam,
                    str(m.contact),
                ]
                for m in rows
            ],
            title=_("Measures"),
        )


@dataclass(frozen=True)
class Regel:
    """One row of the file, as the update it asks for."""

    rij: int
    nummer: int
    titel: str
    partners: str
    status: str


class UnreadableFile(Exception):
    pass


def _statuses() -> dict[str, str]:
    """Cell text → status: the Dutch label, or the code; an empty cell: none recorded."""
    known = {"": ""}
    for value, label in MaatregelStatus.choices:
        known[value] = value
        known[str(label).casefold()] = value
    return known


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = _text(value)
    return int(text) if text.isdigit() else None


def read_maatregelen_xlsx(inhoud: bytes) -> tuple[list[Regel], list[str]]:
    """The rows of the file, and a Dutch reason for each it cannot take (then there are rows
    missing from the first list; the caller must not apply a partial list)."""
    from openpyxl import load_workbook

    with translation.override("nl"):
        try:
            workbook = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=False)
            sheet = workbook.worksheets[0]
            rows = list(sheet.iter_rows(max_row=MAX_ROWS + 2))
        except Exception as exc:  # not a workbook, or a damaged one: say so, change nothing
            raise UnreadableFile(
                _("This is not an Excel file (.xlsx) Parafeer can read. Upload the export.")
            ) from exc
        if not rows:
            return [], [_("The file is empty.")]
        if len(rows) > MAX_ROWS + 1:
            return [], [_("The file has more than %(n)s rows.") % {"n": MAX_ROWS}]
        heading = {_text(cell.value).casefold(): i for i, cell in enumerate(rows[0])}
        wanted = {
            k: v for k, v in _headers().items() if k in ("nummer", "titel", "partners", "status")
        }
        missing = [label for label in wanted.values() if label.casefold() not in heading]
        if missing:
            return [], [
                _("The first row must name the columns; missing: %(columns)s.")
                % {"columns": ", ".join(missing)}
            ]
        column = {key: heading[label.casefold()] for key, label in wanted.items()}
        statuses = _statuses()
        regels: list[Regel] = []
        fouten: list[str] = []
        seen: dict[int, int] = {}
        for rij, row in enumerate(rows[1:], start=2):
            cells = {key: row[i] if i < len(row) else None for key, i in column.items()}
            if all(c is None or _text(c.value) == "" for c in cells.values()):
                continue  # an empty row
            reasons = []
            for key, cell in cells.items():
                if cell is not None and cell.data_type == "f":
                    reasons.append(
                        _("the column %(column)s holds a formula; type the text itself")
                        % {"column": wanted[key]}
                    )
            nummer = _number(cells["nummer"].value if cells["nummer"] is not None else None)
            if nummer is None:
                reasons.append(_("no measure number"))
            elif nummer in seen:
                reasons.append(
                    _("measure %(nummer)s is also in row %(rij)s")
                    % {"nummer": nummer, "rij": seen[nummer]}
                )
            else:
                seen[nummer] = rij
            titel = _text(cells["titel"].value if cells["titel"] is not None else None)
            partners = _text(cells["partners"].value if cells["partners"] is not None else None)
            status_text = _text(cells["status"].value if cells["status"] is not None else None)
            if not titel:
                reasons.append(_("the title is empty"))
            status = statuses.get(status_text.casefold())
            if status is None:
                reasons.append(
                    _("the status “%(status)s” is not one of: %(known)s")
                    % {
                        "status": status_text,
                        "known": ", ".join(str(label) for label in MaatregelStatus.labels),
                    }
                )
            if reasons:
                fouten.append(
                    _("Row %(rij)s: %(reasons)s.") % {"rij": rij, "reasons": "; ".join(reasons)}
                )
            elif nummer is not None and status is not None:
                regels.append(Regel(rij, nummer, titel, partners, status))
        return regels, fouten
