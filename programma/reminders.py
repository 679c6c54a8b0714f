"""The voortgangsbijdragen on workflow's reminder ladder.

workflow imports nothing of programma, so programma registers these three answers as a
`workflow.reminders.ReminderSource` (in ProgrammaConfig.ready): the scan then writes the reminders
of a contribution that is asked for (or sent back) and not yet in, before, on and after its
deadline (the round's, or a later one for a contribution asked afterwards), into the same outbox
under the same unique key — once per ladder step, however often the scan runs, and none once the
contribution is submitted or accepted.

Who is reminded: the maatregel's contact. When it is late: the manager of the maatregel's
directie, or the programme's coordinator when the directie has none (or the contact is it).
"""

from collections.abc import Collection, Iterator
from datetime import date

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from programma.models import Voortgangsbijdrage
from workflow.models import Medewerker
from workflow.reminders import Deadline, ReminderSource

ITEM_TYPE = "voortgangsbijdrage"
OPEN = (Voortgangsbijdrage.Status.GEVRAAGD, Voortgangsbijdrage.Status.TERUGGESTUURD)


def kenmerk(ronde_titel: str, nummer: int) -> str:
    """What the subject names: "Voortgangsrapportage 2024, maatregel 12" (fits the 60 of
    Herinnering.kenmerk)."""
    suffix = _(", measure %(nummer)s") % {"nummer": nummer}
    return Truncator(ronde_titel).chars(60 - len(suffix)) + suffix


def _open() -> QuerySet[Voortgangsbijdrage]:
    return Voortgangsbijdrage.objects.filter(status__in=OPEN, ronde__gerapporteerd_in__isnull=True)


def open_deadlines(
    deadlines: Collection[date] | None, actors: Collection[int] | None
) -> Iterator[Deadline]:
    rows = _open()
    if deadlines is not None:
        rows = rows.filter(deadline__in=deadlines)
    if actors is not None:
        rows = rows.filter(maatregel__contact_id__in=actors)
    for pk, deadline, actor, manager, coordinator, titel, nummer in rows.order_by().values_list(
        "pk", "deadline", "maatregel__contact_id", "maatregel__directie__manager_id",
        "ronde__programma__coordinator_id", "ronde__titel", "maatregel__nummer",
    ):  # fmt: skip
        escalate_to = manager if manager not in (None, actor) else coordinator
        yield Deadline(
            ITEM_TYPE,
            pk,
            deadline,
            actor,
            escalate_to if escalate_to != actor else None,
            kenmerk(titel, nummer),
        )


def actors_with_open_work(overdue_on: date | None, among: QuerySet[Medewerker]) -> set[int]:
    late = {"deadline__lt": overdue_on} if overdue_on is not None else {}
    work = _open().filter(maatregel__contact=OuterRef("pk"), **late)
    return set(among.filter(Exists(work)).order_by().values_list("pk", flat=True))


def describe(item_id: int) -> tuple[str, str] | None:
    bijdrage = _open().select_related("maatregel", "ronde").filter(pk=item_id).first()
    if bijdrage is None:
        return None  # submitted, accepted or reported meanwhile: nothing to remind of
    wat = _("submit your contribution on measure %(nummer)s “%(titel)s” to %(ronde)s") % {
        "nummer": bijdrage.maatregel.nummer,
        "titel": Truncator(bijdrage.maatregel.titel).chars(120),
        "ronde": bijdrage.ronde.titel,
    }
    return path(bijdrage.pk), wat


def path(item_id: int) -> str:
    return reverse("bijdrage_detail", args=[item_id])


SOURCE = ReminderSource(
    item_type=ITEM_TYPE,
    label=gettext_lazy("progress contribution"),
    open_deadlines=open_deadlines,
    actors_with_open_work=actors_with_open_work,
    describe=describe,
    path=path,
    verb=gettext_lazy("Write the contribution"),
)
