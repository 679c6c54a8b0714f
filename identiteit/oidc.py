"""Single sign-on with OpenID Connect (mozilla-django-oidc): the authorization code flow with
PKCE, the id token checked for signature, issuer, audience and expiry, the person matched by a
configurable claim, and roles and unit taken from claims where the provider gives them.

Every refusal is an OidcWeigering with a Dutch message for the person; the callback view shows
it and writes it to the audit log.
"""

from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from workflow.auth import MedewerkerBackend
from workflow.models import Medewerker, Organisatieonderdeel, Rol

from . import services
from .models import AuditRegel
from .tweefactor import PROVIDER_DEED_MFA

# The roles a provider may hand out (the others follow from someone's unit or office).
ROLLEN_UIT_CLAIMS = {Rol.BEHEERDER.value, Rol.PARLEMENTAIRE_COORDINATIE.value}
# The id token's `amr` values (RFC 8176) that show the provider asked for a second factor.
AMR_MEERDERE_FACTOREN = {"mfa", "otp", "hwk", "swk"}


def provider_deed_mfa(payload: dict[str, Any]) -> bool:
    """Did the provider's login use more than a password, by the id token's amr or acr?"""
    amr = payload.get("amr")
    if isinstance(amr, list) and AMR_MEERDERE_FACTOREN & {str(a) for a in amr}:
        return True
    acr = payload.get("acr")
    return isinstance(acr, str) and acr in settings.OIDC_MFA_ACR


class OidcWeigering(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ParafeerOIDCBackend(OIDCAuthenticationBackend):
    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        """mozilla-django-oidc checks the signature and the nonce only; the audience, the issuer
        and the expiry are checked here too, each with its own message."""
        key = self.retrieve_matching_jwk(token)
        try:
            payload: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_OP_ISSUER,  # never empty (identiteit.apps)
                leeway=settings.OIDC_KLOKSPELING,
                options={"require": ["exp", "iat", "aud", "iss", "sub"]},
            )
        except jwt.ExpiredSignatureError:
            raise OidcWeigering(
                _("Your login at the identity provider has expired. Log in again.")
            ) from None
        except jwt.InvalidAudienceError:
            raise OidcWeigering(
                _(
                    "The identity provider's answer was meant for another application, not "
                    "Parafeer. Log in again; if this keeps happening, tell the service desk."
                )
            ) from None
        except jwt.PyJWTError as error:
            raise OidcWeigering(
                _("The identity provider's answer could not be verified (%(fout)s).")
                % {"fout": type(error).__name__}
            ) from None
        if kwargs.get("nonce") != payload.get("nonce"):
            raise OidcWeigering(_("The login could not be verified. Log in again."))
        request = getattr(self, "request", None)
        if request is not None:
            setattr(request, PROVIDER_DEED_MFA, provider_deed_mfa(payload))
        return payload

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> dict:
        # The id token's claims, completed by the userinfo endpoint.
        return {**payload, **super().get_userinfo(access_token, id_token, payload)}

    def _match_value(self, claims: dict[str, Any]) -> str:
        return str(claims.get(settings.OIDC_GEBRUIKER_CLAIM) or "").strip()

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(self._match_value(claims))

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        veld = "email" if settings.OIDC_GEBRUIKER_VELD == "email" else "username"
        value = self._match_value(claims)
        # Many providers let people type any address into their profile: an address counts
        # as who someone is only when the provider says it checked it.
        op_adres = veld == "email" or settings.OIDC_GEBRUIKER_CLAIM == "email"
        if op_adres and value and claims.get("email_verified") is not True:
            raise OidcWeigering(
                _(
                    "The identity provider has not confirmed your e-mail address, so Parafeer "
                    "cannot tell who you are. Confirm your address at your organisation, or ask "
                    "the service desk."
                )
            )
        return Medewerker.objects.filter(**{f"{veld}__iexact": value}) if value else []

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict) -> Any:
        try:
            user = super().get_or_create_user(access_token, id_token, payload)
        except SuspiciousOperation:
            raise OidcWeigering(
                _(
                    "The identity provider did not say who you are (claim “%(claim)s” is "
                    "missing), or it matches more than one account."
                )
                % {"claim": settings.OIDC_GEBRUIKER_CLAIM}
            ) from None
        if user is None:
            raise _onbekend()
        if not user.is_active:
            raise OidcWeigering(_("Your access to Parafeer has been ended."))
        return user

    @transaction.atomic
    def create_user(self, claims: dict[str, Any]) -> Medewerker:
        value = self._match_value(claims)
        veld = settings.OIDC_GEBRUIKER_VELD

        def claim(name: str) -> str:
            # A provider may send a claim as null.
            return str(claims.get(name) or "")

        user = Medewerker(
            username=(value if veld != "email" else (claim("preferred_username") or value))[:150],
            email=claim("email") or (value if veld == "email" else ""),
            first_name=claim("given_name")[:150],
            last_name=claim("family_name")[:150],
        )
        user.set_unusable_password()
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:
            # Someone else already has this username: a beheerder decides who this is.
            raise _onbekend() from None
        return self.update_user(user, claims, nieuw=True)

    @transaction.atomic
    def update_user(self, user: Medewerker, claims: dict[str, Any], nieuw: bool = False) -> Any:
        """Roles and unit from the claims, where the provider gives them; every change audited."""
        changes = []
        rollen_claim = settings.OIDC_ROLLEN_CLAIM
        if rollen_claim and rollen_claim in claims:
            given = claims[rollen_claim]
            wanted = {
                r for r in (given if isinstance(given, list) else [given])
            } & ROLLEN_UIT_CLAIMS
            current = set(
                user.groups.filter(name__in=ROLLEN_UIT_CLAIMS).values_list("name", flat=True)
            )
            for name in wanted - current:
                user.groups.add(Group.objects.get_or_create(name=name)[0])
                changes.append(_("role %(rol)s given") % {"rol": name})
            for name in current - wanted:
                user.groups.remove(Group.objects.get(name=name))
                changes.append(_("role %(rol)s taken away") % {"rol": name})
        onderdeel_claim = settings.OIDC_ONDERDEEL_CLAIM
        if onderdeel_claim and claims.get(onderdeel_claim):
            onderdeel = (
                Organisatieonderdeel.objects.filter(code__iexact=str(claims[onderdeel_claim]))
                .order_by("pk")
                .first()
            )
            if onderdeel is not None and onderdeel.pk != user.organisatieonderdeel_id:
                user.organisatieonderdeel = onderdeel
                user.save(update_fields=["organisatieonderdeel"])
                changes.append(_("unit %(code)s") % {"code": onderdeel.code})
        if changes or nieuw:
            services.audit_record(
                soort=AuditRegel.Soort.ROL_GEWIJZIGD,
                medewerker=user,
                request=getattr(self, "request", None),
                omschrijving=(
                    _("From the identity provider: %(wat)s")
                    % {"wat": ", ".join(changes) if changes else _("account created")}
                ),
            )
        return user

    def get_user(self, user_id: int) -> Medewerker | None:
        # As for a password login: the user comes with their roles, in one query.
        return MedewerkerBackend().get_user(user_id)


def _onbekend() -> OidcWeigering:
    return OidcWeigering(
        _(
            "You are logged in at your organisation, but Parafeer does not know you "
            "yet. Ask a beheerder of Parafeer to give you access."
        )
    )


def _enabled() -> None:
    if not settings.PARAFEER_OIDC:
        raise Http404(_("Logging in through an identity provider is not set up."))


class InloggenView(OIDCAuthenticationRequestView):
    def get(self, request: HttpRequest) -> HttpResponse:
        _enabled()
        return super().get(request)


class CallbackView(OIDCAuthenticationCallbackView):
    def get(self, request: HttpRequest) -> HttpResponse:
        _enabled()
        try:
            return super().get(request)
        except OidcWeigering as refusal:
            reden = refusal.message
        except SuspiciousOperation:
            reden = _(
                "This login could not be verified: it did not start here, or it was already "
                "used. Log in again."
            )
        except requests.RequestException:
            reden = _(
                "The identity provider could not be reached or refused Parafeer. Try again later."
            )
        return self._refused(reden)

    def login_failure(self) -> HttpResponse:
        if self.request.GET.get("error"):
            return self._refused(
                _("The identity provider did not log you in (%(fout)s).")
                % {"fout": self.request.GET.get("error", "")[:100]}
            )
        return self._refused(_("The login could not be completed. Log in again."))

    def _refused(self, reden: str) -> HttpResponse:
        services.audit_record(
            soort=AuditRegel.Soort.AANMELDEN_MISLUKT,
            request=self.request,
            omschrijving=_("Through the identity provider: %(reden)s") % {"reden": reden},
        )
        return render(self.request, "identiteit/oidc_mislukt.html", {"reden": reden}, status=403)


def provider_logout_url(request: HttpRequest, id_token: str | None) -> str | None:
    """Where to send the browser after logging out here, so the provider logs out too."""
    if not (settings.PARAFEER_OIDC and settings.OIDC_OP_LOGOUT_ENDPOINT and id_token):
        return None
    from django.utils.http import urlencode

    return (
        settings.OIDC_OP_LOGOUT_ENDPOINT
        + "?"
        + urlencode(
            {
                "id_token_hint": id_token,
                "client_id": settings.OIDC_RP_CLIENT_ID,
                "post_logout_redirect_uri": request.build_absolute_uri("/inloggen/"),
            }
        )
    )
