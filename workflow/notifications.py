"""Who receives a message meant for someone, and the emails telling people an item needs them."""

from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from letters.models import Nota

from .models import Medewerker, Vervanging


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


def send_melding(item, soort: str, ontvangers: list[Medewerker]) -> int:
    """Emails each person about a nota or Kamerbrief (their vervanger while they are absent,
    copying the absent person); returns the number of mails sent."""
    nota = item if isinstance(item, Nota) else item.nota
    today = timezone.localdate()
    sent = 0
    with translation.override("nl"):
        for medewerker in ontvangers:
            recipient, absent = recipient_for(medewerker, today)
            addressees = [(recipient, absent)]
            if absent is not None:
                addressees.append((absent, None))
            for person, stands_in_for in addressees:
                if not person.email:
                    continue
                context = {
                    "item": item,
                    "onderwerp": getattr(item, "onderwerp", None) or getattr(item, "betreft", ""),
                    "deadline": getattr(item, "deadline", None)
                    or (nota.deadline if nota else None),
                    "soort": soort,
                    "person": person,
                    "stands_in_for": stands_in_for,
                    "is_copy_for_absent": absent is not None and person == absent,
                    "link": settings.SITE_URL + reverse("nota_detail", args=[nota.pk])
                    if nota
                    else settings.SITE_URL,
                    "laatste": item.gebeurtenissen.order_by("-tijdstip", "-pk").first(),
                }
                subject = str(ONDERWERPEN.get(soort, "Nota %(kenmerk)s")) % {
                    "kenmerk": nota.kenmerk
                }
                if context["is_copy_for_absent"]:
                    subject = _("[copy, you are absent] ") + subject
                message = EmailMultiAlternatives(
                    subject=subject,
                    body=render_to_string("workflow/email/melding.txt", context),
                    to=[person.email],
                )
                message.attach_alternative(
                    render_to_string("workflow/email/melding.html", context), "text/html"
                )
                message.send()
                sent += 1
    return sent
