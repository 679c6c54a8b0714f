from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programma"
    verbose_name = _("Programmes")
