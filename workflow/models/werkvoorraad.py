"""The version of a werkvoorraad: a counter per key that every write a werkvoorraad reads bumps,
in the writing transaction, so that a cached werkvoorraad (workflow/werkvoorraad_cache.py) is
never read after an act that changed it.

Keys: "m:<medewerker id>" (a person's own lines: their steps, drafts, follows, what they
opened, whom they stand in for), "b:<bewindspersoon id>" (an office's shared lines: ter
beslissing, om akkoord, te ondertekenen) and "g" (the organisation, which names every line's
directie). The bumps are database triggers (migration workflow/0027), so that no service, bulk
update or admin edit can forget one.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WerkvoorraadVersie(models.Model):
    sleutel = models.CharField(_("key"), max_length=40, primary_key=True)
    versie = models.BigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("work queue version")
        verbose_name_plural = _("work queue versions")

    def __str__(self):
        return f"{self.sleutel} v{self.versie}"
