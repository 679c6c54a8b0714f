"""The programme's pages: everything of the aanpak on one page, the coordinator's view of a
round, a contribution written, sent back and accepted through the forms — each in a bounded
number of queries."""

import pytest
from django.urls import reverse

from demo.notas import SEED_VANDAAG
from demo.programma_maatregelen import ACTIELIJNEN, MAATREGELEN
from programma.models import Maatregel, Mijlpaal, Programma, Voortgangsbijdrage

pytestmark = pytest.mark.django_db

Status = Voortgangsbijdrage.Status


@pytest.fixture
def demo(people):
    from demo.notas import load_demo_notas

    load_demo_notas(vandaag=SEED_VANDAAG)
    return Programma.objects.get()


def test_the_demo_loads_the_aanpak_from_the_seed(demo):
    assert [(a.nummer, a.titel) for a in demo.actielijnen.all()] == [
        (n, t) for n, t, _ in ACTIELIJNEN
    ]
    maatregelen = Maatregel.objects.filter(actielijn__programma=demo).order_by("nummer")
    assert [(m.nummer, m.titel, m.partners) for m in maatregelen] == MAATREGELEN
    assert len(MAATREGELEN) == 29
    assert [m.actielijn.nummer for m in maatregelen if m.nummer in (4, 5, 13, 14, 18, 19, 25)] == [
        1, 2, 2, 3, 3, 4, 5,
    ]  # fmt: skip
    r2023, r2024 = demo.rondes.order_by("jaar")
    assert set(r2023.bijdragen.values_list("status", flat=True)) == {Status.GEACCEPTEERD}
    assert "330 deelnemers" in r2023.bijdragen.get(maatregel__nummer=1).tekst
    assert set(r2024.bijdragen.values_list("status", flat=True)) == {Status.GEVRAAGD}
    # A few asked, exactly one of them late (not all 29).
    assert sorted(r2024.bijdragen.values_list("maatregel__nummer", flat=True)) == [1, 2, 3, 19, 27]
    assert list(
        r2024.bijdragen.filter(deadline__lt=SEED_VANDAAG).values_list(
            "maatregel__nummer", flat=True
        )
    ) == [19]
    # Milestones only where the seed's text names a coming step, in its words.
    assert sorted(set(Mijlpaal.objects.values_list("maatregel__nummer", flat=True))) == [
        1, 4, 17, 19, 20, 21, 27,
    ]  # fmt: skip
    week = Mijlpaal.objects.get(maatregel__nummer=1)
    assert week.datum.isoformat() == "2024-06-03" and not week.bereikt
    assert "3 tot en met 8 juni" in r2023.bijdragen.get(maatregel__nummer=1).tekst
    assert demo.deelnames.get(bewindspersoon__afkorting="StasBZK").sinds.year == 2023
    assert demo.toezeggingen.count() == 2
    assert demo.kamerbrieven.count() == 3


@pytest.fixture
def demo_vandaag(people):
    """The demo as `manage.py demo` loads it: dated from today, as the pages judge what is late."""
    from demo.notas import load_demo_notas

    load_demo_notas()
    return Programma.objects.get()


def test_loading_the_demo_again_changes_nothing(demo):
    from demo.notas import load_demo_notas

    load_demo_notas(vandaag=SEED_VANDAAG)
    assert Programma.objects.count() == 1
    assert Maatregel.objects.count() == 29


def test_the_programme_page_shows_everything_in_bounded_queries(
    client, people, demo, django_assert_max_num_queries
):
    client.force_login(people["opsteller"])
    with django_assert_max_num_queries(15):
        response = client.get(reverse("programma_detail", args=[demo.pk]))
    html = response.content.decode()
    text = html.replace("&#x27;", "’")
    for _, titel, _partners in MAATREGELEN:
        assert titel in text, titel
    for _, titel, _ in ACTIELIJNEN:
        assert titel in html
    assert "Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties" in html
    assert "3382139-1030472-PG" in html
    assert "Voortgangsrapportage 2024" in html


def test_the_round_page_shows_who_delivered_and_what_is_late(
    client, people, demo_vandaag, django_assert_max_num_queries
):
    ronde = demo_vandaag.rondes.get(jaar=2024)
    client.force_login(people["afdelingshoofd"])
    with django_assert_max_num_queries(15):
        response = client.get(reverse("ronde_detail", args=[ronde.pk]))
    html = response.content.decode()
    assert "1 te laat" in html
    assert "5 / 5" not in html and "0 / 5" in html  # delivered


def test_the_werkvoorraad_lists_the_contacts_contributions_in_bounded_queries(
    client, people, demo_vandaag, django_assert_max_num_queries
):
    client.force_login(people["opsteller"])
    with django_assert_max_num_queries(30):
        response = client.get(reverse("home"))
    html = response.content.decode()
    assert "Voortgangsbijdragen" in html
    regels = [r for r in html.splitlines() if "Voortgangsrapportage 2024: maatregel" in r]
    assert len(regels) == 5
    assert [r for r in regels if "te-laat" in r] == [
        next(r for r in regels if "maatregel 19<" in r)
    ]


def test_contact_submits_coordinator_sends_back_and_accepts_through_the_forms(client, people, demo):
    bijdrage = demo.rondes.get(jaar=2024).bijdragen.get(maatregel__nummer=3)
    url = reverse("bijdrage_detail", args=[bijdrage.pk])
    client.force_login(people["opsteller"])
    form = {"tekst": "Een tweede dialoog is gevoerd.", "voetnoten": "", "maatregel_status": "x"}
    response = client.post(reverse("bijdrage_submit", args=[bijdrage.pk]), form)
    assert "Er is een probleem" in response.content.decode()
    form["maatregel_status"] = "in_uitvoering"
    response = client.post(reverse("bijdrage_submit", args=[bijdrage.pk]), form, follow=True)
    assert "Ingediend." in response.content.decode()

    client.force_login(people["afdelingshoofd"])
    review = reverse("bijdrage_review", args=[bijdrage.pk])
    response = client.post(review, {"oordeel": "terugsturen", "opmerking": ""})
    assert "Er is een probleem" in response.content.decode()
    bijdrage.refresh_from_db()
    assert bijdrage.status == Status.INGEDIEND
    client.post(review, {"oordeel": "terugsturen", "opmerking": "Noem de datum."})
    bijdrage.refresh_from_db()
    assert bijdrage.status == Status.TERUGGESTUURD

    client.force_login(people["opsteller"])
    assert "Noem de datum." in client.get(url).content.decode()
    form["tekst"] = "Op 12 maart is een tweede dialoog gevoerd."
    client.post(reverse("bijdrage_submit", args=[bijdrage.pk]), form)
    client.force_login(people["afdelingshoofd"])
    client.post(review, {"oordeel": "accepteren", "opmerking": ""})
    bijdrage.refresh_from_db()
    assert bijdrage.status == Status.GEACCEPTEERD
    assert bijdrage.tekst == "Op 12 maart is een tweede dialoog gevoerd."


def test_a_stranger_sees_no_form_and_is_refused(client, people, demo, outsider):
    bijdrage = demo.rondes.get(jaar=2024).bijdragen.first()
    client.force_login(outsider)
    assert (
        'action="' + reverse("bijdrage_submit", args=[bijdrage.pk])
        not in client.get(reverse("bijdrage_detail", args=[bijdrage.pk])).content.decode()
    )
    response = client.post(
        reverse("bijdrage_submit", args=[bijdrage.pk]),
        {"tekst": "x", "maatregel_status": "afgerond"},
        follow=True,
    )
    assert "Alleen de contactpersoon" in response.content.decode()
    bijdrage.refresh_from_db()
    assert bijdrage.status == Status.GEVRAAGD


def test_the_report_is_attached_to_the_letter_from_the_round_page(client, people, demo):
    from demo.notas import SEED_KENMERK
    from letters.models import Kamerbrief

    ronde = demo.rondes.get(jaar=2023)
    brief = Kamerbrief.objects.get(nota__kenmerk=SEED_KENMERK)
    url = reverse("ronde_attach", args=[ronde.pk])
    client.force_login(people["directeur"])
    response = client.post(url, {"kamerbrief": brief.pk}, follow=True)
    ronde.refresh_from_db()
    assert ronde.bijlage is None
    client.force_login(people["opsteller"])
    assert client.post(url, {"kamerbrief": "x"}, follow=True).status_code == 200
    response = client.post(url, {"kamerbrief": brief.pk}, follow=True)
    assert "als bijlage 4, versie 1" in response.content.decode()
    ronde.refresh_from_db()
    assert ronde.bijlage.kamerbrief == brief
    pdf = client.get(reverse("ronde_pdf", args=[ronde.pk]))
    assert pdf["Content-Type"] == "application/pdf"
