"""The person's own settings: absences (vervanging), the daily digest, and the calendar feed."""

import uuid
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from workflow.agenda import deadlines_of
from workflow.deadlines import werkkalender
from workflow.handelen import ActionNotAllowed
from workflow.models import Medewerker, Vervanging


@transaction.atomic
def vervanging_register(
    *, by: Medewerker, vervanger: Medewerker, van: date, tot: date, reden: str = ""
) -> Vervanging:
    """An absence of `by` from `van` to `tot` inclusive, with who stands in."""
    if vervanger.pk == by.pk:
        raise ActionNotAllowed(_("Choose someone else as your substitute."))
    if not vervanger.is_active:
        raise ActionNotAllowed(
            _("%(naam)s no longer has access to Parafeer.") % {"naam": vervanger}
        )
    if tot < van:
        raise ActionNotAllowed(_("The last day of the absence lies before the first."))
    # Lock this person's absences so two overlapping ones cannot be registered at once.
    list(Medewerker.objects.select_for_update().filter(pk=by.pk))
    if Vervanging.objects.filter(medewerker=by, van__lte=tot, tot__gte=van).exists():
        raise ActionNotAllowed(_("You already have an absence in that period."))
    if Vervanging.objects.filter(medewerker=vervanger, van__lte=tot, tot__gte=van).exists():
        raise ActionNotAllowed(
            _("%(naam)s is absent too in that period: choose another substitute.")
            % {"naam": vervanger}
        )
    return Vervanging.objects.create(
        medewerker=by, vervanger=vervanger, van=van, tot=tot, reden=reden.strip()
    )


@transaction.atomic
def profile_update(*, by: Medewerker, dagoverzicht: bool) -> Medewerker:
    Medewerker.objects.filter(pk=by.pk).update(dagoverzicht=dagoverzicht)
    by.dagoverzicht = dagoverzicht
    return by


@transaction.atomic
def ical_token_renew(*, by: Medewerker) -> uuid.UUID:
    """A new secret for the calendar link; the old link stops working at once."""
    token = uuid.uuid4()
    Medewerker.objects.filter(pk=by.pk).update(ical_token=token)
    by.ical_token = token
    return token


def ical_feed(person: Medewerker, *, site_url: str, now: datetime | None = None) -> bytes:
    """The person's open deadlines (and those of whom they stand in for) as an iCalendar."""

    now = now or timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//Parafeer//Deadlines//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Parafeer: {person}")
    kalender = werkkalender()
    for termijn in deadlines_of(person, timezone.localtime(now).date()):
        event = Event()
        event.add("uid", termijn.uid)
        event.add("summary", f"{termijn.wat}: {termijn.kenmerk}")
        event.add("dtstart", termijn.datum)
        event.add("dtend", termijn.datum + timedelta(days=1))
        event.add("dtstamp", now)
        if not kalender.is_werkdag(termijn.datum):
            event.add("description", _("Note: the deadline is not a working day."))
        event.add("url", site_url + termijn.link)
        calendar.add_component(event)
    return calendar.to_ical()
