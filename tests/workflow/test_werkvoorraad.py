"""The werkvoorraad at scale: every group counted whole, only the lines shown read, and the whole
of a group one page at a time (issue 19 item 3)."""

import re
from datetime import date

import pytest
from django.urls import reverse

from letters.models import Nota
from workflow.models import Organisatieonderdeel
from workflow.selectors import Weergave, werkvoorraad_for
from workflow.views import algemeen


@pytest.fixture
def vijf_concepten(make_nota):
    """Five drafts of the opsteller, deadlines 11 … 15 December, subjects in another order."""
    onderwerpen = ["Echo", "Delta", "Charlie", "Bravo", "Alfa"]
    return [
        make_nota(onderwerp=onderwerp, deadline=date(2023, 12, 11 + i))
        for i, onderwerp in enumerate(onderwerpen)
    ]


def _groep(content: str, code: str) -> str:
    return content.split(f'id="groep-{code}"')[1].split("</section>")[0]


def _onderwerpen(groep: str) -> list[str]:
    return re.findall(r'<td data-label="Onderwerp">(\w+)', groep)


def test_a_group_is_counted_whole_but_only_its_first_lines_are_read(vijf_concepten, people):
    werkvoorraad = werkvoorraad_for(people["opsteller"], per_groep=2)
    concepten = werkvoorraad.groep("concepten")
    assert concepten.aantal == 5
    assert [r.onderwerp for r in concepten.regels] == ["Echo", "Delta"]  # earliest deadline


def test_the_whole_group_comes_a_page_at_a_time(client, vijf_concepten, people, monkeypatch):
    monkeypatch.setattr(algemeen, "TOON_PER_GROEP", 2)
    monkeypatch.setattr(algemeen, "ALLE_PER_PAGINA", 2)
    client.force_login(people["opsteller"])
    content = client.get(reverse("home")).content.decode()
    assert '<a href="#groep-concepten">Mijn concepten <span class="count">(5)</span>' in content
    groep = _groep(content, "concepten")
    assert _onderwerpen(groep) == ["Echo", "Delta"]
    assert "De eerste 2 van 5, de vroegste deadline eerst." in groep
    assert 'href="?alle=concepten#groep-concepten">Alle 5 tonen</a>' in groep

    groep = _groep(client.get(reverse("home"), {"alle": "concepten"}).content.decode(), "concepten")
    assert _onderwerpen(groep) == ["Echo", "Delta"]
    assert "Regels 1 tot en met 2 van 5." in groep
    assert 'href="?alle=concepten&amp;pagina=2#groep-concepten" rel="next"' in groep
    assert 'rel="prev"' not in groep

    page = {"alle": "concepten", "pagina": "3"}
    groep = _groep(client.get(reverse("home"), page).content.decode(), "concepten")
    assert _onderwerpen(groep) == ["Alfa"]
    assert "Regels 5 tot en met 5 van 5." in groep
    assert 'href="?alle=concepten&amp;pagina=2#groep-concepten" rel="prev"' in groep
    assert 'rel="next"' not in groep
    # A page past the end is the last one; a page that is no number, the first.
    page["pagina"] = "99"
    groep = _groep(client.get(reverse("home"), page).content.decode(), "concepten")
    assert _onderwerpen(groep) == ["Alfa"]
    page["pagina"] = "twee"
    groep = _groep(client.get(reverse("home"), page).content.decode(), "concepten")
    assert _onderwerpen(groep) == ["Echo", "Delta"]


def test_sorting_and_the_directie_filter_are_done_over_the_whole_group(
    client, vijf_concepten, people, monkeypatch
):
    monkeypatch.setattr(algemeen, "TOON_PER_GROEP", 2)
    vgp = Organisatieonderdeel.objects.get(code="VGP", ministerie__afkorting="VWS")
    Nota.objects.filter(pk__in=[vijf_concepten[0].pk, vijf_concepten[4].pk]).update(
        organisatieonderdeel=vgp
    )
    client.force_login(people["opsteller"])
    sorted_ = client.get(reverse("home"), {"sorteer": "concepten:onderwerp"}).content.decode()
    assert _onderwerpen(_groep(sorted_, "concepten")) == ["Alfa", "Bravo"]  # not the first read

    content = client.get(reverse("home"), {"directie": "concepten:VGP"}).content.decode()
    groep = _groep(content, "concepten")
    assert '<option value="concepten:VGP" selected>' in groep
    assert _onderwerpen(groep) == ["Echo", "Alfa"]
    assert '<span class="count">(2 · VGP)</span>' in groep
    assert 'href="?alle=concepten' not in groep  # both lines are shown

    werkvoorraad = werkvoorraad_for(
        people["opsteller"],
        per_groep=2,
        weergave={"concepten": Weergave(sortering="kenmerk", directie="PG", pagina=2)},
    )
    concepten = werkvoorraad.groep("concepten")
    assert concepten.aantal == 3
    assert concepten.directies == ["PG", "VGP"]
    kenmerken = sorted(n.kenmerk for n in vijf_concepten[1:4])
    assert [r.kenmerk for r in concepten.regels] == kenmerken[2:]


def test_an_office_sees_its_thousands_counted_and_its_most_urgent_first(
    client, make_nota, people, stas, monkeypatch
):
    monkeypatch.setattr(algemeen, "TOON_PER_GROEP", 3)
    notas = [make_nota(onderwerp=f"Besluit{i}", deadline=date(2023, 12, 20 - i)) for i in range(6)]
    Nota.objects.filter(pk__in=[n.pk for n in notas]).update(status=Nota.Status.TER_BESLISSING)
    client.force_login(people["secretariaat"])
    groep = _groep(client.get(reverse("home")).content.decode(), "ter_beslissing")
    assert '<span class="count">(6)</span>' in groep
    assert _onderwerpen(groep) == ["Besluit5", "Besluit4", "Besluit3"]
    assert "Alle 6 tonen" in groep


def test_the_werkvoorraad_reads_as_few_queries_for_a_page_of_the_whole_group(
    client, vijf_concepten, people, django_assert_max_num_queries
):
    client.force_login(people["opsteller"])
    client.get(reverse("home"))
    with django_assert_max_num_queries(10) as first:
        client.get(reverse("home"))
    with django_assert_max_num_queries(len(first)):
        client.get(reverse("home"), {"alle": "concepten", "pagina": "2"})
