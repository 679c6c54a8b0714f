"""Het archief: finished dossiers found again, within what the reader may read, and exported."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from letters.models import Nota
from tests.support import at
from tests.workflow.conftest import sign_and_send
from workflow import archief
from workflow.bladeren import bladzijde_op_sleutels
from workflow.services.afstemming import afstemming_beantwoorden, kamerbrief_afstemming_starten
from workflow.services.nota import (
    nota_afhandelen,
    nota_besluit_vastleggen,
    nota_indienen,
    nota_kennisnemen,
    nota_paraferen,
)
from workflow.services.verzending import kamerbrief_ondertekenen, kamerbrief_verzenden


@pytest.fixture
def sent(letter, people, offices):
    """A nota with its letter co-signed by MLZS, decided, signed and sent on 19 December 2023."""
    return sign_and_send(letter, people, offices)


def acknowledged(make_nota, people, offices, onderwerp):
    nota = make_nota(soort=Nota.Soort.TER_INFORMATIE, onderwerp=onderwerp, deadline=None)
    nota_indienen(nota=nota, by=people["opsteller"])
    for name in ("afdelingshoofd", "directeur", "dg"):
        nota_paraferen(nota=nota, by=people[name])
    return nota_kennisnemen(nota=nota, by=offices["StasVWS"])


def archive(client, who, **params):
    client.force_login(who)
    response = client.get(reverse("archief"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_sent_letter_s_dossier_is_in_the_archive_with_its_decision(client, sent, people):
    nota = sent.nota
    nota.refresh_from_db()
    assert nota.status == Nota.Status.AFGEHANDELD
    page = archive(client, people["opsteller"])
    assert f'href="{reverse("nota_detail", args=[nota.pk])}">{nota.kenmerk}</a>' in page
    assert sent.kenmerk in page and "19 december 2023" in page and "akkoord" in page.lower()
    assert "1 dossier" in page


def test_filters_by_year_and_kind(client, sent, make_nota, people, offices):
    acknowledged(make_nota, people, offices, "Stand van zaken monitor jongeren")
    assert "2 dossiers" in archive(client, people["opsteller"])
    with_letter = archive(client, people["opsteller"], soort=Nota.Soort.TER_BESLISSING)
    assert sent.kenmerk in with_letter and "Stand van zaken monitor" not in with_letter
    # The letter was sent on 19 December 2023: another year holds nothing of it.
    earlier = archive(client, people["opsteller"], jaar="2022")
    assert "Geen afgeronde dossiers" in earlier


def test_an_outsider_sees_no_dossier_and_exports_none(client, sent, outsider):
    assert "0 dossiers" in archive(client, outsider)
    client.force_login(outsider)
    body = client.get(reverse("archief_export", args=["csv"])).content.decode("utf-8-sig")
    assert sent.kenmerk not in body and len(body.strip().splitlines()) == 1  # the header only


def test_the_exports_hold_the_list_as_text_never_a_formula(client, make_nota, people, offices):
    acknowledged(make_nota, people, offices, '=HYPERLINK("https://example.org","klik")')
    client.force_login(people["opsteller"])
    body = client.get(reverse("archief_export", args=["csv"])).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0][0] == "Kenmerk" and rows[1][1].startswith("'=HYPERLINK")
    xlsx = client.get(reverse("archief_export", args=["xlsx"])).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    cell = sheet.cell(row=2, column=2)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    assert client.get(reverse("archief_export", args=["pdf"])).status_code == 404


def test_the_page_costs_the_same_queries_for_two_or_twelve_dossiers(
    client, make_nota, people, offices
):
    def queries():
        client.force_login(people["directeur"])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("archief")).status_code == 200
        return len(captured)

    for n in range(2):
        acknowledged(make_nota, people, offices, f"Monitor {n}")
    few = queries()
    for n in range(10):
        acknowledged(make_nota, people, offices, f"Monitor {n + 2}")
    assert queries() == few <= 15


def test_an_invalid_filter_filters_nothing_and_the_others_still_do(client, sent, people, posts):
    other = posts["MOCW"].pk  # the letter's nota is to the Staatssecretaris van VWS
    page = archive(client, people["opsteller"], jaar="1999", bewindspersoon=other)
    assert "0 dossiers" in page and "Selecteer een geldige keuze" in page
    response = client.get(reverse("archief_export", args=["csv"]), {"jaar": "1999"})
    assert response.status_code == 400 and "Jaar" in response.content.decode()


def test_a_dossier_without_a_letter_is_archived_on_the_day_it_was_completed(
    client, make_nota, people, offices
):
    """A nota ter informatie dated 2023 and acknowledged in January 2024 belongs to 2024."""
    nota = make_nota(soort=Nota.Soort.TER_INFORMATIE, onderwerp="Monitor 2023", deadline=None)
    nota_indienen(nota=nota, by=people["opsteller"])
    for name in ("afdelingshoofd", "directeur", "dg"):
        nota_paraferen(nota=nota, by=people[name])
    nota_kennisnemen(nota=nota, by=offices["StasVWS"], now=at(8, 10, month=1, year=2024))
    nota.refresh_from_db()
    assert nota.datum.year == 2023 and nota.status == Nota.Status.AFGEHANDELD

    assert "Monitor 2023" in archive(client, people["opsteller"], jaar="2024")
    assert "Monitor 2023" not in archive(client, people["opsteller"], jaar="2023")
    assert "8 januari 2024" in archive(client, people["opsteller"])


def test_a_dossier_completed_before_its_letter_went_out_is_archived_on_the_letter_s_day(
    client, letter, people, offices
):
    """The opsteller completes the nota once the letter is signed; the letter goes out two days
    later, and that is the day the archive gives the dossier."""
    kamerbrief_afstemming_starten(kamerbrief=letter, by=people["opsteller"])
    for verzoek in letter.afstemmingsverzoeken.filter(status="aangevraagd"):
        afstemming_beantwoorden(
            verzoek=verzoek, by=offices[verzoek.bewindspersoon.afkorting], antwoord="akkoord"
        )
    nota = letter.nota
    nota_indienen(nota=nota, by=people["opsteller"])
    for name in ("afdelingshoofd", "directeur", "dg"):
        nota_paraferen(nota=nota, by=people[name])
    nota_besluit_vastleggen(nota=nota, by=offices["StasVWS"], uitkomst="akkoord")
    kamerbrief_ondertekenen(kamerbrief=letter, by=offices["StasVWS"], now=at(18, 9))
    nota_afhandelen(nota=nota, by=people["opsteller"], now=at(18, 11))
    nota.refresh_from_db()
    assert nota.status == Nota.Status.AFGEHANDELD and nota.afgerond_op == date(2023, 12, 18)

    kamerbrief_verzenden(kamerbrief=letter, by=offices["StasVWS"], now=at(20, 10))
    nota.refresh_from_db()
    assert nota.afgerond_op == date(2023, 12, 20)
    assert "20 december 2023" in archive(client, people["opsteller"], jaar="2023")


def test_a_later_page_shows_the_next_dossiers_in_order(client, make_nota, people, offices):
    for n in range(3):
        acknowledged(make_nota, people, offices, f"Monitor {n}")
    mine = archief.dossiers(people["opsteller"], archief.ArchiefFilter())
    order = list(mine.values_list("kenmerk", flat=True))
    assert len(order) == 3
    pages = [
        bladzijde_op_sleutels(mine, nummer, 2, rijen=archief.dossiers_by_pk) for nummer in (1, 2, 3)
    ]
    assert [[n.kenmerk for n in p.object_list] for p in pages] == [order[:2], order[2:], order[2:]]
    # A page past the end is the last one, as with the registers' paging.
    assert [(p.number, p.has_next, p.aantal) for p in pages] == [
        (1, True, 3), (2, False, 3), (2, False, 3),
    ]  # fmt: skip


@pytest.mark.postgres
def test_postgresql_reads_the_archive_in_the_order_of_its_index(make_nota, people, offices):
    acknowledged(make_nota, people, offices, "Monitor")
    page = archief.dossiers(people["opsteller"], archief.ArchiefFilter())[:51]
    with connection.cursor() as cursor:
        # On a near-empty table any plan will do; with a sort priced out, the order must come
        # from the partial index on the finished notas.
        cursor.execute("SET enable_sort = off")
        cursor.execute("SET enable_seqscan = off")
        try:
            plan = page.explain()
        finally:
            cursor.execute("RESET enable_sort")
            cursor.execute("RESET enable_seqscan")
    assert "nota_archiefvolgorde" in plan, plan
    assert "Sort" not in plan, plan
