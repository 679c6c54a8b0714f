"""The proof of issue 15: on a database that holds only the organisation (and the PG route
template), a nota and its Kamerbrief go their whole way in Chromium, by visible Dutch labels:
the register gets a toezegging, the opsteller writes nota and letter with two co-signers and a
footnote and starts the afstemming; one office agrees, a new version makes that akkoord lapse
and both offices are asked again (the first sees the diff); both agree; the nota is initialled
and decided; the letter is signed and sent after the confirmation pages; parlementaire
coördinatie records the Kamerstuk; the toezegging shows voldaan with that Kamerstuk.
Every new page is checked by axe and photographed at 1280 and 390 px."""

import pytest
from playwright.sync_api import Page, expect

from letters.models import Kamerbrief, Nota
from workflow.models import Toezegging

from .conftest import check_a11y, login_as

pytestmark = pytest.mark.django_db(transaction=True)

ONDERWERP = "Kamerbrief voortgang aanpak eenzaamheid"
TOEZEGGING = "Voor de zomer een voortgangsrapportage over de aanpak eenzaamheid sturen"


@pytest.fixture
def organisation_only(seed_organisation, route_template):
    """Ministries, units, bewindspersonen, demo users and the PG route template; nothing else."""
    assert not Nota.objects.exists() and not Kamerbrief.objects.exists()
    assert not Toezegging.objects.exists()


def check_page(page: Page, name: str, *, sideways_ok: bool = False) -> None:
    """axe and a screenshot at 1280 px, then a screenshot at 390 px (nothing may scroll
    sideways there, except on the letter page, whose co-signer table does not stack yet),
    and back."""
    check_a11y(page, name)
    page.set_viewport_size({"width": 390, "height": 844})
    check_a11y(page, f"{name}-390")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    # The elements that stick out, to say where to look when it does.
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')]"
        ".filter(e => e.getBoundingClientRect().right > 391).slice(0, 8)"
        ".map(e => e.tagName + '.' + e.className)"
    )
    assert sideways_ok or scroll <= 390, f"{name} scrolls sideways at 390 px ({scroll} px): {wide}"
    page.set_viewport_size({"width": 1280, "height": 900})


def button(page: Page, name: str):
    return page.get_by_role("button", name=name, exact=True)


def link(page: Page, name: str):
    return page.get_by_role("link", name=name, exact=True)


def expect_status(page: Page, status: str) -> None:
    expect(page.locator("p.status")).to_have_text(f"Status: {status}")


def answer(page: Page, keuze: str, opmerking: str = "") -> None:
    """The office's answer is one form: the answer as a radio, one remark, one button."""
    form = page.get_by_role("form", name="Uw antwoord", exact=True)
    form.get_by_role("radio", name=keuze, exact=True).check()
    if opmerking:
        form.get_by_label("Opmerking").fill(opmerking)
    form.get_by_role("button", name="Antwoord geven", exact=True).click()


def answer_akkoord(page: Page, live_server, office: str, kenmerk: str) -> None:
    login_as(page, live_server, office)
    page.get_by_role("region", name="Verzoeken om ons akkoord").get_by_role(
        "link", name=kenmerk
    ).click()
    answer(page, "Akkoord")
    expect(page.get_by_role("status")).to_contain_text("Akkoord gegeven.")


def test_a_kamerbrief_from_an_empty_installation_to_the_register(
    page, live_server, organisation_only
):
    melding = page.get_by_role("status").first  # the messages; the editor has its own too

    # Parlementaire coördinatie registers the toezegging the letter will afdoen.
    login_as(page, live_server, "parlementair")
    link(page, "Toezeggingen").click()
    link(page, "Een toezegging registreren").click()
    page.get_by_label("Tekst").fill(TOEZEGGING)
    page.get_by_label("Bewindspersoon").select_option(
        label="Staatssecretaris van Volksgezondheid, Welzijn en Sport"
    )
    page.get_by_label("Gedaan").select_option(label="in een debat")
    page.get_by_label("Debat:", exact=True).fill("Commissiedebat Preventie")
    page.get_by_label("Datum van het debat").fill("2026-03-12")
    button(page, "Opslaan").click()
    expect(melding).to_contain_text("De toezegging staat in het register.")

    # The opsteller writes a nota from scratch.
    login_as(page, live_server, "opsteller")
    link(page, "Nieuwe nota").click()
    page.get_by_label("Aan *", exact=True).select_option(
        label="Staatssecretaris van Volksgezondheid, Welzijn en Sport"
    )
    page.get_by_label("Onderwerp *", exact=True).fill(ONDERWERP)
    page.get_by_label("Geadviseerd besluit").fill("Akkoord gaan met verzending van de brief.")
    button(page, "Concept aanmaken").click()
    expect(melding).to_contain_text("is als concept aangemaakt")
    # Concept aanmaken lands on the nota's page (issue 17), not on the whole form again.
    expect(page.get_by_role("heading", level=1)).to_have_text(ONDERWERP)

    # It links the toezegging, then drafts the letter with two co-signers.
    koppelingen = page.get_by_role("region", name="Toezeggingen en moties die deze brief behandelt")
    koppelingen.get_by_label("Zoek een toezegging of motie om te koppelen").fill("eenzaamheid")
    koppelingen.get_by_role("radio", name=TOEZEGGING).first.check()
    koppelingen.get_by_label("Wat de brief ermee doet").select_option(label="doet af")
    koppelingen.get_by_role("button", name="Koppelen").click()
    expect(melding).to_contain_text("Gekoppeld")
    link(page, "Kamerbrief opstellen").click()
    check_page(page, "brief-opstellen")
    expect(page.get_by_label("Onderwerp (betreft)")).to_have_value(ONDERWERP)
    page.get_by_label("Minister voor Langdurige Zorg en Sport").check()
    page.get_by_label("Minister van Onderwijs, Cultuur en Wetenschap").check()
    expect(page.get_by_label(TOEZEGGING, exact=False)).to_be_checked()
    page.get_by_label("Tekst van de brief").fill("Geachte voorzitter,")
    # The sender cannot co-sign: refused in Dutch, nothing made.
    page.get_by_label("Staatssecretaris van Volksgezondheid, Welzijn en Sport").last.check()
    button(page, "Brief aanmaken").click()
    expect(page.get_by_role("alert").first).to_contain_text(
        "verzendt de brief en kan dus niet ook medeondertekenaar zijn"
    )
    assert not Kamerbrief.objects.exists()
    check_page(page, "brief-opstellen-fout")
    page.get_by_label("Staatssecretaris van Volksgezondheid, Welzijn en Sport").last.uncheck()
    button(page, "Brief aanmaken").click()
    expect(melding).to_contain_text("als concept aangemaakt (versie 1)")
    brief = Kamerbrief.objects.get()

    # The editor: text with a footnote, the preview follows as typed, saved as version 2.
    expect(page.get_by_role("heading", level=1)).to_have_text("Brief schrijven")
    tekst = (
        "Hierbij bied ik u de voortgangsrapportage aan.[1]\n\n"
        "# Voortgang\n\nDe aanpak ligt op schema."
    )
    page.get_by_label("Tekst van de brief").fill(tekst)
    page.get_by_label("Voetnoten (één per regel)").fill("Kamerstuk 29 538, nr. 300.")
    page.get_by_label("Tekst van de brief").press("End")
    voorbeeld = page.get_by_role("region", name="Voorbeeld zoals afgedrukt")
    expect(voorbeeld.get_by_role("heading", name="Voortgang")).to_be_visible()
    expect(voorbeeld).to_contain_text("Concept opgeslagen om")
    expect(voorbeeld.locator("sup a")).to_have_text("1")
    check_page(page, "brief-schrijven")
    button(page, "Opslaan als nieuwe versie").click()
    expect(melding).to_contain_text("Opgeslagen als versie 2 van de brief.")

    # Afstemming starten: a deadline per office; a date in the past is refused.
    link(page, "Afstemming starten").click()
    check_page(page, "afstemming-starten")
    page.get_by_label("Deadline voor het bureau van de Minister van Onderwijs").fill("2020-01-06")
    button(page, "Verzoeken versturen").click()
    expect(page.get_by_role("alert").first).to_contain_text("ligt in het verleden")
    assert Kamerbrief.objects.get().status == "concept"
    page.get_by_label("Deadline voor het bureau van de Minister van Onderwijs").fill("2099-01-06")
    button(page, "Verzoeken versturen").click()
    expect(melding).to_contain_text("Afstemming gestart: 2 bureaus")
    expect_status(page, "in afstemming")
    check_page(page, "brief-in-afstemming-opsteller")

    # Office 1 (MLZS) agrees on version 2.
    answer_akkoord(page, live_server, "bureau-mlzs", brief.kenmerk)

    # The opsteller changes the text: the akkoord lapses, both offices are asked again.
    login_as(page, live_server, "opsteller")
    page.goto(f"{live_server.url}/brieven/{brief.pk}/")
    link(page, "Brief schrijven").click()
    page.get_by_label("Tekst van de brief").fill(tekst + "\n\nIn 2027 volgt een evaluatie.")
    button(page, "Opslaan als nieuwe versie").click()
    expect(melding).to_contain_text("De medeondertekenaars worden opnieuw gevraagd")
    medeondertekenaars = page.get_by_role("region", name="Medeondertekenaars", exact=True)
    expect(medeondertekenaars.get_by_role("row")).to_have_count(3)
    expect(medeondertekenaars).not_to_contain_text("akkoord gegeven")
    link(page, "Versies vergelijken").click()
    expect(page.locator("pre.diff")).to_contain_text("+In 2027 volgt een evaluatie.")
    check_page(page, "brief-versies-vergelijken")

    # Office 1 sees what changed since its akkoord, and agrees again; office 2 agrees.
    login_as(page, live_server, "bureau-mlzs")
    page.get_by_role("region", name="Verzoeken om ons akkoord").get_by_role(
        "link", name=brief.kenmerk
    ).click()
    expect(page.locator("pre.diff")).to_contain_text("+In 2027 volgt een evaluatie.")
    check_a11y(page, "brief-opnieuw-gevraagd-bureau-mlzs")
    answer(page, "Akkoord")
    expect(melding).to_contain_text("Akkoord gegeven.")
    answer_akkoord(page, live_server, "bureau-mocw", brief.kenmerk)

    # The nota goes its route and gets the besluit.
    login_as(page, live_server, "opsteller")
    concepten = page.get_by_role("region", name="Mijn concepten")
    concepten.locator("tbody").get_by_role("link").first.click()  # the headings sort
    button(page, "Indienen").click()
    expect(melding).to_contain_text("Ingediend. De nota ligt nu bij")
    for parafeerder in ("afdelingshoofd", "directeur", "dg"):
        login_as(page, live_server, parafeerder)
        wacht = page.get_by_role("region", name="Wacht op mijn paraaf")
        wacht.locator("tbody").get_by_role("link").first.click()  # the headings sort
        page.get_by_role("radio", name="Paraferen", exact=True).check()
        button(page, "Vastleggen").click()
        expect(melding).to_contain_text("Geparafeerd.")
    login_as(page, live_server, "secretariaat")
    voor_mij = page.get_by_role("region", name="Voor mijn bewindspersoon")
    voor_mij.locator("tbody").get_by_role("link").first.click()
    page.get_by_role("radio", name="Akkoord", exact=True).check()
    button(page, "Besluit vastleggen").click()
    expect(melding).to_contain_text("Besluit vastgelegd: akkoord.")

    # Signed and sent, each after its confirmation page.
    page.get_by_role("link", name=f"Brief {brief.kenmerk}", exact=False).click()
    expect_status(page, "gereed voor ondertekening")
    link(page, "Ondertekenen…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer voordat u ondertekent")
    check_page(page, "brief-ondertekenen-bevestigen")
    button(page, "Ondertekenen").click()
    expect_status(page, "ondertekend")
    link(page, "Verzenden…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Controleer voordat u verzendt")
    expect(
        page.get_by_role("region", name="Ondertekenaars, vastgelegd zoals vandaag")
    ).to_contain_text("Conny Helder")
    expect(
        page.get_by_role("region", name="Toezeggingen en moties die de brief behandelt")
    ).to_contain_text(TOEZEGGING)
    check_page(page, "brief-verzenden-bevestigen")
    button(page, "Verzenden").click()
    expect_status(page, "verzonden")

    # Parlementaire coördinatie records the Kamerstuk; a wrong one is refused first.
    login_as(page, live_server, "parlementair")
    page.goto(f"{live_server.url}/brieven/{brief.pk}/")
    link(page, "Publicatie vastleggen").click()
    page.get_by_label("Kamerstuk", exact=True).fill("nummer twaalf")
    button(page, "Publicatie vastleggen").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    assert Kamerbrief.objects.get().status == "verzonden"
    check_page(page, "brief-publicatie-fout")
    page.get_by_label("Kamerstuk", exact=True).fill("36 200 XVI, nr. 12")
    button(page, "Publicatie vastleggen").click()
    expect(melding).to_contain_text("Kamerstuk 36 200 XVI, nr. 12")
    expect_status(page, "gepubliceerd")
    check_page(page, "brief-gepubliceerd-parlementair")

    # The toezegging is voldaan, by that letter, with its Kamerstuk.
    link(page, "Toezeggingen").click()
    rij = page.get_by_role("row").filter(has_text=TOEZEGGING)
    expect(rij).to_contain_text("voldaan")
    expect(rij).to_contain_text(f"{brief.kenmerk}")
    expect(rij).to_contain_text("Kamerstuk 36 200 XVI, nr. 12")
    rij.get_by_role("link").click()
    standen = page.get_by_role("region", name="Brieven die het behandelden")
    expect(standen).to_contain_text(brief.kenmerk)
    expect(standen).to_contain_text("Kamerstuk 36 200 XVI, nr. 12")
    check_a11y(page, "toezegging-voldaan-met-kamerstuk")
