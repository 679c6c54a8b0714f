"""De werkstand: the open work counted as it moves, for the overzicht (workflow/overzicht.py).

One row per counted thing, per bereik (scope) it is seen from: "o:<unit id>" for a unit and each
unit above it, "min:<ministerie id>" for the ministry that wrote the nota and the ministry it is
addressed to. A manager reads the rows of the units they lead, parlementaire coördinatie those
of their ministry: a few hundred rows, not the 1,000,000 open steps of a DG's notas.

Three kinds (`soort`):
- "status": open notas per status, office (`wie_id` = aan) and unit (`onderdeel_id`);
- "beurt": steps at someone's turn, per parafeerder (`wie_id`);
- "termijn": what has a deadline (`status` = paraaf, besluit or afstemming), per deadline.

On PostgreSQL triggers keep it in the writing transaction (migration workflow/0029: the rows a
statement changes, as they were and as they are, become deltas applied once, sorted, at the
commit); the view `workflow_werkstand_live` counts the same from the live tables, and is what
SQLite (the demo) reads and what the tests compare the table with.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Werkstand(models.Model):
    class Soort(models.TextChoices):
        STATUS = "status", _("open notas by status")
        BEURT = "beurt", _("steps at someone's turn")
        TERMIJN = "termijn", _("deadlines")

    bereik = models.CharField(_("scope"), max_length=20)
    soort = models.CharField(_("kind"), max_length=10, choices=Soort.choices)
    # NULL where a kind has no status: the trigger-written rows are raw SQL, not the ORM.
    status = models.CharField(_("status"), max_length=30, null=True)  # noqa: DJ001
    # Plain numbers, not foreign keys: a count is derived data and locks nothing it counts.
    wie_id = models.BigIntegerField(_("who"), null=True)
    onderdeel_id = models.BigIntegerField(_("unit"), null=True)
    deadline = models.DateField(_("deadline"), null=True)
    aantal = models.BigIntegerField(_("count"))

    class Meta:
        verbose_name = _("open work count")
        verbose_name_plural = _("open work counts")
        indexes = [
            # The overzicht's busiest parafeerders of a bereik: its first rows, in order.
            models.Index(fields=["bereik", "soort", "-aantal"], name="werkstand_grootste"),
            # The overzicht's late steps of a kind: the first ten deadlines, in order.
            models.Index(
                fields=["bereik", "soort", "status", "deadline"],
                include=["aantal"],
                name="werkstand_termijnen",
            ),
        ]
        # The unique key (NULLS NOT DISTINCT, which the upsert needs) is made by the migration,
        # on PostgreSQL only: SQLite reads the live view.

    def __str__(self):
        return f"{self.bereik} {self.soort} {self.status or ''} {self.aantal}"
