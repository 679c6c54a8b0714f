"""Writing a nota in the browser's forms: create, edit sections and route, and refusals."""

from django.urls import reverse

from letters.models import Nota
from workflow.services.nota import current_route, nota_indienen


def test_opsteller_creates_a_nota_with_the_route_of_the_template(
    client, people, stas, route_template
):
    client.force_login(people["opsteller"])
    response = client.post(
        reverse("nota_new"),
        {
            "soort": "ter_beslissing", "aan": stas.pk, "deadline": "2023-12-15",
            "deadline_omschrijving": "voor het kerstreces", "onderwerp": "Nieuwe nota",
            "aanleiding": "Omdat.", "geadviseerd_besluit": "Akkoord.", "kernpunten": "",
            "niet_openbaar": "", "bijlagen": "Bijlage een\n\nBijlage twee\n",
        },
    )  # fmt: skip
    nota = Nota.objects.get(onderwerp="Nieuwe nota")
    assert response.status_code == 302
    # The opsteller lands on the nota's page (where it stands, what next), not the form again.
    assert response["Location"] == reverse("nota_detail", args=[nota.pk])
    assert [b.titel for b in nota.bijlagen.all()] == ["Bijlage een", "Bijlage twee"]
    assert [s.parafeerder.username for s in current_route(nota)] == [
        "afdelingshoofd", "directeur", "dg",
    ]  # fmt: skip


def test_a_missing_subject_is_refused_in_dutch_and_nothing_is_stored(client, people, stas):
    client.force_login(people["opsteller"])
    response = client.post(reverse("nota_new"), {"soort": "ter_beslissing", "aan": stas.pk})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Dit veld is verplicht." in content
    # The error summary at the top links to the field, which repeats the message.
    summary = content.split('class="foutoverzicht"')[1].split("</div>")[0]
    assert "Er is een probleem" in summary
    assert '<a href="#id_onderwerp">Dit veld is verplicht.</a>' in summary
    assert not Nota.objects.exists()


def test_opsteller_edits_the_checklist_and_the_route(client, make_nota, people):
    nota = make_nota()
    client.force_login(people["opsteller"])
    page = client.get(reverse("nota_edit", args=[nota.pk]))
    assert "Niet van toepassing" in page.content.decode()
    # The route's people with their function: a bare name does not tell which Jansen.
    assert ">Dewi Bakker, Directeur PG</option>" in page.content.decode()
    data = {
        "soort": nota.soort, "aan": nota.aan_id, "deadline": "2023-12-15",
        "deadline_omschrijving": "", "onderwerp": nota.onderwerp, "aanleiding": "",
        "geadviseerd_besluit": "Akkoord.", "kernpunten": "", "niet_openbaar": "", "bijlagen": "",
        "c_nvt": "on", "g_tekst": "De toezegging wordt afgedaan.",
        "volgorde_0": "1", "parafeerder_0": people["directeur"].pk,
        "volgorde_1": "1", "parafeerder_1": people["afdelingshoofd"].pk,
        "volgorde_2": "2", "parafeerder_2": people["dg"].pk,
    }  # fmt: skip
    response = client.post(reverse("nota_edit", args=[nota.pk]), data)
    assert response.status_code == 302
    punten = {p.punt: p for p in nota.toelichting.all()}
    assert punten["c"].niet_van_toepassing
    assert punten["g"].tekst == "De toezegging wordt afgedaan."
    route = [(s.volgorde, s.parafeerder.username) for s in current_route(nota)]
    assert sorted(route) == [(1, "afdelingshoofd"), (1, "directeur"), (2, "dg")]


def test_a_parafeerder_without_a_step_number_is_refused(client, make_nota, people):
    nota = make_nota()
    client.force_login(people["opsteller"])
    response = client.post(
        reverse("nota_edit", args=[nota.pk]),
        {"soort": nota.soort, "aan": nota.aan_id, "onderwerp": nota.onderwerp,
         "parafeerder_0": people["dg"].pk},
    )  # fmt: skip
    assert "Geef het stapnummer van deze parafeerder." in response.content.decode()


def test_only_the_opsteller_edits(client, make_nota, people):
    nota = make_nota()
    client.force_login(people["directeur"])
    response = client.get(reverse("nota_edit", args=[nota.pk]), follow=True)
    assert "Alleen de opsteller van deze nota" in response.content.decode()


def test_a_submitted_nota_cannot_be_edited(client, make_nota, people):
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"])
    client.force_login(people["opsteller"])
    response = client.get(reverse("nota_edit", args=[nota.pk]), follow=True)
    assert "Deze nota kan niet meer worden bewerkt." in response.content.decode()
