"""Following a nota: "Notas I follow" in the werkvoorraad, by choice and after a paraaf."""

import pytest
from django.urls import reverse

from letters.models import Nota
from workflow.handelen import ActionNotAllowed
from workflow.models import Volger
from workflow.selectors import werkvoorraad_for
from workflow.services.nota import nota_indienen, nota_intrekken, nota_paraferen, nota_terugsturen
from workflow.services.volgen import nota_follow, nota_unfollow


def gevolgd(user) -> list[str]:
    return [regel.kenmerk for regel in werkvoorraad_for(user).gevolgd]


def test_following_puts_the_nota_in_the_werkvoorraad_until_unfollowed(make_nota, people):
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"])
    dg = people["dg"]  # on the route, not yet at their turn: may read it, nothing to do yet
    assert gevolgd(dg) == []
    nota_follow(nota=nota, by=dg)
    nota_follow(nota=nota, by=dg)  # a second click changes nothing
    assert gevolgd(dg) == [nota.kenmerk]
    assert Volger.objects.filter(nota=nota, medewerker=dg).count() == 1
    nota_unfollow(nota=nota, by=dg)
    assert gevolgd(dg) == []
    nota_follow(nota=nota, by=dg)
    assert gevolgd(dg) == [nota.kenmerk]


def test_a_parafeerder_follows_what_they_initialled_unless_they_chose_not_to(make_nota, people):
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"])
    nota_paraferen(nota=nota, by=people["afdelingshoofd"])
    assert gevolgd(people["afdelingshoofd"]) == [nota.kenmerk]
    nota_unfollow(nota=nota, by=people["afdelingshoofd"])
    # Sent back and initialled again in the next round: the choice not to follow holds.
    nota_terugsturen(nota=nota, by=people["directeur"], remark="Graag aanscherpen.")
    nota_indienen(nota=nota, by=people["opsteller"])
    nota_paraferen(nota=nota, by=people["afdelingshoofd"])
    assert gevolgd(people["afdelingshoofd"]) == []


def test_a_nota_shows_once_and_leaves_when_done(make_nota, people, user_named):
    nota = make_nota()
    nota_indienen(nota=nota, by=people["opsteller"])
    nota_follow(nota=nota, by=people["afdelingshoofd"])
    # Waiting for their paraaf: it is under "Waiting for my initials", not twice.
    werkvoorraad = werkvoorraad_for(people["afdelingshoofd"])
    assert [r.kenmerk for r in werkvoorraad.te_paraferen] == [nota.kenmerk]
    assert werkvoorraad.gevolgd == []
    nota_intrekken(nota=nota, by=people["opsteller"], remark="Niet meer nodig.")
    assert gevolgd(people["afdelingshoofd"]) == []


def test_who_may_not_see_a_nota_cannot_follow_it(client, make_nota, outsider):
    nota = make_nota()
    with pytest.raises(ActionNotAllowed):
        nota_follow(nota=nota, by=outsider)
    client.force_login(outsider)
    assert client.post(reverse("nota_follow", args=[nota.pk])).status_code == 404
    assert not Volger.objects.exists()


def test_the_button_follows_and_unfollows_in_place(client, make_nota, people):
    nota = make_nota()
    client.force_login(people["opsteller"])
    url = reverse("nota_follow", args=[nota.pk])
    page = client.get(reverse("nota_detail", args=[nota.pk])).content.decode()
    assert ">Volgen</button>" in page
    fragment = client.post(url, {"volgen": "ja"}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and ">Niet meer volgen</button>" in fragment
    response = client.post(url, {"volgen": "nee"}, follow=True)
    assert f"U volgt {nota.kenmerk} niet meer." in response.content.decode()
    assert client.get(url).status_code == 405  # only POST, with its CSRF token


def test_werkvoorraad_queries_do_not_grow_with_followed_notas(
    client, make_nota, people, django_assert_max_num_queries
):
    def initialled(n):
        for _ in range(n):
            nota = make_nota()
            nota_indienen(nota=nota, by=people["opsteller"])
            nota_paraferen(nota=nota, by=people["afdelingshoofd"])

    client.force_login(people["afdelingshoofd"])
    initialled(2)
    with django_assert_max_num_queries(15) as few:
        client.get(reverse("home"))
    before = len(few)
    initialled(10)
    with django_assert_max_num_queries(before):
        response = client.get(reverse("home"))
    assert "Wat ik volg" in response.content.decode()
    assert len(werkvoorraad_for(people["afdelingshoofd"]).gevolgd) == 12
    assert Nota.objects.count() == 12
