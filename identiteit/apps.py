from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class IdentiteitConfig(AppConfig):
    name = "identiteit"
    verbose_name = _("Identity and access")

    def ready(self) -> None:
        # Logging in and out happens inside django.contrib.auth, which announces it by signal
        # only: the receivers write the audit log and the session index (identiteit/signals.py).
        from . import signals  # noqa: F401

        check_oidc_settings()


def check_oidc_settings() -> None:
    """Without the issuer the id token's `iss` goes unchecked (identiteit/oidc.py), so a token
    from any provider the keys happen to sign would do: single sign-on refuses to start."""
    if settings.PARAFEER_OIDC and not settings.OIDC_OP_ISSUER:
        raise ImproperlyConfigured(
            "OIDC_RP_CLIENT_ID is set but OIDC_OP_ISSUER is empty: set it to the provider's "
            "`issuer` (from its /.well-known/openid-configuration)."
        )
