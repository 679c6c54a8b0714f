"""The sync with the Kamer's Gegevensmagazijn, against a local HTTP server serving recorded pages.

The server is the real thing for the sync: an http.server in a thread, answering the OData
requests with the pages in data/tk_sync (paging with nextLink, a changed record, a removed one,
a malformed page), or with an error status.
"""

import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.utils import translation

from tests.support import at
from workflow import outbox, tasks, tk_sync
from workflow.models import Gebeurtenis, Motie, TkSynchronisatie, Toezegging
from workflow.tk_import import import_file

DATA = Path(__file__).parent / "data" / "tk_sync"
T = Toezegging.Status
Stroom = TkSynchronisatie.Stroom


class Kamer:
    """What the fake Gegevensmagazijn serves: `routes` maps an entity (with `?$skip=N` when the
    request pages on) to a page in DATA or an HTTP status; `requests` lists what was asked."""

    def __init__(self) -> None:
        self.base = ""
        self.routes: dict[str, str | int] = {}
        self.requests: list[str] = []

    def serve(self, **pages: str | int) -> None:
        self.routes = {"Toezegging": "leeg.json", "Zaak": "leeg.json", "Besluit": "leeg.json"}
        self.routes.update({k.replace("__skip", "?$skip="): v for k, v in pages.items()})

    def filters(self, entity: str) -> list[str]:
        return [
            urllib.parse.parse_qs(urllib.parse.urlsplit(r).query)["$filter"][0]
            for r in self.requests
            if urllib.parse.urlsplit(r).path.endswith("/" + entity)
        ]


@pytest.fixture
def kamer(settings) -> Iterator[Kamer]:
    state = Kamer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append(self.path)
            url = urllib.parse.urlsplit(self.path)
            entity = url.path.rsplit("/", 1)[-1]
            skip = urllib.parse.parse_qs(url.query).get("$skip")
            route = state.routes.get(f"{entity}?$skip={skip[0]}" if skip else entity, 404)
            if isinstance(route, int):
                self.send_response(route)
                self.end_headers()
                return
            if route.startswith("redirect:"):
                self.send_response(302)
                self.send_header("Location", route.removeprefix("redirect:"))
                self.end_headers()
                return
            body = (DATA / route).read_text(encoding="utf-8").replace("{base}", state.base)
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}/OData/v4/2.0"
    settings.PARAFEER_TK_ODATA_URL = state.base
    settings.PARAFEER_TK_SYNC_VANAF = datetime.fromisoformat("2024-01-01T00:00:00+00:00")
    settings.PARAFEER_TK_SYNC_TIMEOUT = 5.0
    yield state
    server.shutdown()
    server.server_close()
    thread.join()


def state(stroom: str) -> TkSynchronisatie:
    return TkSynchronisatie.objects.get(stroom=stroom)


def tz(nummer: str) -> Toezegging:
    return Toezegging.objects.get(tk_nummer=nummer)


def test_first_sync_follows_next_links_and_takes_every_stream(seed_organisation, kamer):
    kamer.serve(
        Toezegging="toezeggingen_1.json", Toezegging__skip2="toezeggingen_2.json",
        Zaak="moties.json", Besluit="besluiten.json",
    )  # fmt: skip
    moties_before = Motie.objects.count()

    resultaten = {r["stroom"]: r for r in tasks.sync_tweede_kamer.delay().get()}

    assert resultaten["Toezegging"] == {
        "stroom": "Toezegging", "paginas": 2, "fout": "", "overgeslagen": ""
    }  # fmt: skip
    assert {t.tk_nummer for t in Toezegging.objects.filter(tk_nummer__startswith="TZ2024")} == {
        "TZ202401-201", "TZ202401-202", "TZ202402-17",
    }  # fmt: skip
    assert tz("TZ202401-201").bewindspersoon.afkorting == "StasVWS"
    # The first request asks from the configured start, oldest first; the second is the nextLink.
    assert kamer.filters("Toezegging")[0] == "GewijzigdOp ge 2024-01-01T00:00:00Z"
    assert "$orderby=GewijzigdOp%20asc" in kamer.requests[0]
    assert "$skip=2" in kamer.requests[1]
    # The watermark is the latest GewijzigdOp applied.
    assert state("Toezegging").gewijzigd_tot == datetime.fromisoformat("2024-02-05T11:30:00+01:00")
    assert state("Toezegging").laatste_succes is not None
    assert not state("Toezegging").in_storing
    # Moties: the adopted one is taken, the one not voted on is not; the vote read from the
    # Besluit stream is followed to its motie; the rejected motion is refused.
    assert Motie.objects.count() == moties_before + 2
    assert Motie.objects.get(tk_zaak_nummer="2024Z01501").kamerstuk == "Kamerstuk 25 424, nr. 701"
    dobbe = Motie.objects.get(tk_zaak_nummer="2024Z01620")
    assert [i.naam for i in dobbe.indieners.all()] == ["S. Dobbe"]
    assert not Motie.objects.filter(tk_zaak_nummer__in=["2024Z01502", "2024Z01621"]).exists()
    assert state("Zaak").laatste_rapport["afgewezen"] == 1
    assert "2024Z01502" in state("Zaak").laatste_rapport["afwijzingen"][0]
    assert "verworpen" in state("Besluit").laatste_rapport["afwijzingen"][0]


def test_next_sync_starts_at_the_watermark_and_applies_a_change_and_a_removal(
    seed_organisation, kamer
):
    kamer.serve(Toezegging="toezeggingen_1.json", Toezegging__skip2="toezeggingen_2.json")
    tk_sync.sync_all(now=at(20))
    kamer.requests.clear()
    kamer.serve(Toezegging="toezeggingen_gewijzigd.json")

    resultaat = tk_sync.sync_stroom(Stroom.TOEZEGGINGEN, now=at(21))

    # ge, not gt: a record on the boundary is read again (and found unchanged), never missed.
    assert kamer.filters("Toezegging") == ["GewijzigdOp ge 2024-02-05T10:30:00Z"]
    assert (resultaat.bijgewerkt, resultaat.ongewijzigd, resultaat.fout) == (2, 1, "")
    assert tz("TZ202401-201").status == T.VOLDAAN
    assert tz("TZ202401-201").kamerbrief_nakoming == "Kamerstuk 25 424, nr. 700"
    assert tz("TZ202401-202").tk_verwijderd
    assert Gebeurtenis.objects.filter(toezegging=tz("TZ202401-201"), actie="tk_bijgewerkt").exists()
    assert state("Toezegging").gewijzigd_tot == datetime.fromisoformat("2024-03-05T09:00:00+01:00")


def test_a_malformed_page_is_not_applied_and_the_pages_before_it_stay(
    seed_organisation, kamer, client
):
    kamer.serve(Toezegging="toezeggingen_1.json", Toezegging__skip2="kapot.json")

    resultaat = tk_sync.sync_stroom(Stroom.TOEZEGGINGEN, now=at(20))

    assert resultaat.paginas == 1
    assert "malformed" in resultaat.fout or "onjuist" in resultaat.fout
    assert not Toezegging.objects.filter(tk_nummer="TZ202402-17").exists()
    assert Toezegging.objects.filter(tk_nummer__in=["TZ202401-201", "TZ202401-202"]).count() == 2
    sync = state("Toezegging")
    assert sync.gewijzigd_tot == datetime.fromisoformat("2024-02-02T10:00:00+01:00")
    assert (sync.in_storing, sync.mislukte_pogingen) == (True, 1)
    assert sync.volgende_poging == at(20) + timedelta(minutes=1)
    # /healthz warns, but the app itself is healthy.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["tweede_kamer"] == "waarschuwing"
    assert "tweede_kamer.Toezegging" in response.json()["waarschuwingen"]

    # The next run, once the backoff has passed, starts from the page that was applied.
    kamer.serve(Toezegging="toezeggingen_2.json")
    assert tk_sync.sync_stroom(Stroom.TOEZEGGINGEN, now=at(20) + timedelta(minutes=2)).fout == ""
    assert tz("TZ202402-17").status == T.OPENSTAAND
    assert not state("Toezegging").in_storing
    assert client.get("/healthz").json()["tweede_kamer"] == "ok"


def test_a_page_linking_to_another_host_is_refused_whole(seed_organisation, kamer):
    kamer.serve(Toezegging="vreemde_link.json")

    resultaat = tk_sync.sync_stroom(Stroom.TOEZEGGINGEN, now=at(20))

    assert "elders.example.org" in resultaat.fout
    assert not Toezegging.objects.filter(tk_nummer="TZ202402-17").exists()
    assert state("Toezegging").gewijzigd_tot is None
    assert not any("elders" in r for r in kamer.requests)


def test_a_next_link_to_the_same_host_by_another_scheme_is_refused():
    """A link from https:// to http:// of the same host would drop TLS."""
    text = json.dumps(
        {"value": [], "@odata.nextLink": "http://kamer.example.org/OData/v4/2.0/Zaak?$skip=250"}
    )
    with pytest.raises(tk_sync.SyncFout, match=r"kamer\.example\.org"):
        tk_sync.read_page(
            text, url="https://kamer.example.org/OData/v4/2.0/Zaak",
            base_url="https://kamer.example.org/OData/v4/2.0",
        )  # fmt: skip


def test_a_redirect_is_not_followed(seed_organisation, kamer):
    """A redirect could lead past the host check (another host, an internal address)."""
    kamer.serve(Toezegging=f"redirect:{kamer.base}/Zaak", Zaak="leeg.json")

    resultaat = tk_sync.sync_stroom(Stroom.TOEZEGGINGEN, now=at(20))

    assert "302" in resultaat.fout
    assert not any(urllib.parse.urlsplit(r).path.endswith("/Zaak") for r in kamer.requests)


def test_a_failing_kamer_is_retried_with_growing_waits(seed_organisation, kamer):
    kamer.serve(Toezegging=503)
    waits = []
    now = at(20)
    for _attempt in range(4):
        resultaat = tk_sync.sync_stroom(Stroom.TOEZEGGINGEN, now=now)
        assert "503" in resultaat.fout
        # Within the wait the stream is left alone: no request is made.
        asked = len(kamer.requests)
        soon = now + timedelta(seconds=30)
        assert tk_sync.sync_stroom(Stroom.TOEZEGGINGEN, now=soon).overgeslagen
        assert len(kamer.requests) == asked
        waits.append(state("Toezegging").volgende_poging - now)
        now = state("Toezegging").volgende_poging
    assert waits == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert state("Toezegging").laatste_succes is None
    assert "503" in state("Toezegging").laatste_fout


def test_an_unreachable_kamer_is_reported_in_dutch(seed_organisation, kamer, settings):
    settings.PARAFEER_TK_ODATA_URL = "http://127.0.0.1:9/OData/v4/2.0"  # nobody listens
    with translation.override("nl"):
        resultaat = tk_sync.sync_stroom(Stroom.TOEZEGGINGEN, now=at(20))
    assert "niet bereikbaar" in resultaat.fout or "niet worden bereikt" in resultaat.fout


def test_without_a_base_url_the_sync_does_nothing_and_healthz_says_nothing(db, settings, client):
    settings.PARAFEER_TK_ODATA_URL = ""
    assert tk_sync.sync_all() == []
    assert "tweede_kamer" not in client.get("/healthz").json()


def test_a_second_run_while_one_holds_the_stream_leaves_it_alone(seed_organisation, kamer):
    kamer.serve(Toezegging="toezeggingen_1.json", Toezegging__skip2="toezeggingen_2.json")
    TkSynchronisatie.objects.create(stroom=Stroom.TOEZEGGINGEN, bezig_sinds=at(20))
    soon = at(20) + timedelta(minutes=10)
    assert tk_sync.sync_stroom(Stroom.TOEZEGGINGEN, now=soon).overgeslagen
    assert kamer.requests == []
    # A run that died long ago does not block the stream forever.
    assert tk_sync.sync_stroom(Stroom.TOEZEGGINGEN, now=at(21)).paginas == 2


def test_the_import_follows_a_stemming_through_its_besluit_to_the_motie(seed_organisation):
    rapport = import_file(DATA / "stemmingen.json", now=at(20))
    assert (rapport.aangemaakt, rapport.afgewezen) == (1, [])
    motie = Motie.objects.get(tk_zaak_nummer="2024Z01700")
    assert motie.kamerstuk == "Kamerstuk 25 424, nr. 710"
    assert motie.tk_data["Besluit"][0]["BesluitSoort"] == "Stemmen - aangenomen"
    # Read again, from the Besluit side this time: the same motie, nothing new.
    assert import_file(DATA / "stemmingen.json", now=at(21)).ongewijzigd == 1


def test_the_import_reads_a_besluit_and_refuses_a_rejected_motion(seed_organisation):
    rapport = import_file(DATA / "besluiten.json", now=at(20))
    assert rapport.aangemaakt == 1
    assert len(rapport.afgewezen) == 1
    assert "Stemmen - verworpen" in rapport.afgewezen[0].reden
    assert not Motie.objects.filter(tk_zaak_nummer="2024Z01621").exists()


def test_the_admin_shows_a_failing_stream_and_syncs_it_again_on_request(
    seed_organisation, kamer, people, client
):
    kamer.serve(Toezegging=503)
    tk_sync.sync_stroom(Stroom.TOEZEGGINGEN)
    client.force_login(people["beheerder"])
    response = client.get("/beheer/workflow/tksynchronisatie/")
    assert response.status_code == 200
    assert "503" in response.content.decode()

    # Fixed at the Kamer: "Nu synchroniseren" does not wait out the backoff.
    kamer.serve(Toezegging="toezeggingen_1.json", Toezegging__skip2="toezeggingen_2.json")
    response = client.post(
        "/beheer/workflow/tksynchronisatie/",
        {"action": "nu_synchroniseren", "_selected_action": [state("Toezegging").pk]},
        follow=True,
    )
    # The request only asks a worker (here the eager test worker, which syncs at once).
    assert "een worker synchroniseert nu" in response.content.decode()
    assert not state("Toezegging").in_storing
    assert state("Toezegging").laatste_rapport["aangemaakt"] == 3


def test_with_the_broker_down_sync_now_says_so_and_clears_the_wait_for_the_scheduled_run(
    seed_organisation, kamer, people, client, monkeypatch
):
    kamer.serve(Toezegging=503)
    tk_sync.sync_stroom(Stroom.TOEZEGGINGEN)
    assert state("Toezegging").volgende_poging is not None
    client.force_login(people["beheerder"])
    # The broker was found down a moment ago (how `outbox.publish` remembers an outage; the
    # outage itself is tested with a real broker stopped in test_outbox_e2e).
    monkeypatch.setattr(outbox, "_broker_down_until", time.monotonic() + 60)
    response = client.post(
        "/beheer/workflow/tksynchronisatie/",
        {"action": "nu_synchroniseren", "_selected_action": [state("Toezegging").pk]},
        follow=True,
    )
    assert "de takenwachtrij is niet bereikbaar" in response.content.decode()
    assert state("Toezegging").volgende_poging is None  # the next scheduled run takes it
    assert state("Toezegging").in_storing  # nothing was synced in the request


def test_a_crash_halfway_through_a_page_leaves_none_of_that_page(seed_organisation, kamer):
    # The second record's date lies beyond what Python can put in Amsterdam time: the import
    # crashes on it (not a refusal of one record) after taking the first record.
    kamer.serve(Toezegging="crash_halverwege.json")

    resultaat = tk_sync.sync_stroom(Stroom.TOEZEGGINGEN, now=at(20))

    assert resultaat.fout.startswith("OverflowError")
    assert not Toezegging.objects.filter(tk_nummer__in=["TZ202401-201", "TZ202401-202"]).exists()
    assert state("Toezegging").gewijzigd_tot is None
    assert state("Toezegging").in_storing


def test_a_run_that_outlived_its_lease_stops_and_leaves_the_new_run_alone(seed_organisation, kamer):
    """A run slower than the lease was replaced: it must neither apply another page nor clear
    the new run's lease and counters when it finishes."""
    eerste, _reden = tk_sync._claim(Stroom.TOEZEGGINGEN, at(20))
    assert eerste is not None
    later = at(20) + tk_sync.LEASE + timedelta(minutes=1)
    tweede, _reden = tk_sync._claim(Stroom.TOEZEGGINGEN, later)
    assert tweede is not None  # the first run's lease ran out

    pagina = tk_sync.Pagina(records=[], hint="", next_link=None, gewijzigd_tot=None)
    with pytest.raises(tk_sync.SyncFout):
        tk_sync._apply(Stroom.TOEZEGGINGEN, pagina, label="x", now=at(20), start=at(20))
    tk_sync._finish(
        Stroom.TOEZEGGINGEN, tk_sync.StroomResultaat(stroom="Toezegging", fout="traag"), at(20),
        start=at(20),
    )  # fmt: skip
    staat = state("Toezegging")
    assert staat.bezig_sinds == later and staat.mislukte_pogingen == 0 and not staat.laatste_fout
