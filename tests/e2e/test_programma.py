"""The programme in a browser (issue 21's proof): a contact submits a contribution, the
coordinator sends it back once and accepts it the second time, and the regenerated bijlage on
the letter is a new version holding the new text. Every page axe-clean at 1280 and 390 px."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from demo.notas import SEED_KENMERK, load_demo_notas
from letters.models import Kamerbrief
from programma.models import Programma

from .conftest import check_a11y, login_as

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}


def both_widths(page, name: str) -> None:
    check_a11y(page, f"{name}-1280")
    page.set_viewport_size(PHONE)
    overflow = page.evaluate(
        "Math.max(...Array.from(document.querySelectorAll('main *'),"
        " (el) => el.getBoundingClientRect().right)) - document.documentElement.clientWidth"
    )
    if overflow > 0:
        widest = page.evaluate(
            "Array.from(document.querySelectorAll('main *')).filter((el) =>"
            " el.getBoundingClientRect().right > document.documentElement.clientWidth)"
            ".slice(0, 3).map((el) => el.outerHTML.slice(0, 120))"
        )
        raise AssertionError(f"{page.url} is {overflow}px too wide at 390 px: {widest}")
    check_a11y(page, f"{name}-390")
    page.set_viewport_size(LAPTOP)


def pdf_text(bijlage) -> str:
    versie = bijlage.versies.order_by("-nummer").first()
    with versie.bestand.open("rb") as f:
        reader = PdfReader(io.BytesIO(f.read()))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def test_a_contribution_sent_back_once_accepted_and_the_bijlage_regenerated(
    page, live_server, seed_organisation
):
    load_demo_notas()
    programma = Programma.objects.get()
    ronde = programma.rondes.get(jaar=2024)
    bijdrage = ronde.bijdragen.get(maatregel__nummer=3)
    brief = Kamerbrief.objects.get(nota__kenmerk=SEED_KENMERK)

    login_as(page, live_server, "opsteller")
    page.get_by_role("link", name="Programma’s").click()
    page.get_by_role("link", name="Mentale gezondheid: van ons allemaal").click()
    expect(page.get_by_role("heading", name="Actielijn 5: Mentaal gezond online")).to_be_visible()
    both_widths(page, "programma")

    # The contact finds the contribution in the werkvoorraad and writes it.
    page.get_by_role("link", name="Werkvoorraad").click()
    page.get_by_role("link", name="Voortgangsrapportage 2024: maatregel 3", exact=True).click()
    both_widths(page, "bijdrage-schrijven")
    page.get_by_label("Toelichting (tussen)resultaten").fill("Een eerste versie.")
    page.get_by_label("In uitvoering").check()
    page.get_by_role("button", name="Bijdrage indienen").click()
    expect(page.get_by_text("Ingediend.")).to_be_visible()

    # The report goes on the letter now (version 1), before the coordinator has accepted.
    page.goto(f"{live_server.url}/programmas/rondes/{ronde.pk}/")
    both_widths(page, "ronde")
    page.get_by_role("radio", name=re.compile(brief.kenmerk)).check()
    page.get_by_role("button", name="Bijvoegen").click()
    expect(page.get_by_text("versie 1")).to_be_visible()

    page.get_by_role("button", name="Afmelden").click()
    login_as(page, live_server, "afdelingshoofd")
    page.goto(f"{live_server.url}/programmas/bijdragen/{bijdrage.pk}/")
    page.get_by_label("Terugsturen naar de contactpersoon").check()
    page.get_by_role("button", name="Beoordeling vastleggen").click()
    expect(page.get_by_role("link", name=re.compile("Zeg wat er moet veranderen"))).to_be_visible()
    both_widths(page, "beoordelen-fout")
    page.get_by_label("Terugsturen naar de contactpersoon").check()
    page.get_by_label("Opmerking").fill("Noem wanneer de tweede dialoog is.")
    page.get_by_role("button", name="Beoordeling vastleggen").click()
    expect(page.get_by_text("Teruggestuurd naar Fatima de Vries")).to_be_visible()

    page.get_by_role("button", name="Afmelden").click()
    login_as(page, live_server, "opsteller")
    page.goto(f"{live_server.url}/programmas/bijdragen/{bijdrage.pk}/")
    expect(page.get_by_role("note")).to_contain_text("Noem wanneer de tweede dialoog is.")
    page.get_by_label("Toelichting (tussen)resultaten").fill(
        "De tweede dialoog is een inspiratiebijeenkomst in het voorjaar."
    )
    page.get_by_label("In uitvoering").check()
    page.get_by_role("button", name="Bijdrage indienen").click()

    page.get_by_role("button", name="Afmelden").click()
    login_as(page, live_server, "afdelingshoofd")
    page.goto(f"{live_server.url}/programmas/bijdragen/{bijdrage.pk}/")
    page.get_by_label("Accepteren").check()
    page.get_by_role("button", name="Beoordeling vastleggen").click()
    expect(page.get_by_text("Geaccepteerd.")).to_be_visible()

    page.get_by_role("button", name="Afmelden").click()
    login_as(page, live_server, "opsteller")
    page.goto(f"{live_server.url}/programmas/rondes/{ronde.pk}/")
    page.get_by_role("radio", name=re.compile(brief.kenmerk)).check()
    page.get_by_role("button", name="Bijvoegen").click()
    expect(page.get_by_text("versie 2")).to_be_visible()

    ronde.refresh_from_db()
    assert ronde.bijlage.versies.count() == 2
    assert "inspiratiebijeenkomst in het voorjaar" in pdf_text(ronde.bijlage)


def test_the_coordinator_exports_the_maatregelen_and_imports_them_back(
    page, live_server, seed_organisation, tmp_path
):
    from openpyxl import load_workbook

    from programma.models import Maatregel

    load_demo_notas()
    programma = Programma.objects.get()
    login_as(page, live_server, "afdelingshoofd")
    page.goto(f"{live_server.url}/programmas/{programma.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="De maatregelen als Excel (.xlsx)").click()
    exported = tmp_path / "maatregelen.xlsx"
    download.value.save_as(exported)
    workbook = load_workbook(exported)
    sheet = workbook.active
    assert sheet.max_row == 30  # the header and the 29 maatregelen

    # A partly bad file: one good change, one unknown number. Nothing changes.
    sheet.cell(row=2, column=5, value="Afgerond")
    sheet.cell(row=3, column=1, value=31)
    workbook.save(exported)
    before = list(Maatregel.objects.order_by("nummer").values_list("titel", "status"))
    page.get_by_label("Maatregelenlijst (.xlsx)").set_input_files(exported)
    page.get_by_role("button", name="Maatregelen inlezen").click()
    expect(page.get_by_role("heading", name="Er is een probleem")).to_be_visible()
    expect(
        page.get_by_role("link", name="Rij 3: dit programma heeft geen maatregel 31.")
    ).to_be_visible()
    both_widths(page, "maatregelen-import-fout")
    assert list(Maatregel.objects.order_by("nummer").values_list("titel", "status")) == before

    sheet.cell(row=3, column=1, value=2)
    workbook.save(exported)
    page.get_by_label("Maatregelenlijst (.xlsx)").set_input_files(exported)
    page.get_by_role("button", name="Maatregelen inlezen").click()
    expect(
        page.get_by_text("Ingelezen: 1 maatregel(en) gewijzigd, 28 ongewijzigd.")
    ).to_be_visible()
    assert Maatregel.objects.get(nummer=1).status == "afgerond"

    # On the 2024 round's page the coordinator asks one more contact, with its own deadline.
    ronde = programma.rondes.get(jaar=2024)
    page.goto(f"{live_server.url}/programmas/rondes/{ronde.pk}/")
    page.get_by_label("Maatregelnummers").fill("4, 31")
    page.get_by_role("button", name="Contactpersonen vragen").click()
    expect(page.get_by_role("link", name="Dit programma heeft geen maatregel 31.")).to_be_visible()
    both_widths(page, "ronde-vragen-fout")
    page.get_by_label("Maatregelnummers").fill("4")
    page.get_by_role("button", name="Contactpersonen vragen").click()
    expect(page.get_by_text("Gevraagd: maatregel 4, deadline")).to_be_visible()
    assert ronde.bijdragen.filter(maatregel__nummer=4).exists()
