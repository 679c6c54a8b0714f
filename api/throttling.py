"""Rate limits per token (and per user for the browser's session)."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from .models import ApiSleutel


class PerTokenThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self):
        # Read at each request, not at import, so a deployment (or a test) can change it.
        return settings.PARAFEER_API_RATE

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiSleutel):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"ip-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
