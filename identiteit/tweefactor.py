"""Two-factor login (django-otp's TOTP, with recovery codes): who must, enrolment, the check
after the password, and a beheerder's reset. Every outcome goes to the audit log.

Whether a session still owes its second factor is decided once, at login, and kept in the
session (SESSIE_NODIG), so that the pages of everyone else cost no extra query.
"""

import hashlib
import secrets
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from workflow.handelen import ActionNotAllowed
from workflow.models import Medewerker, Rol

from . import services
from .models import AuditRegel, Herstelcode, Sessie

# In the session: "instellen" (must enrol), "controleren" (must give a code), absent when done.
SESSIE_NODIG = "identiteit_tweefactor"
INSTELLEN, CONTROLEREN = "instellen", "controleren"
# On the request, from the id token (identiteit.oidc): did the provider ask a second factor?
PROVIDER_DEED_MFA = "_identiteit_provider_mfa"
HERSTELCODES = 10
_ALFABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed over


def verplicht_voor(user: Medewerker) -> bool:
    """Those who decide or sign on behalf of a bewindspersoon, and beheerders, when the setting
    PARAFEER_2FA_VERPLICHT is on (production; off in the demo)."""
    if not settings.PARAFEER_2FA_VERPLICHT:
        return False
    return user.is_superuser or user.has_rol(Rol.ONDERSTEUNING) or user.has_rol(Rol.BEHEERDER)


def apparaat_van(user: Medewerker) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def bij_aanmelden(*, user: Medewerker, request: HttpRequest) -> None:
    """At login: does this session owe a second factor, and which step?

    After a login through the identity provider, the organisation's own login decides for
    those not required to have one; those who are skip Parafeer's code only when the id token
    shows the provider asked for a second factor (identiteit.oidc.provider_deed_mfa)."""
    via_provider = getattr(user, "backend", "").startswith("identiteit.oidc.")
    if via_provider and (not verplicht_voor(user) or getattr(request, PROVIDER_DEED_MFA, False)):
        request.session.pop(SESSIE_NODIG, None)
        return
    if apparaat_van(user) is not None:
        request.session[SESSIE_NODIG] = CONTROLEREN
    elif verplicht_voor(user):
        request.session[SESSIE_NODIG] = INSTELLEN
    else:
        request.session.pop(SESSIE_NODIG, None)


def _hash(code: str) -> str:
    normalised = code.upper().replace("-", "").replace(" ", "")
    return hashlib.sha256(normalised.encode()).hexdigest()


def nieuw_apparaat(*, user: Medewerker) -> TOTPDevice:
    """An unconfirmed TOTP secret for the enrolment page; it counts once a code confirms it."""
    return TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// link as a QR code, an SVG data URI (the CSP allows data: images)."""
    import segno

    return str(segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2))


def geheim_leesbaar(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    import base64

    raw = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def moet_huidige_code_geven(*, user: Medewerker, request: HttpRequest) -> bool:
    """Replacing a working app takes a code from it (or a recovery code): else whoever finds
    a logged-in browser, or holds only the password after an OIDC login, could move the second
    factor to a phone of their own. Not while the session must set up its first app."""
    return request.session.get(SESSIE_NODIG) != INSTELLEN and apparaat_van(user) is not None


def tweefactor_instellen(
    *,
    user: Medewerker,
    device_pk: int,
    code: str,
    request: HttpRequest,
    huidige_code: str = "",
) -> list[str]:
    """Confirms the new device with a code from the app; returns the recovery codes (shown once).

    A wrong code is refused after the transaction, so its audit row and django-otp's throttle
    count are kept rather than rolled back with the refusal."""
    if moet_huidige_code_geven(user=user, request=request) and not tweefactor_controleren(
        user=user, code=huidige_code, request=request
    ):
        raise ActionNotAllowed(
            _(
                "The code of your current app is not right. Type the 6 digits it shows now, or "
                "one of your recovery codes, to replace it."
            )
        )
    codes = _instellen(user=user, device_pk=device_pk, code=code, request=request)
    if codes is None:
        raise ActionNotAllowed(
            _("That code is not right. Type the 6 digits your app shows now for Parafeer.")
        )
    return codes


@transaction.atomic
def _instellen(
    *, user: Medewerker, device_pk: int, code: str, request: HttpRequest
) -> list[str] | None:
    device = (
        TOTPDevice.objects.select_for_update().filter(pk=device_pk, user=user, confirmed=False)
    ).first()
    if device is None:
        raise ActionNotAllowed(_("This set-up has expired: start again."))
    _throttled(device)
    if not code.strip().isdigit() or not device.verify_token(code.strip()):
        services.audit_record(
            soort=AuditRegel.Soort.TWEEFACTOR_MISLUKT,
            medewerker=user,
            request=request,
            omschrijving=_("At set-up"),
        )
        return None
    now = timezone.now()
    # An earlier device and its codes stop counting: one app at a time.
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).update(
        confirmed=False
    )
    Herstelcode.objects.filter(
        medewerker=user, gebruikt_op__isnull=True, ingetrokken_op__isnull=True
    ).update(ingetrokken_op=now)
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = ["".join(secrets.choice(_ALFABET) for _ in range(12)) for _ in range(HERSTELCODES)]
    Herstelcode.objects.bulk_create(
        Herstelcode(medewerker=user, hash=_hash(c), aangemaakt_op=now) for c in codes
    )
    services.audit_record(
        soort=AuditRegel.Soort.TWEEFACTOR_INGESTELD, medewerker=user, request=request, now=now
    )
    request.session.pop(SESSIE_NODIG, None)
    return [f"{c[:4]}-{c[4:8]}-{c[8:]}" for c in codes]


@transaction.atomic
def tweefactor_controleren(*, user: Medewerker, code: str, request: HttpRequest) -> bool:
    """The code from the app, or a recovery code (used once). False when neither is right."""
    code = code.strip()
    device = apparaat_van(user)
    if device is not None and code.isdigit() and len(code) <= 8:
        _throttled(device)
        if device.verify_token(code):
            request.session.pop(SESSIE_NODIG, None)
            return True
    elif len(code) >= 12:
        herstel = (
            Herstelcode.objects.filter(
                medewerker=user,
                hash=_hash(code),
                gebruikt_op__isnull=True,
                ingetrokken_op__isnull=True,
            )
            .values_list("pk", flat=True)
            .first()
        )
        # Used once: the update itself checks the code is still unused, so of two logins at
        # once only one changes the row, on every database (SQLite has no row locks).
        if (
            herstel is not None
            and Herstelcode.objects.filter(
                pk=herstel, gebruikt_op__isnull=True, ingetrokken_op__isnull=True
            ).update(gebruikt_op=timezone.now())
            == 1
        ):
            services.audit_record(
                soort=AuditRegel.Soort.HERSTELCODE_GEBRUIKT, medewerker=user, request=request
            )
            request.session.pop(SESSIE_NODIG, None)
            return True
    services.audit_record(
        soort=AuditRegel.Soort.TWEEFACTOR_MISLUKT, medewerker=user, request=request
    )
    return False


def _throttled(device: TOTPDevice) -> None:
    """django-otp's throttle: after each wrong code the wait doubles; even the right code is
    refused until then, so the person is told how long, not that the code is wrong."""
    allowed, why = device.verify_is_allowed()
    if not allowed:
        until = (why or {}).get("locked_until")
        seconds = max(1, int((until - timezone.now()).total_seconds()) + 1) if until else 1
        raise ActionNotAllowed(
            ngettext(
                "Too many wrong codes. Wait %(n)s second and try again.",
                "Too many wrong codes. Wait %(n)s seconds and try again.",
                seconds,
            )
            % {"n": seconds}
        )


def herstelcodes_over(user: Medewerker) -> int:
    return Herstelcode.objects.filter(
        medewerker=user, gebruikt_op__isnull=True, ingetrokken_op__isnull=True
    ).count()


def tweefactor_herstellen(
    *,
    by: Medewerker,
    medewerker: Medewerker,
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> None:
    """A beheerder's reset, for a lost phone: the app and the recovery codes stop working, every
    session of the person ends, and at the next login they set up two-factor again.

    A beheerder resets only their own ministry's people and no superuser: a reset lets whoever
    holds the password set up a new app, so it must not reach beyond the beheerder's own
    ministry. A refusal is written to the audit log (outside the reset's transaction)."""
    if not (by.is_superuser or by.has_rol(Rol.BEHEERDER)):
        raise ActionNotAllowed(_("Only a beheerder resets someone's two-factor login."))
    weigering = None
    if not by.is_superuser:
        if medewerker.is_superuser:
            weigering = _(
                "%(naam)s is a superuser: only a superuser resets their two-factor login."
            ) % {"naam": medewerker}
        elif medewerker.eigen_ministerie_id != by.eigen_ministerie_id:
            weigering = _(
                "%(naam)s works for another ministry: ask a beheerder of that ministry to reset "
                "their two-factor login."
            ) % {"naam": medewerker}
    if weigering:
        services.audit_record(
            soort=AuditRegel.Soort.HERSTELLEN_GEWEIGERD,
            medewerker=medewerker,
            door=by,
            request=request,
            now=now,
            omschrijving=weigering,
        )
        raise ActionNotAllowed(weigering)
    _herstellen(by=by, medewerker=medewerker, request=request, now=now or timezone.now())


@transaction.atomic
def _herstellen(
    *, by: Medewerker, medewerker: Medewerker, request: HttpRequest | None, now: datetime
) -> None:
    list(Medewerker.objects.select_for_update().filter(pk=medewerker.pk))
    TOTPDevice.objects.filter(user=medewerker, confirmed=True).update(confirmed=False)
    Herstelcode.objects.filter(
        medewerker=medewerker, gebruikt_op__isnull=True, ingetrokken_op__isnull=True
    ).update(ingetrokken_op=now)
    sessies = Sessie.objects.filter(medewerker=medewerker, beeindigd_op__isnull=True)
    from importlib import import_module

    engine = import_module(settings.SESSION_ENGINE)
    for key in sessies.values_list("sessiesleutel", flat=True):
        engine.SessionStore(session_key=key).delete()
    sessies.update(beeindigd_op=now)
    services.audit_record(
        soort=AuditRegel.Soort.TWEEFACTOR_HERSTELD,
        medewerker=medewerker,
        door=by,
        request=request,
        now=now,
        omschrijving=_("The app and the recovery codes no longer work; every session ended."),
    )
