"""Keeping the register in step with the Tweede Kamer's Gegevensmagazijn (OData v4).

Three streams, each with its own state (`TkSynchronisatie`): toezeggingen, moties (Zaak of
Soort `Motie`, with indieners, votes and dossier expanded) and the votes on moties (Besluit
with its Zaak expanded, since a vote need not change the Zaak's own GewijzigdOp). Each asks for
the records changed since its watermark, `$filter=GewijzigdOp ge <watermark>`, oldest first,
follows `@odata.nextLink`, and feeds every page to the idempotent import (`tk_import`).

**One transaction per page.** A page is read and checked whole (JSON, a `value` array, a
nextLink on the Kamer's own host) before anything is written; then its records are imported
and the watermark moved to the page's latest GewijzigdOp in one transaction. A failure (the
Kamer down, a malformed page, a crash) leaves every earlier page applied and this one not at
all, and the next run starts at the watermark. A whole-run transaction would hold locks on the
register for as long as the Kamer takes to answer every page, and a failure on page 40 would
throw away 39 good ones. Since the pages are ordered by GewijzigdOp and the filter is `ge`, a
record on the boundary is read twice rather than missed; the import makes that harmless.

A failed stream waits before its next attempt (1, 2, 4 … minutes, at most
PARAFEER_TK_SYNC_MAX_WACHTTIJD), counted in the row, so that retries survive a lost worker.
"""

import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from .models import TkSynchronisatie
from .tk_import import ImportRapport, import_records, read_records

logger = logging.getLogger(__name__)

Stroom = TkSynchronisatie.Stroom

# What each stream asks the Kamer for, besides the GewijzigdOp filter.
QUERIES: dict[str, dict[str, str]] = {
    Stroom.TOEZEGGINGEN: {},
    Stroom.MOTIES: {
        "filter": "Soort eq 'Motie'",
        "expand": "ZaakActor,Besluit,Kamerstukdossier",
    },
    Stroom.BESLUITEN: {
        "filter": "startswith(BesluitSoort,'Stemmen') and Zaak/any(z: z/Soort eq 'Motie')",
        "expand": "Zaak($expand=ZaakActor,Kamerstukdossier)",
    },
}
# A run holding a stream longer than this is taken to have died; another may take over.
LEASE = timedelta(minutes=30)


class SyncFout(Exception):
    """The Kamer's answer could not be used; the message says why, in Dutch."""


@dataclass
class StroomResultaat:
    stroom: str
    paginas: int = 0
    aangemaakt: int = 0
    bijgewerkt: int = 0
    ongewijzigd: int = 0
    afgewezen: int = 0
    overgeslagen: str = ""  # why the stream did not run (waiting out a backoff, busy)
    fout: str = ""
    afwijzingen: list[str] = field(default_factory=list)

    def add(self, rapport: ImportRapport) -> None:
        self.paginas += 1
        self.aangemaakt += rapport.aangemaakt
        self.bijgewerkt += rapport.bijgewerkt
        self.ongewijzigd += rapport.ongewijzigd
        self.afgewezen += len(rapport.afgewezen)
        # The first few reasons are kept for the admin; the rest is only counted.
        for afwijzing in rapport.afgewezen[: max(0, 10 - len(self.afwijzingen))]:
            self.afwijzingen.append(f"{afwijzing.sleutel}: {afwijzing.reden}")


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def first_url(stroom: str, base_url: str, vanaf: datetime) -> str:
    query = QUERIES[stroom]
    filters = [f"GewijzigdOp ge {_iso(vanaf)}"]
    if query.get("filter"):
        filters.append(f"({query['filter']})")
    params = {"$filter": " and ".join(filters), "$orderby": "GewijzigdOp asc"}
    if query.get("expand"):
        params["$expand"] = query["expand"]
    return f"{base_url.rstrip('/')}/{stroom}?" + urllib.parse.urlencode(
        params, quote_via=urllib.parse.quote, safe="$(),'/:"
    )


class _GeenDoorverwijzing(urllib.request.HTTPRedirectHandler):
    """A redirect is not followed: it could lead anywhere (another host, an internal address),
    past the check that the sync only talks to the configured host. It fails as a 3xx."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_OPENER = urllib.request.build_opener(_GeenDoorverwijzing)


def _fetch(url: str) -> str:
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": "Parafeer"}
    )
    try:
        with _OPENER.open(request, timeout=settings.PARAFEER_TK_SYNC_TIMEOUT) as answer:
            return answer.read().decode("utf-8-sig")
    except urllib.error.HTTPError as error:
        raise SyncFout(
            _("The House's open data answered %(status)s for %(url)s.")
            % {"status": error.code, "url": url}
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reden = getattr(error, "reason", error)
        raise SyncFout(
            _("The House's open data could not be reached (%(reden)s).") % {"reden": reden}
        ) from None
    except UnicodeDecodeError:
        raise SyncFout(_("The page at %(url)s is not UTF-8 text.") % {"url": url}) from None


@dataclass
class Pagina:
    records: list
    hint: str
    next_link: str | None
    gewijzigd_tot: datetime | None


def read_page(text: str, *, url: str, base_url: str) -> Pagina:
    """A page checked whole before anything of it is applied."""
    try:
        records, hint = read_records(text)
        data = json.loads(text)
    except ValueError as error:
        raise SyncFout(
            _("The page at %(url)s is malformed: %(fout)s") % {"url": url, "fout": error}
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("value"), list):
        raise SyncFout(_("The page at %(url)s holds no `value` array.") % {"url": url})
    next_link = data.get("@odata.nextLink")
    if next_link is not None:
        if not isinstance(next_link, str):
            raise SyncFout(_("The page at %(url)s has a malformed nextLink.") % {"url": url})
        next_link = urllib.parse.urljoin(url, next_link)
        link, base = urllib.parse.urlsplit(next_link), urllib.parse.urlsplit(base_url)
        if (link.scheme, link.netloc) != (base.scheme, base.netloc):
            # The sync only ever talks to the configured host, the way it is configured (a
            # link to http:// of the same host would drop TLS).
            raise SyncFout(
                _("The page at %(url)s links to another host (%(link)s).")
                % {"url": url, "link": next_link}
            )
    latest = None
    for record in records:
        value = record.get("GewijzigdOp") if isinstance(record, dict) else None
        moment = parse_datetime(value) if isinstance(value, str) else None
        if moment is not None and timezone.is_aware(moment):
            latest = moment if latest is None else max(latest, moment)
    return Pagina(records, hint or "", next_link, latest)


def _claim(stroom: str, now: datetime) -> tuple[TkSynchronisatie | None, str]:
    """Takes the stream for this run, unless it waits out a backoff or another run has it."""
    with transaction.atomic():
        state, _created = TkSynchronisatie.objects.select_for_update().get_or_create(stroom=stroom)
        if state.volgende_poging and state.volgende_poging > now:
            return None, _("waiting until %(moment)s after a failure") % {
                "moment": timezone.localtime(state.volgende_poging).strftime("%d-%m-%Y %H:%M")
            }
        if state.bezig_sinds and state.bezig_sinds > now - LEASE:
            return None, _("another run is busy with it")
        state.bezig_sinds = now
        state.laatste_start = now
        state.save(update_fields=["bezig_sinds", "laatste_start"])
    return state, ""


def _ours(state: TkSynchronisatie, start: datetime) -> bool:
    """Whether this run still holds the stream: a run that outlived its lease was replaced."""
    return state.laatste_start == start


def _apply(
    stroom: str, pagina: Pagina, *, label: str, now: datetime, start: datetime
) -> ImportRapport:
    """One page in one transaction: its records and the watermark, or nothing."""
    with transaction.atomic():
        state = TkSynchronisatie.objects.select_for_update().get(stroom=stroom)
        if not _ours(state, start):
            raise SyncFout(_("Another run took over this stream; this one stops."))
        rapport = import_records(
            pagina.records, bestand=label, hint=pagina.hint, now=now, stemming_vereist=True
        )
        if pagina.gewijzigd_tot and (
            state.gewijzigd_tot is None or pagina.gewijzigd_tot > state.gewijzigd_tot
        ):
            state.gewijzigd_tot = pagina.gewijzigd_tot
            state.save(update_fields=["gewijzigd_tot"])
    return rapport


def _backoff(pogingen: int) -> timedelta:
    maximum = timedelta(seconds=settings.PARAFEER_TK_SYNC_MAX_WACHTTIJD)
    return min(timedelta(minutes=2 ** max(0, pogingen - 1)), maximum)


def sync_stroom(stroom: str, *, now: datetime | None = None) -> StroomResultaat:
    now = now or timezone.now()
    resultaat = StroomResultaat(stroom=str(stroom))
    base_url = settings.PARAFEER_TK_ODATA_URL
    state, reden = _claim(stroom, now)
    if state is None:
        resultaat.overgeslagen = reden
        return resultaat
    vanaf = state.gewijzigd_tot or settings.PARAFEER_TK_SYNC_VANAF
    url: str | None = first_url(stroom, base_url, vanaf)
    label = _("Gegevensmagazijn, %(stroom)s") % {"stroom": stroom}
    try:
        while url and resultaat.paginas < settings.PARAFEER_TK_SYNC_MAX_PAGINAS:
            pagina = read_page(_fetch(url), url=url, base_url=base_url)
            resultaat.add(_apply(stroom, pagina, label=label, now=now, start=now))
            url = pagina.next_link
    except SyncFout as error:
        resultaat.fout = str(error)
    except Exception as error:  # a database error, a bug: reported like the Kamer being down
        logger.exception("Sync with the House failed (%s)", stroom)
        resultaat.fout = f"{type(error).__name__}: {error}"
    _finish(stroom, resultaat, now, start=now)
    return resultaat


def _finish(stroom: str, resultaat: StroomResultaat, now: datetime, *, start: datetime) -> None:
    with transaction.atomic():
        state = TkSynchronisatie.objects.select_for_update().get(stroom=stroom)
        if not _ours(state, start):
            # A later run holds the stream now: its lease, report and counters are its own.
            return
        state.bezig_sinds = None
        state.laatste_rapport = {
            "paginas": resultaat.paginas,
            "aangemaakt": resultaat.aangemaakt,
            "bijgewerkt": resultaat.bijgewerkt,
            "ongewijzigd": resultaat.ongewijzigd,
            "afgewezen": resultaat.afgewezen,
            "afwijzingen": resultaat.afwijzingen,
        }
        if resultaat.fout:
            state.mislukte_pogingen += 1
            state.laatste_fout = resultaat.fout
            state.laatste_fout_op = now
            state.volgende_poging = now + _backoff(state.mislukte_pogingen)
        else:
            state.mislukte_pogingen = 0
            state.laatste_succes = now
            state.volgende_poging = None
        state.save()


def sync_all(*, now: datetime | None = None) -> list[StroomResultaat]:
    """Every stream, each on its own (one failing does not stop the others). Does nothing
    when no base URL is set (PARAFEER_TK_ODATA_URL)."""
    if not settings.PARAFEER_TK_ODATA_URL:
        return []
    return [sync_stroom(stroom, now=now) for stroom in Stroom.values]


def storingen() -> dict[str, str]:
    """For /healthz: per stream that is failing, why (empty when all is well or not set)."""
    if not settings.PARAFEER_TK_ODATA_URL:
        return {}
    return {
        state.stroom: state.laatste_fout
        for state in TkSynchronisatie.objects.all()
        if state.in_storing
    }
