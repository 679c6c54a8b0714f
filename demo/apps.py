from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo and the bench's data: the seed case, the organisation, the programme, and
    generated ministries of any size. Above every other app; nothing imports it at runtime."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
    verbose_name = _("Demo")
