"""The nota pages: who may see them, the actions they show, and a fixed number of queries."""

import pytest
from django.urls import reverse

from demo.notas import SEED_KENMERK, SEED_VANDAAG, load_demo_notas
from letters.models import Nota
from workflow.services.nota import nota_indienen, nota_paraferen, nota_terugsturen
from workflow.views import algemeen


@pytest.fixture
def demo(seed_organisation):
    load_demo_notas(vandaag=SEED_VANDAAG)
    return Nota.objects.get(kenmerk=SEED_KENMERK)


def test_seed_nota_is_ter_beslissing_after_its_full_route(demo):
    assert demo.status == Nota.Status.TER_BESLISSING
    assert demo.deadline.isoformat() == "2023-12-15"
    assert demo.datum.isoformat() == "2023-11-30"
    assert demo.aan.afkorting == "StasVWS"
    assert [b.afkorting for b in demo.cc.all()] == ["MLZS"]
    assert demo.bijlagen.count() == 4
    assert [s.parafeerder.username for s in demo.parafeerstappen.order_by("volgorde")] == [
        "afdelingshoofd", "directeur", "dg",
    ]  # fmt: skip
    assert list(demo.gebeurtenissen.values_list("actie", flat=True))[-1] == (
        "ter_beslissing_voorgelegd"
    )


def test_demo_notas_load_once(demo):
    count = Nota.objects.count()
    load_demo_notas(vandaag=SEED_VANDAAG)
    assert Nota.objects.count() == count


@pytest.mark.parametrize(
    ("who", "status"),
    [("opsteller", 200), ("secretariaat", 200), ("bureau-mlzs", 200), ("dg", 200),
     ("parlementair", 200), ("beheerder", 200)],
)  # fmt: skip
def test_who_may_read_the_seed_nota(client, demo, user_named, who, status):
    client.force_login(user_named(who))
    response = client.get(reverse("nota_detail", args=[demo.pk]))
    assert response.status_code == status


def test_an_outsider_gets_not_found(client, demo, outsider):
    client.force_login(outsider)
    assert client.get(reverse("nota_detail", args=[demo.pk])).status_code == 404
    response = client.post(reverse("nota_action", args=[demo.pk, "akkoord"]))
    assert response.status_code == 404
    demo.refresh_from_db()
    assert demo.status == Nota.Status.TER_BESLISSING


def test_detail_shows_the_header_block_and_only_the_allowed_choices(client, demo, user_named):
    client.force_login(user_named("secretariaat"))
    content = client.get(reverse("nota_detail", args=[demo.pk])).content.decode()
    for label in ("Aan", "CC", "Deadline", "Datum document", "Kenmerk", "Bijlage(n)"):
        assert f"<dt>{label}</dt>" in content
    assert SEED_KENMERK in content
    assert "15 december 2023" in content
    # One decision form: the four outcomes as radios, one remark, one button.
    for code, label in (
        ("akkoord", "Akkoord"), ("akkoord_met_wijzigingen", "Akkoord met wijzigingen"),
        ("niet_akkoord", "Niet akkoord"), ("aanhouden", "Aanhouden"),
    ):  # fmt: skip
        assert f'type="radio" name="keuze" id="keuze-besluit-{code}" value="{code}"' in content
        assert f'for="keuze-besluit-{code}">{label}</label>' in content
    assert content.count('name="opmerking"') == 1
    assert content.count('name="persoonlijk"') == 1
    assert ">Besluit vastleggen</button>" in content
    assert "Verplicht bij: Akkoord met wijzigingen, Niet akkoord, Aanhouden." in content
    assert 'value="paraferen"' not in content
    client.force_login(user_named("opsteller"))
    content = client.get(reverse("nota_detail", args=[demo.pk])).content.decode()
    assert 'value="akkoord"' not in content
    # Withdrawing is a link to a confirmation, not a button that acts on one click.
    assert ">Intrekken</button>" not in content
    assert reverse("nota_withdraw_confirm", args=[demo.pk]) in content


def test_the_summary_says_where_the_nota_stands(client, demo, user_named):
    client.force_login(user_named("opsteller"))
    content = client.get(reverse("nota_detail", args=[demo.pk])).content.decode()
    stand = content.split('id="stand-kop"')[1].split("</section>")[0]
    assert "Ligt nu bij" in stand
    office = "het bureau van de Staatssecretaris van Volksgezondheid, Welzijn en Sport"
    assert f"{office} · sinds" in stand
    assert "Het bureau legt het besluit van de Staatssecretaris van Volksgezondheid" in stand
    assert "<dt>Deadline</dt><dd>15 december 2023 · " in stand
    # The heading no longer says "ter beslissing" above a nota whose status may be another.
    assert "(ter beslissing)</p>" not in content


def test_office_records_akkoord_through_the_one_decision_form(client, demo, user_named):
    client.force_login(user_named("secretariaat"))
    response = client.post(
        reverse("nota_action", args=[demo.pk, "besluit"]),
        {"keuze": "akkoord", "persoonlijk": "ja"},
        follow=True,
    )
    assert "Besluit vastgelegd: akkoord. De nota ligt nu bij Fatima de Vries" in (
        response.content.decode()
    )
    demo.refresh_from_db()
    assert demo.status == Nota.Status.AKKOORD
    assert demo.besluiten.get().persoonlijk


def test_office_records_akkoord_through_the_action_url(client, demo, user_named):
    client.force_login(user_named("secretariaat"))
    response = client.post(
        reverse("nota_action", args=[demo.pk, "akkoord"]), {"persoonlijk": "ja"}, follow=True
    )
    assert "Besluit vastgelegd: akkoord." in response.content.decode()
    demo.refresh_from_db()
    assert demo.status == Nota.Status.AKKOORD


def test_a_decision_without_a_choice_shows_an_error_summary(client, demo, user_named):
    client.force_login(user_named("secretariaat"))
    response = client.post(
        reverse("nota_action", args=[demo.pk, "besluit"]), {"opmerking": "Mijn lange opmerking"}
    )
    assert response.status_code == 200  # the page again, as GOV.UK answers a form
    content = response.content.decode()
    assert "Er is een probleem" in content
    assert '<a href="#keuze-besluit-akkoord">Kies wat u doet met de nota.</a>' in content
    assert "Mijn lange opmerking</textarea>" in content  # what was typed is not lost
    demo.refresh_from_db()
    assert demo.status == Nota.Status.TER_BESLISSING


def test_a_choice_that_needs_a_remark_refuses_without_one_and_keeps_the_choice(
    client, demo, user_named
):
    client.force_login(user_named("secretariaat"))
    response = client.post(
        reverse("nota_action", args=[demo.pk, "besluit"]),
        {"keuze": "aanhouden", "opmerking": "  ", "persoonlijk": "ja"},
    )
    assert response.status_code == 200  # the page again, as GOV.UK answers a form
    content = response.content.decode()
    assert '<a href="#opmerking-besluit">Geef de reden om de nota aan te houden.</a>' in content
    assert 'value="aanhouden" data-opmerking-verplicht checked' in content
    assert 'id="persoonlijk-besluit" name="persoonlijk" value="ja" checked' in content
    demo.refresh_from_db()
    assert demo.status == Nota.Status.TER_BESLISSING
    assert not demo.besluiten.exists()


def test_a_choice_from_another_decision_is_refused(client, demo, user_named):
    client.force_login(user_named("secretariaat"))
    response = client.post(
        reverse("nota_action", args=[demo.pk, "besluit"]), {"keuze": "intrekken", "opmerking": "x"}
    )
    assert response.status_code == 200  # the page again, as GOV.UK answers a form
    demo.refresh_from_db()
    assert demo.status == Nota.Status.TER_BESLISSING


def test_withdrawing_asks_for_confirmation_with_its_consequences(client, demo, user_named):
    client.force_login(user_named("opsteller"))
    url = reverse("nota_withdraw_confirm", args=[demo.pk])
    content = client.get(url).content.decode()
    assert "Intrekken kan niet ongedaan worden gemaakt." in content
    assert "utrecht-button--warning" in content
    response = client.post(url, {"opmerking": ""})
    assert response.status_code == 200  # the page again, as GOV.UK answers a form
    assert "Er is een probleem" in response.content.decode()
    demo.refresh_from_db()
    assert demo.status == Nota.Status.TER_BESLISSING
    response = client.post(url, {"opmerking": "Niet meer nodig."}, follow=True)
    assert "Ingetrokken. De nota is nu ingetrokken." in response.content.decode()
    demo.refresh_from_db()
    assert demo.status == Nota.Status.INGETROKKEN


def test_only_who_may_withdraw_sees_the_confirmation(client, demo, user_named):
    client.force_login(user_named("secretariaat"))
    response = client.get(reverse("nota_withdraw_confirm", args=[demo.pk]))
    assert response.status_code == 302
    response = client.post(reverse("nota_withdraw_confirm", args=[demo.pk]), {"opmerking": "x"})
    demo.refresh_from_db()
    assert demo.status == Nota.Status.TER_BESLISSING


def test_a_refused_action_shows_why(client, demo, user_named):
    client.force_login(user_named("secretariaat"))
    response = client.post(
        reverse("nota_action", args=[demo.pk, "aanhouden"]), {"opmerking": ""}, follow=True
    )
    assert "Geef de reden om de nota aan te houden." in response.content.decode()
    demo.refresh_from_db()
    assert demo.status == Nota.Status.TER_BESLISSING


def test_actions_need_post(client, demo, user_named):
    client.force_login(user_named("secretariaat"))
    assert client.get(reverse("nota_action", args=[demo.pk, "akkoord"])).status_code == 405


def test_werkvoorraad_lists_what_waits_for_me(client, demo, user_named):
    client.force_login(user_named("directeur"))
    content = client.get(reverse("home")).content.decode()
    assert "Subsidieverlening landelijke campagne" in content  # waiting for the directeur
    client.force_login(user_named("secretariaat"))
    content = client.get(reverse("home")).content.decode()
    assert SEED_KENMERK in content


def _many_notas(make_nota, people, n):
    for _ in range(n):
        nota = make_nota()
        nota_indienen(nota=nota, by=people["opsteller"])


def test_a_long_group_shows_the_most_urgent_first_and_the_rest_on_request(
    client, make_nota, people, monkeypatch
):
    monkeypatch.setattr(algemeen, "TOON_PER_GROEP", 3)
    _many_notas(make_nota, people, 5)
    client.force_login(people["afdelingshoofd"])
    content = client.get(reverse("home")).content.decode()
    te_paraferen = content.split('id="groep-te_paraferen"')[1].split("</section>")[0]
    assert te_paraferen.count("<tr>") == 1 + 3  # the header and three lines
    assert "De eerste 3 van 5, de vroegste deadline eerst." in te_paraferen
    assert 'href="?alle=te_paraferen#groep-te_paraferen">Alle 5 tonen</a>' in te_paraferen
    content = client.get(reverse("home"), {"alle": "te_paraferen"}).content.decode()
    te_paraferen = content.split('id="groep-te_paraferen"')[1].split("</section>")[0]
    assert te_paraferen.count("<tr>") == 1 + 5
    assert "Alle 5 tonen" not in te_paraferen


@pytest.mark.parametrize("who", ["opsteller", "afdelingshoofd", "secretariaat"])
def test_werkvoorraad_queries_do_not_grow_with_rows(
    client, make_nota, people, who, django_assert_max_num_queries
):
    client.force_login(people[who])
    _many_notas(make_nota, people, 3)
    with django_assert_max_num_queries(15) as few:
        client.get(reverse("home"))
    _many_notas(make_nota, people, 12)
    with django_assert_max_num_queries(len(few)):
        client.get(reverse("home"))


def test_nota_detail_queries_do_not_grow_with_history(
    client, make_nota, people, django_assert_max_num_queries
):
    nota = make_nota()
    client.force_login(people["opsteller"])
    # The page also shows the toezeggingen and moties linked to the nota, and the open ones its
    # opsteller can link; still within the 15 queries every page keeps to.
    with django_assert_max_num_queries(15) as few:
        client.get(reverse("nota_detail", args=[nota.pk]))
    for _ in range(4):
        nota_indienen(nota=nota, by=people["opsteller"])
        nota_paraferen(nota=nota, by=people["afdelingshoofd"])
        nota_terugsturen(nota=nota, by=people["directeur"], remark="Nog niet.")
    with django_assert_max_num_queries(len(few)):
        client.get(reverse("nota_detail", args=[nota.pk]))


def test_graph_transitions_shows_the_nota_states():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("graph_transitions", "letters.Nota", "workflow.Parafeerstap", stdout=out)
    graph = out.getvalue()
    for state in Nota.Status.values:
        assert f"letters.nota.status.{state}" in graph
    assert "workflow.parafeerstap.status.aan_de_beurt" in graph


def test_the_office_does_not_see_concepts_before_submission(client, make_nota, people):
    nota = make_nota()
    client.force_login(people["secretariaat"])
    assert client.get(reverse("nota_detail", args=[nota.pk])).status_code == 404
    nota_indienen(nota=nota, by=people["opsteller"])
    assert client.get(reverse("nota_detail", args=[nota.pk])).status_code == 200


def test_another_office_and_another_directies_manager_get_not_found(client, make_nota, people):
    from workflow.models import Medewerker, Organisatieonderdeel

    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"])
    vgp = Organisatieonderdeel.objects.get(code="VGP")
    other_manager = Medewerker.objects.create_user(
        username="dir-vgp", password="x", organisatieonderdeel=vgp
    )
    vgp.manager = other_manager
    vgp.save()
    for who in (people["bureau-mlzs"], other_manager):  # MLZS is not in cc of this nota
        client.force_login(who)
        assert client.get(reverse("nota_detail", args=[nota.pk])).status_code == 404


def test_a_former_substitute_still_reads_what_they_initialled(client, make_nota, people, absent):
    from datetime import date

    from workflow.models import Medewerker

    plv = Medewerker.objects.create_user(username="plv", password="x")
    absent(people["afdelingshoofd"], plv, van=date(2000, 1, 1), tot=date(2000, 1, 2))
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"])
    from tests.support import at

    nota_paraferen(nota=nota, by=plv, now=at(1, 10, month=1, year=2000))
    client.force_login(plv)
    assert client.get(reverse("nota_detail", args=[nota.pk])).status_code == 200


def test_office_queue_queries_do_not_grow_with_rows(
    client, make_nota, people, django_assert_max_num_queries
):
    def up_for_decision(n):
        for _ in range(n):
            nota = make_nota()
            nota_indienen(nota=nota, by=people["opsteller"])
            for name in ("afdelingshoofd", "directeur", "dg"):
                nota_paraferen(nota=nota, by=people[name])

    client.force_login(people["secretariaat"])
    up_for_decision(2)
    with django_assert_max_num_queries(15) as few:
        response = client.get(reverse("home"))
    assert response.content.decode().count("/notas/") >= 2
    up_for_decision(8)
    with django_assert_max_num_queries(len(few)):
        response = client.get(reverse("home"))
    assert response.content.decode().count("/notas/") >= 10


@pytest.mark.parametrize(
    "who", ["secretariaat", "opsteller", "dg", "bureau-mlzs", "parlementair", "beheerder"]
)
def test_the_nota_page_shows_the_afstemming_per_co_signer(
    client, demo, user_named, who, django_assert_max_num_queries
):
    client.force_login(user_named(who))
    with django_assert_max_num_queries(15):
        content = client.get(reverse("nota_detail", args=[demo.pk])).content.decode()
    section = content[content.index('id="afstemming-kop"') :]
    section = section[: section.index("</section>")]
    assert "Afstemming van brief" in section
    assert section.count("<tr><td data-label=") == 6  # the six co-signers of the seed letter
    assert "Minister voor Langdurige Zorg en Sport" in section and "aangevraagd" in section
    assert section.count("akkoord") >= 5


def test_a_group_sorts_on_subject_and_empty_groups_fold_into_one_line(client, make_nota, people):
    for onderwerp in ("Zorgverzekering", "Apotheken", "Mantelzorg"):
        nota_indienen(nota=make_nota(onderwerp=onderwerp), by=people["opsteller"])
    client.force_login(people["afdelingshoofd"])
    content = client.get(reverse("home"), {"sorteer": "te_paraferen:onderwerp"}).content.decode()
    groep = content.split('id="groep-te_paraferen"')[1].split("</section>")[0]
    assert groep.index("Apotheken") < groep.index("Mantelzorg") < groep.index("Zorgverzekering")
    assert '<th scope="col" aria-sort="ascending"><a href="?sorteer=te_paraferen:onderwerp' in groep
    # An unknown order is the default (deadline), not an error.
    assert client.get(reverse("home"), {"sorteer": "te_paraferen:drop"}).status_code == 200
    # A parafeerder has no office: the office's groups are not shown, not even as empty.
    assert 'id="groep-ter_beslissing"' not in content
    assert "Verzoeken om ons akkoord" not in content
    assert "Leeg: " in content and "Mijn concepten" in content.split("Leeg: ")[1]
