from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentiteitConfig(AppConfig):
    name = "identiteit"
    verbose_name = _("Identity and access")

    def ready(self) -> None:
        # Logging in and out happens inside django.contrib.auth, which announces it by signal
        # only: the receivers write the audit log and the session index (identiteit/signals.py).
        from . import signals  # noqa: F401
