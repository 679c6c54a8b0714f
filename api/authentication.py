"""`Authorization: Bearer pfr_…`: a personal API token acting as its owner."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .models import ApiSleutel, digest

# The last-used time is written at most this often, not on every call.
LAST_USED_PRECISION = timedelta(minutes=1)


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode("latin-1").lower() != self.keyword.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Give one token after “Bearer”."))
        try:
            sleutel = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("This token is not valid.")) from None
        token = ApiSleutel.objects.select_related("medewerker").filter(hash=digest(sleutel)).first()
        now = timezone.now()
        if token is None or not token.medewerker.is_active:
            raise exceptions.AuthenticationFailed(_("This token is not valid."))
        if token.ingetrokken_op is not None:
            raise exceptions.AuthenticationFailed(_("This token has been revoked."))
        if now >= token.verloopt_op:
            raise exceptions.AuthenticationFailed(
                _("This token expired: make a new one on your profile page.")
            )
        if token.laatst_gebruikt_op is None or now - token.laatst_gebruikt_op > LAST_USED_PRECISION:
            ApiSleutel.objects.filter(pk=token.pk).update(laatst_gebruikt_op=now)
        return token.medewerker, token

    def authenticate_header(self, request):
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A personal API token."}
