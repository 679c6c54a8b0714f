from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programma"
    verbose_name = _("Programmes")

    def ready(self):
        from workflow.reminders import register_source
        from workflow.signals import kamerbrief_verzonden

        from .reminders import SOURCE
        from .services import rondes_reported_by

        # The contributions asked for are on the project's reminder ladder.
        register_source(SOURCE)

        # Sending the letter a voortgangsrapportage is attached to reports its round.
        kamerbrief_verzonden.connect(
            rondes_reported_by, dispatch_uid="programma.rondes_reported_by"
        )
