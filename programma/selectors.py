"""The reads the programme's pages share, with their joins decided once, here."""

from datetime import date

from django.db.models import Count, Prefetch, Q

from letters.models import Kamerbrief
from workflow.handelen import substituted_by

from .models import Actielijn, Maatregel, Programma, Rapportageronde, Voortgangsbijdrage

Bijdragestatus = Voortgangsbijdrage.Status
# A list page shows at most this many rows; the rest is one click away.
PAGINA = 50


def programma_list():
    return Programma.objects.select_related("coordinerend_bewindspersoon", "coordinator").annotate(
        aantal_maatregelen=Count("actielijnen__maatregelen")
    )[:PAGINA]


def rondes_with_counts(programma_id: int, today: date):
    delivered = Q(bijdragen__status__in=[Bijdragestatus.INGEDIEND, Bijdragestatus.GEACCEPTEERD])
    return (
        Rapportageronde.objects.filter(programma_id=programma_id)
        .select_related("gerapporteerd_in")
        .annotate(
            aantal=Count("bijdragen"),
            geleverd=Count("bijdragen", filter=delivered),
            geaccepteerd=Count(
                "bijdragen", filter=Q(bijdragen__status=Bijdragestatus.GEACCEPTEERD)
            ),
            te_laat=Count(
                "bijdragen",
                filter=Q(
                    bijdragen__status__in=[Bijdragestatus.GEVRAAGD, Bijdragestatus.TERUGGESTUURD],
                    bijdragen__deadline__lt=today,
                ),
            ),
        )
    )


def programma_for_page(pk: int) -> Programma:
    """The programme with everything its page shows, in a fixed number of queries."""
    maatregelen = Maatregel.objects.select_related("directie", "contact").prefetch_related(
        "mijlpalen"
    )
    return (
        Programma.objects.select_related("coordinerend_bewindspersoon__ministerie", "coordinator")
        .prefetch_related(
            "deelnames__bewindspersoon__ministerie",
            "toezeggingen",
            "moties",
            "kamerbrieven",
            Prefetch(
                "actielijnen",
                queryset=Actielijn.objects.prefetch_related(
                    Prefetch("maatregelen", queryset=maatregelen)
                ),
            ),
        )
        .get(pk=pk)
    )


def ronde_for_page(pk: int) -> Rapportageronde:
    return Rapportageronde.objects.select_related("programma__coordinator").get(pk=pk)


def bijdragen_of(ronde: Rapportageronde):
    return ronde.bijdragen.select_related("maatregel__contact", "maatregel__actielijn").order_by(
        "maatregel__nummer"
    )


def is_late(bijdrage: Voortgangsbijdrage, today: date) -> bool:
    return bijdrage.bij_contact and bijdrage.deadline < today


def bijdrage_for_page(pk: int) -> Voortgangsbijdrage:
    return Voortgangsbijdrage.objects.select_related(
        "ronde__programma__coordinator", "maatregel__actielijn", "maatregel__contact"
    ).get(pk=pk)


def bijdragen_waiting_for(user, on: date):
    """Contributions this person must write now (as the contact, or as their substitute) or
    review (as the programme's coordinator)."""

    people = [user.pk, *substituted_by(user, on)]
    return (
        Voortgangsbijdrage.objects.filter(ronde__gerapporteerd_in__isnull=True)
        .filter(
            Q(
                maatregel__contact_id__in=people,
                status__in=[Bijdragestatus.GEVRAAGD, Bijdragestatus.TERUGGESTUURD],
            )
            | Q(ronde__programma__coordinator_id__in=people, status=Bijdragestatus.INGEDIEND)
        )
        .select_related("ronde", "maatregel")
        .order_by("deadline", "maatregel__nummer")
    )


def open_letters_of(programma_id: int):
    """The programme's letters that can still take a bijlage: not sent, not withdrawn."""

    KB = Kamerbrief.Status
    return (
        Kamerbrief.objects.filter(programmas__id=programma_id)
        .exclude(status__in=[KB.VERZONDEN, KB.GEPUBLICEERD, KB.INGETROKKEN])
        .order_by("-pk")
    )
