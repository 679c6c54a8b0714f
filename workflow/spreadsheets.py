"""Exports for Excel: CSV and XLSX that never carry a live formula.

Text from users and from the Tweede Kamer's import ends up in these files. A cell that starts
with `=`, `+`, `-`, `@`, a tab or a carriage return is read by a spreadsheet as a formula
(`=HYPERLINK(…)`, `@SUM(…)`), so every export writes such a cell as text (OWASP, CSV
injection): in CSV with a leading `'`, which Excel shows as a text marker and which keeps
"- punt" recognisable; in XLSX as a string cell, which is never evaluated, with the text as it is.
"""

import csv
import io
from datetime import date

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """The value as a CSV cell that a spreadsheet reads as text, never as a formula."""
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def as_csv(headers: list[str], rows: list[list]) -> bytes:
    """`;`-separated, UTF-8 with a BOM: what Excel expects in the Netherlands."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([csv_cell(h) for h in headers])
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def _xlsx_value(value):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        # Control characters XML cannot hold (they may come with the House's import) would
        # make openpyxl refuse the whole file.
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def xlsx_append(sheet, row: list) -> None:
    """Appends the row; every text is a string cell, so openpyxl never writes a formula."""
    sheet.append([_xlsx_value(v) for v in row])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def as_xlsx(headers: list[str], rows: list[list], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    xlsx_append(sheet, headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        xlsx_append(sheet, row)
    for column in sheet.iter_cols(min_row=2):
        for cell in column:
            if isinstance(cell.value, date):
                cell.number_format = "DD-MM-YYYY"
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
