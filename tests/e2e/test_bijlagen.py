"""Uploading a bijlage to a concept nota in Chromium: the list loads into the nota page, the PDF
goes up through the form, a refused file says why in Dutch, and axe finds nothing serious."""

import pytest
from playwright.sync_api import expect

from demo.notas import demo_pdf
from letters.models import Nota, NotaBijlageversie

from .conftest import check_a11y, login_as

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def concept_nota(make_nota) -> Nota:
    return make_nota(bijlagen=["Voortgangsrapportage"])


def test_the_opsteller_uploads_a_pdf_to_a_concept_nota(page, live_server, concept_nota):
    login_as(page, live_server, "opsteller")
    page.goto(f"{live_server.url}/notas/{concept_nota.pk}/")
    bijlagen = page.get_by_role("region", name="Bijlagen")
    # htmx replaced the titles with the full list and its forms.
    toevoegen = bijlagen.get_by_role("button", name="Bijlage toevoegen")
    expect(toevoegen).to_be_visible()
    check_a11y(page, "nota-bijlagen-opsteller")

    bijlagen.get_by_label("Titel").fill("Overzicht plannen en afspraken")
    bijlagen.get_by_label("Bestand").set_input_files(
        files=[{"name": "overzicht.pdf", "mimeType": "application/pdf", "buffer": demo_pdf("x")}]
    )
    toevoegen.click()
    expect(bijlagen.get_by_role("status")).to_have_text(
        "Toegevoegd: Bijlage 2: Overzicht plannen en afspraken (overzicht.pdf)."
    )
    expect(
        bijlagen.get_by_role("heading", name="Bijlage 2: Overzicht plannen en afspraken")
    ).to_be_visible()
    expect(bijlagen.get_by_role("link", name="overzicht.pdf (versie 1)")).to_be_visible()
    assert NotaBijlageversie.objects.get().bestandsnaam == "overzicht.pdf"

    # A program renamed to .pdf: refused in place, in Dutch, nothing stored.
    bijlagen.get_by_label("Nieuwe versie van bijlage 1").set_input_files(
        files=[{"name": "rapport.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00" * 64}]
    )
    bijlagen.get_by_role("button", name="Bestand uploaden").first.click()
    expect(bijlagen.get_by_role("alert")).to_contain_text("“rapport.pdf” is geen PDF-")
    assert NotaBijlageversie.objects.count() == 1
    check_a11y(page, "nota-bijlagen-geweigerd")
