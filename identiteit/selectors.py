"""The audit log as a beheerder reads it: filtered, within their own ministry."""

from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from workflow.models import Medewerker, Rol

from .models import AuditRegel

# The ministry of the person a row concerns (workflow.models.organisation.EIGEN_MINISTERIE).
MINISTERIE_VAN_MEDEWERKER = Coalesce(
    "medewerker__organisatieonderdeel__ministerie_id",
    "medewerker__bureau_van__ministerie_id",
    "medewerker__ministerie_id",
)


def may_read_audit(user: Medewerker) -> bool:
    return user.is_authenticated and user.has_rol(Rol.BEHEERDER)


def audit_visible_to(user: Medewerker) -> QuerySet[AuditRegel]:
    """A superuser reads every row; a beheerder those about their own ministry's people, and
    failed logins with a username nobody has (they belong to no ministry)."""
    rows = AuditRegel.objects.select_related("medewerker", "door")
    if user.is_superuser:
        return rows
    ministerie = user.eigen_ministerie_id
    return rows.alias(ministerie=MINISTERIE_VAN_MEDEWERKER).filter(
        Q(ministerie=ministerie) | Q(medewerker__isnull=True)
    )


def audit_filter(
    rows: QuerySet[AuditRegel],
    *,
    wie: str = "",
    soort: str = "",
    van: date | None = None,
    tot: date | None = None,
) -> QuerySet[AuditRegel]:
    if wie:
        rows = rows.filter(
            Q(gebruikersnaam__iexact=wie)
            | Q(medewerker__last_name__icontains=wie)
            | Q(medewerker__first_name__icontains=wie)
        )
    if soort:
        rows = rows.filter(soort=soort)
    zone = timezone.get_current_timezone()
    if van:
        rows = rows.filter(tijdstip__gte=datetime.combine(van, time.min, tzinfo=zone))
    if tot:
        rows = rows.filter(tijdstip__lt=datetime.combine(tot + timedelta(days=1), time.min, zone))
    return rows.order_by("-tijdstip", "-pk")
