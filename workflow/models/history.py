"""The append-only history: every state change, by whom, on whose behalf, when, with which remark.

Rows are only ever inserted. Updating or deleting one is refused here, by the model and its
queryset, and on PostgreSQL also by a trigger (migration 0002), so that not even raw SQL or a
bug in Python can rewrite history.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from letters.models import Nota

from .routing import Parafeerstap


class HistoryIsAppendOnly(Exception):
    pass


def status_label(value: str) -> str:
    """The label of a status value of a nota or a parafeerstap (their values never collide)."""
    labels = {**dict(Nota.Status.choices), **dict(Parafeerstap.Status.choices)}
    return str(labels.get(value, value.replace("_", " "))) if value else ""


class AppendOnlyQuerySet(models.QuerySet):
    """A history's rows: added, never changed or deleted (the programme's history uses it too)."""

    def update(self, **kwargs):
        raise HistoryIsAppendOnly("History events cannot be changed.")

    def delete(self):
        raise HistoryIsAppendOnly("History events cannot be deleted.")

    def bulk_update(self, *args, **kwargs):
        raise HistoryIsAppendOnly("History events cannot be changed.")


class AlleenToevoegen(models.Model):
    """A history table: its rows are inserted, never changed or deleted (the queryset refuses
    the bulk forms, a trigger on PostgreSQL the raw ones)."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise HistoryIsAppendOnly("History events cannot be changed.")
        # Always an INSERT: a save with the pk of an existing event must fail, not overwrite it.
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise HistoryIsAppendOnly("History events cannot be deleted.")


class Gebeurtenis(AlleenToevoegen):
    class Kanaal(models.TextChoices):
        """How the change came in, when not through Parafeer's own pages or tasks."""

        API = "api", _("via the API")

    tijdstip = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    actie = models.CharField(_("action"), max_length=50)
    van_status = models.CharField(_("from status"), max_length=30, blank=True)
    naar_status = models.CharField(_("to status"), max_length=30, blank=True)
    actor = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the system acted."),
    )
    namens = models.ForeignKey(
        "workflow.Medewerker",
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The absent person whose substitute acted."),
    )
    namens_bewindspersoon = models.ForeignKey(
        "workflow.Bewindspersoon",
        verbose_name=_("on behalf of the member of government"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    opmerking = models.TextField(_("remark"), blank=True)
    kanaal = models.CharField(_("channel"), max_length=10, choices=Kanaal.choices, blank=True)
    versie = models.CharField(
        _("document version"),
        max_length=100,
        blank=True,
        help_text=_("The version of the documents the action was taken on."),
    )
    nota = models.ForeignKey(
        "letters.Nota",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gebeurtenissen",
    )
    parafeerstap = models.ForeignKey(
        "workflow.Parafeerstap",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gebeurtenissen",
    )
    kamerbrief = models.ForeignKey(
        "letters.Kamerbrief",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gebeurtenissen",
    )
    afstemmingsverzoek = models.ForeignKey(
        "letters.Afstemmingsverzoek",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gebeurtenissen",
    )
    toezegging = models.ForeignKey(
        "workflow.Toezegging",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gebeurtenissen",
    )
    motie = models.ForeignKey(
        "workflow.Motie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gebeurtenissen",
    )
    routesjabloon = models.ForeignKey(
        "workflow.RouteSjabloon",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gebeurtenissen",
    )

    class Meta:
        verbose_name = _("history event")
        verbose_name_plural = _("history events")
        ordering = ["tijdstip", "pk"]
        indexes = [
            models.Index(fields=["nota", "tijdstip"]),
            models.Index(fields=["kamerbrief", "tijdstip"]),
            models.Index(fields=["toezegging", "tijdstip"]),
            models.Index(fields=["motie", "tijdstip"]),
        ]

    def __str__(self):
        return f"{self.tijdstip:%d-%m-%Y %H:%M} {self.actie}"

    @property
    def van_label(self) -> str:
        """The status the item left, as the UI and the parafenblad name it."""
        return status_label(self.van_status)

    @property
    def naar_label(self) -> str:
        return status_label(self.naar_status)
