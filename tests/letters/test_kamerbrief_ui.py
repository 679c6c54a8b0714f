"""The letter's life in the web UI (workflow/views/kamerbrief.py) and what its services gained:
creating it from the nota, the editor's draft and stale-version check, a deadline per office,
the confirmation pages, publication and withdrawal; bad input refused in Dutch with nothing
half-written, and every page within its queries."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from letters.models import Afstemmingsverzoek, Kamerbrief, Kamerbriefconcept, Nota
from workflow.handelen import ActionNotAllowed
from workflow.models import Bewindspersoon, Gebeurtenis, Koppeling
from workflow.services.afstemming import afstemming_beantwoorden, kamerbrief_afstemming_starten
from workflow.services.kamerbrief import (
    BriefGewijzigd,
    kamerbrief_create,
    kamerbrief_draft_save,
    kamerbrief_edit,
)
from workflow.services.nota import nota_besluit_vastleggen, nota_indienen, nota_paraferen
from workflow.services.verzending import kamerbrief_ondertekenen, kamerbrief_verzenden

TEKST = "Geachte voorzitter,\n\nHierbij informeer ik u.[1]\n"


def post(afkorting: str) -> Bewindspersoon:
    return Bewindspersoon.objects.get(afkorting=afkorting)


@pytest.fixture
def nota(make_nota):
    return make_nota(now=timezone.now())


@pytest.fixture
def brief(nota, people):
    return kamerbrief_create(
        nota=nota, by=people["opsteller"], betreft="Voortgang", tekst=TEKST,
        voetnoten=["Kamerstuk 32 793, nr. 613."],
        medeondertekenaars=[post("MLZS"), post("MOCW")],
    )  # fmt: skip


@pytest.fixture
def toezegging(people, stas):
    from workflow.commitments import toezegging_register

    return toezegging_register(
        by=people["parlementair"], tekst="Voor de zomer een rapportage sturen.",
        bewindspersoon=stas, bron="debat", debat="Commissiedebat", debat_datum=date(2023, 3, 1),
    )  # fmt: skip


def login(client, people, name):
    client.force_login(people[name])
    return client


# --- creating the letter -------------------------------------------------------------------------


def test_a_nota_ter_kennisname_gets_no_letter(make_nota, people):
    nota = make_nota(soort=Nota.Soort.TER_INFORMATIE)
    with pytest.raises(ActionNotAllowed, match="ter kennisname"):
        kamerbrief_create(nota=nota, by=people["opsteller"], betreft="X", tekst=TEKST)
    assert not Kamerbrief.objects.exists()


def test_the_sender_cannot_co_sign_and_nothing_is_made(nota, people, stas):
    events = Gebeurtenis.objects.count()
    with pytest.raises(ActionNotAllowed, match="kan dus niet ook medeondertekenaar zijn"):
        kamerbrief_create(
            nota=nota, by=people["opsteller"], betreft="X", tekst=TEKST,
            medeondertekenaars=[post("MLZS"), stas],
        )  # fmt: skip
    assert not Kamerbrief.objects.exists()
    assert Gebeurtenis.objects.count() == events


def test_uw_brief_is_kept_and_its_date_cannot_lie_ahead(nota, people):
    morgen = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ActionNotAllowed, match="ligt in de toekomst"):
        kamerbrief_create(
            nota=nota, by=people["opsteller"], betreft="X", tekst=TEKST,
            uw_brief_kenmerk="2023Z12345", uw_brief_datum=morgen,
        )  # fmt: skip
    brief = kamerbrief_create(
        nota=nota, by=people["opsteller"], betreft="X", tekst=TEKST,
        uw_brief_kenmerk=" 2023Z12345 ", uw_brief_datum=date(2023, 11, 1),
    )  # fmt: skip
    assert (brief.uw_brief_kenmerk, brief.uw_brief_datum) == ("2023Z12345", date(2023, 11, 1))


def test_the_links_the_letter_does_not_handle_are_unlinked_with_it(nota, people, toezegging):
    from workflow.commitments import nota_link_commitment

    koppeling = nota_link_commitment(
        nota=nota, by=people["opsteller"], wijze="afdoen", toezegging=toezegging
    )
    kamerbrief_create(
        nota=nota, by=people["opsteller"], betreft="X", tekst=TEKST, koppelingen_behouden=[]
    )
    assert Koppeling.objects.get(pk=koppeling.pk).ontkoppeld_op is not None


def test_the_create_page_refuses_an_empty_text_in_dutch(client, nota, people):
    response = login(client, people, "opsteller").post(
        reverse("kamerbrief_nieuw", args=[nota.pk]),
        {"geadresseerde": "tk", "betreft": "Voortgang", "afzender": nota.aan_id,
         "vorm": "mede_namens", "tekst": "   "},
    )  # fmt: skip
    assert response.status_code == 200
    content = response.content.decode()
    assert "Er is een probleem" in content
    assert "De brief heeft geen tekst" in content
    assert not Kamerbrief.objects.exists()


def test_the_nota_page_offers_kamerbrief_opstellen_to_its_opsteller_only(client, nota, people):
    url = reverse("nota_detail", args=[nota.pk])
    assert "Kamerbrief opstellen" in login(client, people, "opsteller").get(url).content.decode()
    assert (
        "Kamerbrief opstellen"
        not in login(client, people, "parlementair").get(url).content.decode()
    )


# --- writing: draft, stale editor, versions --------------------------------------------------


def test_the_draft_is_no_version_and_no_history(brief, people):
    events = Gebeurtenis.objects.count()
    for tekst in ("Eerste poging.", "Tweede poging."):
        kamerbrief_draft_save(kamerbrief=brief, by=people["opsteller"], tekst=tekst, basisversie=1)
    assert Kamerbriefconcept.objects.get(kamerbrief=brief).tekst == "Tweede poging."
    assert brief.versies.count() == 1
    assert Gebeurtenis.objects.count() == events


def test_only_who_may_edit_saves_a_draft(brief, people):
    with pytest.raises(ActionNotAllowed):
        kamerbrief_draft_save(
            kamerbrief=brief, by=people["parlementair"], tekst="Nee.", basisversie=1
        )
    assert not Kamerbriefconcept.objects.exists()


def test_saving_on_an_older_version_is_refused_with_what_changed(brief, people):
    kamerbrief_edit(kamerbrief=brief, by=people["opsteller"], tekst=TEKST + "\nTab 1.\n")
    with pytest.raises(BriefGewijzigd) as refusal:
        kamerbrief_edit(
            kamerbrief=brief, by=people["opsteller"], tekst=TEKST + "\nTab 2.\n", basisversie=1
        )
    assert (refusal.value.basis.nummer, refusal.value.huidige.nummer) == (1, 2)
    assert "Versie 2 van de brief is opgeslagen nadat u de editor op versie 1 opende" in (
        refusal.value.message
    )
    assert brief.versies.count() == 2


def test_the_editor_warns_instead_of_overwriting_another_tab(client, brief, people):
    client = login(client, people, "opsteller")
    url = reverse("kamerbrief_schrijven", args=[brief.pk])
    assert 'name="basisversie" value="1"' in client.get(url).content.decode()
    # Another tab saves version 2 meanwhile.
    kamerbrief_edit(kamerbrief=brief, by=people["opsteller"], tekst=TEKST + "\nTab 1.\n")
    data = {"tekst": TEKST + "\nTab 2.\n", "voetnoten": "Een voetnoot.", "basisversie": "1"}
    response = client.post(url, data)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Wat er intussen is gewijzigd (versie 1 → versie 2)" in content
    assert "+Tab 1." in content
    assert 'name="basisversie" value="2"' in content  # saving again is a choice, made now
    assert brief.versies.count() == 2
    response = client.post(url, data | {"basisversie": "2"})
    assert response.status_code == 302
    assert brief.versies.count() == 3


def test_the_autosave_answers_with_the_preview_and_warns_of_a_newer_version(client, brief, people):
    client = login(client, people, "opsteller")
    url = reverse("kamerbrief_concept", args=[brief.pk])
    response = client.post(url, {"tekst": "# Kop\n\nTekst.[1]", "voetnoten": "Noot.",
                                 "basisversie": "1"})  # fmt: skip
    content = response.content.decode()
    assert "<h3>Kop</h3>" in content and 'href="#voetnoot-1"' in content
    assert "Concept opgeslagen om" in content
    assert "Intussen is versie" not in content
    kamerbrief_edit(kamerbrief=brief, by=people["opsteller"], tekst="Andere tekst.")
    response = client.post(url, {"tekst": "Mijn tekst.", "basisversie": "1"})
    assert "Intussen is versie 2 van de brief opgeslagen" in response.content.decode()


def test_the_editor_reopens_on_the_unsaved_draft(client, brief, people):
    kamerbrief_draft_save(kamerbrief=brief, by=people["opsteller"], tekst="Half af.", basisversie=1)
    content = (
        login(client, people, "opsteller")
        .get(reverse("kamerbrief_schrijven", args=[brief.pk]))
        .content.decode()
    )
    assert "De editor toont uw concept van" in content
    assert "Half af.</textarea>" in content


def test_any_two_versions_are_compared(client, brief, people):
    kamerbrief_edit(kamerbrief=brief, by=people["opsteller"], tekst=TEKST + "Twee.\n")
    kamerbrief_edit(kamerbrief=brief, by=people["opsteller"], tekst=TEKST + "Drie.\n")
    client = login(client, people, "opsteller")
    url = reverse("kamerbrief_verschillen", args=[brief.pk])
    content = client.get(url, {"van": 1, "naar": 3}).content.decode()
    assert "+Drie." in content and "+Twee." not in content
    assert client.get(url, {"van": 9}).status_code == 404


# --- afstemming: a deadline per office ---------------------------------------------------------


def test_each_office_gets_its_own_deadline(brief, people):
    vandaag = timezone.localdate()
    deadlines = {post("MLZS").pk: vandaag + timedelta(days=3), post("MOCW").pk: vandaag}
    kamerbrief_afstemming_starten(kamerbrief=brief, by=people["opsteller"], deadlines=deadlines)
    asked = dict(brief.afstemmingsverzoeken.values_list("bewindspersoon_id", "deadline"))
    assert asked == deadlines


def test_a_deadline_in_the_past_is_refused_and_nobody_is_asked(client, brief, people):
    gisteren = timezone.localdate() - timedelta(days=1)
    response = login(client, people, "opsteller").post(
        reverse("kamerbrief_afstemming_starten", args=[brief.pk]),
        {f"deadline_{post('MLZS').pk}": "2099-01-05", f"deadline_{post('MOCW').pk}": gisteren},
    )
    assert "ligt in het verleden" in response.content.decode()
    assert Kamerbrief.objects.get(pk=brief.pk).status == Kamerbrief.Status.CONCEPT
    assert not Afstemmingsverzoek.objects.exists()


def test_the_form_proposes_the_norm_in_werkdagen(client, brief, people):
    from workflow.deadlines import default_afstemming_deadline

    content = (
        login(client, people, "opsteller")
        .get(reverse("kamerbrief_afstemming_starten", args=[brief.pk]))
        .content.decode()
    )
    voorstel = default_afstemming_deadline(timezone.localdate())
    assert content.count(f'value="{voorstel:%Y-%m-%d}"') == 2
    assert "Deadline voor het bureau van de Minister voor Langdurige Zorg en Sport" in content


# --- signing, sending, publication, withdrawal -------------------------------------------------


@pytest.fixture
def ready(brief, people, offices):
    kamerbrief_afstemming_starten(kamerbrief=brief, by=people["opsteller"])
    for afkorting in ("MLZS", "MOCW"):
        verzoek = brief.afstemmingsverzoeken.get(bewindspersoon__afkorting=afkorting)
        afstemming_beantwoorden(verzoek=verzoek, by=offices[afkorting], antwoord="akkoord")
    nota = brief.nota
    nota_indienen(nota=nota, by=people["opsteller"])
    for name in ("afdelingshoofd", "directeur", "dg"):
        nota_paraferen(nota=nota, by=people[name])
    nota_besluit_vastleggen(nota=nota, by=offices["StasVWS"], uitkomst="akkoord")
    return Kamerbrief.objects.get(pk=brief.pk)


def test_the_confirmation_pages_say_what_will_happen(client, ready, offices):
    client.force_login(offices["StasVWS"])
    content = client.get(
        reverse("kamerbrief_ondertekenen_bevestigen", args=[ready.pk])
    ).content.decode()
    assert "Controleer voordat u ondertekent" in content
    assert "Minister voor Langdurige Zorg en Sport: akkoord" in content
    assert "utrecht-button--primary-action" not in content.split("<form")[-1]
    assert (
        client.get(reverse("kamerbrief_verzenden_bevestigen", args=[ready.pk])).status_code == 302
    )
    kamerbrief_ondertekenen(kamerbrief=ready, by=offices["StasVWS"])
    content = client.get(
        reverse("kamerbrief_verzenden_bevestigen", args=[ready.pk])
    ).content.decode()
    assert "Conny Helder, Minister voor Langdurige Zorg en Sport (mede namens)" in content
    assert "De Voorzitter van de Tweede Kamer der Staten-Generaal" in content
    assert "utrecht-button--primary-action" not in content.split("<form")[-1]


def test_a_kamerstuk_that_does_not_parse_is_refused_and_nothing_saved(
    client, ready, offices, people
):
    kamerbrief_ondertekenen(kamerbrief=ready, by=offices["StasVWS"])
    kamerbrief_verzenden(kamerbrief=ready, by=offices["StasVWS"])
    client = login(client, people, "parlementair")
    url = reverse("kamerbrief_publicatie", args=[ready.pk])
    response = client.post(url, {"kamerstuk": "nr. twaalf", "publicatiedatum": ""})
    assert "Er is een probleem" in response.content.decode()
    assert Kamerbrief.objects.get(pk=ready.pk).status == Kamerbrief.Status.VERZONDEN
    morgen = timezone.localdate() + timedelta(days=1)
    response = client.post(url, {"kamerstuk": "36 200 XVI, nr. 12", "publicatiedatum": morgen})
    assert "De publicatiedatum ligt in de toekomst." in response.content.decode()
    response = client.post(
        url, {"kamerstuk": "36 200 XVI, nr. 12", "publicatiedatum": timezone.localdate()}
    )
    assert response.status_code == 302
    brief = Kamerbrief.objects.get(pk=ready.pk)
    assert (brief.status, brief.kamerstuk) == ("gepubliceerd", "Kamerstuk 36 200 XVI, nr. 12")
    assert brief.publicatiedatum == timezone.localdate()


def test_withdrawing_needs_a_reason(client, brief, people):
    client = login(client, people, "opsteller")
    url = reverse("kamerbrief_intrekken", args=[brief.pk])
    response = client.post(url, {"reden": " "})
    assert "Geef de reden" in response.content.decode()
    assert Kamerbrief.objects.get(pk=brief.pk).status == Kamerbrief.Status.CONCEPT
    assert client.post(url, {"reden": "Niet meer nodig."}).status_code == 302
    assert Kamerbrief.objects.get(pk=brief.pk).status == Kamerbrief.Status.INGETROKKEN


# --- every page within its queries, however long the letter's history --------------------------


def _grow(brief, people, n=15):
    for i in range(n):
        kamerbrief_edit(kamerbrief=brief, by=people["opsteller"], tekst=f"{TEKST}{i}\n")
    kamerbrief_draft_save(
        kamerbrief=brief, by=people["opsteller"], tekst="Concept.", basisversie=n + 1
    )


@pytest.mark.parametrize(
    "name",
    ["kamerbrief_schrijven", "kamerbrief_verschillen", "kamerbrief_afstemming_starten",
     "kamerbrief_intrekken", "kamerbrief_nieuw"],
)  # fmt: skip
def test_the_opstellers_pages_stay_within_15_queries(
    client, brief, make_nota, people, name, django_assert_max_num_queries
):
    _grow(brief, people)
    target = make_nota().pk if name == "kamerbrief_nieuw" else brief.pk
    client = login(client, people, "opsteller")
    with django_assert_max_num_queries(15):
        response = client.get(reverse(name, args=[target]))
    assert response.status_code == 200
    with django_assert_max_num_queries(15):
        client.post(
            reverse("kamerbrief_concept", args=[brief.pk]), {"tekst": "X", "basisversie": "16"}
        )


def test_the_confirmation_and_publication_pages_stay_within_15_queries(
    client, ready, offices, people, django_assert_max_num_queries
):
    client.force_login(offices["StasVWS"])
    with django_assert_max_num_queries(15):
        assert (
            client.get(reverse("kamerbrief_ondertekenen_bevestigen", args=[ready.pk])).status_code
            == 200
        )
    kamerbrief_ondertekenen(kamerbrief=ready, by=offices["StasVWS"])
    with django_assert_max_num_queries(15):
        assert (
            client.get(reverse("kamerbrief_verzenden_bevestigen", args=[ready.pk])).status_code
            == 200
        )
    kamerbrief_verzenden(kamerbrief=ready, by=offices["StasVWS"])
    client = login(client, people, "parlementair")
    with django_assert_max_num_queries(15):
        assert client.get(reverse("kamerbrief_publicatie", args=[ready.pk])).status_code == 200


def test_uw_brief_is_printed_in_the_letters_header(nota, people):
    import io

    from docx import Document

    from letters.docx import build_kamerbrief_docx

    brief = kamerbrief_create(
        nota=nota, by=people["opsteller"], betreft="X", tekst=TEKST,
        uw_brief_kenmerk="2023Z12345", uw_brief_datum=date(2023, 11, 1),
    )  # fmt: skip
    document = Document(io.BytesIO(build_kamerbrief_docx(brief)))
    kop = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert (kop["Uw kenmerk"], kop["Uw brief van"]) == ("2023Z12345", "1 november 2023")
