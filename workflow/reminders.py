"""The reminder scan and the sending of reminders: never lost, never sent twice.

The scan (`scan_reminders`) runs from Celery beat and from `manage.py send_reminders`. For
each kind of item it works out, in Python, the few deadline *dates* that call for a reminder
today (a handful of dates, whatever the number of items), then selects the open items with
those deadlines in SQL and writes one `Herinnering` per (item, recipient, kind, deadline). The
unique key on those columns makes a rerun of the scan a no-op, and a scan that did not run for
a few days catches up (within PARAFEER_HERINNERING_INHAALDAGEN).

`Herinnering` is also the outbox. After the scan's transaction commits, a send task is queued
for every reminder still to be sent (new ones, and old ones whose task got lost). The task
locks its row (SELECT … FOR UPDATE SKIP LOCKED), skips it when it is already sent or being sent
by another worker, sends the mail, and marks the row sent in the same transaction (the one send
path of `workflow.outbox`, which the state-change messages share). A worker that dies before
that commit leaves the row unsent, and the outbox relay sends it within a minute or two, as it
does a task lost with the broker: nothing is lost.

The one window that cannot be closed: the SMTP server accepted the message and the worker died
(or the database failed) before the commit. That reminder is sent once more: at most one
repeat, and only in that case.
"""

import logging
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from letters.models import Afstemmingsverzoek, Nota
from workflow import outbox, tasks  # each imports this module too: used as modules
from workflow.deadlines import werkdagen_in_words, werkkalender
from workflow.invoegen import invoegen
from workflow.models import (
    Herinnering,
    Herinneringsbeleid,
    Medewerker,
    Motie,
    Parafeerstap,
    Rol,
    Soort,
    Toezegging,
    Vervanging,
)
from workflow.werkdagen import Werkkalender

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise  # a dev dependency: for mypy only

logger = logging.getLogger(__name__)
H = Herinnering.Soort


# --- which deadline dates call for which reminder today ------------------------------------------


def reminder_dates(
    today: date, kalender: Werkkalender, werkdagen_vooraf: int, inhaaldagen: int
) -> dict[str, set[date]]:
    """For each kind of reminder, the deadlines that call for it on `today`.

    - vooraf: from N werkdagen before the deadline, until the on-the-day reminder takes over;
    - op de dag: on the deadline's last werkdag (a Saturday deadline: on the Friday), and on the
      deadline itself;
    - escalatie: from the first werkdag after the deadline, for `inhaaldagen` days.
    Reminders are only sent on werkdagen. The window makes a missed scan catch up.
    """
    dates: dict[str, set[date]] = {H.VOORAF: set(), H.OP_DE_DAG: set(), H.ESCALATIE: set()}
    if not kalender.is_werkdag(today):
        return dates
    span = werkdagen_vooraf + inhaaldagen + 14
    for offset in range(-span * 2, span * 2):
        deadline = today + timedelta(days=offset)
        last_werkdag = (
            deadline if kalender.is_werkdag(deadline) else kalender.vorige_werkdag(deadline)
        )
        if werkdagen_vooraf and kalender.subtract_werkdagen(deadline, werkdagen_vooraf) <= today < (
            last_werkdag
        ):
            dates[H.VOORAF].add(deadline)
        if last_werkdag <= today <= deadline:
            dates[H.OP_DE_DAG].add(deadline)
        escalation_day = kalender.volgende_werkdag(deadline)
        if escalation_day <= today <= escalation_day + timedelta(days=inhaaldagen):
            dates[H.ESCALATIE].add(deadline)
    return dates


# --- the open deadlines, per kind of item --------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    item_type: str
    item_id: int
    deadline: date
    actor_id: int
    escalate_to_id: int | None
    kenmerk: str


@dataclass(frozen=True)
class ReminderSource:
    """Items with a deadline that an app above workflow keeps (workflow imports none of them):
    the app registers one in its AppConfig.ready(), and the scan, the digests and the message
    ask it as they ask workflow's own kinds. Same ladder, same outbox, same unique key.

    - open_deadlines(deadlines, actors): the open items, as `open_deadlines` below (one query);
    - actors_with_open_work(overdue_on, among): who of `among` has open work (overdue that day);
    - describe(item_id): (path of the page to act on, what to do — it completes "You are asked
      to …"), or None when the item was dealt with meanwhile (the reminder is then not sent);
    - path(item_id): the page to act on, without a query (the agenda lists many at once);
    - verb: what to do, as the agenda shows it ("Write the contribution").
    """

    item_type: str  # at most 20 characters: Herinnering.item_type
    label: "StrOrPromise"
    open_deadlines: Callable[[Collection[date] | None, Collection[int] | None], Iterable[Deadline]]
    actors_with_open_work: Callable[[date | None, QuerySet[Medewerker]], set[int]]
    describe: Callable[[int], tuple[str, str] | None]
    path: Callable[[int], str]
    verb: "StrOrPromise"


OTHER_SOURCES: dict[str, ReminderSource] = {}


def register_source(source: ReminderSource) -> None:
    """Called from an AppConfig.ready(); registering the same kind again replaces it."""
    OTHER_SOURCES[source.item_type] = source


def kinds() -> list[str]:
    """Every kind of item with a deadline: workflow's own, then the registered ones."""
    return [*Soort.values, *OTHER_SOURCES]


def kind_label(soort: str) -> str:
    if soort in OTHER_SOURCES:
        return str(OTHER_SOURCES[soort].label)
    return str(Soort(soort).label)


def open_deadlines(
    soort: str, deadlines: Iterable[date] | None = None, actors: Iterable[int] | None = None
) -> Iterable[Deadline]:
    """The open items of one kind, with who must act and who hears when it is late.

    One query per kind; `deadlines` restricts it to those dates, `actors` to those people
    (None: every open one).
    """
    if soort == Soort.PARAFEERSTAP:
        rows = Parafeerstap.objects.filter(
            status=Parafeerstap.Status.AAN_DE_BEURT,
            nota__status=Nota.Status.IN_PARAFERING,
            ronde=F("nota__ronde"),
            deadline__isnull=False,
        )
        if deadlines is not None:
            rows = rows.filter(deadline__in=deadlines)
        if actors is not None:
            rows = rows.filter(parafeerder_id__in=actors)
        for pk, deadline, actor, manager, manager_above, kenmerk in rows.order_by().values_list(
            "pk", "deadline", "parafeerder_id", "parafeerder__organisatieonderdeel__manager_id",
            "parafeerder__organisatieonderdeel__bovenliggend__manager_id", "nota__kenmerk",
        ):  # fmt: skip
            # A manager who is late escalates to the manager one level up.
            escalate_to = manager if manager != actor else manager_above
            yield Deadline(soort, pk, deadline, actor, escalate_to, kenmerk)
    elif soort == Soort.BESLUIT:
        # Everyone in the office of the nota's addressee; escalation to its secretariat head.
        # One filter() call: conditions on a multi-valued relation spread over two calls each
        # get a join of their own, and would pair a nota ter beslissing with another nota's
        # deadline.
        conditions = {"bureau_van__notas__deadline__isnull": False}
        if deadlines is not None:
            conditions = {"bureau_van__notas__deadline__in": deadlines}
        rows = Medewerker.objects.filter(
            is_active=True, bureau_van__notas__status=Nota.Status.TER_BESLISSING, **conditions
        )
        if actors is not None:
            rows = rows.filter(pk__in=actors)
        for actor, pk, deadline, head, kenmerk in rows.order_by().values_list(
            "pk", "bureau_van__notas__pk", "bureau_van__notas__deadline",
            "bureau_van__secretariaat_id", "bureau_van__notas__kenmerk",
        ):  # fmt: skip
            yield Deadline(soort, pk, deadline, actor, head if head != actor else None, kenmerk)
    elif soort in (Soort.TOEZEGGING, Soort.MOTIE):
        # The register's deadlines go to parlementaire coördinatie, who keep the register.
        model = Toezegging if soort == Soort.TOEZEGGING else Motie
        items = model.objects.filter(status__in=model.OPEN, deadline__isnull=False)
        if deadlines is not None:
            items = items.filter(deadline__in=deadlines)
        keepers_qs = Medewerker.objects.filter(
            is_active=True, groups__name=Rol.PARLEMENTAIRE_COORDINATIE.value
        )
        if actors is not None:
            keepers_qs = keepers_qs.filter(pk__in=actors)
        label = "tk_nummer" if soort == Soort.TOEZEGGING else "kamerstuk"
        keepers = None  # asked for when the first item is found: most scans find none
        for pk, deadline, kenmerk in items.values_list("pk", "deadline", label):
            if keepers is None:
                keepers = list(keepers_qs.values_list("pk", "organisatieonderdeel__manager_id"))
            prefix = "T" if soort == Soort.TOEZEGGING else "M"
            for actor, manager in keepers:
                escalate_to = manager if manager != actor else None
                yield Deadline(soort, pk, deadline, actor, escalate_to, kenmerk or f"{prefix}-{pk}")
    elif soort == Soort.AFSTEMMING:
        # One filter() call, as for the besluit above.
        conditions = {"bureau_van__afstemmingsverzoeken__deadline__isnull": False}
        if deadlines is not None:
            conditions = {"bureau_van__afstemmingsverzoeken__deadline__in": deadlines}
        rows = Medewerker.objects.filter(
            is_active=True,
            bureau_van__afstemmingsverzoeken__status=Afstemmingsverzoek.Status.AANGEVRAAGD,
            **conditions,
        )
        if actors is not None:
            rows = rows.filter(pk__in=actors)
        for actor, pk, deadline, head, kenmerk in rows.order_by().values_list(
            "pk", "bureau_van__afstemmingsverzoeken__pk",
            "bureau_van__afstemmingsverzoeken__deadline", "bureau_van__secretariaat_id",
            "bureau_van__afstemmingsverzoeken__kamerbrief__kenmerk",
        ):  # fmt: skip
            yield Deadline(soort, pk, deadline, actor, head if head != actor else None, kenmerk)
    elif soort in OTHER_SOURCES:
        yield from OTHER_SOURCES[soort].open_deadlines(
            None if deadlines is None else set(deadlines), None if actors is None else set(actors)
        )


def actors_with_open_work(
    soort: str, overdue_on: date | None = None, among: QuerySet[Medewerker] | None = None
) -> set[int]:
    """Who has open work of this kind (overdue on that day, if given), among these people.

    One query: for each person an EXISTS on their open work, which an index answers at once,
    rather than DISTINCT over every open item (measured in bench/RESULTS.md: 0.02 s against
    2.8 s over 1,000,000 open steps).
    """
    people = (among if among is not None else Medewerker.objects.all()).filter(is_active=True)
    late = {"deadline__lt": overdue_on} if overdue_on is not None else {}
    if soort in OTHER_SOURCES:
        return OTHER_SOURCES[soort].actors_with_open_work(overdue_on, people)
    if soort == Soort.PARAFEERSTAP:
        work = Parafeerstap.objects.filter(
            parafeerder=OuterRef("pk"),
            status=Parafeerstap.Status.AAN_DE_BEURT,
            nota__status=Nota.Status.IN_PARAFERING,
            ronde=F("nota__ronde"),
            **late,
        )
    elif soort == Soort.BESLUIT:
        work = Nota.objects.filter(
            aan=OuterRef("bureau_van"), status=Nota.Status.TER_BESLISSING, **late
        )
    elif soort == Soort.AFSTEMMING:
        work = Afstemmingsverzoek.objects.filter(
            bewindspersoon=OuterRef("bureau_van"),
            status=Afstemmingsverzoek.Status.AANGEVRAAGD,
            **late,
        )
    else:
        model = Toezegging if soort == Soort.TOEZEGGING else Motie
        items = model.objects.filter(status__in=model.OPEN, deadline__isnull=False, **late)
        if not items.exists():
            return set()
        people = people.filter(groups__name=Rol.PARLEMENTAIRE_COORDINATIE.value)
        return set(people.values_list("pk", flat=True))
    return set(people.filter(Exists(work)).order_by().values_list("pk", flat=True))


# --- the scan ------------------------------------------------------------------------------------


def policy_by_kind() -> dict[str, Herinneringsbeleid]:
    """The beheerder's policy per kind; a kind without one gets the default (DOMAIN.md's)."""
    found = {p.soort: p for p in Herinneringsbeleid.objects.all()}
    return {soort: found.get(soort) or Herinneringsbeleid(soort=soort) for soort in kinds()}


@dataclass
class ScanResult:
    created: int
    queued: int


def _substitutes(on: date) -> dict[int, int]:
    """Absent person → their vervanger, on that day."""
    return dict(
        Vervanging.objects.filter(van__lte=on, tot__gte=on)
        .order_by("van", "pk")
        .values_list("medewerker_id", "vervanger_id")
    )


def _addressed(
    deadline: Deadline, soort: str, recipient_id: int, substitutes: dict[int, int], now
) -> list[Herinnering]:
    """The reminder for the recipient, or for their vervanger plus a copy for them."""
    common = {
        "item_type": deadline.item_type,
        "item_id": deadline.item_id,
        "soort": soort,
        "datum": deadline.deadline,
        "kenmerk": deadline.kenmerk,
        "aangemaakt_op": now,
    }
    vervanger = substitutes.get(recipient_id)
    if vervanger is None or vervanger == recipient_id:
        return [Herinnering(ontvanger_id=recipient_id, **common)]
    return [
        Herinnering(ontvanger_id=vervanger, namens_id=recipient_id, **common),
        Herinnering(ontvanger_id=recipient_id, kopie_voor_afwezige=True, **common),
    ]


def _week_start(today: date) -> date:
    return today - timedelta(days=(today.weekday() - settings.PARAFEER_WEEKOVERZICHT_DAG) % 7)


def scan_reminders(*, now: datetime | None = None) -> ScanResult:
    """Writes every reminder due at `now` (once), then queues the sending of unsent ones."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    kalender = werkkalender()
    substitutes = _substitutes(today)
    policies = policy_by_kind()
    new: list[Herinnering] = []
    # The kinds mostly share their werkdagen vooraf: the dates are counted once per number.
    dates_for: dict[int, dict[str, set[date]]] = {}
    for soort, policy in policies.items():
        if policy.werkdagen_vooraf not in dates_for:
            dates_for[policy.werkdagen_vooraf] = reminder_dates(
                today, kalender, policy.werkdagen_vooraf, settings.PARAFEER_HERINNERING_INHAALDAGEN
            )
        dates = dates_for[policy.werkdagen_vooraf]
        wanted = set()
        if policy.werkdagen_vooraf:
            wanted |= dates[H.VOORAF]
        if policy.op_de_dag:
            wanted |= dates[H.OP_DE_DAG]
        if policy.escalatie:
            wanted |= dates[H.ESCALATIE]
        if not wanted:
            continue
        for deadline in open_deadlines(soort, wanted):
            if policy.werkdagen_vooraf and deadline.deadline in dates[H.VOORAF]:
                new += _addressed(deadline, H.VOORAF, deadline.actor_id, substitutes, now)
            if policy.op_de_dag and deadline.deadline in dates[H.OP_DE_DAG]:
                new += _addressed(deadline, H.OP_DE_DAG, deadline.actor_id, substitutes, now)
            if policy.escalatie and deadline.deadline in dates[H.ESCALATIE]:
                target = deadline.escalate_to_id or deadline.actor_id
                new += _addressed(deadline, H.ESCALATIE, target, substitutes, now)
    if kalender.is_werkdag(today):
        new += _weekly_digests(today, policies, substitutes, now)
        new += _daily_digests(today, substitutes, now)
    # This scan's rows are the unsent ones stamped with its moment (the outbox index covers
    # them); counting the whole table would grow with every reminder ever sent.
    written_now = Herinnering.objects.te_verzenden().filter(aangemaakt_op=now)
    with transaction.atomic():
        before = written_now.count()
        invoegen(Herinnering, new)
        created = written_now.count() - before
    queued = queue_unsent(now=now)
    logger.info("Herinneringen: %s nieuw, %s in de wachtrij gezet", created, queued)
    return ScanResult(created=created, queued=queued)


def remind_now(
    *, item_type: str, item_id: int, kenmerk: str, recipient_ids: Iterable[int], now: datetime
) -> int:
    """A reminder asked for by hand ("Nu herinneren"): one for each recipient (or their
    vervanger, with a copy for them), at most one per item, recipient and day — the unique key
    makes a second click a no-op. Call it inside the caller's transaction; after the commit a
    worker is asked to send them at once, without waiting on a broker that is down (then the
    relay sends them). Returns how many were written."""
    today = timezone.localtime(now).date()
    substitutes = _substitutes(today)
    new: list[Herinnering] = []
    for recipient in sorted(set(recipient_ids)):
        deadline = Deadline(item_type, item_id, today, recipient, None, kenmerk)
        new += _addressed(deadline, H.HANDMATIG, recipient, substitutes, now)
    mine = Herinnering.objects.filter(
        item_type=item_type, item_id=item_id, soort=H.HANDMATIG, datum=today
    )
    before = mine.count()
    Herinnering.objects.bulk_create(new, ignore_conflicts=True)
    created = mine.count() - before
    if created:
        ids = list(mine.filter(aangemaakt_op=now).values_list("pk", flat=True))
        transaction.on_commit(lambda: outbox.kick_herinneringen(ids), robust=True)
    return created


def _weekly_digests(today, policies, substitutes, now) -> list[Herinnering]:
    """One per person with overdue work, per week (the first werkdag scan of the week)."""
    week = _week_start(today)
    recipients = set()
    for soort, policy in policies.items():
        if policy.wekelijks_overzicht:
            for actor in actors_with_open_work(soort, overdue_on=today):
                recipients.add(substitutes.get(actor, actor))
    return [
        Herinnering(
            item_type=Herinnering.OVERZICHT,
            item_id=0,
            soort=H.WEEKOVERZICHT,
            datum=week,
            ontvanger_id=recipient,
            aangemaakt_op=now,
        )
        for recipient in sorted(recipients)
    ]


def _daily_digests(today, substitutes, now) -> list[Herinnering]:
    """One per person with anything waiting, per werkdag, unless they opted out."""
    wants = Medewerker.objects.filter(is_active=True, dagoverzicht=True)
    wanted = set(wants.values_list("pk", flat=True))
    if not wanted:
        return []
    # Whoever wants one: themselves, or the absent people they stand in for.
    stands_in_for = {absent for absent, vervanger in substitutes.items()}
    candidates = Medewerker.objects.filter(Q(pk__in=wants.values("pk")) | Q(pk__in=stands_in_for))
    recipients = set()
    for soort in kinds():
        for actor in actors_with_open_work(soort, among=candidates):
            recipients.add(substitutes.get(actor, actor))
    return [
        Herinnering(
            item_type=Herinnering.OVERZICHT,
            item_id=0,
            soort=H.DAGOVERZICHT,
            datum=today,
            ontvanger_id=recipient,
            aangemaakt_op=now,
        )
        for recipient in sorted(recipients & wanted)
    ]


def queue_unsent(*, now: datetime | None = None) -> int:
    """Queues a send task for every unsent reminder not queued recently: new ones, and those
    whose task was lost (a broker restart, a crash before the task was taken)."""
    now = now or timezone.now()
    stale = now - timedelta(minutes=settings.PARAFEER_HERINNERING_OPNIEUW_NA_MINUTEN)
    with transaction.atomic():
        due = (
            Herinnering.objects.te_verzenden()
            .filter(Q(in_wachtrij_op__isnull=True) | Q(in_wachtrij_op__lt=stale))
            .select_for_update(skip_locked=True)
            .order_by()
            .values("pk")
        )
        ids = _stamped(due, now)
        # A task per batch: one broker round trip per reminder made queueing 10,000 take 20 s
        # (bench/RESULTS.md). Each reminder is still locked, sent and committed on its own.
        batches = [ids[i : i + QUEUE_BATCH] for i in range(0, len(ids), QUEUE_BATCH)]
        transaction.on_commit(
            lambda: [tasks.send_herinneringen.delay(batch) for batch in batches], robust=True
        )
    return len(ids)


def _stamped(due: QuerySet, now: datetime) -> list[int]:
    """Stamps the due reminders as queued at `now` and returns their ids: one
    `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING id`, rather than reading
    the ids and sending them back as 10,000 parameters (0.3 s of the scan, bench/RESULTS.md)."""
    if connection.vendor != "postgresql":
        ids = list(due.values_list("pk", flat=True))
        Herinnering.objects.filter(pk__in=ids).update(in_wachtrij_op=now)
        return ids
    sql, params = due.query.sql_with_params()
    table = connection.ops.quote_name(Herinnering._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET in_wachtrij_op = %s WHERE id IN ({sql}) RETURNING id",
            [now, *params],
        )
        return sorted(pk for (pk,) in cursor.fetchall())


# --- sending one reminder ------------------------------------------------------------------------


QUEUE_BATCH = 50


def send_herinnering(pk: int, *, now: datetime | None = None) -> bool:
    """Sends one reminder if it is still to be sent; True when this call sent it (the outbox's
    one send path, `workflow.outbox.send_one`)."""
    return outbox.send_one(Herinnering, pk, now=now)


# --- the message ---------------------------------------------------------------------------------


def _item(herinnering: Herinnering):
    """What the reminder is about, and what to do: the nota (steps, besluiten, afstemming) or,
    for the register's items, the path of their page; (None, None) when it was dealt with."""
    if herinnering.item_type == Soort.PARAFEERSTAP:
        stap = Parafeerstap.objects.select_related("nota").filter(pk=herinnering.item_id).first()
        if stap is None or stap.status != Parafeerstap.Status.AAN_DE_BEURT:
            return None, None
        return stap.nota, _("initial nota %(kenmerk)s") % {"kenmerk": stap.nota.kenmerk}
    if herinnering.item_type == Soort.BESLUIT:
        nota = Nota.objects.filter(pk=herinnering.item_id).first()
        if nota is None or nota.status != Nota.Status.TER_BESLISSING:
            return None, None
        return nota, _("record the decision on nota %(kenmerk)s") % {"kenmerk": nota.kenmerk}
    if herinnering.item_type == Soort.AFSTEMMING:
        verzoek = (
            Afstemmingsverzoek.objects.select_related("kamerbrief__nota")
            .filter(pk=herinnering.item_id)
            .first()
        )
        if verzoek is None or verzoek.status != Afstemmingsverzoek.Status.AANGEVRAAGD:
            return None, None
        return verzoek.kamerbrief.nota, _("give or withhold akkoord on letter %(kenmerk)s") % {
            "kenmerk": verzoek.kamerbrief.kenmerk
        }
    if herinnering.item_type in (Soort.TOEZEGGING, Soort.MOTIE):
        model = Toezegging if herinnering.item_type == Soort.TOEZEGGING else Motie
        item = model.objects.filter(pk=herinnering.item_id).first()
        if item is None or not item.is_open:
            return None, None
        view = "toezegging_detail" if model is Toezegging else "motie_detail"
        wat = (
            _("see that the commitment “%(item)s” is met")
            if model is Toezegging
            else _("see that the motion “%(item)s” is carried out")
        ) % {"item": item}
        return reverse(view, args=[item.pk]), wat
    if herinnering.item_type in OTHER_SOURCES:
        found = OTHER_SOURCES[herinnering.item_type].describe(herinnering.item_id)
        return found if found is not None else (None, None)
    return None, None


def build_message(herinnering: Herinnering, *, now: datetime) -> EmailMultiAlternatives | None:
    # "nog 2 werkdagen" as of the scan that wrote the reminder (a retry a day later keeps it).
    today = timezone.localtime(herinnering.aangemaakt_op).date()
    kalender = werkkalender()
    with translation.override("nl"):
        if herinnering.item_type == Herinnering.OVERZICHT:
            return _digest_message(herinnering, today, kalender)
        nota, wat = _item(herinnering)
        if wat is None:
            return None
        path = reverse("nota_detail", args=[nota.pk]) if isinstance(nota, Nota) else nota or "/"
        nota = nota if isinstance(nota, Nota) else None
        # A reminder by hand is dated the day it was asked; its message names the real deadline.
        deadline = (
            _deadline_of(herinnering) if herinnering.soort == H.HANDMATIG else herinnering.datum
        )
        context = {
            "h": herinnering,
            "wat": wat,
            "nota": nota,
            "deadline": deadline,
            "in_woorden": werkdagen_in_words(deadline, today, kalender) if deadline else "",
            "link": settings.SITE_URL + path,
        }
        subjects = {
            H.VOORAF: _("Reminder: %(kenmerk)s, deadline %(datum)s"),
            H.OP_DE_DAG: _("Today: %(kenmerk)s, deadline %(datum)s"),
            H.ESCALATIE: _("Overdue: %(kenmerk)s, deadline was %(datum)s"),
            H.HANDMATIG: _("Reminder: %(kenmerk)s is waiting for your answer"),
        }
        subject = subjects[herinnering.soort] % {
            "kenmerk": herinnering.kenmerk,
            "datum": herinnering.datum.strftime("%d-%m-%Y"),
        }
        if herinnering.kopie_voor_afwezige:
            subject = _("[copy, you are absent] ") + subject
        return _message(subject, "workflow/email/herinnering", context, herinnering.ontvanger.email)


def _deadline_of(herinnering: Herinnering) -> date | None:
    """The deadline of the item a reminder by hand is about (only requests for akkoord have
    one so far)."""
    if herinnering.item_type == Soort.AFSTEMMING:
        return (
            Afstemmingsverzoek.objects.filter(pk=herinnering.item_id)
            .values_list("deadline", flat=True)
            .first()
        )
    return None


def _digest_message(herinnering, today, kalender):
    person = herinnering.ontvanger
    substitutes = _substitutes(today)
    # Only this person's work and that of whom they stand in for, selected in SQL.
    represented = [person.pk, *(a for a, v in substitutes.items() if v == person.pk)]
    items = []
    for soort in kinds():
        for deadline in open_deadlines(soort, actors=represented):
            if substitutes.get(deadline.actor_id, deadline.actor_id) == person.pk:
                if herinnering.soort == H.WEEKOVERZICHT and deadline.deadline >= today:
                    continue
                items.append(
                    {
                        "kenmerk": deadline.kenmerk,
                        "soort": kind_label(soort),
                        "deadline": deadline.deadline,
                        "in_woorden": werkdagen_in_words(deadline.deadline, today, kalender),
                    }
                )
    if not items:
        return None
    items.sort(key=lambda i: i["deadline"])
    subject = (
        _("Weekly overview: %(n)s overdue item(s)")
        if herinnering.soort == H.WEEKOVERZICHT
        else _("Your Parafeer overview: %(n)s item(s) waiting")
    ) % {"n": len(items)}
    context = {"h": herinnering, "items": items, "link": settings.SITE_URL + reverse("home")}
    return _message(subject, "workflow/email/overzicht", context, person.email)


def _message(subject, template, context, to):
    message = EmailMultiAlternatives(
        subject=subject, body=render_to_string(f"{template}.txt", context), to=[to]
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message
