"""The werkvoorraad of a parafeerder with several notas: open one, tick it, initial the ticked
ones at once; filter a group on directie. axe, screenshots at 1280 and 390 px."""

import pytest
from playwright.sync_api import expect

from letters.models import Nota
from workflow.models import Organisatieonderdeel
from workflow.services.nota import nota_indienen

from .conftest import login_as
from .test_kamerbrief_from_scratch import check_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_parafeerder_initials_the_notas_they_opened_at_once(page, live_server, make_nota, people):
    notas = []
    for onderwerp in ("Zorgverzekering", "Apotheken", "Mantelzorg"):
        nota = make_nota(onderwerp=onderwerp)
        nota_indienen(nota=nota, by=people["opsteller"])
        notas.append(nota)
    vgp = Organisatieonderdeel.objects.get(code="VGP", ministerie__afkorting="VWS")
    Nota.objects.filter(pk=notas[2].pk).update(organisatieonderdeel=vgp)

    login_as(page, live_server, "afdelingshoofd")
    groep = page.get_by_role("region", name="Wacht op mijn paraaf")
    expect(groep.get_by_role("checkbox")).to_have_count(0)
    expect(groep.get_by_text("eerst openen")).to_have_count(3)
    check_page(page, "werkvoorraad-samen-niets-geopend")
    for nota in notas[:2]:
        groep.get_by_role("link", name=nota.kenmerk).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(nota.onderwerp)
        page.go_back()
    page.reload()
    expect(groep.get_by_role("checkbox")).to_have_count(2)
    check_page(page, "werkvoorraad-samen-afdelingshoofd")

    # The directie filter within the group, without JavaScript's help: a plain GET form.
    groep.get_by_label("Directie").select_option(label="VGP")
    groep.get_by_role("button", name="Filteren").click()
    expect(groep.locator("tbody tr")).to_have_count(1)
    expect(groep).to_contain_text("Mantelzorg")
    groep.get_by_label("Directie").select_option(label="Alle directies")
    groep.get_by_role("button", name="Filteren").click()
    expect(groep.locator("tbody tr")).to_have_count(3)

    groep.get_by_role("checkbox", name=f"{notas[0].kenmerk} paraferen").check()
    groep.get_by_role("checkbox", name=f"{notas[1].kenmerk} paraferen").check()
    groep.get_by_role("button", name="Aangevinkte nota's paraferen").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"Geparafeerd: 2 nota's ({notas[0].kenmerk}, {notas[1].kenmerk})."
    )
    expect(groep.locator("tbody tr")).to_have_count(1)
    check_page(page, "werkvoorraad-samen-gedaan")
