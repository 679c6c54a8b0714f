"""The cached werkvoorraad (workflow/werkvoorraad_cache.py): after every kind of act, whoever's
werkvoorraad it changed sees the fresh one at once, never a stale line; a hit reads no line; a
Redis that is down costs nothing. The versions are bumped by triggers (workflow/0028), so these
tests commit (transaction=True): on PostgreSQL the bump happens just before the commit."""

import os
import re
import threading
import time
from datetime import timedelta

import pytest
import redis
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from letters.models import Afstemmingsverzoek, Nota
from workflow import werkvoorraad_cache
from workflow.models import Besluit, Vervanging, WerkvoorraadVersie
from workflow.services.afstemming import afstemming_beantwoorden
from workflow.services.nota import (
    nota_besluit_vastleggen,
    nota_geopend,
    nota_indienen,
    nota_intrekken,
    nota_paraferen,
    nota_terugsturen,
)
from workflow.services.volgen import nota_follow

PREFIX = "parafeer:werkvoorraad:*"


@pytest.fixture
def cache_on(settings, monkeypatch):
    url = os.environ.get("REDIS_URL", "")
    settings.PARAFEER_WERKVOORRAAD_CACHE = True
    settings.PARAFEER_WERKVOORRAAD_CACHE_URL = url
    monkeypatch.setattr(werkvoorraad_cache, "_skip_until", 0.0)
    own = redis.Redis.from_url(url)

    def forget():  # only the keys of this cache, never the whole database
        for key in own.scan_iter(PREFIX, count=1000):
            own.delete(key)

    forget()
    yield settings
    forget()


@pytest.fixture
def demo_notas(route_template):
    """The demo's notas in flight: the seed nota ter beslissing, MLZS's akkoord pending."""
    from demo.notas import load_demo_notas

    load_demo_notas()


def _fragment(content: str) -> str:
    """The werkvoorraad part of the home page, without the CSRF token (per request)."""
    start = content.index('<nav aria-label="Groepen in uw werkvoorraad">')
    end = content.index("</main>") if "</main>" in content else len(content)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", content[start:end])


def page(client, user, settings, *, cached=True, query="") -> str:
    settings.PARAFEER_WERKVOORRAAD_CACHE = cached
    client.force_login(user)
    response = client.get(reverse("home") + query)
    assert response.status_code == 200
    settings.PARAFEER_WERKVOORRAAD_CACHE = True
    return _fragment(response.content.decode())


def pages_before(client, settings, users) -> dict:
    """Every user's werkvoorraad, read twice through the cache (the second time a hit)."""
    before = {}
    for user in users:
        page(client, user, settings)
        before[user.pk] = page(client, user, settings)
    return before


def assert_fresh_after_act(client, settings, before: dict, users, changed) -> None:
    """Each user's next werkvoorraad is what an uncached render gives; for those in `changed`
    that differs from before the act (so a missing bump would have served a stale page)."""
    for user in users:
        cached = page(client, user, settings)
        fresh = page(client, user, settings, cached=False)
        assert cached == fresh, f"stale werkvoorraad for {user.username}"
        if user in changed:
            assert fresh != before[user.pk], f"the act changed nothing for {user.username}"


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "act", ["indienen", "paraferen", "terugsturen", "intrekken", "deadline", "geopend", "volgen"]
)
@pytest.mark.usefixtures("cache_on")
def test_after_an_act_on_a_nota_every_affected_werkvoorraad_is_fresh(
    act, client, settings, make_nota, people
):
    opsteller, hoofd, directeur, dg = (
        people[n] for n in ("opsteller", "afdelingshoofd", "directeur", "dg")
    )
    nota = make_nota(onderwerp="Cachetoets")
    everyone = [opsteller, hoofd, directeur, dg]
    if act != "indienen":
        nota_indienen(nota=nota, by=opsteller)
    if act == "terugsturen":
        nota_paraferen(nota=Nota.objects.get(pk=nota.pk), by=hoofd)
    before = pages_before(client, settings, everyone)
    nota = Nota.objects.get(pk=nota.pk)
    if act == "indienen":  # the draft leaves the opsteller's drafts, reaches the afdelingshoofd
        nota_indienen(nota=nota, by=opsteller)
        changed = [opsteller, hoofd]
    elif act == "paraferen":  # from the afdelingshoofd (now following it) to the directeur
        nota_paraferen(nota=nota, by=hoofd)
        changed = [hoofd, directeur]
    elif act == "terugsturen":  # back with the opsteller, gone from the directeur
        nota_terugsturen(nota=nota, by=directeur, remark="Graag aanscherpen.")
        changed = [opsteller, directeur]
    elif act == "intrekken":  # gone from the opsteller's and the afdelingshoofd's
        nota_intrekken(nota=nota, by=opsteller, remark="Niet meer nodig.")
        changed = [opsteller, hoofd]
    elif act == "deadline":  # a new deadline, written without an event
        Nota.objects.filter(pk=nota.pk).update(deadline=nota.deadline + timedelta(days=7))
        changed = [opsteller]  # the afdelingshoofd's line shows their step's deadline
    elif act == "geopend":  # the afdelingshoofd opened it: its box may be ticked
        nota_geopend(nota=nota, by=hoofd)
        changed = [hoofd]
    else:  # the DG follows it
        nota_follow(nota=nota, by=dg)
        changed = [dg]
    assert_fresh_after_act(client, settings, before, everyone, changed)


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("cache_on", "demo_notas")
def test_a_besluit_leaves_the_office_werkvoorraad_at_once(client, settings, people):
    secretariaat, opsteller = people["secretariaat"], people["opsteller"]
    nota = Nota.objects.get(kenmerk="3730760-1057533-PG")  # the seed nota, ter beslissing
    before = pages_before(client, settings, [secretariaat, opsteller])
    nota_besluit_vastleggen(nota=nota, by=secretariaat, uitkomst=Besluit.Uitkomst.NIET_AKKOORD,
                            toelichting="Eerst de reactie van MLZS afwachten.")  # fmt: skip
    assert_fresh_after_act(
        client, settings, before, [secretariaat, opsteller], [secretariaat, opsteller]
    )


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("cache_on", "demo_notas")
def test_an_afstemming_answer_leaves_the_office_werkvoorraad_at_once(client, settings, people):
    bureau = people["bureau-mlzs"]
    verzoek = Afstemmingsverzoek.objects.get(
        bewindspersoon_id=bureau.bureau_van_id, status=Afstemmingsverzoek.Status.AANGEVRAAGD
    )
    before = pages_before(client, settings, [bureau])
    afstemming_beantwoorden(verzoek=verzoek, by=bureau, antwoord=Afstemmingsverzoek.Status.AKKOORD)
    assert_fresh_after_act(client, settings, before, [bureau], [bureau])


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("cache_on")
def test_a_substitute_sees_the_absent_persons_work_at_once_and_their_changes(
    client, settings, make_nota, people
):
    hoofd, dg, opsteller = people["afdelingshoofd"], people["dg"], people["opsteller"]
    nota = make_nota(onderwerp="Vervangingstoets")
    before = pages_before(client, settings, [dg])
    today = timezone.localdate()
    Vervanging.objects.create(medewerker=hoofd, vervanger=dg, van=today, tot=today)
    nota_indienen(nota=nota, by=opsteller)  # reaches the afdelingshoofd: and so their substitute
    assert_fresh_after_act(client, settings, before, [dg], [dg])
    assert "Vervangingstoets" in page(client, dg, settings)
    # The absent person's own act shows in the substitute's werkvoorraad too.
    before = pages_before(client, settings, [dg])
    nota_paraferen(nota=Nota.objects.get(pk=nota.pk), by=hoofd)
    assert_fresh_after_act(client, settings, before, [dg], [dg])


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("cache_on")
def test_a_route_edit_without_an_event_reaches_the_new_parafeerder(
    client, settings, make_nota, people
):
    """A write no service records as history (here a plain update of a step) bumps as well."""
    from workflow.models import Parafeerstap

    nota = make_nota(onderwerp="Routetoets")
    nota_indienen(nota=nota, by=people["opsteller"])
    dg = people["dg"]
    before = pages_before(client, settings, [dg])
    Parafeerstap.objects.filter(nota=nota, status=Parafeerstap.Status.AAN_DE_BEURT).update(
        parafeerder=dg
    )
    assert_fresh_after_act(client, settings, before, [dg], [dg])


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("cache_on", "demo_notas")
def test_a_cache_hit_reads_no_line(client, settings, people):
    secretariaat = people["secretariaat"]
    first = page(client, secretariaat, settings)
    with CaptureQueriesContext(connection) as queries:
        again = page(client, secretariaat, settings)
    assert again == first
    sql = [q["sql"] for q in queries.captured_queries]
    assert any("workflow_werkvoorraadversie" in s for s in sql)
    assert not [s for s in sql if "letters_nota" in s or "workflow_parafeerstap" in s], sql


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("demo_notas")
def test_with_redis_down_the_page_renders_fast_and_redis_is_skipped(
    client, settings, people, monkeypatch
):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    settings.PARAFEER_WERKVOORRAAD_CACHE_URL = f"redis://127.0.0.1:{closed}/0"
    monkeypatch.setattr(werkvoorraad_cache, "_skip_until", 0.0)
    secretariaat = people["secretariaat"]
    fresh = page(client, secretariaat, settings, cached=False)
    started = time.monotonic()
    assert page(client, secretariaat, settings) == fresh
    assert werkvoorraad_cache._skip_until > time.monotonic()  # skipped for a while now
    assert page(client, secretariaat, settings) == fresh
    assert time.monotonic() - started < 2  # two renders; Redis waited on at most 0.1 s


@pytest.mark.django_db(transaction=True)
def test_with_an_unreachable_redis_host_no_request_waits_longer_than_the_timeout(
    settings, monkeypatch
):
    settings.PARAFEER_WERKVOORRAAD_CACHE = True
    settings.PARAFEER_WERKVOORRAAD_CACHE_URL = "redis://10.255.255.1:6379/0"  # drops packets
    monkeypatch.setattr(werkvoorraad_cache, "_skip_until", 0.0)
    monkeypatch.setattr(werkvoorraad_cache, "cache_key", lambda *args, **kwargs: "k")

    class Request:
        META: dict = {}
        user = type("U", (), {"pk": 1})()

    started = time.monotonic()
    html = werkvoorraad_cache.fragment(Request(), lambda extra: "<p>vers</p>")
    assert html == "<p>vers</p>"
    assert time.monotonic() - started < 0.5


def _version(key: str) -> int:
    row = WerkvoorraadVersie.objects.filter(sleutel=key).first()
    return row.versie if row else 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_people_acting_at_once_both_bump(make_nota, people):
    """Two transactions, each following a nota for the same person (two tabs), both hold their
    bump until commit: the version goes up by two, neither bump lost nor deadlocked."""
    dg = people["dg"]
    notas = [make_nota(onderwerp=f"Gelijktijdig {i}") for i in (1, 2)]
    for nota in notas:
        nota_indienen(nota=nota, by=people["opsteller"])
    key = f"m:{dg.pk}"
    start = _version(key)
    barrier = threading.Barrier(2, timeout=20)
    errors = []

    def follow(nota):
        try:
            with transaction.atomic():
                nota_follow(nota=nota, by=dg)
                barrier.wait()  # both have written, neither committed
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=follow, args=(nota,)) for nota in notas]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors
    assert _version(key) == start + 2


@pytest.mark.django_db(transaction=True)
def test_following_bumps_the_followers_version_on_sqlite_too(make_nota, people):
    """The same triggers on both databases: on SQLite (the README's default) a row trigger."""
    dg = people["dg"]
    nota = make_nota()
    key = f"m:{dg.pk}"
    start = _version(key)
    nota_follow(nota=nota, by=dg)
    assert _version(key) == start + 1
    others = {v.sleutel: v.versie for v in WerkvoorraadVersie.objects.exclude(sleutel=key)}
    Vervanging.objects.create(
        medewerker=people["directeur"], vervanger=dg, van=timezone.localdate(),
        tot=timezone.localdate() + timedelta(days=1),
    )  # fmt: skip
    assert _version(key) == start + 2
    assert {v.sleutel: v.versie for v in WerkvoorraadVersie.objects.exclude(sleutel=key)} == others


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("cache_on", "demo_notas")
def test_a_letter_ready_for_signature_reaches_the_sending_office_at_once(client, settings, people):
    """The last akkoord and the besluit make the seed letter ready to sign: the office of its
    sender (the Staatssecretaris) sees it under "Letters to sign and send" on its next page."""
    from letters.models import Kamerbrief

    secretariaat, bureau = people["secretariaat"], people["bureau-mlzs"]
    nota = Nota.objects.get(kenmerk="3730760-1057533-PG")
    nota_besluit_vastleggen(nota=nota, by=secretariaat, uitkomst=Besluit.Uitkomst.AKKOORD)
    before = pages_before(client, settings, [secretariaat])
    verzoek = Afstemmingsverzoek.objects.get(
        bewindspersoon_id=bureau.bureau_van_id, status=Afstemmingsverzoek.Status.AANGEVRAAGD
    )
    afstemming_beantwoorden(verzoek=verzoek, by=bureau, antwoord=Afstemmingsverzoek.Status.AKKOORD)
    brief = Kamerbrief.objects.get(pk=verzoek.kamerbrief_id)
    assert brief.status == Kamerbrief.Status.GEREED_VOOR_ONDERTEKENING
    assert_fresh_after_act(client, settings, before, [secretariaat], [secretariaat])
    assert 'id="groep-te_ondertekenen"' in page(client, secretariaat, settings)
