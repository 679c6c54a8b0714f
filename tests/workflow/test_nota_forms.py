"""Writing a nota in the browser's forms: create, edit sections and route, and refusals."""

import pytest
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
    # The route's people with their function: a bare name does not tell which Jansen; no
    # <select> of the whole organisation.
    assert "<strong>Dewi Bakker</strong>, Directeur PG" in page.content.decode()
    assert "<option" not in page.content.decode().split('id="route"')[1].split("</fieldset>")[0]
    data = {
        "soort": nota.soort, "aan": nota.aan_id, "deadline": "2023-12-15",
        "deadline_omschrijving": "", "onderwerp": nota.onderwerp, "aanleiding": "",
        "geadviseerd_besluit": "Akkoord.", "kernpunten": "", "niet_openbaar": "", "bijlagen": "",
        "c_nvt": "on", "g_tekst": "De toezegging wordt afgedaan.",
        "route-aantal": "3",
        "route-0-parafeerder": people["directeur"].pk,
        "route-1-parafeerder": people["afdelingshoofd"].pk, "route-1-samen": "ja",
        "route-2-parafeerder": people["dg"].pk,
    }  # fmt: skip
    response = client.post(reverse("nota_edit", args=[nota.pk]), data)
    assert response.status_code == 302
    punten = {p.punt: p for p in nota.toelichting.all()}
    assert punten["c"].niet_van_toepassing
    assert punten["g"].tekst == "De toezegging wordt afgedaan."
    route = [(s.volgorde, s.parafeerder.username) for s in current_route(nota)]
    assert sorted(route) == [(1, "afdelingshoofd"), (1, "directeur"), (2, "dg")]


def _edit_data(nota, **route):
    return {"soort": nota.soort, "aan": nota.aan_id, "onderwerp": nota.onderwerp,
            "deadline": "2023-12-15", "geadviseerd_besluit": "Akkoord.", **route}  # fmt: skip


def test_the_route_editor_moves_removes_and_adds_steps_by_buttons(client, make_nota, people):
    nota = make_nota()
    client.force_login(people["opsteller"])
    url = reverse("nota_edit", args=[nota.pk])
    route = {"route-aantal": "3", "route-0-parafeerder": people["afdelingshoofd"].pk,
             "route-1-parafeerder": people["directeur"].pk,
             "route-2-parafeerder": people["dg"].pk}  # fmt: skip

    def names(content):
        editor = content.split('id="route"')[1].split("</fieldset>")[0]
        return [part.split("</strong>")[0] for part in editor.split("<strong>")[1:]]

    # Up: the directeur before the afdelingshoofd; nothing is saved by an editor button.
    response = client.post(url, _edit_data(nota, route_actie="op:1", **route))
    assert response.status_code == 200
    assert names(response.content.decode()) == ["Dewi Bakker", "Anton Jansen", "Gerard Visser"]
    assert [s.parafeerder.username for s in current_route(nota)] == [
        "afdelingshoofd", "directeur", "dg",
    ]  # fmt: skip
    response = client.post(url, _edit_data(nota, route_actie="weg:2", **route))
    assert names(response.content.decode()) == ["Anton Jansen", "Dewi Bakker"]
    # Search: only who may initial (not the office's staff, not the drafter), at most 20.
    response = client.post(url, _edit_data(nota, route_actie="zoek", route_zoek="Bakker", **route))
    content = response.content.decode()
    assert f'value="voeg:{people["directeur"].pk}"' in content
    response = client.post(url, _edit_data(nota, route_actie="zoek", route_zoek="Lars", **route))
    assert "Niemand gevonden die mag paraferen" in response.content.decode()  # bureau-mlzs
    response = client.post(
        url, _edit_data(nota, route_actie=f"voeg:{people['directeur'].pk}", **route)
    )
    assert names(response.content.decode())[-1] == "Dewi Bakker"
    # Saving the edited route.
    response = client.post(url, _edit_data(nota, **{**route, "route-aantal": "2"}))
    assert response.status_code == 302
    assert [(s.volgorde, s.parafeerder.username) for s in current_route(nota)] == [
        (1, "afdelingshoofd"), (2, "directeur"),
    ]  # fmt: skip


def test_someone_who_may_not_initial_is_refused_by_the_form_and_the_service(
    client, make_nota, people
):
    from workflow.handelen import ActionNotAllowed
    from workflow.services.route import nota_route_set

    nota = make_nota()
    client.force_login(people["opsteller"])
    response = client.post(
        reverse("nota_edit", args=[nota.pk]),
        _edit_data(nota, **{"route-aantal": "1",
                            "route-0-parafeerder": people["bureau-mlzs"].pk}),
    )  # fmt: skip
    assert "kan niet paraferen: kies iemand anders." in response.content.decode()
    with pytest.raises(ActionNotAllowed, match="kan niet paraferen"):
        nota_route_set(nota=nota, by=people["opsteller"], stappen=[(1, people["bureau-mlzs"], "")])


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


def test_after_akkoord_met_wijzigingen_the_opsteller_saves_the_content_by_the_page(
    client, make_nota, people, offices
):
    """The form after that besluit has no route editor; saving it must still save the text."""
    from workflow.services.nota import nota_besluit_vastleggen, nota_indienen, nota_paraferen

    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"])
    for name in ("afdelingshoofd", "directeur", "dg"):
        nota_paraferen(nota=nota, by=people[name])
    nota_besluit_vastleggen(
        nota=nota, by=offices["StasVWS"], uitkomst="akkoord_met_wijzigingen",
        toelichting="Graag de planning in punt 3 aanscherpen.",
    )  # fmt: skip
    client.force_login(people["opsteller"])
    url = reverse("nota_edit", args=[nota.pk])
    page = client.get(url)
    assert page.context["route_form"] is None
    data = _edit_data(nota, geadviseerd_besluit="Akkoord, met de planning aangescherpt.")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    nota.refresh_from_db()
    assert nota.geadviseerd_besluit == "Akkoord, met de planning aangescherpt."
