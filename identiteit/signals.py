"""Receivers for django.contrib.auth's announcements: each writes the audit log (and the session
index) through identiteit.services."""

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from workflow.models import Medewerker

from . import services, tweefactor
from .models import AuditRegel


@receiver(user_logged_in, dispatch_uid="identiteit_logged_in")
def _logged_in(sender: object, request: HttpRequest, user: Medewerker, **kwargs: Any) -> None:
    services.login_record(user=user, request=request)
    tweefactor.bij_aanmelden(user=user, request=request)


@receiver(user_logged_out, dispatch_uid="identiteit_logged_out")
def _logged_out(
    sender: object, request: HttpRequest, user: Medewerker | None, **kwargs: Any
) -> None:
    services.logout_record(user=user, request=request)


@receiver(user_login_failed, dispatch_uid="identiteit_login_failed")
def _login_failed(
    sender: object,
    credentials: dict[str, Any],
    request: HttpRequest | None = None,
    **kwargs: Any,
) -> None:
    # Django has already masked the password in `credentials`; only the username is kept.
    username = str(credentials.get("username") or "")[:150]
    user = Medewerker.objects.filter(username=username).first() if username else None
    services.audit_record(
        soort=AuditRegel.Soort.AANMELDEN_MISLUKT,
        medewerker=user,
        gebruikersnaam=username,
        request=request,
    )
