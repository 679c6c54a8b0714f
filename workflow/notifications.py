"""Who receives a message meant for someone, and the emails telling people an item needs them.

The services write these messages into the outbox (`Melding`) in their own transaction;
`workflow.outbox` sends them."""

from collections.abc import Iterable
from datetime import date

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from letters.models import Nota

from .models import Gebeurtenis, Medewerker, Melding, Parafeerstap, Vervanging


def recipient_for(medewerker: Medewerker, on: date) -> tuple[Medewerker, Medewerker | None]:
    """Whoever must act for `medewerker` on that day: their vervanger while they are absent.

    Returns (recipient, absent person or None).
    """
    vervanging = (
        Vervanging.objects.filter(medewerker=medewerker, van__lte=on, tot__gte=on)
        .select_related("vervanger")
        .order_by("-van", "-pk")
        .first()
    )
    if vervanging is None:
        return medewerker, None
    return vervanging.vervanger, medewerker


ONDERWERPEN = {
    "aan_de_beurt": gettext_lazy("Nota %(kenmerk)s is waiting for your initials"),
    "teruggestuurd": gettext_lazy("Nota %(kenmerk)s has been sent back"),
    "ter_beslissing_voorgelegd": gettext_lazy("Nota %(kenmerk)s awaits a decision"),
    "ter_kennisname_voorgelegd": gettext_lazy("Nota %(kenmerk)s is for acknowledgement"),
    "wijzigingen_verwerkt": gettext_lazy("The changes to nota %(kenmerk)s have been processed"),
    "kennisgenomen": gettext_lazy("Nota %(kenmerk)s has been acknowledged"),
    "ingetrokken": gettext_lazy("Nota %(kenmerk)s has been withdrawn"),
    "besluit_akkoord": gettext_lazy("Decision on nota %(kenmerk)s: approved"),
    "besluit_akkoord_met_wijzigingen": gettext_lazy(
        "Decision on nota %(kenmerk)s: approved with changes"
    ),
    "besluit_niet_akkoord": gettext_lazy("Decision on nota %(kenmerk)s: not approved"),
    "besluit_aangehouden": gettext_lazy("Decision on nota %(kenmerk)s: on hold"),
    "afstemming_aangevraagd": gettext_lazy("Request for akkoord on letter %(kenmerk)s"),
    "afstemming_opnieuw_aangevraagd": gettext_lazy(
        "Letter %(kenmerk)s changed: your akkoord is asked again"
    ),
    "afstemming_akkoord": gettext_lazy("Akkoord given on letter %(kenmerk)s"),
    "afstemming_akkoord_met_opmerkingen": gettext_lazy(
        "Akkoord with remarks given on letter %(kenmerk)s"
    ),
    "afstemming_niet_akkoord": gettext_lazy("No akkoord on letter %(kenmerk)s"),
    "gereed_voor_ondertekening": gettext_lazy("Letter %(kenmerk)s is ready for signature"),
}


def write_meldingen(
    item, soort: str, ontvangers: Iterable[int], *, aanleiding: Gebeurtenis, opmerking: str, now
) -> int:
    """Writes the messages about a nota or Kamerbrief into the outbox, in the caller's
    transaction: one per person (their vervanger while they are absent, with a copy for the
    absent person). Returns how many rows were written."""
    nota = item if isinstance(item, Nota) else item.nota
    today = timezone.localdate(now)
    people = Medewerker.objects.filter(pk__in=set(ontvangers), is_active=True)
    rows: dict[int, Melding] = {}
    common = {
        "gebeurtenis": aanleiding,
        "soort": soort,
        "item_type": item._meta.label,
        "item_id": item.pk,
        "kenmerk": (nota.kenmerk if nota else "") or getattr(item, "kenmerk", ""),
        "opmerking": opmerking or "",
        "aangemaakt_op": now,
    }
    for medewerker in people.order_by("pk"):
        recipient, absent = recipient_for(medewerker, today)
        # A person who is also someone else's vervanger hears of the event once.
        if recipient.email and recipient.pk not in rows:
            rows[recipient.pk] = Melding(ontvanger=recipient, namens=absent, **common)
        if absent is not None and absent.email and absent.pk not in rows:
            rows[absent.pk] = Melding(ontvanger=absent, kopie_voor_afwezige=True, **common)
    Melding.objects.bulk_create(rows.values())
    return len(rows)


def _dealt_with(melding: Melding, item) -> bool:
    """A call to act that comes late (sent after an outage) and was answered meanwhile: the
    step was initialled, the decision taken. Nothing to say any more."""
    if melding.soort == "aan_de_beurt":
        return not Parafeerstap.objects.filter(
            nota_id=item.pk,
            status=Parafeerstap.Status.AAN_DE_BEURT,
            parafeerder_id__in=[melding.ontvanger_id, melding.namens_id],
        ).exists()
    if melding.soort == "ter_beslissing_voorgelegd":
        return item.status != Nota.Status.TER_BESLISSING
    return False


def build_message(melding: Melding, *, now=None) -> EmailMultiAlternatives | None:
    """The mail for one row of the outbox; the remark quoted is that of the act that caused it."""
    item = apps.get_model(melding.item_type).objects.filter(pk=melding.item_id).first()
    if item is None or _dealt_with(melding, item):
        return None
    nota = item if isinstance(item, Nota) else item.nota
    with translation.override("nl"):
        context = {
            "item": item,
            "onderwerp": getattr(item, "onderwerp", None) or getattr(item, "betreft", ""),
            "deadline": getattr(item, "deadline", None) or (nota.deadline if nota else None),
            "soort": melding.soort,
            "person": melding.ontvanger,
            "stands_in_for": melding.namens,
            "is_copy_for_absent": melding.kopie_voor_afwezige,
            "link": settings.SITE_URL + reverse("nota_detail", args=[nota.pk])
            if nota
            else settings.SITE_URL,
            "opmerking": melding.opmerking,
        }
        subject = str(ONDERWERPEN.get(melding.soort, "Nota %(kenmerk)s")) % {
            "kenmerk": melding.kenmerk
        }
        if melding.kopie_voor_afwezige:
            subject = _("[copy, you are absent] ") + subject
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("workflow/email/melding.txt", context),
            to=[melding.ontvanger.email],
        )
        message.attach_alternative(
            render_to_string("workflow/email/melding.html", context), "text/html"
        )
    return message
