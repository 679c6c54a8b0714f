"""Zoeken: Dutch full-text search over what the searcher may read, and straight to a reference."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from demo.notas import SEED_KENMERK, SEED_VANDAAG, load_demo_notas
from letters.models import Kamerbrief, Nota
from workflow import zoeken
from workflow.models import Motie, Toezegging
from workflow.services.kamerbrief import kamerbrief_create, kamerbrief_edit


@pytest.fixture
def demo(seed_organisation):
    load_demo_notas(vandaag=SEED_VANDAAG)
    return Nota.objects.get(kenmerk=SEED_KENMERK)


def search(client, who, **params):
    client.force_login(who)
    return client.get(reverse("zoeken"), params)


def test_a_word_finds_the_nota_with_a_marked_snippet(client, demo, people):
    page = search(client, people["opsteller"], q="depressiepreventie").content.decode()
    assert f">{demo.onderwerp}</a>" in page
    assert "<mark>" in page.split('id="groep-nota"')[1]
    assert "Kamerbrieven" in page and "Toezeggingen" in page  # every kind, with its count


def test_an_outsider_finds_nothing_of_notas_and_letters_he_may_not_read(client, demo, outsider):
    page = search(client, outsider, q="depressiepreventie").content.decode()
    nota_section = page.split('id="groep-nota"')[1].split("</section>")[0]
    brief_section = page.split('id="groep-kamerbrief"')[1].split("</section>")[0]
    assert "(0)" in nota_section and demo.kenmerk not in page
    assert "(0)" in brief_section
    # Section 5 ("niet openbaar") is searched only where the nota may be read.
    assert (
        search(client, outsider, q=demo.niet_openbaar.split()[0], soort="nota").status_code == 200
    )
    assert demo.niet_openbaar[:40] not in page


def test_section_5_is_found_by_who_may_read_the_nota(client, make_nota, people, outsider):
    nota = make_nota(niet_openbaar="Persoonsgegevens van de klokkenluider Zwaluwstaart.")
    mine = search(client, people["opsteller"], q="Zwaluwstaart").content.decode()
    assert nota.kenmerk in mine and "<mark>Zwaluwstaart</mark>" not in mine.split("<main")[0]
    theirs = search(client, outsider, q="Zwaluwstaart").content.decode()
    assert nota.kenmerk not in theirs and "Zwaluwstaart</mark>" not in theirs


def test_an_exact_kenmerk_or_kamerstuk_goes_straight_to_the_item(client, demo, people):
    response = search(client, people["opsteller"], q=f"  {demo.kenmerk.lower()} ")
    assert response.status_code == 302
    assert response.headers["Location"] == reverse("nota_detail", args=[demo.pk])
    launch = Kamerbrief.objects.get(kenmerk="3382139-1030472-PG")
    for written in ["32 793 nr. 613", "Kamerstuk 32 793, nr. 613", "kst-32793-613"]:
        response = search(client, people["parlementair"], q=written)
        assert response.headers["Location"] == reverse("kamerbrief_detail", args=[launch.pk])
    motie = search(client, people["opsteller"], q="2022D47993")
    assert motie.status_code == 302 and "/moties/" in motie.headers["Location"]


def test_a_reference_the_user_may_not_read_is_not_a_shortcut(client, demo, outsider):
    response = search(client, outsider, q=demo.kenmerk)
    assert response.status_code == 200
    section = response.content.decode().split('id="groep-nota"')[1].split("</section>")[0]
    assert "(0)" in section and demo.kenmerk not in section


def test_every_version_of_a_letter_is_searched(client, make_nota, people, posts):
    nota = make_nota()
    brief = kamerbrief_create(
        nota=nota, by=people["opsteller"], betreft="Voortgang",
        tekst="De eerste versie over zeehonden.",
    )  # fmt: skip
    kamerbrief_edit(kamerbrief=brief, by=people["opsteller"], tekst="Nu over walvissen.")
    page = search(client, people["opsteller"], q="zeehonden", soort="kamerbrief").content.decode()
    assert f'href="{reverse("kamerbrief_detail", args=[brief.pk])}"' in page


def test_the_text_is_escaped_and_only_the_marks_are_markup(client, make_nota, people):
    make_nota(
        onderwerp="<script>alert(1)</script> fietsenstalling",
        aanleiding="Over de fietsenstalling <b>vet</b>.",
    )
    page = search(client, people["opsteller"], q="fietsenstalling").content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
    assert "<b>vet</b>" not in page


def test_filters_and_a_wrong_period_are_explained(client, demo, people):
    page = search(client, people["opsteller"], q="gezondheid", van="2024-01-01", tot="2023-01-01")
    assert "De periode eindigt voordat hij begint." in page.content.decode()
    only_motions = search(
        client, people["opsteller"], q="gezondheid", soort="motie"
    ).content.decode()
    assert 'id="groep-motie"' in only_motions and 'id="groep-nota"' not in only_motions


def test_the_page_is_bounded_whatever_the_number_of_hits(
    client, seed_organisation, people, posts, register_toezegging
):
    for n in range(60):
        register_toezegging(
            tekst=f"Toezegging nummer {n} over de ggz-wachttijden",
            tk_nummer=f"TZ202312-{n + 1:03d}",
        )
    client.force_login(people["opsteller"])
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("zoeken"), {"q": "wachttijden"}).content.decode()
    assert len(queries) <= 15, [q["sql"][:120] for q in queries]
    assert page.count('href="/toezeggingen/') == zoeken.PER_SOORT + 1  # and the menu's
    assert "(60)" in page and Toezegging.objects.count() == 60


@pytest.mark.postgres
def test_dutch_stemming_finds_the_singular_from_the_plural(client, make_nota, people):
    nota = make_nota(aanleiding="De wachtlijst voor de jeugd-ggz groeit.")
    page = search(client, people["opsteller"], q="wachtlijsten").content.decode()
    assert nota.kenmerk in page


@pytest.mark.postgres
def test_postgresql_answers_from_the_indexes(make_nota, people):
    make_nota()
    query = zoeken._Postgres(zoeken.Zoekvraag(q="gezondheid"))
    plans = []
    with connection.cursor() as cursor:
        # On a near-empty table the planner may prefer any plain scan; with those priced out,
        # a plan that can answer from the GIN indexes must use them (bitmap scans).
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_indexscan = off")
        try:
            for soort, qs, velden in [
                ("nota", Nota.objects.all(), zoeken.NOTA_VELDEN),
                ("kamerbrief", Kamerbrief.objects.all(), zoeken.BRIEF_VELDEN),
                ("toezegging", Toezegging.objects.all(), zoeken.TOEZEGGING_VELDEN),
            ]:
                plans.append(query.filter(soort, qs, velden).explain())
        finally:
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_indexscan")
    assert "nota_zoek" in plans[0] and "toelichtingspunt_zoek" in plans[0], plans[0]
    assert "kamerbrief_zoek" in plans[1] and "kamerbriefversie_zoek" in plans[1]
    assert "toezegging_zoek" in plans[2]


@pytest.mark.postgres
def test_exact_reference_lookups_answer_from_the_upper_indexes(make_nota, people):
    """direct_naar compares references case-blind (UPPER(x) = UPPER(y)): each such lookup has a
    functional index on UPPER(x), so a jump does not read a whole table."""
    nota = make_nota()
    lookups = {
        "nota_kenmerk_upper": Nota.objects.filter(kenmerk__iexact=nota.kenmerk.lower()),
        "kamerbrief_kenmerk_upper": Kamerbrief.objects.filter(kenmerk__iexact="x-1-pg"),
        "toezegging_tk_nummer_upper": Toezegging.objects.filter(tk_nummer__iexact="tz10001"),
        "motie_tk_document_upper": Motie.objects.filter(tk_document_nummer__iexact="2023z1"),
        "motie_tk_zaak_upper": Motie.objects.filter(tk_zaak_nummer__iexact="2023z1"),
    }
    with connection.cursor() as cursor:
        # Priced out, as above: on a near-empty table a plain scan would do as well.
        cursor.execute("SET enable_seqscan = off")
        try:
            plans = {index: qs.values("pk").explain() for index, qs in lookups.items()}
        finally:
            cursor.execute("RESET enable_seqscan")
    for index, plan in plans.items():
        assert index in plan, plan
    assert Nota.objects.filter(kenmerk__iexact=nota.kenmerk.lower()).get() == nota


def test_status_and_directie_filters_narrow_the_kinds_and_the_items(client, make_nota, people):
    from workflow.models import Organisatieonderdeel
    from workflow.services.nota import nota_indienen

    concept = make_nota(onderwerp="Wachtlijstaanpak concept")
    ingediend = make_nota(onderwerp="Wachtlijstaanpak ingediend")
    nota_indienen(nota=ingediend, by=people["opsteller"])
    who = people["opsteller"]

    page = search(client, who, q="wachtlijstaanpak", status="nota:in_parafering").content.decode()
    assert ingediend.kenmerk in page and concept.kenmerk not in page
    assert 'id="groep-toezegging"' not in page  # a nota's status: only notas

    pg = Organisatieonderdeel.objects.get(code="PG")
    page = search(client, who, q="wachtlijstaanpak", directie=pg.pk).content.decode()
    assert ingediend.kenmerk in page and concept.kenmerk in page
    assert 'id="groep-motie"' not in page  # moties belong to no directie

    other = Organisatieonderdeel.objects.create(
        ministerie=pg.ministerie, soort=Organisatieonderdeel.Soort.DIRECTIE, code="ZZ", naam="Z"
    )
    page = search(client, who, q="wachtlijstaanpak", directie=other.pk).content.decode()
    assert ingediend.kenmerk not in page and concept.kenmerk not in page

    wrong = search(client, who, q="wachtlijstaanpak", status="nota:bestaat_niet").content.decode()
    assert "Selecteer een geldige keuze" in wrong


def test_hits_are_counted_up_to_a_cap_and_only_the_newest_are_ranked(
    client, seed_organisation, people, posts, register_toezegging, monkeypatch
):
    """However common the word, the page reads a bounded number of ids and ranks a bounded
    number of candidates (the newest): "meer dan N" instead of counting every hit."""
    monkeypatch.setattr(zoeken, "TELLEN_TOT", 5)
    monkeypatch.setattr(zoeken, "RANGSCHIKKEN", 3)
    oudste = register_toezegging(
        tekst="Over de kwelders, de kwelders en nog eens de kwelders.", tk_nummer="TZ202312-001"
    )
    nieuwe = [
        register_toezegging(
            tekst=f"Toezegging {n} over de kwelders", tk_nummer=f"TZ202312-{n + 1:03d}"
        )
        for n in range(2, 9)
    ]
    page = search(client, people["opsteller"], q="kwelders", soort="toezegging").content.decode()
    groep = page.split('id="groep-toezegging"')[1].split("</section>")[0]
    assert "(meer dan 5)" in groep and "Meer dan 5 resultaten" in page
    shown = {t.pk for t in nieuwe if f'href="/toezeggingen/{t.pk}/"' in groep}
    assert shown == {t.pk for t in nieuwe[-3:]}  # the newest three, ranked
    assert f'href="/toezeggingen/{oudste.pk}/"' not in groep  # the best, but not a candidate
    assert "De 20 beste van de 3 nieuwste" in groep


def test_a_count_under_the_cap_is_exact(client, seed_organisation, people, register_toezegging):
    for n in range(3):
        register_toezegging(tekst=f"Toezegging {n} over slikken", tk_nummer=f"TZ202312-{n + 1:03d}")
    page = search(client, people["opsteller"], q="slikken", soort="toezegging").content.decode()
    assert "(3)" in page and "3 resultaten" in page and "meer dan" not in page.lower()


@pytest.mark.postgres
def test_whether_a_nota_is_on_my_route_is_read_from_the_indexes_alone(make_nota, people):
    """notas_visible_to asks for the notas on a person's route as two checks, each answered by
    an index on (person, nota): a busy parafeerder's tens of thousands of steps are not read
    from the table for every search or list."""
    from workflow.selectors import notas_visible_to

    make_nota()
    with connection.cursor() as cursor:
        # Priced out, as above: on a near-empty table any plain scan would do.
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_bitmapscan = off")
        try:
            plan = notas_visible_to(people["directeur"]).values("pk").explain()
        finally:
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_bitmapscan")
    assert "parafeerstap_parafeerder_nota" in plan, plan
    # The second check by an index on who finished the step: the (person, nota) one, or on a
    # near-empty table, priced the same, the foreign key's own; never the table itself.
    assert re.search(r"parafeerstap_afgehandeld_nota|afgehandeld_door_id_\w+ on", plan), plan
    assert "Seq Scan on workflow_parafeerstap" not in plan, plan


def test_words_without_a_digit_are_no_reference_and_cost_no_lookup(demo, people):
    # Every reference holds a digit: plain words skip the lookup of exact references.
    with CaptureQueriesContext(connection) as queries:
        assert zoeken.direct_naar("wachtlijsten ggz", people["opsteller"]) is None
    assert len(queries) == 0
    with CaptureQueriesContext(connection) as queries:
        assert zoeken.direct_naar("2022D00000", people["opsteller"]) is None
    assert len(queries) >= 1
